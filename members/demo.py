"""Demo people: one account per role, five organisations, forty members and eight helpers.

Called by `manage.py load_demo` (home/management/commands/load_demo.py), before home.demo:
`load` creates the accounts, organisations and profiles; `load_after_cms`, called once the CMS
holds the charters, records that the demo people accepted the versions in force. Every object is
looked up (accounts by e-mail, organisations by name, themes by slug) before it is created, so a
second run creates nothing. Existing accounts are never changed, except that a missing role
group, verified e-mail, profile or helper profile is added back.

The privacy choices of the demo members vary on purpose (R-C7), so that the directory, the
profile pages and the previews show each visibility at work; "public" is only ever chosen for
the fields where members.privacy offers it.
"""

from collections import Counter

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import roles
from .models import (
    ConfidentialityLevel,
    HelperProfile,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Profile,
    Skill,
    TermsAcceptance,
    User,
    Visibility,
    WorkMode,
)
from .privacy import FIELDS_BY_KEY

DEFAULT_PASSWORD = "relais-demo-2026"  # noqa: S105 - a documented demo password, never for production

ADMIN_EMAIL = "admin@relais.test"

# (e-mail, first name, last name, roles)
ACCOUNTS = [
    ("membre@relais.test", "Camille", "Martin", (roles.MEMBERS,)),
    ("membre2@relais.test", "Sami", "Benali", (roles.MEMBERS,)),
    ("aidant@relais.test", "Hélène", "Dubois", (roles.MEMBERS, roles.HELPERS)),
    ("coordination@relais.test", "Julien", "Moreau", (roles.MEMBERS, roles.COORDINATORS)),
    ("moderation@relais.test", "Inès", "Lefèvre", (roles.MEMBERS, roles.MODERATORS)),
    ("edition@relais.test", "Paul", "Girard", (roles.MEMBERS, roles.EDITORS)),
]


def _verified_email(user):
    """allauth asks for a verified address before login (ACCOUNT_EMAIL_VERIFICATION)."""
    _address, created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return int(created)


def load(*, stdout, password=None):
    """Create the demo accounts that do not exist yet; return how many objects were created."""
    chosen_password = password or DEFAULT_PASSWORD
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL_ROLES)}
    created = 0
    new_accounts = []

    for email, first_name, last_name, user_roles in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=chosen_password,
                first_name=first_name,
                last_name=last_name,
            )
            new_accounts.append(email)
            created += 1
        missing = [
            groups[name] for name in user_roles if not user.groups.filter(name=name).exists()
        ]
        if missing:
            user.groups.add(*missing)
            created += len(missing)
        created += _verified_email(user)

    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=ADMIN_EMAIL, password=chosen_password, first_name="Admin", last_name="Relais"
        )
        new_accounts.append(ADMIN_EMAIL)
        created += 1
    created += _verified_email(admin)

    if new_accounts:
        stdout.write(
            _("Comptes de démonstration créés : %(emails)s.") % {"emails": ", ".join(new_accounts)}
        )
        if password is None and settings.DEBUG:
            stdout.write(
                _("Mot de passe de ces comptes : %(password)s (démonstration uniquement).")
                % {"password": DEFAULT_PASSWORD}
            )
    else:
        stdout.write(_("Comptes de démonstration : tous existent déjà."))
    return created + load_network(stdout=stdout, password=chosen_password)


# ---------------------------------------------------------------------------------------------
# The network: organisations (R-A1), members with varied privacy (R-C7), helpers (R-K6).

DEMO_DOMAIN = "demo.relais.test"
COORDINATOR_EMAIL = "coordination@relais.test"

