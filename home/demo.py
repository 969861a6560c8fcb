"""CMS content of the demo network: home page, themes, charters, resources, news, members' area.

Called by `manage.py load_demo` after members.demo. The text is in `home/demo_data/*.toml`
(home/demo_data/README.md says how it is written); this module turns it into themes, pages and
footer links. Every object is looked up (pages by slug under their parent, themes by slug, files
by title) before it is created, so a second run creates nothing and never overwrites what
editors changed. All the text is written for Relais.

Members-only content (R-C11) is made so the way editors would: a Wagtail view restriction for the
"Membres" group on the page (or its section), and the "Membres" collection for files.
"""

import re
import tomllib
from collections import Counter
from pathlib import Path

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, Site

from members.roles import MEMBERS

from .demo_assets import load_assets
from .models import (
    CharterIndexPage,
    CharterPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceAttachment,
    ResourceIndexPage,
    ResourcePage,
    SiteLinks,
    StandardPage,
    Theme,
)

DATA = Path(__file__).with_name("demo_data")
CONTACT_EMAIL = "contact@relais.test"

# The files of pages, in the order their pages are created: siblings keep that order in menus
# and listings. site.toml (the home page) and themes.toml are read on their own.
PAGE_FILES = ["pages", "resources", "charters", "news", "members_area", "legal"]
PAGE_MODELS = {
    model.__name__: model
    for model in (
        CharterIndexPage,
        CharterPage,
        NewsIndexPage,
        NewsPage,
        ResourceIndexPage,
        ResourcePage,
        StandardPage,
    )
}


def read(name):
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def paragraphs_of(text):
    """The paragraphs of a text in the data files: blank lines separate them, and the lines of
    one paragraph are joined with a space."""
    return [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text.strip())]


THEMES = [
    (theme["slug"], theme["name"], *paragraphs_of(theme["description"]))
    for theme in read("themes")["themes"]
]


# ---------------------------------------------------------------------------------------------
# From the data files' text to field values


class _Text:
    """Turns the text of the data files into what the fields store.

    Paragraphs as `paragraphs_of` reads them. In rich text a paragraph becomes `<p>…</p>`,
    unless it starts with "<" (a list, say), which is kept as it is. `{contact_email}` is the
    network's address, and `<a page="slug">` links to the demo page with that slug, made earlier
    in the run.
    """

    _PAGE_LINK = re.compile(r'<a page="([^"]+)">')

    def __init__(self, *, pages, documents, images):
        self.pages = pages
        self.documents = documents
        self.images = images

    def _resolve(self, text):
        text = text.replace("{contact_email}", CONTACT_EMAIL)
        return self._PAGE_LINK.sub(
            lambda link: f'<a linktype="page" id="{self.pages[link.group(1)].pk}">', text
        )

    def _paragraphs(self, text):
        return [self._resolve(paragraph) for paragraph in paragraphs_of(text)]

    def plain(self, text):
        paragraphs = self._paragraphs(text)
        if len(paragraphs) != 1:
            raise ValueError(f"A plain field of the demo data has one paragraph: {text[:60]!r}")
        return paragraphs[0]

    def rich(self, text):
        return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in self._paragraphs(text))

    def fields(self, model, spec):
        """A page's fields from its entry: text made plain or rich as the model field is."""
        fields = {}
        for name, value in spec.items():
            if name == "body":
                value = self.body(value)
            elif isinstance(value, str):
                is_rich = isinstance(model._meta.get_field(name), RichTextField)
                value = self.rich(value) if is_rich else self.plain(value)
            fields[name] = value
        return fields

    def body(self, items):
        """StreamField content (raw JSON form, as stored in the database) from `[[…body]]`.

        An item is a `heading` (with its section's `text`), a `quote`, a `question`, a
        `document`, an `image`, a `call_to_action`, or else a `text` on its own.
        """
        kinds = {
            "heading": self._heading,
            "quote": self._quote,
            "question": self._question,
            "document": self._document,
            "image": self._image,
            "call_to_action": self._call_to_action,
            "text": self._text,
        }
        blocks = []
        for item in items:
            kind = next((kind for kind in kinds if kind in item), None)
            if kind is None:
                raise ValueError(f"Unknown kind of block in the demo data: {sorted(item)}")
            blocks.extend(kinds[kind](item))
        return blocks

    def _heading(self, item):
        level = item.get("level", "h2")
        yield {"type": "heading", "value": {"text": self.plain(item["heading"]), "level": level}}
        if "text" in item:
            yield from self._text(item)

    def _text(self, item):
        yield {"type": "paragraph", "value": self.rich(item["text"])}

    def _quote(self, item):
        value = {"text": self.plain(item["quote"]), "attribution": self.plain(item["attribution"])}
        yield {"type": "quote", "value": value}

    def _question(self, item):
        value = {"question": self.plain(item["question"]), "answer": self.rich(item["answer"])}
        yield {"type": "question", "value": value}

    def _document(self, item):
        value = {
            "document": self.documents[item["document"]].pk,
            "title": self.plain(item.get("title", "")),
        }
        yield {"type": "document", "value": value}

    def _image(self, item):
        value = {
            "image": self.images[item["image"]].pk,
            "alt": self.plain(item["alt"]),
            "caption": self.plain(item.get("caption", "")),
        }
        yield {"type": "image", "value": value}

    def _call_to_action(self, item):
        value = {
            "title": self.plain(item["call_to_action"]),
            "text": self.plain(item["text"]),
            "page": self.pages[item["page"]].pk,
            "url": "",
            "button": self.plain(item["button"]),
        }
        yield {"type": "call_to_action", "value": value}


