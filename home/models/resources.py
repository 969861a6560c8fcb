"""The documentation library (R-C14): books, advice sheets, documents, links and videos."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
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


class ResourceKind(models.TextChoices):
    BOOK = "book", _("Livre")
    ADVICE_SHEET = "advice_sheet", _("Fiche conseil")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Lien")
    VIDEO = "video", _("Vidéo")


class ResourceIndexPage(Page):
    """Lists the resources below it, filterable by theme and kind."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.ResourcePage"]

    class Meta:
        verbose_name = _("bibliothèque de ressources")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import filtered_resources
        from .themes import Theme

        context = super().get_context(request, *args, **kwargs)
        resources, filters = filtered_resources(request, self)
        context["resources"] = Paginator(resources, 12).get_page(request.GET.get("page"))
        context["filters"] = filters
        context["filters_query"] = urlencode(filters)
        context["themes"] = Theme.objects.all()
        context["kinds"] = ResourceKind.choices
        return context


class ResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(Page):
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..visibility import visible_media

        attachments = list(self.attachments.select_related("document__collection"))
        shown = {d.pk for d in visible_media(request, [a.document for a in attachments])}
        context["attachments"] = [a for a in attachments if a.document_id in shown]
        context["library"] = self.get_parent()
        context["themes"] = self.themes.all()
        context["tags"] = self.tags.all()
        return context


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
