"""Forms of the member's pages: asking for help (R-C1, R-P2) and answering what the network asks.

They check what was typed; the services decide whether the action is allowed now. Every form
that acts on an existing request carries the `version` it was rendered with, so that a form
posted from an older state of the request is refused by the service (issue #6, bad input).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Theme
from members.models.profiles import phone_validator

from ..models import Channel
from ..network_settings import current_settings

SUBJECT_MAX_LENGTH = 120
SINCE_MAX_LENGTH = 120
JOB_TITLE_MAX_LENGTH = 120
NOTE_MAX_LENGTH = 1000
COMMENT_MAX_LENGTH = 1000


def description_limit():
    """The network's limit on the description (HelpRequestSettings, set in the admin)."""
    return current_settings().description_max_length


def not_in_the_past(value):
    if value is not None and value < timezone.localdate():
        raise ValidationError(
            _("Choisissez une date à venir : celle-ci est déjà passée."), code="past"
        )
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionedForm(forms.Form):
    """A form acting on a request: `version` is the state of the request it was rendered with."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --- Asking ---------------------------------------------------------------------------------


class TextField(forms.CharField):
    """A multi-line text: line breaks count as one character (browsers send \r\n), as the
    live counter counts them, and spaces at either end are dropped."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class HelpRequestForm(forms.Form):
    """The request itself (R-C1, R-P2), for the member or for the coordination (R-G3).

    Field names are those `services.submit_request(data=...)` takes.
    """

    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.none(),
        empty_label=_("Choisissez un thème"),
        error_messages={"required": _("Choisissez le thème qui se rapproche le plus.")},
    )
    subject = forms.CharField(
        label=_("Objet"),
        max_length=SUBJECT_MAX_LENGTH,
        help_text=_("Une phrase courte, sans nom de personne."),
        error_messages={"required": _("Donnez un objet à votre demande, en une phrase.")},
    )
    description = TextField(
        label=_("Votre situation"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Décrivez votre situation en quelques lignes.")},
    )
    since = forms.CharField(
        label=_("Depuis quand ?"),
        max_length=SINCE_MAX_LENGTH,
        help_text=_("Par exemple : depuis la rentrée, depuis trois semaines, depuis hier."),
        error_messages={"required": _("Indiquez depuis quand la situation dure.")},
    )
    needed_by = forms.DateField(
        label=_("Réponse souhaitée avant le"),
        widget=DateInput(),
        validators=[not_in_the_past],
        error_messages={
            "required": _("Indiquez la date avant laquelle une réponse vous serait utile."),
            "invalid": _("Saisissez une date valide, par exemple 31/12/2030."),
        },
    )
    urgent = forms.BooleanField(
        label=_("C’est urgent"),
        required=False,
        help_text=_(
            "Une demande urgente est rappelée en dehors des créneaux habituels de l’équipe, "
            "dès que possible. Ce n’est pas un service d’urgence : en cas de danger, appelez les "
            "numéros ci-dessous."
        ),
    )
    channel = forms.ChoiceField(
        label=_("Comment préférez-vous être recontacté·e ?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        initial=Channel.PHONE,
    )
    callback_phone = forms.CharField(
        label=_("Téléphone pour vous rappeler"),
        max_length=24,
        required=False,
        validators=[phone_validator],
        help_text=_("Obligatoire si vous choisissez d’être rappelé·e par téléphone."),
    )
    job_title = forms.CharField(
        label=_("Votre fonction"), max_length=JOB_TITLE_MAX_LENGTH, required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Votre organisation"),
        queryset=None,
        required=False,
        empty_label=_("Aucune ou ne souhaite pas le dire"),
    )
    on_behalf_of_client = forms.BooleanField(
        label=_("Je demande pour le compte d’un·e client·e"),
        required=False,
        help_text=_("Cochez si la situation est celle d’une personne que vous accompagnez."),
    )
    offers_wanted = forms.BooleanField(
        label=_("Je souhaite recevoir des devis"),
        required=False,
        help_text=_(
            "Les réponses simples (conseil, information, document) sont gratuites. Pour un "
            "accompagnement plus long, vous pouvez recevoir des devis indiquant le prix habituel "
            "et le prix pour le réseau."
        ),
    )

    for_someone = False  # True when a coordinator types it for someone (R-G3)
    phone_missing_message = _(
        "Indiquez le numéro auquel vous rappeler, ou choisissez un autre moyen."
    )

    def __init__(self, *args, organisations, description_max_length, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("sort_order", "name")
        self.fields["organisation"].queryset = organisations
        description = self.fields["description"]
        description.max_length = description_max_length
        description.validators.append(_MaxLength(description_max_length))
        description.widget.attrs["data-counter-max"] = str(description_max_length)
        description.help_text = _(
            "Restez concis·e : %(limit)s caractères au plus. Évitez les noms de personnes."
        ) % {"limit": description_max_length}

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean(self):
        cleaned = super().clean()
        phone_missing = not cleaned.get("callback_phone") and "callback_phone" not in self.errors
        if cleaned.get("channel") == Channel.PHONE and phone_missing:
            self.add_error(
                "callback_phone", ValidationError(self.phone_missing_message, code="required")
            )
        return cleaned

    def request_data(self):
        """What services.submit_request takes as `data`."""
        return {name: self.cleaned_data[name] for name in self.fields}

    @staticmethod
    def initial_from_profile(profile):
        """Job title, organisation and phone prefilled from the member's profile (R-P2)."""
        if profile is None:
            return {}
        return {
            "job_title": profile.job_title,
            "organisation": profile.organisation_id,
            "callback_phone": profile.phone,
        }


class RecordHelpRequestForm(HelpRequestForm):
    """The same request, typed by a coordinator for the person who phoned or wrote (R-G3): the
    labels and messages speak about that person, not to them."""

    for_someone = True
    phone_missing_message = _(
        "Indiquez le numéro auquel rappeler la personne, ou choisissez un autre moyen."
    )
    LABELS = {
        "description": _("Situation de la personne"),
        "channel": _("Comment préfère-t-elle être recontactée ?"),
        "callback_phone": _("Téléphone pour la rappeler"),
        "job_title": _("Sa fonction"),
        "organisation": _("Son organisation"),
        "on_behalf_of_client": _("Elle demande pour le compte d’un·e client·e"),
        "offers_wanted": _("Elle souhaite recevoir des devis"),
    }
    HELP_TEXTS = {
        "callback_phone": _("Obligatoire si elle souhaite être rappelée par téléphone."),
        "on_behalf_of_client": _(
            "Cochez si la situation est celle d’une personne qu’elle accompagne."
        ),
        "offers_wanted": _(
            "Les réponses simples (conseil, information, document) sont gratuites. Pour un "
            "accompagnement plus long, elle peut recevoir des devis indiquant le prix habituel "
            "et le prix pour le réseau."
        ),
    }
    ERRORS = {
        ("subject", "required"): _("Donnez un objet à la demande, en une phrase."),
        ("description", "required"): _("Décrivez la situation de la personne en quelques lignes."),
        ("needed_by", "required"): _(
            "Indiquez la date avant laquelle une réponse lui serait utile."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.LABELS.items():
            self.fields[name].label = label
        for name, text in self.HELP_TEXTS.items():
            self.fields[name].help_text = text
        for (name, code), message in self.ERRORS.items():
            self.fields[name].error_messages[code] = message


class _MaxLength:
    """The description limit with a message that says how long the text is."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        if len(value) > self.limit:
            raise ValidationError(
                _(
                    "La description est trop longue : %(limit)s caractères au plus "
                    "(elle en compte %(count)s). Raccourcissez-la ; le détail pourra venir "
                    "dans les messages."
                ),
                code="max_length",
                params={"limit": self.limit, "count": len(value)},
            )


# --- Acting on one's request ---------------------------------------------------------------


class WithdrawForm(VersionedForm):
    """R-C4: the member says the problem is solved or gone."""

    note = forms.CharField(
        label=_("Un mot pour la coordination (facultatif)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsentForm(VersionedForm):
    """R-C10: give or withdraw the member's consent for one helper."""

    routing = forms.IntegerField(widget=forms.HiddenInput)
    give = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")),
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


class OffersForm(VersionedForm):
    """R-C5: ask for (further) quotes."""


class OfferAnswerForm(VersionedForm):
    accept = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")),
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


class SupervisionAnswerForm(VersionedForm):
    agree = forms.TypedChoiceField(
        choices=(("1", "1"), ("0", "0")),
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


YES_NO = (("yes", _("Oui")), ("no", _("Non")))


class QuestionnaireForm(VersionedForm):
    """R-P7, R-K13: a short questionnaire; answering it closes the request."""

    overall = forms.TypedChoiceField(
        label=_("Dans l’ensemble, êtes-vous satisfait·e ? (1 : pas du tout, 5 : tout à fait)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 à 5.")},
    )
    timely = forms.TypedChoiceField(
        label=_("La réponse est-elle arrivée à temps ?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou par non.")},
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Recommanderiez-vous ce service à un·e collègue ?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou par non.")},
    )
    comment = forms.CharField(
        label=_("Un commentaire (facultatif)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vos réponses sont utilisées sans votre nom, pour améliorer le service."),
    )