# (name, kind, theme slugs, max sessions, confidentiality, context, alert procedure)
ORGANISATIONS = [
    (
        "Forges et Laminoirs de l’Argonne",
        OrganisationKind.COMPANY,
        ("management", "ressources-disponibles", "relations"),
        4,
        ConfidentialityLevel.NAME_SHOWN,
        "Site sidérurgique de 1 200 salarié·es, en trois-huit. Une réorganisation des ateliers "
        "est en cours depuis l’an dernier : fusion de deux équipes de maintenance, nouveaux "
        "horaires, encadrement de proximité renouvelé. La direction et les représentant·es du "
        "personnel soutiennent le dispositif, qui s’adresse à tout le personnel.",
        "Danger immédiat pour une personne : appeler le 15 ou le 112, puis la coordination. "
        "Risque grave lié au poste (harcèlement, accident évité de justesse, épuisement) : "
        "prévenir la coordination dans la journée ; elle informe, avec l’accord de la personne, "
        "le service de santé au travail du site. Aucun nom n’est transmis à l’employeur.",
    ),
    (
        "Groupement hospitalier de territoire Loire-Estuaire",
        OrganisationKind.OTHER,
        ("relations", "ressources-disponibles", "carriere-expertise"),
        3,
        ConfidentialityLevel.NAME_HIDDEN,
        "Trois hôpitaux publics et un EHPAD, 4 000 agent·es. Tension forte sur les effectifs "
        "soignants, recours fréquent à l’intérim, cadres de santé très sollicité·es. Les "
        "personnes appellent souvent après une garde : proposer des créneaux tôt le matin ou "
        "en soirée.",
        "Idées suicidaires ou détresse aiguë : 3114 ou 15 sans attendre, puis la coordination. "
        "Mise en danger de patient·es signalée : la coordination informe la direction des soins "
        "selon la procédure convenue, sans nommer la personne qui s’est confiée sauf accord "
        "écrit.",
    ),
    (
        "Communauté d’agglomération du Val de Sèvre",
        OrganisationKind.LOCAL_AUTHORITY,
        ("relations", "management", "autre"),
        4,
        ConfidentialityLevel.NAME_SHOWN,
        "Collectivité de 650 agent·es (services techniques, petite enfance, administration). "
        "Les relations avec les élu·es et la conduite du changement après la fusion de deux "
        "intercommunalités reviennent souvent. Le dispositif complète la cellule d’écoute "
        "interne, que certain·es agent·es hésitent à solliciter.",
        "Situation de violence ou de danger : 17 ou 112, puis la coordination. Atteinte à la "
        "probité ou actes illicites rapportés : la coordination oriente vers le référent "
        "déontologue de la collectivité, sans transmettre l’identité de la personne.",
    ),
    (
        "Habitat Solidaire Rhône-Alpes",
        OrganisationKind.ASSOCIATION,
        ("relations", "ressources-disponibles"),
        2,
        ConfidentialityLevel.NAME_HIDDEN,
        "Association de logement social (gardien·nes d’immeuble, conseillères sociales, "
        "équipes de quartier), 180 salarié·es. Les agressions verbales de locataires et "
        "l’isolement sur le terrain sont les sujets principaux. Deux séances par personne, "
        "puis orientation si besoin.",
        "Agression physique ou menace : 17, puis la coordination, qui prévient la responsable "
        "des ressources humaines désignée par l’association si la personne le souhaite.",
    ),
    (
        "Numéria Services",
        OrganisationKind.COMPANY,
        ("carriere-expertise", "management", "ressources-disponibles"),
        4,
        ConfidentialityLevel.NAME_SHOWN,
        "Entreprise de services numériques de 300 consultant·es, souvent détaché·es chez des "
        "clients. Questions de carrière, d’intercontrat, de charge et de télétravail. Les "
        "échanges à distance conviennent à presque tout le monde.",
        "Danger immédiat : 15 ou 112, puis la coordination. Harcèlement chez un client : la "
        "coordination propose à la personne d’en informer le référent harcèlement de Numéria, "
        "et ne le fait qu’avec son accord écrit.",
    ),
]

# R-A1: the organisations whose agreement lets the coordination book sessions for their members
# (the hospital's staff call after a shift; the coordination books on the phone). The others
# show the coordination's page without slots, and why.
COORDINATION_BOOKS = {
    "Groupement hospitalier de territoire Loire-Estuaire",
    "Communauté d’agglomération du Val de Sèvre",
}

# Privacy presets (R-C7): {field key: visibility}; fields not named keep the protective default.
P, M, C = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.COORDINATORS
PRIVACY_PRESETS = [
    {},  # the protective defaults
    {"display_name": P, "skills": P, "bio": P, "email": M, "organisation": M},
    {"name": C, "job_title": C, "bio": C, "hobbies": C},  # discreet: a pseudonym only
    {"phone": M, "email": M, "organisation": M, "particularities": M},
    {"display_name": P, "skills": P, "bio": M, "themes": M, "postal_address": M},
    {"skills": C, "themes": C, "hobbies": C, "job_title": M, "organisation": M},
]

