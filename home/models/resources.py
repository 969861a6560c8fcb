"""The documentation library (R-C14): books, advice sheets, documents, links and videos."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..context_builders import BuiltContext


class ResourceKind(models.TextChoices):
    BOOK = "book", _("Livre")
    ADVICE_SHEET = "advice_sheet", _("Fiche conseil")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Lien")
    VIDEO = "video", _("Vidéo")


class ResourceIndexPage(BuiltContext, Page):
    """Lists the resources below it, filterable by theme and kind.

    Context: home.page_context.resource_index_page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.ResourcePage"]

    class Meta:
        verbose_name = _("bibliothèque de ressources")


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(BuiltContext, Page):
    """One book, sheet, document, link or video. Context: home.page_context.resource_page."""

    kind = models.CharField(_("type"), max_length=20, choices=ResourceKind.choices)
    summary = models.TextField(_("résumé"), max_length=500)
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True)
    tags = ClusterTaggableManager(through=ResourceTag, verbose_name=_("mots-clés"), blank=True)
    author = models.CharField(_("auteur ou autrice"), max_length=200, blank=True)
    external_url = models.URLField(
        _("adresse externe"), blank=True, help_text=_("Pour un lien ou une vidéo.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("themes"),
                FieldPanel("tags"),
                FieldPanel("author"),
                FieldPanel("external_url"),
            ],
            heading=_("Classement"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Pièces jointes")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("kind"),
    ]
    parent_page_types = ["home.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ressource")


class ResourceAttachment(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("pièce jointe")

    @property
    def label(self):
        return self.title or self.document.title
