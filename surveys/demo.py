"""Demo survey for `manage.py load_demo`: a members-only list of surveys and one open survey
with a dozen answers, given through the service (so each member answered once, anonymously).

The role accounts have not answered, so that they can try. Found again by slug; a second run
creates nothing. The texts are written for Relais.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from members import roles
from members.demo import ACCOUNTS, demo_people

from . import services
from .models import SurveyIndexPage, SurveyPage, SurveyQuestion

QUESTIONS = [
    (
        "Comment jugez-vous les rencontres du réseau cette année ?",
        "radio",
        "Très utiles\nUtiles\nPeu utiles\nJe n’y suis pas allé·e",
    ),
    (
        "Quels sujets aimeriez-vous voir traités ?",
        "checkboxes",
        "Prévention de l’épuisement\nConflits d’équipe\nDroit du travail\nReconversion",
    ),
    ("Recommanderiez-vous Relais à un·e collègue ?", "checkbox", ""),
    ("Une idée, une remarque ?", "multiline", ""),
]

# (answer to each question in order), given by twelve demo members.
ANSWERS = [
    ("Très utiles", ["Prévention de l’épuisement", "Conflits d’équipe"], True, ""),
    ("Très utiles", ["Prévention de l’épuisement"], True, "Plus de rencontres en soirée."),
    ("Utiles", ["Droit du travail"], True, ""),
    ("Très utiles", ["Conflits d’équipe"], True, ""),
    ("Utiles", ["Prévention de l’épuisement", "Reconversion"], False, ""),
    ("Très utiles", ["Prévention de l’épuisement"], True, "Merci pour l’accueil."),
    ("Je n’y suis pas allé·e", ["Reconversion"], True, ""),
    ("Utiles", ["Conflits d’équipe", "Droit du travail"], True, ""),
    ("Très utiles", ["Prévention de l’épuisement"], True, ""),
    ("Utiles", ["Conflits d’équipe"], True, "Des ateliers en petit groupe ?"),
    ("Très utiles", ["Prévention de l’épuisement", "Droit du travail"], True, ""),
    ("Peu utiles", ["Reconversion"], False, ""),
]


def _index(home):
    existing = Page.objects.child_of(home).filter(slug="sondages").first()
    if existing is not None:
        return existing.specific, 0
    index = SurveyIndexPage(
        title="Sondages",
        slug="sondages",
        intro="Votre avis oriente les activités du réseau. Les réponses sont anonymes.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.MEMBERS)])
    return index, 1


def load(*, stdout, password=None):
    home = HomePage.objects.first()
    if home is None:
        stdout.write(_("Sondages de démonstration : la page d’accueil manque."))
        return 0
    index, created = _index(home)
    if Page.objects.child_of(index).filter(slug="avis-activites").exists():
        stdout.write(_("Sondages de démonstration : tout existe déjà."))
        return created
    now = timezone.now()
    survey = SurveyPage(
        title="Votre avis sur les activités du réseau",
        slug="avis-activites",
        intro=(
            "Cinq minutes pour nous dire ce qui vous a servi cette année et ce que vous "
            "aimeriez pour la suivante."
        ),
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=21),
    )
    survey.form_fields = [
        SurveyQuestion(label=label, field_type=kind, choices=choices, required=False)
        for label, kind, choices in QUESTIONS
    ]
    index.add_child(instance=survey)
    survey.save_revision().publish()
    role_emails = {email for email, *_rest in ACCOUNTS}
    people = demo_people().exclude(email__in=role_emails).order_by("-email")[: len(ANSWERS)]
    keys = [question.clean_name for question in survey.form_fields.all()]
    for person, values in zip(people, ANSWERS, strict=False):
        services.answer_survey(survey=survey, by=person, data=dict(zip(keys, values, strict=True)))
    stdout.write(
        _("Sondage de démonstration créé, avec %(count)d réponses.") % {"count": len(ANSWERS)}
    )
    return created + 1 + len(ANSWERS)