# (first name, last name, organisation index, job title, skills, hobbies)
MEMBERS = [
    (
        "Léa",
        "Fontaine",
        0,
        "Technicienne de maintenance",
        "mécanique, habilitation électrique",
        "escalade",
    ),
    ("Mathieu", "Roussel", 0, "Chef d’équipe laminoir", "animation d’équipe, sécurité", "pêche"),
    ("Nadia", "Haddad", 0, "Chargée de prévention", "prévention des risques, formation", "chorale"),
    ("Thomas", "Perrin", 0, "Acheteur industriel", "négociation, anglais", "cyclisme"),
    ("Sophie", "Lambert", 0, "Responsable paie", "paie, droit social", "lecture"),
    ("Karim", "Mansouri", 0, "Opérateur de production", "conduite de ligne, tutorat", "football"),
    ("Élodie", "Marchand", 0, "Ingénieure qualité", "audit, méthodes Lean", "randonnée"),
    ("Antoine", "Garnier", 0, "Magasinier cariste", "logistique, CACES", "photographie"),
    ("Claire", "Bertrand", 1, "Infirmière de bloc", "soins, gestion du stress", "danse"),
    ("Youssef", "El Amrani", 1, "Aide-soignant de nuit", "soins, écoute", "cuisine"),
    ("Marion", "Leclerc", 1, "Cadre de santé", "management, plannings", "jardinage"),
    ("Julie", "Caron", 1, "Secrétaire médicale", "accueil, bureautique", "couture"),
    ("Olivier", "Masson", 1, "Technicien biomédical", "maintenance, électronique", "astronomie"),
    ("Aurélie", "Chevalier", 1, "Psychomotricienne", "relaxation, pédagogie", "yoga"),
    ("Fatou", "Diallo", 1, "Agente des services hospitaliers", "hygiène, entraide", "théâtre"),
    ("Damien", "Robin", 1, "Ambulancier", "premiers secours, conduite", "moto"),
    ("Isabelle", "Gauthier", 2, "Directrice de la petite enfance", "management, budget", "piano"),
    ("Sébastien", "Faure", 2, "Agent des espaces verts", "paysage, botanique", "apiculture"),
    ("Amandine", "Picard", 2, "Juriste marchés publics", "commande publique, rédaction", "échecs"),
    ("Hugo", "Brunet", 2, "Chargé de mission mobilité", "urbanisme, concertation", "vélo"),
    ("Chloé", "Morel", 2, "Auxiliaire de puériculture", "petite enfance, chant", "chant"),
    (
        "Patrick",
        "Giraud",
        2,
        "Responsable des services techniques",
        "bâtiment, encadrement",
        "bricolage",
    ),
    ("Samira", "Benkirane", 2, "Assistante des élus", "organisation, discrétion", "voyages"),
    ("Vincent", "Arnaud", 2, "Informaticien", "réseaux, support", "jeux de société"),
    ("Manon", "Renaud", 3, "Gardienne d’immeuble", "médiation, petites réparations", "peinture"),
    (
        "Rachid",
        "Belkacem",
        3,
        "Conseiller social",
        "accompagnement social, droit du logement",
        "boxe",
    ),
    ("Laure", "Colin", 3, "Chargée de gestion locative", "gestion, relation locataires", "cinéma"),
    ("Bruno", "Vidal", 3, "Agent d’entretien", "entretien, sécurité incendie", "pétanque"),
    ("Émilie", "Noël", 3, "Responsable d’agence", "management, médiation", "course à pied"),
    ("Kevin", "Lemoine", 3, "Médiateur de quartier", "médiation, sport", "basket"),
    ("Pauline", "Meunier", 3, "Assistante RH", "recrutement, formation", "aquarelle"),
    ("Ludovic", "Hamon", 4, "Développeur Python", "Python, Django, tests", "musique électronique"),
    ("Anaïs", "Royer", 4, "Cheffe de projet", "gestion de projet, agilité", "natation"),
    ("Florian", "Guerin", 4, "Administrateur systèmes", "Linux, sécurité", "randonnée"),
    ("Sarah", "Cohen", 4, "Consultante data", "statistiques, SQL", "violon"),
    ("Mehdi", "Bouzid", 4, "Ingénieur d’affaires", "négociation, relation client", "tennis"),
    ("Camille", "Deschamps", 4, "Designer UX", "accessibilité, ateliers", "illustration"),
    ("Jérôme", "Lucas", 4, "Responsable d’équipe support", "support, management", "cuisine"),
    ("Nathalie", "Barbier", 4, "Responsable formation", "ingénierie de formation", "lecture"),
    ("Rémi", "Adam", 4, "Testeur logiciel", "tests, accessibilité", "escape games"),
]