# ---------------------------------------------------------------------------------------------
# Themes (R-P1), from the themes of a peer listening point.


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


def _make_pages(make, text, specs, *, themes):
    """Every `[[pages]]` entry of a file, under its parent (a page made before, by slug)."""
    for spec in specs:
        spec = dict(spec)
        parent = text.pages[spec.pop("parent")]
        model = PAGE_MODELS[spec.pop("model")]
        members_only = spec.pop("members_only", False)
        spec["themes"] = [themes[slug] for slug in spec.get("themes", [])]
        spec["attachments"] = [
            (text.documents[a["document"]], text.plain(a.get("title", "")))
            for a in spec.get("attachments", [])
        ]
        page, _created = make.get_or_create(parent, model, **text.fields(model, spec))
        if members_only:
            make.restrict_to_members(page)
        text.pages[page.slug] = page


def _home_page(make, text, spec):
    """The network's front door, as the root of the default site."""
    fields = {k: v for k, v in spec.items() if k not in {"help_link", "offers", "body"}}
    return make.get_or_create(Page.get_first_root_node(), HomePage, **text.fields(HomePage, fields))


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


def _complete_home(home, text, spec):
    """Fill the offers, help link and body of a home page created by this run: they point to
    pages that exist only once the other files are loaded."""
    home.offers = [
        {
            "type": "offer",
            "value": {
                "title": text.plain(offer["title"]),
                "text": text.plain(offer["text"]),
                "page": text.pages[offer["page"]].pk if "page" in offer else None,
                "address": offer.get("address", ""),
            },
        }
        for offer in spec["offers"]
    ]
    home.help_link = text.pages[spec["help_link"]]
    home.body = text.body(spec["body"])
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
    text = _Text(pages={}, documents=documents, images=images)
    home_spec = read("site")["home"]
    home, home_created = _home_page(make, text, home_spec)
    text.pages[home.slug] = home
    site = _site(home, tally)
    for name in PAGE_FILES:
        _make_pages(make, text, read(name)["pages"], themes=themes)
    if home_created:
        _complete_home(home, text, home_spec)
    pages = text.pages
    _site_links(
        site,
        legal=pages["mentions-legales"],
        privacy=pages["politique-de-confidentialite"],
        help_page=pages["demander-de-laide"],
        tally=tally,
    )

    if tally:
        stdout.write(_("Contenu du site créé : %(summary)s.") % {"summary": _summary(tally)})
    else:
        stdout.write(_("Contenu du site : tout existe déjà."))
    return sum(tally.values())
