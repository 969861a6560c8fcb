"""CMS content for tests: pages built in the Wagtail tree, documents, images and restrictions.

wagtail_factories is not used: a page only exists once added below a parent, so each page
factory takes a `parent` and creates through `parent.add_child(instance=...)`.
"""

import datetime
import io
from dataclasses import dataclass, field

import factory
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

from home.models import (
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
from members import roles

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes(size=(8, 6), colour=(200, 60, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Pages -------------------------------------------------------------------------------


class PageFactory(factory.Factory):
    """Creates the page below `parent` (required), published."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "Une page de contenu."


class ResourceIndexPageFactory(PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Bibliothèque"
    slug = "ressources"


class ResourcePageFactory(PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Ressource numéro {n}")
    kind = ResourceKind.ADVICE_SHEET
    summary = factory.LazyAttribute(lambda o: f"Résumé de {o.title}.")

    @classmethod
    def _create(cls, model_class, *args, parent, themes=(), tags=(), documents=(), **kwargs):
        page = model_class(*args, **kwargs)
        page.themes = list(themes)
        page.tags.add(*tags)
        page.attachments = [ResourceAttachment(document=document) for document in documents]
        parent.add_child(instance=page)
        return page


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Actualités"
    slug = "actualites"


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nouvelle numéro {n}")
    intro = factory.LazyAttribute(lambda o: f"Chapeau de {o.title}.")
    date = datetime.date(2026, 3, 1)


class CharterIndexPageFactory(PageFactory):
    class Meta:
        model = CharterIndexPage

    title = "Chartes et conditions"
    slug = "chartes"


class CharterPageFactory(PageFactory):
    class Meta:
        model = CharterPage

    title = "Charte de confidentialité"
    kind = CharterKind.CONFIDENTIALITY
    version_label = factory.Sequence(lambda n: f"V{n}")
    effective_date = datetime.date(2024, 1, 1)
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Ce qui se dit dans le réseau reste dans le réseau.</p>")]
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


def restrict_to_members(page):
    """R-C11: a Wagtail view restriction to the Membres group."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.MEMBERS)])
    return page


def make_home_page(title="Accueil Relais"):
    """A HomePage as the root of the default Site, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="accueil", help_text="Écrivez-nous."))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, site_name="Relais")
    site.root_page = home
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


# --- Documents and images ----------------------------------------------------------------


def members_collection(name="Documents des membres"):
    """A collection restricted to the Membres group."""
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.MEMBERS)])
    return collection


def make_document(title="Compte rendu", filename="compte-rendu.pdf", collection=None):
    Document = get_document_model()
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(filename, ContentFile(PDF_BYTES), save=False)
    document.save()
    return document


def make_image(title="Photo", filename="photo.png", collection=None):
    Image = get_image_model()
    image = Image(title=title, collection=collection or Collection.get_first_root_node())
    image.file.save(filename, ImageFile(io.BytesIO(png_bytes()), name=filename), save=False)
    image.save()
    return image


# --- The whole site used by the view tests -----------------------------------------------

SECRET_RESOURCE = "Titre secret des membres"
SECRET_SPACE = "Espace secret des membres"
SECRET_SPACE_CHILD = "Sous-page cachée des membres"
SECRET_CORNER = "Coulisses secrètes des membres"
SECRET_NEWS = "Annonce secrète aux membres"
SECRET_TITLES = (SECRET_RESOURCE, SECRET_SPACE, SECRET_SPACE_CHILD, SECRET_CORNER, SECRET_NEWS)
# A word that only members-only pages contain, for the search tests.
SECRET_WORD = "zanzibarine"


@dataclass
class SiteTree:
    home: HomePage
    resources: ResourceIndexPage
    public_resources: list
    secret_resource: ResourcePage
    about: StandardPage
    values: StandardPage
    secret_corner: StandardPage
    members_space: StandardPage
    members_space_child: StandardPage
    news_index: NewsIndexPage
    public_news: NewsPage
    secret_news: NewsPage
    charters: CharterIndexPage
    charter_versions: list
    legal_notice: StandardPage
    privacy_policy: StandardPage
    themes: dict = field(default_factory=dict)

    @property
    def secret_pages(self):
        return [
            self.secret_resource,
            self.secret_corner,
            self.members_space,
            self.members_space_child,
            self.secret_news,
        ]


def build_site_tree():
    """Home, library, news, charters, standard pages; each road has a members-only page."""
    home = make_home_page()
    listening = ThemeFactory(name="Écoute", slug="ecoute")
    health = ThemeFactory(name="Santé au travail", slug="sante")

    resources = ResourceIndexPageFactory(parent=home, show_in_menus=True)
    public_resources = [
        ResourcePageFactory(
            parent=resources,
            title="Guide de l’écoute active",
            kind=ResourceKind.BOOK,
            themes=[listening],
            tags=["écoute"],
        ),
        ResourcePageFactory(
            parent=resources,
            title="Fiche conseil sur l’épuisement",
            kind=ResourceKind.ADVICE_SHEET,
            themes=[health],
            tags=["stress"],
        ),
    ]
    secret_resource = restrict_to_members(
        ResourcePageFactory(
            parent=resources,
            title=SECRET_RESOURCE,
            kind=ResourceKind.DOCUMENT,
            summary=f"Un document {SECRET_WORD} pour les membres.",
            themes=[listening],
        )
    )

    about = StandardPageFactory(parent=home, title="À propos du réseau", show_in_menus=True)
    values = StandardPageFactory(parent=about, title="Nos valeurs")
    secret_corner = restrict_to_members(StandardPageFactory(parent=about, title=SECRET_CORNER))

    members_space = restrict_to_members(
        StandardPageFactory(
            parent=home,
            title=SECRET_SPACE,
            slug="espace-membres",
            show_in_menus=True,
            intro=f"Bienvenue dans l’espace {SECRET_WORD}.",
        )
    )
    members_space_child = StandardPageFactory(parent=members_space, title=SECRET_SPACE_CHILD)

    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True)
    public_news = NewsPageFactory(
        parent=news_index, title="Assemblée générale du réseau", date=datetime.date(2026, 2, 1)
    )
    secret_news = restrict_to_members(
        NewsPageFactory(
            parent=news_index,
            title=SECRET_NEWS,
            intro=f"Une nouvelle {SECRET_WORD}.",
            date=datetime.date(2026, 2, 2),
        )
    )

    charters = CharterIndexPageFactory(parent=home)
    charter_versions = [
        CharterPageFactory(
            parent=charters,
            slug="confidentialite-v1",
            version_label="V1/2024",
            effective_date=datetime.date(2024, 1, 1),
        ),
        CharterPageFactory(
            parent=charters,
            slug="confidentialite-v2",
            version_label="V2/2025",
            effective_date=datetime.date(2025, 3, 15),
        ),
    ]

    legal_notice = StandardPageFactory(parent=home, title="Mentions légales", slug="mentions")
    privacy_policy = StandardPageFactory(
        parent=home, title="Politique de confidentialité", slug="confidentialite"
    )
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.legal_notice = legal_notice
    links.privacy_policy = privacy_policy
    links.save()

    return SiteTree(
        home=home,
        resources=resources,
        public_resources=public_resources,
        secret_resource=secret_resource,
        about=about,
        values=values,
        secret_corner=secret_corner,
        members_space=members_space,
        members_space_child=members_space_child,
        news_index=news_index,
        public_news=public_news,
        secret_news=secret_news,
        charters=charters,
        charter_versions=charter_versions,
        legal_notice=legal_notice,
        privacy_policy=privacy_policy,
        themes={"ecoute": listening, "sante": health},
    )