BIOS = [
    "Dans le métier depuis quinze ans, je peux partager ce que j’ai appris des périodes de "
    "réorganisation.",
    "Je suis arrivée dans le réseau après une année difficile ; j’aimerais rendre ce que l’on "
    "m’a donné.",
    "Curieux de tout, j’aime croiser les regards entre métiers très différents.",
    "Je connais bien les horaires décalés et leurs effets : n’hésitez pas à me poser vos "
    "questions.",
    "Reconversion réussie il y a trois ans : je raconte volontiers comment je m’y suis prise.",
    "",
    "J’encadre une petite équipe et je cherche à échanger avec d’autres managers de proximité.",
    "Disponible pour parler outils, méthodes ou simplement pour écouter.",
]
PSEUDONYMS = ["Ancre", "Boussole", "Colibri", "Sésame", "Lanterne", "Mistral", "Origami"]

# Helpers (R-K6, R-K9): (index in MEMBERS, qualifications, certifications, themes, languages,
# work mode). Their qualifications are verified by the coordination demo account.
HELPERS = [
    (
        2,
        "Master de psychologie du travail ; 12 ans en prévention des risques psychosociaux.",
        "Intervenante en prévention des risques professionnels (IPRP)",
        ("relations", "ressources-disponibles"),
        "français, arabe",
        WorkMode.REMOTE,
    ),
    (
        6,
        "Formation à l’écoute active (40 h) ; ancienne représentante du personnel.",
        "",
        ("relations", "management"),
        "français",
        WorkMode.BOTH,
    ),
    (
        10,
        "Diplôme de cadre de santé ; formation à l’analyse des pratiques.",
        "Animatrice de groupes d’analyse des pratiques",
        ("management", "relations"),
        "français, anglais",
        WorkMode.REMOTE,
    ),
    (
        16,
        "DU de médiation ; 20 ans d’encadrement en collectivité.",
        "Médiatrice certifiée",
        ("management", "relations", "autre"),
        "français",
        WorkMode.REMOTE,
    ),
    (
        25,
        "Diplôme d’État de conseiller en économie sociale et familiale.",
        "",
        ("ressources-disponibles", "autre"),
        "français, kabyle",
        WorkMode.BOTH,
    ),
    (
        32,
        "Coaching professionnel (titre RNCP niveau 6) ; ancienne cheffe de projet.",
        "Coach professionnelle certifiée",
        ("carriere-expertise", "management"),
        "français, anglais, espagnol",
        WorkMode.REMOTE,
    ),
    (
        38,
        "Master en ingénierie de formation ; bilan de compétences.",
        "Habilitation au bilan de compétences",
        ("carriere-expertise",),
        "français",
        WorkMode.REMOTE,
    ),
    (
        13,
        "Psychomotricienne diplômée d’État ; formation à la gestion du stress.",
        "",
        ("ressources-disponibles", "relations"),
        "français, portugais",
        WorkMode.IN_PERSON,
    ),
]
# The helper role account gets a verified helper profile too.
ROLE_HELPER = (
    "Formation à l’écoute active et à la relation d’aide (60 h) ; 10 ans d’accompagnement "
    "de collègues en difficulté.",
    "",
    ("relations", "carriere-expertise"),
    "français, anglais",
    WorkMode.REMOTE,
)


def _email(first_name, last_name):
    return f"{slugify(first_name)}.{slugify(last_name)}@{DEMO_DOMAIN}".replace("-", "")


def _phone(index):
    return f"06 {12 + index:02d} {34 + index:02d} {56 - index:02d} {10 + index * 2 % 90:02d}"


