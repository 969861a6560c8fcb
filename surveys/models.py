"""Surveys as CMS pages built with Wagtail's form builder, answered anonymously (R-C14, R-K13).

Two records per answer, written in the same transaction and linked by nothing:

- SurveyAnswer holds what was answered, with no user, a random id (UUID: no sequence that could
  be lined up with the order of responders) and only the day of the answer;
- SurveyResponder holds who has answered, with no time at all, so that nobody answers twice.

Nothing in the database says which answer is whose.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.models import Page

from home.context_builders import BuiltContext

# The question types a survey offers: no e-mail, URL, date or hidden field, which would invite
# answers that identify the person.
QUESTION_TYPES = (
    ("radio", _("Choix unique (boutons)")),
    ("dropdown", _("Choix unique (liste)")),
    ("checkboxes", _("Choix multiples (cases)")),
    ("multiselect", _("Choix multiples (liste)")),
    ("checkbox", _("Case à cocher (oui / non)")),
    ("number", _("Nombre (par exemple une note)")),
    ("singleline", _("Texte court")),
    ("multiline", _("Texte long")),
)
CHOICE_TYPES = frozenset({"radio", "dropdown", "checkboxes", "multiselect"})
TEXT_TYPES = frozenset({"singleline", "multiline"})


class SurveyIndexPage(BuiltContext, Page):
    """Where the network's surveys are listed, for the members who may read them.

    Context: surveys.page_context.survey_index_page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["surveys.SurveyPage"]

    class Meta:
        verbose_name = _("liste des sondages")


class SurveyQuestion(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("type de question"), max_length=16, choices=QUESTION_TYPES)
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")


class SurveyPage(BuiltContext, AbstractForm):
    """A members-only survey, open between two dates, one answer per member.

    Context: surveys.page_context.survey_page.
    """

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("message de remerciement"), default=_("Merci, votre réponse est enregistrée.")
    )
    opens_at = models.DateTimeField(_("ouverture (heure de Paris)"))
    closes_at = models.DateTimeField(_("clôture (heure de Paris)"))

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        InlinePanel("form_fields", label=_("Questions")),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading=_("Après la réponse")),
    ]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sondage")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La clôture doit venir après l’ouverture.")})

    def get_submission_class(self):
        return SurveyAnswer

    def serve(self, request, *args, **kwargs):
        from .views import serve_survey

        return serve_survey(self, request)


class SurveyAnswer(AbstractFormSubmission):
    """What one member answered, without who: no user, a random id, the day only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submit_time = models.DateTimeField(_("jour de la réponse"))

    class Meta:
        verbose_name = _("réponse anonyme")
        verbose_name_plural = _("réponses anonymes")


class SurveyResponder(models.Model):
    """That a member has answered a survey, and nothing else (not when, not what). Its id is
    random too, so that the order of responders says nothing about the order of answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_answers_given"
    )

    class Meta:
        verbose_name = _("personne ayant répondu")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_member")
        ]

    def __str__(self):
        return f"responder {self.pk}"
