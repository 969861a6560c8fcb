"""Demo accreditation for `manage.py load_demo` (issue #19).

- Élodie, who saw the closed request D-DEMOAE through, has paused her activity for health
  reasons and expects to be back in three weeks;
- Marion, who took the closed request D-DEMOAD, received a complaint from its member (the
  charter's confidentiality article); the coordination recorded a sanction and suspended her;
- Rachid's insurance expires next month (the worker's reminder will reach him);
- the helper role account (aidant@relais.test) keeps every obligation: insurance, a training
  this year and a peer group, so the coordination's overview shows a helper missing nothing.

These helpers hold no request still open, so nothing is handed back. Everything goes through
the services at past moments, quietly (no e-mail). A second run creates nothing: a helper who
already has an accreditation row is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helprequests.demo import ELODIE, HELPER_ACCOUNT, MARION, RACHID, _member
from helprequests.models import HelpRequest
from helprequests.services.common import quiet_notifications
from members.demo import COORDINATOR_EMAIL
from members.models import User

from . import services
from .models import Accreditation, Outcome, PauseReason, SupervisionKind

COMPLAINT_REQUEST = "D-DEMOAD"


def _users():
    emails = {
        "coordinator": COORDINATOR_EMAIL,
        "paused": _member(ELODIE),
        "suspended": _member(MARION),
        "insured": _member(RACHID),
        "complete": HELPER_ACCOUNT,
    }
    found = {key: User.objects.filter(email__iexact=email).first() for key, email in emails.items()}
    return found if all(found.values()) else None


def load(*, stdout, password=None):
    people = _users()
    request = HelpRequest.objects.filter(reference=COMPLAINT_REQUEST).first()
    if people is None or request is None:
        stdout.write(_("Agrément de démonstration : les aidant·es de démonstration manquent."))
        return 0
    helpers = [people[key] for key in ("paused", "suspended", "insured", "complete")]
    if Accreditation.objects.filter(helper__in=helpers).exists():
        stdout.write(_("Agrément de démonstration : tout existe déjà."))
        return 0
    now = timezone.now()
    today = timezone.localdate()
    coordinator = people["coordinator"]
    with transaction.atomic(), quiet_notifications():
        _complete(people["complete"], today, now)
        services.pause(
            helper=people["paused"],
            by=people["paused"],
            pause_reason=PauseReason.HEALTH,
            return_on=today + timedelta(days=21),
            now=now - timedelta(days=4),
        )
        marion = people["suspended"]
        complaint = services.file_complaint(
            by=request.requester,
            helper=marion,
            charter_article="Article 7 — Confidentialité",
            account=(
                "Lors de notre deuxième échange, l’aidante a cité le nom de mon service et "
                "le détail de ma situation en présence d’une personne que je ne connaissais "
                "pas. Je ne l’avais pas autorisée à en parler."
            ),
            anonymous=True,
            request=request,
            now=now - timedelta(days=12),
        )
        services.record_outcome(
            complaint=complaint,
            by=coordinator,
            outcome=Outcome.SANCTION,
            note=(
                "Manquement à l’article 7 de la charte, reconnu lors de l’entretien avec la "
                "coordination. Suspension d’un mois et reprise d’une supervision avant tout "
                "nouvel accompagnement."
            ),
            now=now - timedelta(days=6),
        )
        services.suspend(
            helper=marion,
            by=coordinator,
            reason=(
                "Suspension d’un mois à la suite d’une plainte (article 7, confidentialité). "
                "Nous ferons le point avec vous à son terme, après votre reprise de supervision."
            ),
            now=now - timedelta(days=6),
        )
        services.save_insurance(
            helper=people["insured"],
            by=people["insured"],
            insurer="Mutuelle des métiers de l’accompagnement",
            policy_number="RCP-2025-04417",
            expires_on=today + timedelta(days=35),
            now=now - timedelta(days=300),
        )
    stdout.write(_("Agrément de démonstration : %(count)d aidant·es mis·es à jour.") % {"count": 4})
    return 4


def _complete(helper, today, now):
    services.save_insurance(
        helper=helper,
        by=helper,
        insurer="Assurances mutuelles du Rhône",
        policy_number="RC-PRO-88213",
        expires_on=today + timedelta(days=240),
        now=now - timedelta(days=125),
    )
    services.add_training(
        helper=helper,
        by=helper,
        title="Repérer et orienter les situations de souffrance au travail",
        organiser="Institut régional de formation sociale",
        completed_on=today - timedelta(days=80),
        hours=14,
        now=now - timedelta(days=79),
    )
    services.save_supervision(
        helper=helper,
        by=helper,
        kind=SupervisionKind.PEER_GROUP,
        name="Groupe d’analyse de pratiques de Villeurbanne (mensuel)",
        now=now - timedelta(days=79),
    )
