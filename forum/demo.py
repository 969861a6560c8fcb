"""Demo forum for `manage.py load_demo`: the themes of a peer listening point (R-P1), the
coordinators' announcements and the helpers' own space (R-A4), with a few conversations.

Idempotent: forums are found by slug or name, topics by forum and subject, identities by member; a
second run creates nothing. The texts are written for Relais. "Annonces" and "Entre aidants"
and their rights come from the data migration (forum/migrations/0002_forum_permissions.py);
if they are missing (a database migrated before it), they are created here without rights.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from members.demo import DEMO_DOMAIN

from .models import ForumIdentity
from .permissions import ANNOUNCEMENTS_SLUG, HELPERS_SLUG

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

# (e-mail, forum name chosen, linked to their member card). The names are pseudonyms that owe
# nothing to the accounts' real names, and no card is shown: showing it is each member's own
# choice, off until they make it (forum/models.py).
IDENTITIES = [
    ("membre@relais.test", "Colibri", False),
    ("membre2@relais.test", "Tournesol", False),
    ("aidant@relais.test", "Boussole", False),
    ("coordination@relais.test", "Coordination du réseau", False),
    ("moderation@relais.test", "Vigie", False),
]

FORUMS = [
    (
        "relations-de-travail",
        "Relations de travail",
        "Élus, collègues, équipes, hiérarchie : parler de ce qui se joue entre les personnes.",
    ),
    (
        "management",
        "Management",
        "Encadrer, organiser, décider, soutenir une équipe dans la durée.",
    ),
    (
        "ressources",
        "Ressources disponibles",
        "Dispositifs, lectures, formations, interlocuteurs utiles : partager ce qui aide.",
    ),
    (
        "carriere-et-expertise",
        "Carrière et expertise",
        "Évoluer, se reconvertir, transmettre son expérience, faire reconnaître ses compétences.",
    ),
    (
        "autres-sujets",
        "Autres sujets",
        "Ce qui ne rentre dans aucune case, avec la même courtoisie.",
    ),
]

# Conversations: forum slug, subject, then (author key, text) for the opening post and replies.
# Author keys: "m1", "m2" (members), "a" (helper), "c" (coordination), "mod", and "d0".."d2"
# (demo members of members/demo.py).
CONVERSATIONS = [
    (
        "relations-de-travail",
        "Un élu me demande des réponses le soir et le week-end",
        [
            (
                "m2",
                "Depuis les dernières élections, un élu de ma commune m’envoie des messages à "
                "toute heure et s’étonne quand je ne réponds pas dans la soirée. Je ne veux pas "
                "abîmer la relation, mais je commence à dormir mal. Comment avez-vous posé des "
                "limites sans que cela soit pris pour un manque d’engagement ?",
            ),
            (
                "m1",
                "J’ai vécu la même chose. Ce qui a marché pour moi : proposer un point fixe chaque "
                "semaine, où l’on traite tout ce qui n’est pas urgent, et convenir ensemble de ce "
                "qui mérite vraiment un appel le soir. Écrit noir sur blanc, c’est plus facile à "
                "rappeler ensuite.",
            ),
            (
                "d0",
                "Vous pouvez aussi en parler à votre direction générale : ce n’est pas à vous seul "
                "de fixer le cadre. Et n’hésitez pas à demander un rendez-vous d’écoute, ça aide à "
                "préparer la conversation.",
            ),
        ],
    ),
    (
        "relations-de-travail",
        "Reprendre contact avec une collègue après un conflit",
        [
            (
                "d1",
                "Après un désaccord assez vif en réunion, une collègue et moi ne nous parlons plus "
                "que par courriel. J’aimerais renouer, sans rouvrir le conflit. Des idées pour "
                "faire le premier pas ?",
            ),
            (
                "a",
                "Un café, hors du bureau si possible, et une phrase simple pour commencer : ce que "
                "vous regrettez de votre côté, sans attendre la même chose d’elle. Le reste vient "
                "souvent ensuite.",
            ),
        ],
    ),
    (
        "management",
        "Annoncer une réorganisation à son équipe",
        [
            (
                "m1",
                "Je dois présenter la semaine prochaine une nouvelle organisation du service, "
                "décidée sans que l’équipe ait été consultée. Comment l’annoncer honnêtement, "
                "sans me désolidariser de ma hiérarchie ni faire semblant d’être enthousiaste ?",
            ),
            (
                "d2",
                "Dire ce qui est décidé, ce qui ne l’est pas encore et où l’équipe a encore prise. "
                "Et prévoir un second temps, quelques jours plus tard, pour les questions qui "
                "viennent après coup.",
            ),
            (
                "m2",
                "Merci pour ce fil, je suis dans la même situation. Je retiens l’idée du second "
                "temps.",
            ),
        ],
    ),
    (
        "ressources",
        "Les ressources qui vous ont aidés cette année",
        [
            (
                "c",
                "Partageons ici les dispositifs, lectures ou formations qui vous ont été utiles : "
                "un titre, une phrase pour dire pourquoi. La coordination reprendra les plus cités "
                "dans la rubrique Ressources.",
            ),
            (
                "d0",
                "La formation à la conduite d’entretien proposée par le centre de gestion : très "
                "concrète, avec des mises en situation.",
            ),
        ],
    ),
    (
        "carriere-et-expertise",
        "Faire reconnaître vingt ans d’expérience sans diplôme",
        [
            (
                "d1",
                "Je voudrais faire valoir mon expérience pour évoluer, mais je n’ai pas le diplôme "
                "demandé. Quelqu’un a-t-il suivi une validation des acquis ? Combien de temps "
                "cela vous a-t-il pris ?",
            ),
            (
                "a",
                "Comptez plusieurs mois, surtout pour le dossier. Faites-vous accompagner dès le "
                "début : c’est là qu’on apprend à décrire ce que l’on fait vraiment.",
            ),
        ],
    ),
    (
        "autres-sujets",
        "Se présenter en quelques mots",
        [
            (
                "m1",
                "Pour faire connaissance : d’où écrivez-vous, et qu’est-ce qui vous a amené au "
                "réseau ? Pas de nom nécessaire, le forum est fait pour que chacun y soit à "
                "l’aise.",
            ),
            ("m2", "Du sud-ouest, après une période difficile au travail. Contente d’être ici."),
        ],
    ),
    (
        ANNOUNCEMENTS_SLUG,
        "Bienvenue sur le forum des membres",
        [
            (
                "c",
                "Ce forum est réservé aux membres du réseau. Il est modéré : les premiers messages "
                "de chacun sont relus avant publication. Choisissez votre nom sur le forum (un "
                "pseudonyme convient très bien) et suivez les forums qui vous intéressent pour "
                "être prévenu·e par e-mail des nouveaux messages.",
            ),
        ],
    ),
    (
        HELPERS_SLUG,
        "Préparer la rencontre annuelle d’échange entre aidants",
        [
            (
                "a",
                "La rencontre d’échange entre aidants approche. Quels thèmes voudriez-vous y "
                "aborder ? Je propose : les situations d’épuisement, et comment passer le relais "
                "quand une demande dépasse notre rôle.",
            ),
        ],
    ),
]


def _forum(slug, name, description):
    """machina derives a forum's slug from its name when saving: look it up by both."""
    forum = (Forum.objects.filter(slug=slug) | Forum.objects.filter(name=name)).first()
    if forum is not None:
        return forum, 0
    return Forum.objects.create(name=name, slug=slug, description=description, type=0), 1


