"""CMS content of the demo network: home page, themes, charters, resources, news, members' area.

Called by `manage.py load_demo` after members.demo. Every object is looked up (pages by slug under
their parent, themes by slug, files by title) before it is created, so a second run creates
nothing and never overwrites what editors changed. All the text is written for Relais.

Members-only content (R-C11) is made so the way editors would: a Wagtail view restriction for the
"Membres" group on the page (or its section), and the "Membres" collection for files.
"""

from collections import Counter
from datetime import date

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, PageViewRestriction, Site

from members.roles import MEMBERS

from .demo_assets import load_assets
from .models import (
    CharterIndexPage,
    CharterKind,
    CharterPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceAttachment,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    SiteLinks,
    StandardPage,
    Theme,
)

CONTACT_EMAIL = "contact@relais.test"

# ---------------------------------------------------------------------------------------------
# Small builders for StreamField content (raw JSON form, as stored in the database).


def paragraphs(*texts):
    """Rich text from plain paragraphs; a text that starts with "<" is kept as HTML."""
    return "".join(text if text.startswith("<") else f"<p>{text}</p>" for text in texts)


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*texts):
    return {"type": "paragraph", "value": paragraphs(*texts)}


def sections(*items):
    """[(heading, [paragraph, …]), …] as a body of heading and paragraph blocks."""
    body = []
    for title, texts in items:
        body.append(heading(title))
        body.append(paragraph(*texts))
    return body


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def question(text, answer):
    return {"type": "question", "value": {"question": text, "answer": paragraphs(answer)}}


def document_block(document, title=""):
    return {"type": "document", "value": {"document": document.pk, "title": title}}


def image_block(image, alt, caption=""):
    return {"type": "image", "value": {"image": image.pk, "alt": alt, "caption": caption}}


def call_to_action(title, text, page, button):
    return {
        "type": "call_to_action",
        "value": {"title": title, "text": text, "page": page.pk, "url": "", "button": button},
    }


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


# ---------------------------------------------------------------------------------------------
# Themes (R-P1), from the themes of a peer listening point.

THEMES = [
    (
        "relations",
        "Relations (élus, collègues, équipes, hiérarchie)",
        "Tensions, malentendus ou conflits avec des collègues, une équipe, sa hiérarchie ou des "
        "élus : ce qui se joue dans les relations de travail au quotidien.",
    ),
    (
        "management",
        "Management",
        "Encadrer une équipe, être encadré·e : organisation, délégation, reconnaissance, "
        "conduite du changement et place du manager de proximité.",
    ),
    (
        "ressources-disponibles",
        "Ressources disponibles",
        "Quand les moyens ne suivent pas : effectifs, temps, budget, outils. Comment en parler, "
        "prioriser et se protéger de la surcharge.",
    ),
    (
        "carriere-expertise",
        "Carrière et expertise",
        "Évolution, reconnaissance des compétences, mobilité, reconversion, retour après une "
        "absence : les questions de parcours professionnel.",
    ),
    (
        "autre",
        "Autre",
        "Tout ce qui ne rentre dans aucune case : on en parle quand même.",
    ),
]


def _load_themes(tally):
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


# ---------------------------------------------------------------------------------------------
# Pages


class _PageMaker:
    """Creates a live page under a parent unless a page with that slug already sits there."""

    def __init__(self, tally, members_group):
        self.tally = tally
        self.members_group = members_group

    def get_or_create(self, parent, model, *, slug, themes=(), tags=(), attachments=(), **fields):
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing.specific, False
        page = model(slug=slug, **fields)
        if themes:
            page.themes = list(themes)
        if tags:
            page.tags.add(*tags)
        if attachments:
            page.attachments = [
                ResourceAttachment(document=document, title=title)
                for document, title in attachments
            ]
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.tally["pages"] += 1
        return page, True

    def restrict_to_members(self, page):
        """A Wagtail view restriction for the Membres group on this page and everything below."""
        restriction, created = PageViewRestriction.objects.get_or_create(
            page=page, defaults={"restriction_type": PageViewRestriction.GROUPS}
        )
        if created:
            restriction.groups.set([self.members_group])
            self.tally["restrictions"] += 1
        return restriction


def _home_page(make):
    """The network's front door, as the root of the default site."""
    root = Page.get_first_root_node()
    home, created = make.get_or_create(
        root,
        HomePage,
        slug="accueil",
        title="Relais",
        seo_title="Relais – entraide et écoute professionnelle",
        intro=paragraphs(
            "Relais est un réseau d’entraide entre professionnel·les. Quand le travail devient "
            "lourd à porter – un conflit qui s’installe, une charge qui déborde, une question de "
            "carrière qui tourne en rond – vous pouvez en parler ici, en confiance, à des pairs "
            "formé·es à l’écoute."
        ),
        help_title="Besoin d’en parler ?",
        help_text=(
            "Une demande d’aide est confidentielle et sans engagement. Vous décrivez votre "
            "situation en quelques lignes ; une personne de la coordination vous répond et vous "
            "propose, si vous le souhaitez, un échange avec un·e aidant·e du réseau."
        ),
    )
    return home, created