def _themes(tally):
    """The network's themes, by slug. home.demo creates them (after this module); a theme still
    missing here is created exactly as home.demo would, so that it then finds it."""
    from home.demo import THEMES
    from home.models import Theme

    themes = {}
    for order, (slug, name, description) in enumerate(THEMES, start=1):
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            theme = Theme.objects.create(
                slug=slug, name=name, description=description, sort_order=order * 10
            )
            tally["themes"] += 1
        themes[slug] = theme
    return themes


def _organisations(themes, tally):
    organisations = []
    for name, kind, slugs, sessions, level, context, alert in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                kind=kind,
                context=context,
                max_sessions_per_person=sessions,
                confidentiality_level=level,
                alert_procedure=alert,
                coordinators_book_sessions=name in COORDINATION_BOOKS,
            )
            organisation.themes.set([themes[slug] for slug in slugs])
            tally["organisations"] += 1
        organisations.append(organisation)
    return organisations


def _privacy(index):
    """One preset of visibility choices; public only where members.privacy offers it."""
    choices = {}
    for key, value in PRIVACY_PRESETS[index % len(PRIVACY_PRESETS)].items():
        if value == Visibility.PUBLIC and not FIELDS_BY_KEY[key].public_allowed:
            raise ValueError(f"Public visibility is not offered for {key}")
        choices[f"{key}_visibility"] = value
    return choices


def _account(email, first_name, last_name, group_names, groups, password, tally):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=password, first_name=first_name, last_name=last_name
        )
        tally["accounts"] += 1
    missing = [groups[name] for name in group_names if not user.groups.filter(name=name).exists()]
    if missing:
        user.groups.add(*missing)
        tally["groups"] += len(missing)
    tally["emails"] += _verified_email(user)
    return user


def _profile(user, tally, *, coordinator, **fields):
    """An active profile (joined, approved) unless the person already has one."""
    if Profile.objects.filter(user=user).exists():
        return None
    skills = fields.pop("skills", "")
    themes = fields.pop("themes", ())
    profile = Profile.objects.create(
        user=user,
        status=MembershipStatus.ACTIVE,
        status_changed_at=timezone.now(),
        decided_by=coordinator,
        **fields,
    )
    if skills:
        Skill.objects.replace_for(profile, skills.split(","))
    if themes:
        profile.themes.set(themes)
    tally["profiles"] += 1
    return profile


def _helper_profile(
    user,
    themes,
    tally,
    *,
    coordinator,
    qualifications,
    certifications,
    theme_slugs,
    languages,
    work_mode,
):
    if HelperProfile.objects.filter(user=user).exists():
        return
    profile = HelperProfile.objects.create(
        user=user,
        qualifications=qualifications,
        certifications=certifications,
        languages=languages,
        work_mode=work_mode,
        qualifications_verified_by=coordinator,
        qualifications_verified_at=timezone.now(),
    )
    profile.themes.set([themes[slug] for slug in theme_slugs])
    tally["helper_profiles"] += 1


def _member_fields(index, organisations, themes):
    first_name, last_name, organisation, job_title, skills, hobby = MEMBERS[index]
    theme_list = list(themes.values())
    fields = {
        "display_name": (
            PSEUDONYMS[index % len(PSEUDONYMS)]
            if index % len(PRIVACY_PRESETS) == 2
            else f"{first_name} {last_name[0]}."
        ),
        "phone": _phone(index),
        "job_title": job_title,
        "organisation": organisations[organisation],
        "postal_address": (f"{index + 3} rue des Tilleuls, 44000 Nantes" if index % 3 == 0 else ""),
        "skills": skills,
        "themes": [theme_list[index % len(theme_list)], theme_list[(index + 2) % len(theme_list)]],
        "hobbies": hobby,
        "particularities": (
            "Malentendant·e : préfère les échanges écrits." if index % 9 == 4 else ""
        ),
        "bio": BIOS[index % len(BIOS)],
    }
    fields.update(_privacy(index))
    return fields