def _people():
    User = get_user_model()
    people = {
        key: User.objects.filter(email__iexact=email).first()
        for key, email in [
            ("m1", "membre@relais.test"),
            ("m2", "membre2@relais.test"),
            ("a", "aidant@relais.test"),
            ("c", "coordination@relais.test"),
            ("mod", "moderation@relais.test"),
        ]
    }
    demo_members = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").order_by("email")[:3]
    for number, user in enumerate(demo_members):
        people[f"d{number}"] = user
    fallback = people["m1"]
    return {key: user or fallback for key, user in people.items()}


def _identities():
    from .identity import ensure_identity

    created = 0
    User = get_user_model()
    for email, name, linked in IDENTITIES:
        user = User.objects.filter(email__iexact=email).first()
        if user is None or ForumIdentity.objects.filter(user=user).exists():
            continue
        if ForumIdentity.objects.filter(display_name__iexact=name).exists():
            ensure_identity(user)
        else:
            ForumIdentity.objects.create(
                user=user, display_name=name, chosen=True, linked_to_profile=linked
            )
        created += 1
    return created


def load(*, stdout, password=None):
    """Create the demo forums and conversations that do not exist yet; return how many."""
    created = _identities()
    forums = {}
    for slug, name, description in FORUMS:
        forums[slug], count = _forum(slug, name, description)
        created += count
    for slug, name in ((ANNOUNCEMENTS_SLUG, "Annonces"), (HELPERS_SLUG, "Entre aidants")):
        forums[slug], count = _forum(slug, name, "")
        created += count
    people = _people()
    if people.get("m1") is None:
        stdout.write(_("Forum : comptes de démonstration absents, aucune conversation créée."))
        return created

    for slug, subject, messages in CONVERSATIONS:
        forum = forums[slug]
        if Topic.objects.filter(forum=forum, subject=subject).exists():
            continue
        first_author = people[messages[0][0]]
        topic = Topic.objects.create(
            forum=forum,
            poster=first_author,
            subject=subject,
            type=Topic.TOPIC_ANNOUNCE if slug == ANNOUNCEMENTS_SLUG else Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
            approved=True,
        )
        created += 1
        for number, (author_key, text) in enumerate(messages):
            author = people[author_key]
            Post.objects.create(
                topic=topic,
                poster=author,
                subject=subject if number == 0 else f"Re : {subject}",
                content=text,
                approved=True,
            )
            created += 1
        topic.subscribers.add(first_author)
    if created:
        stdout.write(_("Forum : %(count)s éléments de démonstration créés.") % {"count": created})
    return created