def _site(home, tally):
    """Make the home page the root of the default site and remove Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="Relais",
            root_page=home,
            is_default_site=True,
        )
        tally["sites"] += 1
    elif site.root_page_id != home.pk or site.site_name != "Relais":
        site.root_page = home
        site.site_name = "Relais"
        site.save()
        tally["sites"] += 1

    welcome = (
        Page.objects.filter(depth=2, slug="home", numchild=0)
        .filter(content_type=ContentType.objects.get_for_model(Page))
        .exclude(sites_rooted_here__isnull=False)
        .first()
    )
    if welcome is not None:
        welcome.delete()
    return site


def _about_page(make, home, images):
    page, _created = make.get_or_create(
        home,
        StandardPage,
        slug="qui-sommes-nous",
        title="Qui sommes-nous",
        show_in_menus=True,
        intro=(
            "Relais est une association de professionnel·les qui ont choisi de s’épauler : "
            "personne ne devrait rester seul·e face à une difficulté au travail."
        ),
        body=[
            image_block(
                images["banner"],
                alt="Bandeau aux couleurs de Relais : quatre formes arrondies alignées, comme "
                "des mains qui se passent le relais.",
                caption="Relais, un réseau où l’on se passe la main.",
            ),
            *sections(
                (
                    "Un réseau de pairs",
                    [
                        "Relais réunit des personnes qui exercent des métiers différents mais "
                        "partagent une conviction : parler d’une difficulté à quelqu’un qui "
                        "connaît le terrain, sans enjeu hiérarchique, aide souvent à retrouver "
                        "des marges de manœuvre.",
                        "Les membres s’entraident de trois façons : l’écoute confidentielle, "
                        "l’accompagnement par des aidant·es bénévoles et le partage de "
                        "ressources (fiches, lectures, retours d’expérience).",
                    ],
                ),
                (
                    "Ce que nous sommes, ce que nous ne sommes pas",
                    [
                        "Les aidant·es sont des pairs formé·es à l’écoute, pas des "
                        "thérapeutes, des juristes ni des représentant·es du personnel. Quand "
                        "une situation demande un autre appui, nous aidons à trouver vers qui "
                        "se tourner.",
                        "L’intermédiation est gratuite. Elle ne comporte aucune obligation de "
                        "résultat : nous mettons en relation, nous ne décidons rien à votre "
                        "place.",
                    ],
                ),
                (
                    "Comment le réseau fonctionne",
                    [
                        "Une petite équipe de coordination reçoit les demandes et les oriente. "
                        "Une équipe d’édition fait vivre la bibliothèque de ressources et les "
                        "actualités, et une équipe de modération veille au respect des règles "
                        "du forum entre pairs.",
                    ],
                ),
            ),
            quote(
                "J’ai appelé un mardi soir en pensant que ma question était trop petite. Elle ne "
                "l’était pas.",
                "Une membre du réseau",
            ),
        ],
    )
    return page


def _help_page(make, home, documents):
    page, _created = make.get_or_create(
        home,
        StandardPage,
        slug="demander-de-laide",
        title="Demander de l’aide",
        show_in_menus=True,
        intro=(
            "Vous traversez une période difficile au travail ? Voici comment demander un "
            "échange, ce qui se passe ensuite et ce que nous faisons de vos informations."
        ),
        body=[
            *sections(
                (
                    "1. Décrire votre situation",
                    [
                        "Une fois connecté·e, ouvrez "
                        '<a href="/demandes/demander/">le formulaire de demande d’aide</a> '
                        "(aussi dans « Mon espace ») : choisissez le thème qui s’en approche "
                        "le plus, écrivez quelques lignes sur ce que vous vivez et dites "
                        "comment vous préférez être recontacté·e (téléphone, e-mail, visio). "
                        "Inutile de tout raconter : l’essentiel suffit.",
                        "Vous n’êtes pas à l’aise en ligne ? Appelez ou écrivez à la "
                        "coordination (contact@relais.test) : elle saisit la demande pour vous.",
                    ],
                ),
                (
                    "2. Une réponse de la coordination",
                    [
                        "Une personne de la coordination lit votre demande, en accuse réception "
                        "dans les 48 heures et vous dit si le réseau peut la prendre en charge, "
                        "et pour quand. Elle vous propose ensuite un·e "
                        "aidant·e dont l’expérience correspond à votre situation.",
                        "Vos coordonnées ne sont transmises à l’aidant·e qu’avec votre accord "
                        "explicite.",
                    ],
                ),
                (
                    "3. L’échange avec un·e aidant·e",
                    [
                        "L’échange a lieu par téléphone, en visioconférence ou autour d’un café, "
                        "comme vous le souhaitez. Il peut suffire d’une fois ; il peut aussi y "
                        "en avoir plusieurs.",
                        "À la fin, l’aidant·e transmet à la coordination un compte rendu très "
                        "bref (la demande a-t-elle trouvé une suite ?), sans aucun détail sur "
                        "ce que vous avez confié.",
                    ],
                ),
            ),
            question(
                "Ma demande sera-t-elle connue de mon employeur ?",
                "Non. Relais est indépendant de votre employeur et ne lui transmet rien. Seules "
                "la coordination et l’aidant·e que vous avez accepté·e connaissent votre "
                "demande.",
            ),
            question(
                "Et si c’est urgent ?",
                "Relais n’est pas un service d’urgence. Si vous êtes en danger ou en détresse, "
                "appelez le 15 ou le 112, ou le 3114 (numéro national de prévention du "
                "suicide), joignable à toute heure.",
            ),
            document_block(
                documents["self_assessment"], "Avant d’écrire : la grille d’auto-évaluation"
            ),
        ],
    )
    return page


def _legal_pages(make, home):
    legal, _created = make.get_or_create(
        home,
        StandardPage,
        slug="mentions-legales",
        title="Mentions légales",
        intro="Informations sur l’éditeur et l’hébergeur du portail Relais.",
        body=sections(
            (
                "Éditeur",
                [
                    "Le portail Relais est édité par l’association Relais, association régie "
                    "par la loi du 1er juillet 1901, dont le siège est situé [adresse du siège "
                    "à compléter].",
                    "Directeur ou directrice de la publication : [nom de la personne à "
                    "compléter], en sa qualité de président·e de l’association.",
                    f"Contact : {CONTACT_EMAIL}.",
                ],
            ),
            (
                "Hébergement",
                [
                    "Le portail est hébergé par [nom de l’hébergeur à compléter], dont les "
                    "serveurs sont situés dans l’Union européenne. Adresse et coordonnées de "
                    "l’hébergeur : [à compléter].",
                ],
            ),
            (
                "Propriété des contenus",
                [
                    "Les textes, fiches et documents publiés sur le portail sont la propriété "
                    "de l’association Relais ou de leurs auteurs et autrices. Ils peuvent être "
                    "cités avec mention de la source ; toute autre reproduction demande "
                    "l’accord préalable de l’association.",
                ],
            ),
            (
                "Liens vers d’autres sites",
                [
                    "Les liens proposés dans la bibliothèque de ressources renvoient vers des "
                    "sites dont Relais ne maîtrise pas le contenu. Signalez-nous un lien qui "
                    "ne fonctionne plus ou qui vous semble inapproprié.",
                ],
            ),
        ),
    )
    privacy, _created = make.get_or_create(
        home,
        StandardPage,
        slug="politique-de-confidentialite",
        title="Politique de confidentialité",
        intro=(
            "Relais accueille des personnes qui traversent des moments délicats. Nous ne "
            "collectons que ce qui est nécessaire, et nous le protégeons."
        ),
        body=sections(
            (
                "Responsable du traitement",
                [
                    "L’association Relais est responsable des traitements de données "
                    f"personnelles réalisés sur ce portail. Pour toute question : {CONTACT_EMAIL}.",
                ],
            ),
            (
                "Données collectées et finalités",
                [
                    "Compte membre : adresse e-mail, nom et prénom, pour vous identifier et vous "
                    "donner accès à l’espace membres.",
                    "Profil : les informations que vous choisissez d’ajouter et leur visibilité, "
                    "que vous réglez vous-même.",
                    "Demandes d’aide : le thème et le texte de votre demande, pour l’orienter "
                    "vers un·e aidant·e. Ces informations ne sont lues que par la coordination "
                    "et par l’aidant·e que vous avez accepté·e.",
                ],
            ),
            (
                "Base légale",
                [
                    "Les traitements reposent sur votre adhésion à l’association (exécution des "
                    "conditions d’adhésion) et, pour la transmission de vos coordonnées à un·e "
                    "aidant·e, sur votre consentement, que vous pouvez retirer à tout moment.",
                ],
            ),
            (
                "Durées de conservation",
                [
                    "Les demandes d’aide sont anonymisées à l’issue de leur clôture, dans un "
                    "délai fixé par les conditions d’adhésion ; seules des statistiques sans "
                    "données nominatives sont conservées. Un compte inactif est supprimé après "
                    "une période d’inactivité annoncée à l’avance par e-mail.",
                ],
            ),
            (
                "Vos droits",
                [
                    "Vous disposez d’un droit d’accès, de rectification, d’effacement, de "
                    "limitation et d’opposition, ainsi que du droit à la portabilité de vos "
                    f"données. Écrivez-nous à {CONTACT_EMAIL}. Vous pouvez aussi saisir la CNIL.",
                ],
            ),
            (
                "Cookies",
                [
                    "Le portail n’utilise que des cookies nécessaires à son fonctionnement "
                    "(session et sécurité des formulaires). Aucun cookie de mesure d’audience "
                    "ni de publicité n’est déposé.",
                ],
            ),
        ),
    )
    return legal, privacy


# ---------------------------------------------------------------------------------------------
# Charters (R-C15, R-K1)

MEMBERSHIP_V1 = sections(
    (
        "Objet",
        [
            "Ces conditions fixent ce que Relais propose à ses membres et ce que chaque membre "
            "s’engage à respecter. Elles sont acceptées lors de l’adhésion.",
        ],
    ),
    (
        "Ce que propose le réseau",
        [
            "Relais met en relation des personnes qui rencontrent une difficulté au travail avec "
            "des aidant·es bénévoles. Cette intermédiation est gratuite et ne comporte aucune "
            "obligation de résultat.",
        ],
    ),
    (
        "Engagements des membres",
        [
            "Chaque membre respecte la confidentialité de ce qui lui est confié, s’exprime avec "
            "courtoisie et n’utilise pas le réseau à des fins commerciales ou militantes.",
        ],
    ),
    (
        "Fin de l’adhésion",
        [
            "Vous pouvez quitter le réseau à tout moment depuis votre espace membre. "
            "L’association peut suspendre un compte en cas de manquement grave à ces "
            "conditions, après avoir entendu la personne concernée.",
        ],
    ),
)

MEMBERSHIP_V2 = sections(
    (
        "Objet",
        [
            "Ces conditions fixent ce que Relais propose à ses membres et ce que chaque membre "
            "s’engage à respecter. Elles remplacent la version V1/2025.",
        ],
    ),
    (
        "Ce que propose le réseau",
        [
            "Relais met en relation des personnes qui rencontrent une difficulté au travail avec "
            "des aidant·es bénévoles, et ouvre un forum entre pairs. L’intermédiation est "
            "gratuite et ne comporte aucune obligation de résultat.",
        ],
    ),
    (
        "Engagements des membres",
        [
            "Chaque membre respecte la confidentialité de ce qui lui est confié, s’exprime avec "
            "courtoisie, respecte les règles du forum et n’utilise pas le réseau à des fins "
            "commerciales ou militantes.",
        ],
    ),
    (
        "Données et conservation",
        [
            "Les demandes d’aide sont anonymisées douze mois après leur clôture. Les "
            "indicateurs d’activité du réseau sont calculés sans aucune donnée nominative.",
        ],
    ),
    (
        "Fin de l’adhésion",
        [
            "Vous pouvez quitter le réseau à tout moment depuis votre espace membre. "
            "L’association peut suspendre un compte en cas de manquement grave à ces "
            "conditions, après avoir entendu la personne concernée.",
        ],
    ),
)

CHARTERS = [
    {
        "slug": "conditions-adhesion-v1-2025",
        "title": "Conditions d’adhésion – V1/2025",
        "kind": CharterKind.MEMBERSHIP_TERMS,
        "version_label": "V1/2025",
        "effective_date": date(2025, 1, 15),
        "body": MEMBERSHIP_V1,
    },
    {
        "slug": "conditions-adhesion-v2-2026",
        "title": "Conditions d’adhésion – V2/2026",
        "kind": CharterKind.MEMBERSHIP_TERMS,
        "version_label": "V2/2026",
        "effective_date": date(2026, 9, 1),
        "requires_reacceptance": True,
        "summary_of_changes": paragraphs(
            "<ul><li>Ouverture du forum entre pairs : ses règles s’ajoutent aux engagements "
            "des membres.</li><li>Durée de conservation des demandes d’aide précisée : "
            "anonymisation douze mois après leur clôture.</li><li>Les indicateurs d’activité "
            "sont calculés sans donnée nominative.</li></ul>"
        ),
        "body": MEMBERSHIP_V2,
    },
    {
        "slug": "charte-confidentialite",
        "title": "Charte de confidentialité",
        "kind": CharterKind.CONFIDENTIALITY,
        "version_label": "V1/2025",
        "effective_date": date(2025, 1, 15),
        "body": sections(
            (
                "Ce qui est confié reste entre nous",
                [
                    "Tout ce qu’une personne confie à la coordination ou à un·e aidant·e reste "
                    "confidentiel. Rien n’est répété, ni au sein du réseau ni en dehors, sans "
                    "son accord.",
                ],
            ),
            (
                "L’anonymat des personnes qui demandent de l’aide",
                [
                    "Une demande d’aide n’est jamais publiée. Dans les échanges internes et les "
                    "bilans, les personnes ne sont pas nommées et les situations sont décrites "
                    "de façon à ne pas pouvoir être reconnues.",
                ],
            ),
            (
                "Le consentement avant toute mise en relation",
                [
                    "Les coordonnées d’une personne ne sont transmises à un·e aidant·e "
                    "qu’après son accord explicite, et celles de l’aidant·e ne sont "
                    "communiquées qu’avec le sien.",
                ],
            ),
            (
                "Les limites de la confidentialité",
                [
                    "Si la vie ou la sécurité d’une personne est en jeu, l’aidant·e l’encourage "
                    "à contacter les services d’urgence et peut, en dernier recours, les "
                    "alerter lui-même ou elle-même.",
                ],
            ),
        ),
    },
    {
        "slug": "charte-aidants",
        "title": "Charte des aidant·es",
        "kind": CharterKind.HELPER_CHARTER,
        "version_label": "V1/2025",
        "effective_date": date(2025, 1, 15),
        "body": sections(
            (
                "Écouter sans juger",
                [
                    "L’aidant·e accueille la parole de la personne telle qu’elle vient, sans "
                    "jugement ni conseil imposé. Son rôle est d’aider à y voir plus clair, pas "
                    "de décider à la place de l’autre.",
                ],
            ),
            (
                "Rester dans son rôle",
                [
                    "L’aidant·e est un pair bénévole. Il ou elle ne se présente pas comme "
                    "thérapeute, juriste ou médiateur ou médiatrice, et oriente vers un "
                    "professionnel quand la situation le demande.",
                ],
            ),
            (
                "Être libre d’accepter",
                [
                    "L’aidant·e peut décliner une mise en relation, notamment en cas de "
                    "conflit d’intérêts (même employeur, lien hiérarchique, proximité "
                    "personnelle), sans avoir à se justifier.",
                ],
            ),
            (
                "Un compte rendu bref",
                [
                    "À la fin d’un accompagnement, l’aidant·e indique seulement à la "
                    "coordination si la demande a trouvé une suite. Aucun contenu des échanges "
                    "n’est rapporté.",
                ],
            ),
        ),
    },
    {
        "slug": "regles-forum",
        "title": "Règles du forum",
        "kind": CharterKind.FORUM_RULES,
        "version_label": "V1/2026",
        "effective_date": date(2026, 9, 1),
        "body": sections(
            (
                "Un espace entre pairs",
                [
                    "Le forum est réservé aux membres. On y partage des expériences et des "
                    "astuces, avec bienveillance et sans chercher à avoir le dernier mot.",
                ],
            ),
            (
                "Protéger les personnes",
                [
                    "Ne citez ni le nom d’une personne, ni celui d’un employeur, ni aucun "
                    "détail qui permettrait de reconnaître une situation. Pour une situation "
                    "personnelle, préférez une demande d’aide confidentielle.",
                ],
            ),
            (
                "Modération",
                [
                    "L’équipe de modération peut masquer un message qui enfreint ces règles et "
                    "en informe son auteur ou son autrice. Chaque membre peut signaler un "
                    "message : son auteur ou son autrice ne sait pas qui l’a signalé, mais "
                    "l’équipe de modération voit le nom de la personne qui signale.",
                ],
            ),
        ),
    },
]


def _charters(make, home):
    index, _created = make.get_or_create(
        home,
        CharterIndexPage,
        slug="chartes",
        title="Chartes et conditions",
        show_in_menus=True,
        intro=paragraphs(
            "Les textes qui fondent la confiance au sein du réseau. Chaque version reste "
            "consultable à sa propre adresse."
        ),
    )
    charters = {}
    for spec in CHARTERS:
        fields = dict(spec)
        slug = fields.pop("slug")
        charters[slug], _created = make.get_or_create(index, CharterPage, slug=slug, **fields)
    return index, charters


# ---------------------------------------------------------------------------------------------
# Resources (R-C14)


def _resource_specs(documents):
    """(slug, fields, members_only) for every demo resource."""
    return [
        (
            "travailler-ensemble-sans-sepuiser",
            {
                "title": "Travailler ensemble sans s’épuiser",
                "kind": ResourceKind.BOOK,
                "author": "Claire Vasseur",
                "summary": "Un essai accessible sur les tensions ordinaires entre collègues et "
                "sur les petites habitudes qui les apaisent.",
                "themes": ["relations"],
                "tags": ["conflit", "stress"],
                "body": [
                    paragraph(
                        "L’autrice part de situations familières – la réunion qui dérape, le "
                        "message mal compris, la rivalité qui s’installe – et propose des "
                        "gestes simples pour rouvrir le dialogue.",
                        "Conseillé par plusieurs aidant·es pour une première lecture.",
                    )
                ],
            },
            False,
        ),
        (
            "manager-avec-attention",
            {
                "title": "Manager avec attention",
                "kind": ResourceKind.BOOK,
                "author": "Marc Olivier",
                "summary": "Un guide pour les managers de proximité qui veulent tenir les "
                "objectifs sans perdre de vue les personnes.",
                "themes": ["management"],
                "tags": ["management"],
                "body": [
                    paragraph(
                        "Organisé en courts chapitres : écouter en entretien individuel, "
                        "répartir la charge, reconnaître le travail invisible, dire non à sa "
                        "propre hiérarchie."
                    )
                ],
            },
            False,
        ),
        (
            "changer-de-cap-a-mi-parcours",
            {
                "title": "Changer de cap à mi-parcours",
                "kind": ResourceKind.BOOK,
                "author": "Nadia Ferreira",
                "summary": "Des récits de reconversion et une méthode pour préparer la sienne "
                "sans tout quitter du jour au lendemain.",
                "themes": ["carriere-expertise"],
                "tags": ["reconversion"],
                "body": [
                    paragraph(
                        "Douze parcours racontés sans enjoliver, suivis d’exercices pour "
                        "identifier ses compétences transférables et tester un projet."
                    )
                ],
            },
            False,
        ),
        (
            "desamorcer-un-conflit-dequipe",
            {
                "title": "Fiche conseil : désamorcer un conflit d’équipe",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Quatre étapes pour sortir d’un conflit qui s’enlise : les faits, "
                "les ressentis, les besoins, une proposition.",
                "themes": ["relations", "management"],
                "tags": ["conflit", "management"],
                "attachments": [(documents["conflict_guide"], "Trame à imprimer")],
                "body": sections(
                    (
                        "Avant la conversation",
                        [
                            "Notez les faits observables, sans interprétation. Choisissez un "
                            "moment et un lieu neutres."
                        ],
                    ),
                    (
                        "Pendant",
                        [
                            "Parlez de ce que vous ressentez plutôt que de ce que l’autre "
                            "« est ». Terminez par une demande concrète et réaliste."
                        ],
                    ),
                ),
            },
            False,
        ),
        (
            "reperer-les-signes-de-surcharge",
            {
                "title": "Fiche conseil : repérer les signes de surcharge",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Fatigue qui ne passe plus, irritabilité, sentiment de ne jamais "
                "finir : les signaux à prendre au sérieux, et quoi en faire.",
                "themes": ["ressources-disponibles"],
                "tags": ["stress", "charge de travail"],
                "attachments": [(documents["self_assessment"], "")],
                "body": sections(
                    (
                        "Les signaux",
                        [
                            "<ul><li>Le sommeil ne suffit plus à récupérer.</li><li>Les "
                            "tâches simples demandent un effort inhabituel.</li><li>Les "
                            "pauses disparaissent de l’agenda.</li></ul>"
                        ],
                    ),
                    (
                        "Et ensuite",
                        [
                            "Remplissez la grille d’auto-évaluation sur deux semaines, puis "
                            "parlez-en : à votre manager, au service de santé au travail ou à "
                            "un·e aidant·e de Relais."
                        ],
                    ),
                ),
            },
            False,
        ),
        (
            "preparer-son-entretien-annuel",
            {
                "title": "Fiche conseil : préparer son entretien annuel",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Faire de l’entretien annuel un vrai moment d’échange : bilan, "
                "besoins de formation, souhaits d’évolution.",
                "themes": ["carriere-expertise", "management"],
                "tags": ["carrière", "management"],
                "body": [
                    paragraph(
                        "Relisez vos objectifs de l’an passé et notez trois réussites, même "
                        "modestes. Préparez une demande précise : une formation, un projet, "
                        "un aménagement."
                    )
                ],
            },
            False,
        ),
        (
            "travailler-avec-des-elus",
            {
                "title": "Fiche conseil : travailler avec des élus",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Quand les priorités politiques et les contraintes techniques se "
                "télescopent : clarifier les rôles et garder le fil.",
                "themes": ["relations"],
                "tags": ["dialogue", "conflit"],
                "body": [
                    paragraph(
                        "Formalisez les demandes reçues par écrit, proposez des options "
                        "chiffrées plutôt qu’un refus sec, et appuyez-vous sur votre direction "
                        "quand une demande sort de votre mandat."
                    )
                ],
            },
            False,
        ),
        (
            "faire-le-point-sur-sa-carriere",
            {
                "title": "Faire le point sur sa carrière : liste de contrôle",
                "kind": ResourceKind.DOCUMENT,
                "summary": "Un document à remplir seul·e ou avec un·e aidant·e pour clarifier "
                "ses envies et ses contraintes avant un changement.",
                "themes": ["carriere-expertise"],
                "tags": ["reconversion", "carrière"],
                "attachments": [(documents["career_checklist"], "")],
                "body": [paragraph("Comptez une heure, au calme. Il n’y a pas de bonne réponse.")],
            },
            False,
        ),
        (
            "glossaire-des-dispositifs-de-soutien",
            {
                "title": "Glossaire des dispositifs de soutien au travail",
                "kind": ResourceKind.DOCUMENT,
                "summary": "Médecine du travail, référent harcèlement, cellule d’écoute, "
                "représentant·es du personnel : qui fait quoi, en quelques lignes.",
                "themes": ["ressources-disponibles", "autre"],
                "tags": ["orientation"],
                "body": sections(
                    (
                        "Service de prévention et de santé au travail",
                        [
                            "Il peut être sollicité par le ou la salarié·e elle-même, sans "
                            "passer par l’employeur."
                        ],
                    ),
                    (
                        "Référent·e harcèlement",
                        ["Désigné·e dans les structures d’une certaine taille."],
                    ),
                ),
            },
            False,
        ),
        (
            "annuaire-des-services-decoute",
            {
                "title": "Annuaire des services d’écoute au travail",
                "kind": ResourceKind.LINK,
                "external_url": "https://ecoute-travail.example.org/annuaire",
                "summary": "Un annuaire (fictif pour la démonstration) des lignes d’écoute et "
                "des permanences, classées par région.",
                "themes": ["autre"],
                "tags": ["stress", "orientation"],
            },
            False,
        ),
        (
            "se-former-tout-au-long-de-la-vie",
            {
                "title": "Se former tout au long de la vie",
                "kind": ResourceKind.LINK,
                "external_url": "https://formation.example.org/",
                "summary": "Un portail d’information sur la formation continue et la "
                "validation des acquis de l’expérience.",
                "themes": ["carriere-expertise"],
                "tags": ["reconversion"],
            },
            False,
        ),
        (
            "dire-non-sans-se-facher",
            {
                "title": "Vidéo : dire non sans se fâcher",
                "kind": ResourceKind.VIDEO,
                "external_url": "https://video.example.org/dire-non-sans-se-facher",
                "summary": "Huit minutes pour apprendre à refuser une demande de façon claire "
                "et respectueuse.",
                "themes": ["relations"],
                "tags": ["conflit", "stress"],
            },
            False,
        ),
        (
            "le-manager-de-proximite-et-labsenteisme",
            {
                "title": "Vidéo : le manager de proximité face à l’absentéisme",
                "kind": ResourceKind.VIDEO,
                "external_url": "https://video.example.org/manager-absenteisme",
                "summary": "Une table ronde entre managers : accueillir un retour, réorganiser "
                "sans surcharger l’équipe.",
                "themes": ["management", "ressources-disponibles"],
                "tags": ["management"],
            },
            False,
        ),
        (
            "prioriser-quand-les-moyens-manquent",
            {
                "title": "Fiche conseil : prioriser quand les moyens manquent",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Trier, reporter, renoncer : une méthode pour rendre visibles les "
                "arbitrages plutôt que de les porter seul·e.",
                "themes": ["ressources-disponibles", "management"],
                "tags": ["charge de travail", "stress"],
                "body": [
                    paragraph(
                        "Listez vos tâches, estimez leur durée réelle, puis demandez à votre "
                        "responsable de choisir ce qui passe en dernier. L’arbitrage lui "
                        "revient ; le rendre visible vous revient."
                    )
                ],
            },
            False,
        ),
        # Members-only resources (R-C11): a view restriction for the Membres group.
        (
            "trame-interne-entretien-aidants",
            {
                "title": "Trame interne d’entretien des aidant·es (réservé aux membres)",
                "kind": ResourceKind.DOCUMENT,
                "summary": "La trame que suivent les aidant·es lors d’un premier échange : "
                "accueil, reformulation, orientation, compte rendu.",
                "themes": ["autre"],
                "tags": ["accompagnement"],
                "attachments": [(documents["helper_kit"], "Trame d’entretien (PDF)")],
                "body": [
                    paragraph(
                        "Document de travail du réseau, à ne pas diffuser en dehors de "
                        "l’espace membres."
                    )
                ],
            },
            True,
        ),
        (
            "retours-dexperience-conflit-hierarchie",
            {
                "title": "Retours d’expérience : sortir d’un conflit avec sa hiérarchie "
                "(réservé aux membres)",
                "kind": ResourceKind.ADVICE_SHEET,
                "summary": "Des membres racontent, de façon anonymisée, comment ils et elles "
                "sont sorti·es d’un conflit avec leur responsable.",
                "themes": ["relations"],
                "tags": ["conflit"],
                "body": [
                    paragraph(
                        "Trois récits anonymisés, relus par leurs auteurs et autrices, et ce "
                        "qu’ils ont en commun : chercher un tiers, garder des traces écrites, "
                        "ne pas rester seul·e."
                    )
                ],
            },
            True,
        ),
        (
            "webinaire-aidants-mars-2026",
            {
                "title": "Enregistrement du webinaire des aidant·es – mars 2026 (réservé aux "
                "membres)",
                "kind": ResourceKind.VIDEO,
                "external_url": "https://video.example.org/relais/webinaire-aidants-2026-03",
                "summary": "L’enregistrement du webinaire « Écouter sans s’épuiser » destiné "
                "aux aidant·es du réseau.",
                "themes": ["management", "autre"],
                "tags": ["stress", "accompagnement"],
            },
            True,
        ),
    ]


def _resources(make, home, themes, documents):
    index, _created = make.get_or_create(
        home,
        ResourceIndexPage,
        slug="ressources",
        title="Ressources",
        show_in_menus=True,
        intro=(
            "Livres, fiches conseil, documents, liens et vidéos choisis par les membres du "
            "réseau. Filtrez par thème ou par type ; certaines ressources sont réservées aux "
            "membres."
        ),
    )
    for slug, fields, members_only in _resource_specs(documents):
        fields = dict(fields)
        fields["themes"] = [themes[theme] for theme in fields.get("themes", [])]
        resource, _created = make.get_or_create(index, ResourcePage, slug=slug, **fields)
        if members_only:
            make.restrict_to_members(resource)
    return index


# ---------------------------------------------------------------------------------------------
# News


def _news(make, home, charters, resources_index):
    index, _created = make.get_or_create(
        home,
        NewsIndexPage,
        slug="actualites",
        title="Actualités",
        show_in_menus=True,
        intro="Ce qui bouge dans le réseau : rencontres, nouvelles ressources, évolutions.",
    )
    items = [
        (
            "cycle-de-webinaires-pour-les-aidants",
            "Un cycle de webinaires pour les aidant·es",
            date(2026, 2, 10),
            "Chaque trimestre, une heure pour échanger entre aidant·es sur une difficulté "
            "rencontrée en accompagnement.",
            [
                paragraph(
                    "Premier rendez-vous en mars autour d’une question qui revient souvent : "
                    "comment écouter sans s’épuiser soi-même ? L’enregistrement sera disponible "
                    "dans l’espace membres."
                )
            ],
        ),
        (
            "nouvelle-serie-de-fiches-charge-de-travail",
            "Nouvelle série de fiches sur la charge de travail",
            date(2026, 4, 2),
            "Trois nouvelles fiches conseil rejoignent la bibliothèque : repérer la surcharge, "
            "prioriser, en parler.",
            [
                paragraph(
                    "Elles ont été écrites à partir des questions les plus fréquentes reçues "
                    f"par la coordination. Retrouvez-les dans les "
                    f"{page_link(resources_index, 'ressources')}, thème « Ressources "
                    "disponibles »."
                )
            ],
        ),
        (
            "conditions-adhesion-version-2",
            "Conditions d’adhésion : une version 2 au 1er septembre",
            date(2026, 6, 20),
            "Les conditions d’adhésion évoluent avec l’ouverture du forum. Chaque membre sera "
            "invité·e à accepter la nouvelle version.",
            [
                paragraph(
                    "Les principaux changements : les règles du forum, une durée de "
                    "conservation précisée pour les demandes d’aide et des indicateurs sans "
                    "donnée nominative. "
                    + page_link(charters["conditions-adhesion-v2-2026"], "Lire la version V2/2026")
                    + "."
                )
            ],
        ),
        (
            "le-forum-entre-pairs-est-ouvert",
            "Le forum entre pairs est ouvert",
            date(2026, 10, 5),
            "Les membres peuvent désormais échanger expériences et astuces sur le forum, dans "
            "le respect de ses règles.",
            [
                paragraph(
                    "Le forum est réservé aux membres et une équipe de modération veille sur les "
                    "échanges : les premiers messages de chacun et chacune sont relus avant "
                    'publication. Rendez-vous sur <a href="/forum/">le forum</a>. Pour une '
                    "situation personnelle, la demande d’aide confidentielle reste la meilleure "
                    "porte d’entrée."
                )
            ],
        ),
        (
            "retour-sur-la-rencontre-annuelle-2026",
            "Retour sur la rencontre annuelle 2026",
            date(2026, 11, 12),
            "Près de soixante membres se sont retrouvé·es pour faire le bilan de l’année et "
            "choisir les chantiers de la suivante.",
            [
                paragraph(
                    "Merci à toutes et à tous. Le compte rendu détaillé est disponible dans "
                    "l’espace membres."
                )
            ],
        ),
    ]
    for slug, title, day, intro, body in items:
        make.get_or_create(
            index, NewsPage, slug=slug, title=title, date=day, intro=intro, body=body
        )
    return index


# ---------------------------------------------------------------------------------------------
# Members' area (R-C11): everything below "Espace membres" is for members only.


def _members_area(make, home, documents, help_page):
    area, _created = make.get_or_create(
        home,
        StandardPage,
        slug="espace-membres",
        title="Espace membres",
        show_in_menus=True,
        intro="Les informations pratiques du réseau, réservées aux membres connecté·es.",
        body=[
            paragraph(
                "Bienvenue dans votre espace. Vous y trouverez le planning des permanences, les "
                "comptes rendus des rencontres et quelques conseils pour profiter du réseau."
            )
        ],
    )
    make.restrict_to_members(area)
    make.get_or_create(
        area,
        StandardPage,
        slug="permanences-des-aidants",
        title="Planning des permanences des aidant·es (espace membres)",
        intro="Les créneaux où un·e aidant·e est joignable sans rendez-vous.",
        body=sections(
            (
                "Permanences téléphoniques",
                [
                    "Le mardi de 18 h à 20 h et le jeudi de 12 h à 14 h. Le numéro est "
                    "communiqué dans l’e-mail de bienvenue des membres.",
                ],
            ),
            (
                "Permanences en visioconférence",
                [
                    "Un samedi matin par mois, sur inscription depuis votre espace. Les liens "
                    "de connexion sont envoyés la veille.",
                ],
            ),
        ),
    )
    make.get_or_create(
        area,
        StandardPage,
        slug="compte-rendu-rencontre-annuelle-2026",
        title="Compte rendu de la rencontre annuelle 2026 (espace membres)",
        intro="Ce que nous avons retenu de la journée du 8 novembre 2026.",
        body=sections(
            (
                "Le bilan de l’année",
                [
                    "Les demandes d’aide ont surtout porté sur les relations avec la "
                    "hiérarchie et sur la charge de travail. La plupart ont trouvé une suite "
                    "en un ou deux échanges.",
                ],
            ),
            (
                "Les chantiers retenus",
                [
                    "<ul><li>Ouvrir le forum entre pairs.</li><li>Former six nouveaux "
                    "aidant·es.</li><li>Enrichir la bibliothèque sur le thème « Carrière et "
                    "expertise ».</li></ul>",
                ],
            ),
        ),
    )
    make.get_or_create(
        area,
        StandardPage,
        slug="bien-utiliser-le-reseau",
        title="Bien utiliser le réseau : guide du membre (espace membres)",
        intro="Quelques repères pour demander, proposer et partager au sein de Relais.",
        body=[
            *sections(
                (
                    "Demander",
                    [
                        "Pour une situation personnelle, passez par "
                        + page_link(help_page, "la demande d’aide")
                        + " : elle est confidentielle et orientée vers la bonne personne.",
                    ],
                ),
                (
                    "Proposer",
                    [
                        "Vous avez une expérience à partager ou souhaitez devenir aidant·e ? "
                        "Écrivez à la coordination.",
                    ],
                ),
            ),
            document_block(documents["helper_kit"], "La trame d’entretien des aidant·es"),
        ],
    )
    return area


# ---------------------------------------------------------------------------------------------
# Home page blocks that point to the sections, and the footer links


def _complete_home(home, *, help_page, about, resources, charters, news):
    """Fill the offers and call to action of a home page created by this run."""
    home.offers = [
        {
            "type": "offer",
            "value": {
                "title": "Écoute confidentielle",
                "text": "Parler d’une difficulté à quelqu’un qui écoute vraiment, sans que "
                "rien ne sorte de l’échange.",
                "page": help_page.pk,
            },
        },
        {
            "type": "offer",
            "value": {
                "title": "Accompagnement par des aidant·es",
                "text": "Des pairs bénévoles et formé·es, choisi·es selon votre situation, "
                "pour un ou plusieurs échanges.",
                "page": charters["charte-aidants"].pk,
            },
        },
        {
            "type": "offer",
            "value": {
                "title": "Bibliothèque de ressources",
                "text": "Livres, fiches conseil, documents et vidéos sélectionnés par les "
                "membres, classés par thème.",
                "page": resources.pk,
            },
        },
        {
            "type": "offer",
            "value": {
                "title": "Forum entre pairs",
                "text": "Ouvert : un espace d’échange réservé aux membres, où une équipe de "
                "modération veille au respect des règles.",
                "page": charters["regles-forum"].pk,
            },
        },
    ]
    home.help_link = help_page
    home.body = [
        quote(
            "On ne règle pas tout en une conversation. Mais on repart rarement avec le même "
            "poids sur les épaules.",
            "Une aidante du réseau",
        ),
        call_to_action(
            "Découvrir le réseau",
            "Qui sont les aidant·es, comment le réseau fonctionne, ce qu’il peut et ne peut "
            "pas faire.",
            about,
            "Qui sommes-nous",
        ),
    ]
    home.save_revision().publish()


def _site_links(site, *, legal, privacy, help_page, tally):
    """Footer links of the default site; only empty fields are filled, never an editor's choice."""
    links = SiteLinks.for_site(site)
    changed = False
    for field, value in (
        ("legal_notice", legal),
        ("privacy_policy", privacy),
        ("help_page", help_page),
        ("contact_email", CONTACT_EMAIL),
    ):
        if not getattr(links, field):
            setattr(links, field, value)
            changed = True
    if changed:
        links.save()
        tally["settings"] += 1