SUMMARY_LABELS = {
    "accounts": lambda n: ngettext("%(count)d compte", "%(count)d comptes", n),
    "organisations": lambda n: ngettext("%(count)d organisation", "%(count)d organisations", n),
    "profiles": lambda n: ngettext("%(count)d profil", "%(count)d profils", n),
    "helper_profiles": lambda n: ngettext(
        "%(count)d profil d’aidant·e", "%(count)d profils d’aidant·es", n
    ),
    "themes": lambda n: ngettext("%(count)d thème", "%(count)d thèmes", n),
    "groups": lambda n: ngettext("%(count)d rôle attribué", "%(count)d rôles attribués", n),
    "emails": lambda n: ngettext("%(count)d e-mail vérifié", "%(count)d e-mails vérifiés", n),
    "acceptances": lambda n: ngettext(
        "%(count)d acceptation de charte", "%(count)d acceptations de chartes", n
    ),
}


def _summary(tally):
    return ", ".join(
        SUMMARY_LABELS[key](count) % {"count": count} for key, count in tally.items() if count
    )


def load_network(*, stdout, password):
    """Organisations, the forty members, the helpers, and the role accounts' profiles."""
    tally = Counter()
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL_ROLES)}
    coordinator = User.objects.get(email__iexact=COORDINATOR_EMAIL)
    themes = _themes(tally)
    organisations = _organisations(themes, tally)

    helpers = {index: rest for index, *rest in HELPERS}
    for index, (first_name, last_name, *_rest) in enumerate(MEMBERS):
        group_names = (roles.MEMBERS, roles.HELPERS) if index in helpers else (roles.MEMBERS,)
        user = _account(
            _email(first_name, last_name),
            first_name,
            last_name,
            group_names,
            groups,
            password,
            tally,
        )
        _profile(
            user, tally, coordinator=coordinator, **_member_fields(index, organisations, themes)
        )
        if index in helpers:
            qualifications, certifications, slugs, languages, work_mode = helpers[index]
            _helper_profile(
                user,
                themes,
                tally,
                coordinator=coordinator,
                qualifications=qualifications,
                certifications=certifications,
                theme_slugs=slugs,
                languages=languages,
                work_mode=work_mode,
            )

    for position, (email, first_name, _last_name, user_roles) in enumerate(ACCOUNTS):
        user = User.objects.get(email__iexact=email)
        _profile(
            user,
            tally,
            coordinator=coordinator,
            display_name=first_name,
            organisation=organisations[position % len(organisations)],
        )
        if roles.HELPERS in user_roles:
            qualifications, certifications, slugs, languages, work_mode = ROLE_HELPER
            _helper_profile(
                user,
                themes,
                tally,
                coordinator=coordinator,
                qualifications=qualifications,
                certifications=certifications,
                theme_slugs=slugs,
                languages=languages,
                work_mode=work_mode,
            )

    if sum(tally.values()):
        stdout.write(
            _("Réseau de démonstration créé : %(summary)s.") % {"summary": _summary(tally)}
        )
    else:
        stdout.write(_("Membres et organisations de démonstration : tout existe déjà."))
    return sum(tally.values())


def demo_people():
    """Every account of the demo that is an active member: role accounts and demo members."""
    emails = [email for email, *_rest in ACCOUNTS]
    emails += [_email(first_name, last_name) for first_name, last_name, *_rest in MEMBERS]
    return User.objects.filter(email__in=emails, profile__status=MembershipStatus.ACTIVE)


def load_after_cms(stdout):
    """Record that the demo people accepted the membership terms in force (R-C6, R-C15), and
    helpers the helper charter (R-K1). Runs after home.demo, which creates the charters."""
    from home.models import CharterKind
    from home.selectors import current_charter

    tally = Counter()
    terms = current_charter(CharterKind.MEMBERSHIP_TERMS)
    helper_charter = current_charter(CharterKind.HELPER_CHARTER)
    for user in demo_people().prefetch_related("groups"):
        due = [terms]
        if any(group.name == roles.HELPERS for group in user.groups.all()):
            due.append(helper_charter)
        for charter in due:
            if charter is None:
                continue
            _acceptance, created = TermsAcceptance.objects.get_or_create(
                user=user,
                charter=charter,
                defaults={"kind": charter.kind, "version_label": charter.version_label},
            )
            tally["acceptances"] += int(created)
    if sum(tally.values()):
        stdout.write(_("Chartes acceptées : %(summary)s.") % {"summary": _summary(tally)})
    else:
        stdout.write(_("Acceptations des chartes de démonstration : toutes existent déjà."))
    return sum(tally.values())
