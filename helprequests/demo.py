"""Demo help requests for `manage.py load_demo`: about twenty requests in every state.

Each request is built through the services (so that its history, routings, consents and object
permissions are real), quietly (no e-mail), then its dates are spread back in time so that the
coordination queue shows green, amber and red clocks. A request is found again by its fixed
reference ("D-DEMO…"), so that a second run creates nothing.

The role accounts have something to look at: the member account (membre@relais.test) has a
request waiting, one being worked on with contact shared and messages, one waiting for its
questionnaire and one closed; the helper account (aidant@relais.test) has an offer to answer and
requests in hand; the coordination account has a queue with overdue and urgent requests and an
alert to handle. The texts are written for Relais.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.models import Theme
from members.demo import ACCOUNTS, COORDINATOR_EMAIL, MEMBERS, _email
from members.models import User

from . import services
from .models import (
    Alert,
    DelayNotice,
    HelpKind,
    HelpRequest,
    Message,
    Offer,
    Routing,
    Status,
    SupervisionShare,
    Transition,
)
from .services.common import quiet_notifications

MEMBER_ACCOUNT = ACCOUNTS[0][0]  # membre@relais.test
HELPER_ACCOUNT = ACCOUNTS[2][0]  # aidant@relais.test


def _member(index):
    first_name, last_name, *_rest = MEMBERS[index]
    return _email(first_name, last_name)


# Demo helpers (members.demo.HELPERS): index in MEMBERS.
NADIA, ELODIE, MARION, ISABELLE, RACHID, ANAIS, NATHALIE, AURELIE = (2, 6, 10, 16, 25, 32, 38, 13)


@dataclass
class DemoRequest:
    reference: str
    requester: str  # e-mail
    theme: str  # slug
    subject: str
    description: str
    since: str
    status: str
    hours_ago: float
    urgent: bool = False
    channel: str = "phone"
    needed_in_days: int | None = 14
    helpers: tuple = ()  # e-mails offered the request; the first takes it when it is taken
    recorded_by_coordination: bool = False
    contact_shared: bool = False
    messages: tuple = ()  # (author: "member" | "helper" | "coordinator", text)
    alert: tuple | None = None  # (kind, note)
    delay: str = ""
    offer: tuple | None = None  # (title, description, usual, network)
    outcome: tuple | None = None  # (help kind, settled, note)
    questionnaire: tuple | None = None  # (overall, timely, would_recommend, comment)
    decline: tuple | None = None  # (reason, referral)
    note: str = ""
    extra: dict = field(default_factory=dict)


REQUESTS = [
    DemoRequest(
        "D-DEMOAA",
        MEMBER_ACCOUNT,
        "relations",
        "Tensions avec un collègue depuis mon changement de poste",
        "J’ai pris en janvier un poste de coordination dans l’équipe où je travaillais déjà. Un "
        "collègue de longue date conteste depuis chacune de mes consignes, parfois devant "
        "l’équipe. Je voudrais en parler avec quelqu’un d’extérieur avant que la situation ne "
        "s’envenime.",
        "Deux mois",
        Status.SUBMITTED,
        hours_ago=3,
    ),
    DemoRequest(
        "D-DEMOAB",
        MEMBER_ACCOUNT,
        "carriere-expertise",
        "Préparer un entretien de mobilité interne",
        "Un poste s’ouvre dans un autre service et je souhaite me présenter. Je ne sais pas "
        "comment valoriser une expérience surtout acquise sur le terrain, ni comment aborder la "
        "question avec ma responsable actuelle.",
        "Trois semaines",
        Status.IN_PROGRESS,
        hours_ago=24 * 9,
        channel="video",
        helpers=(HELPER_ACCOUNT,),
        contact_shared=True,
        messages=(
            (
                "helper",
                "Bonjour, j’ai bien pris votre demande. Pouvez-vous me dire quand a lieu "
                "l’entretien, et si vous avez déjà la fiche du poste ?",
            ),
            (
                "member",
                "Bonjour, merci beaucoup. L’entretien est prévu dans deux semaines ; je joins "
                "bientôt la fiche de poste.",
            ),
            (
                "helper",
                "Parfait. Je vous propose un premier échange en visio jeudi à 18 h. Nous "
                "pourrons lister ensemble ce que vous avez appris sur le terrain.",
            ),
            ("member", "Jeudi 18 h me convient très bien."),
        ),
    ),
    DemoRequest(
        "D-DEMOAC",
        MEMBER_ACCOUNT,
        "ressources-disponibles",
        "Comprendre mes droits après un arrêt long",
        "Je reprends le travail après quatre mois d’arrêt. On me parle de temps partiel "
        "thérapeutique et de visite de reprise, mais je ne sais pas dans quel ordre faire les "
        "démarches.",
        "Un mois",
        Status.RESOLVED,
        hours_ago=24 * 20,
        channel="email",
        helpers=(HELPER_ACCOUNT,),
        outcome=(
            HelpKind.INFORMATION,
            True,
            "Démarches expliquées, documents de référence transmis.",
        ),
    ),
    DemoRequest(
        "D-DEMOAD",
        MEMBER_ACCOUNT,
        "management",
        "Animer une première réunion d’équipe difficile",
        "Je dois annoncer à mon équipe une réorganisation des plannings qui ne plaira pas. Je "
        "cherchais des conseils pour préparer la réunion et répondre aux inquiétudes.",
        "Une semaine",
        Status.CLOSED,
        hours_ago=24 * 60,
        helpers=(_member(MARION),),
        outcome=(HelpKind.ADVICE, True, "Préparation de la réunion en deux échanges."),
        questionnaire=(5, True, True, "Des conseils concrets, et une vraie écoute."),
    ),
    DemoRequest(
        "D-DEMOAE",
        _member(0),
        "relations",
        "Propos humiliants répétés de la part d’un chef d’atelier",
        "Depuis plusieurs semaines, un chef d’atelier me reprend devant tout le monde avec des "
        "mots blessants. Je n’arrive plus à dormir la veille de mes postes. J’ai besoin d’en "
        "parler rapidement.",
        "Six semaines",
        Status.SUBMITTED,
        hours_ago=55,
        urgent=True,
        needed_in_days=3,
    ),
    DemoRequest(
        "D-DEMOAF",
        _member(9),
        "ressources-disponibles",
        "Épuisement après une série de nuits",
        "Mon service manque de personnel et j’enchaîne les nuits. Je voudrais savoir vers qui "
        "me tourner pour en parler sans que cela se retourne contre moi.",
        "Deux mois",
        Status.SUBMITTED,
        hours_ago=40,
    ),
    DemoRequest(
        "D-DEMOAG",
        _member(22),
        "relations",
        "Pression d’un élu sur un dossier",
        "Un élu me demande avec insistance d’accélérer un dossier en dehors des règles "
        "habituelles. Je ne sais pas comment refuser sans me mettre en difficulté.",
        "Dix jours",
        Status.SUBMITTED,
        hours_ago=38,
        urgent=True,
        needed_in_days=5,
    ),
    DemoRequest(
        "D-DEMOAH",
        _member(15),
        "autre",
        "Reprendre confiance après un accident de service",
        "J’ai eu un accident de la route pendant une intervention. Physiquement ça va, mais "
        "j’appréhende chaque départ.",
        "Un mois",
        Status.SUBMITTED,
        hours_ago=6,
        recorded_by_coordination=True,
    ),
    DemoRequest(
        "D-DEMOAJ",
        _member(24),
        "relations",
        "Locataire agressif et sentiment d’isolement",
        "Un locataire m’a menacée à plusieurs reprises. Ma hiérarchie est au courant mais je me "
        "sens seule sur le terrain. J’aimerais échanger avec quelqu’un qui connaît ce métier.",
        "Trois semaines",
        Status.ACKNOWLEDGED,
        hours_ago=20,
    ),
    DemoRequest(
        "D-DEMOAK",
        _member(31),
        "carriere-expertise",
        "Intercontrat qui se prolonge",
        "Je suis en intercontrat depuis quatre mois. Je voudrais réfléchir à la suite : "
        "formation, changement de poste, autre entreprise.",
        "Quatre mois",
        Status.ACCEPTED,
        hours_ago=30,
        channel="video",
        needed_in_days=21,
    ),
    DemoRequest(
        "D-DEMOAL",
        _member(14),
        "relations",
        "Conflit de planning avec une collègue",
        "Une collègue échange régulièrement ses jours sans me prévenir et je me retrouve seule "
        "sur des postes prévus à deux. Je voudrais un avis extérieur avant d’en parler à ma "
        "cadre.",
        "Un mois",
        Status.ROUTED,
        hours_ago=50,
        helpers=(HELPER_ACCOUNT, _member(AURELIE)),
    ),
    DemoRequest(
        "D-DEMOAM",
        _member(1),
        "management",
        "Encadrer une équipe fusionnée",
        "Deux équipes de maintenance viennent d’être fusionnées sous ma responsabilité. Les "
        "habitudes sont très différentes et les tensions montent.",
        "Deux mois",
        Status.ROUTED,
        hours_ago=70,
        urgent=True,
        helpers=(HELPER_ACCOUNT,),
    ),
    DemoRequest(
        "D-DEMOAN",
        _member(27),
        "relations",
        "Menaces d’un habitant du quartier",
        "Un habitant me menace depuis que j’ai signalé des dégradations. Il sait où je gare ma "
        "voiture. Je ne sais pas si je dois porter plainte.",
        "Deux semaines",
        Status.TAKEN,
        hours_ago=28,
        urgent=True,
        needed_in_days=2,
        helpers=(_member(NADIA),),
        alert=(
            "danger",
            "Menaces explicites et répétées ; la personne a peur de rentrer chez elle. Appel "
            "prévu ce soir, orientation vers un dépôt de plainte.",
        ),
        messages=(
            (
                "helper",
                "Bonjour, je vous appelle ce soir comme convenu. D’ici là, si vous vous sentez "
                "en danger, composez le 17.",
            ),
        ),
    ),
    DemoRequest(
        "D-DEMOAP",
        _member(19),
        "management",
        "Conduire un projet contesté par les habitants",
        "Je pilote un projet de voie cyclable très contesté lors des réunions publiques. Je "
        "voudrais apprendre à mieux gérer ces échanges.",
        "Trois mois",
        Status.IN_PROGRESS,
        hours_ago=24 * 12,
        channel="video",
        helpers=(_member(ISABELLE),),
        delay="L’aidante est absente une semaine ; la seconde séance est décalée.",
    ),
    DemoRequest(
        "D-DEMOAQ",
        _member(34),
        "carriere-expertise",
        "Reconversion vers la formation",
        "Je souhaite devenir formatrice. J’ai besoin d’y voir clair sur les certifications et "
        "sur un éventuel accompagnement plus long.",
        "Six mois",
        Status.TAKEN,
        hours_ago=24 * 6,
        channel="video",
        helpers=(_member(ANAIS),),
        offer=(
            "Bilan de reconversion en quatre séances",
            "Quatre séances d’une heure pour construire le projet et le plan de formation.",
            "480.00",
            "160.00",
        ),
    ),
    DemoRequest(
        "D-DEMOAR",
        _member(20),
        "autre",
        "Litige sur un remboursement de frais",
        "Mon employeur refuse de me rembourser des frais de déplacement. Je voudrais savoir "
        "quels sont mes recours.",
        "Un mois",
        Status.DECLINED,
        hours_ago=24 * 4,
        decline=(
            "Le réseau n’apporte pas de conseil juridique sur un litige individuel.",
            "Les permanences juridiques gratuites de la maison de la justice et du droit.",
        ),
    ),
    DemoRequest(
        "D-DEMOAS",
        _member(3),
        "relations",
        "Désaccord avec un fournisseur devenu personnel",
        "Un fournisseur s’en prend à moi personnellement depuis une négociation tendue.",
        "Trois semaines",
        Status.WITHDRAWN,
        hours_ago=24 * 5,
        note="La situation s’est apaisée d’elle-même, merci.",
    ),
    DemoRequest(
        "D-DEMOAT",
        _member(11),
        "autre",
        "Question sur une procédure disciplinaire",
        "On m’annonce un entretien préalable à une sanction. Je voudrais être accompagnée.",
        "Une semaine",
        Status.REFERRED,
        hours_ago=24 * 3,
        note="Orientée vers la permanence nationale, compétente pour les procédures.",
    ),
    DemoRequest(
        "D-DEMOAU",
        _member(29),
        "relations",
        "Reprendre contact avec un jeune suivi",
        "Un jeune que j’accompagnais a coupé les ponts après une dispute. Je ne sais pas "
        "comment renouer sans le brusquer.",
        "Deux mois",
        Status.CLOSED,
        hours_ago=24 * 45,
        helpers=(_member(ELODIE),),
        outcome=(HelpKind.LISTENING, True, ""),
        questionnaire=(5, True, True, "Merci pour votre patience."),
    ),
    DemoRequest(
        "D-DEMOAV",
        _member(30),
        "ressources-disponibles",
        "Trouver une formation financée",
        "Je cherche une formation en droit social et je ne sais pas quels financements "
        "existent pour moi.",
        "Un mois",
        Status.CLOSED,
        hours_ago=24 * 90,
        channel="email",
        helpers=(_member(RACHID),),
        outcome=(HelpKind.INFORMATION, False, "Pistes données ; dossier à déposer."),
        questionnaire=(3, False, True, ""),
    ),
    DemoRequest(
        "D-DEMOAW",
        _member(12),
        "carriere-expertise",
        "Faire reconnaître une expertise technique",
        "Je suis le seul à maîtriser un équipement et cela ne se voit ni dans mon poste ni dans "
        "ma rémunération.",
        "Un an",
        Status.RESOLVED,
        hours_ago=24 * 40,
        helpers=(_member(NATHALIE),),
        outcome=(HelpKind.ADVICE, True, "Préparation de l’entretien annuel."),
        extra={"closed_by_wait": True},
    ),
]


def _users(emails):
    return {user.email.lower(): user for user in User.objects.filter(email__in=emails)}


def _build(spec, people, coordinator, themes):
    requester = people[spec.requester.lower()]
    helpers = [people[email.lower()] for email in spec.helpers]
    organisation = getattr(getattr(requester, "profile", None), "organisation", None)
    data = {
        "theme": themes[spec.theme],
        "subject": spec.subject,
        "description": spec.description,
        "since": spec.since,
        "needed_by": (
            timezone.localdate() + timedelta(days=spec.needed_in_days)
            if spec.needed_in_days
            else None
        ),
        "urgent": spec.urgent,
        "channel": spec.channel,
        "callback_phone": "06 00 00 00 00" if spec.channel == "phone" else "",
        "job_title": "",
        "organisation": organisation,
    }
    if spec.recorded_by_coordination:
        request = services.submit_request(by=coordinator, data=data, on_behalf_of=requester)
    else:
        request = services.submit_request(by=requester, data=data)
    HelpRequest.objects.filter(pk=request.pk).update(reference=spec.reference)
    status = spec.status
    if status == Status.SUBMITTED:
        return request
    if status == Status.DECLINED:
        reason, referral = spec.decline
        services.decline_request(request=request, by=coordinator, reason=reason, referral=referral)
        return request
    if status == Status.WITHDRAWN:
        services.acknowledge_request(request=request, by=coordinator)
        services.withdraw_request(request=request, by=requester, note=spec.note)
        return request
    services.acknowledge_request(request=request, by=coordinator)
    if status == Status.ACKNOWLEDGED:
        return request
    if status == Status.REFERRED:
        services.refer_to_national(request=request, by=coordinator, note=spec.note)
        return request
    services.accept_request(
        request=request,
        by=coordinator,
        promised_by=timezone.localdate() + timedelta(days=7),
    )
    if status == Status.ACCEPTED:
        return request
    services.route_request(request=request, by=coordinator, helpers=helpers)
    if status == Status.ROUTED:
        return request
    taker = helpers[0]
    routing = Routing.objects.get(request=request, helper=taker)
    services.accept_routing(routing=routing, by=taker)
    if spec.contact_shared:
        services.give_member_consent(routing=routing, by=requester)
        services.give_helper_consent(routing=routing, by=taker)
    authors = {"member": requester, "helper": taker, "coordinator": coordinator}
    for author, text in spec.messages:
        services.post_message(request=request, by=authors[author], body=text)
    if spec.alert:
        kind, note = spec.alert
        services.raise_alert(request=request, by=taker, kind=kind, note=note)
    if spec.offer:
        services.ask_for_offers(request=request, by=requester)
        title, description, usual, network = spec.offer
        services.make_offer(
            request=request,
            by=taker,
            title=title,
            description=description,
            usual_price=usual,
            network_price=network,
        )
    if status == Status.TAKEN:
        return request
    services.start_work(request=request, by=taker)
    if spec.delay:
        services.announce_delay(
            request=request,
            by=taker,
            new_date=timezone.localdate() + timedelta(days=14),
            reason=spec.delay,
        )
    if status == Status.IN_PROGRESS:
        return request
    if spec.outcome:
        kind, settled, note = spec.outcome
        services.file_outcome(request=request, by=taker, help_kind=kind, settled=settled, note=note)
    services.resolve_request(request=request, by=taker)
    if status == Status.RESOLVED:
        return request
    overall, timely, recommend, comment = spec.questionnaire
    services.answer_questionnaire(
        request=request,
        by=requester,
        overall=overall,
        timely=timely,
        would_recommend=recommend,
        comment=comment,
    )
    return request


def _spread(request, hours_ago, now):
    """Move the request's life back in time: submitted `hours_ago` hours ago, each later step
    spaced evenly up to an hour ago, and every dependent date following its step."""
    start = now - timedelta(hours=hours_ago)
    steps = list(Transition.objects.filter(request=request).order_by("at", "pk"))
    span = max(hours_ago - 1, 0) if len(steps) > 1 else 0
    gap = timedelta(hours=span / max(len(steps) - 1, 1))
    times = {}
    for position, step in enumerate(steps):
        step.at = start + gap * position
        step.save(update_fields=["at"])
        times.setdefault(step.action, step.at)
        times[f"last:{step.action}"] = step.at
    request = HelpRequest.objects.get(pk=request.pk)
    request.submitted_at = start
    request.acknowledge_by = start + timedelta(hours=48)
    request.acknowledged_at = times.get("acknowledge") or times.get("decline")
    request.accepted_at = times.get("accept")
    finishing = [times.get(a) for a in ("decline", "withdraw", "refer", "resolve") if times.get(a)]
    request.finished_at = finishing[0] if finishing else None
    request.closed_at = times.get("answer_questionnaire") or times.get("close")
    if request.accepted_at:
        request.promised_by = timezone.localdate(request.accepted_at) + timedelta(days=10)
        if request.promised_by < timezone.localdate() and request.status in (
            Status.ACCEPTED,
            Status.ROUTED,
            Status.TAKEN,
            Status.IN_PROGRESS,
        ):
            request.promised_by = timezone.localdate() + timedelta(days=3)
    notice = DelayNotice.objects.filter(request=request).order_by("-at", "-pk").first()
    if notice is not None:
        notice.previous_date = request.promised_by
        notice.save(update_fields=["previous_date"])
        request.promised_by = notice.new_date
    request.save()
    for routing in Routing.objects.filter(request=request):
        routing.routed_at = times.get("route", start)
        taken = times.get("accept_routing")
        if routing.responded_at:
            routing.responded_at = taken or routing.routed_at
        if routing.member_consent_at:
            routing.member_consent_at = times.get("give_member_consent", taken)
        if routing.helper_consent_at:
            routing.helper_consent_at = times.get("give_helper_consent", taken)
        routing.save()
    begin = times.get("accept_routing", start)
    messages = list(Message.objects.filter(request=request).order_by("pk"))
    for position, message in enumerate(messages, start=1):
        message.created_at = begin + (now - begin) * position / (len(messages) + 1)
        message.save(update_fields=["created_at"])
    Alert.objects.filter(request=request).update(raised_at=times.get("raise_alert", now))
    DelayNotice.objects.filter(request=request).update(at=times.get("announce_delay", now))
    Offer.objects.filter(request=request).update(created_at=times.get("make_offer", now))
    SupervisionShare.objects.filter(request=request).update(asked_at=now)


def load(*, stdout, password=None):
    """Create the demo requests that do not exist yet; return how many were created."""
    existing = set(
        HelpRequest.objects.filter(reference__startswith="D-DEMO").values_list(
            "reference", flat=True
        )
    )
    missing = [spec for spec in REQUESTS if spec.reference not in existing]
    if not missing:
        stdout.write(_("Demandes d’aide de démonstration : tout existe déjà."))
        return 0
    emails = {COORDINATOR_EMAIL}
    for spec in missing:
        emails.add(spec.requester)
        emails.update(spec.helpers)
    people = _users(emails)
    coordinator = people.get(COORDINATOR_EMAIL)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    if coordinator is None or any(email.lower() not in people for email in emails):
        stdout.write(_("Demandes d’aide de démonstration : les comptes de démonstration manquent."))
        return 0
    now = timezone.now()
    created = 0
    with transaction.atomic(), quiet_notifications():
        for spec in missing:
            request = _build(spec, people, coordinator, themes)
            if spec.extra.get("closed_by_wait"):
                # Resolved without an answer: the worker closed it after the wait (R-P7).
                services.close_request(request=request, by=None)
            _spread(request, spec.hours_ago, now)
            created += 1
    stdout.write(
        ngettext(
            "Demandes d’aide de démonstration : %(count)d demande créée.",
            "Demandes d’aide de démonstration : %(count)d demandes créées.",
            created,
        )
        % {"count": created}
    )
    return created