def _summary(tally):
    labels = {
        "pages": lambda n: ngettext("%(count)d page", "%(count)d pages", n),
        "themes": lambda n: ngettext("%(count)d thème", "%(count)d thèmes", n),
        "collections": lambda n: ngettext("%(count)d collection", "%(count)d collections", n),
        "documents": lambda n: ngettext("%(count)d document", "%(count)d documents", n),
        "images": lambda n: ngettext("%(count)d image", "%(count)d images", n),
        "restrictions": lambda n: ngettext(
            "%(count)d restriction d’accès", "%(count)d restrictions d’accès", n
        ),
        "sites": lambda n: ngettext("%(count)d site", "%(count)d sites", n),
        "settings": lambda n: ngettext(
            "%(count)d réglage du site", "%(count)d réglages du site", n
        ),
    }
    return ", ".join(
        label(tally[key]) % {"count": tally[key]} for key, label in labels.items() if tally[key]
    )


def load(*, stdout, password=None):
    """Create the missing CMS content of the demo network; return how many objects were created."""
    tally = Counter()
    make = _PageMaker(tally, Group.objects.get(name=MEMBERS))

    documents, images = load_assets(tally)
    themes = _load_themes(tally)
    home, home_created = _home_page(make)
    site = _site(home, tally)
    about = _about_page(make, home, images)
    help_page = _help_page(make, home, documents)
    resources = _resources(make, home, themes, documents)
    charters_index, charters = _charters(make, home)
    news = _news(make, home, charters, resources)
    _members_area(make, home, documents, help_page)
    legal, privacy = _legal_pages(make, home)
    if home_created:
        _complete_home(
            home,
            help_page=help_page,
            about=about,
            resources=resources,
            charters=charters,
            news=news,
        )
    _site_links(site, legal=legal, privacy=privacy, help_page=help_page, tally=tally)

    if tally:
        stdout.write(_("Contenu du site créé : %(summary)s.") % {"summary": _summary(tally)})
    else:
        stdout.write(_("Contenu du site : tout existe déjà."))
    return sum(tally.values())
