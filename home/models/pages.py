from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock, OfferBlock
from ..context_builders import BuiltContext


class HomePage(BuiltContext, Page):
    """The network's front door: what it offers, how to ask for help, what is new.

    Context: home.page_context.home_page.
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    offers = StreamField(
        [("offer", OfferBlock())], verbose_name=_("ce que propose le réseau"), blank=True
    )
    help_title = models.CharField(
        _("titre de l’appel à l’aide"), max_length=120, default=_("Besoin d’aide ?")
    )
    help_text = models.TextField(_("texte de l’appel à l’aide"), blank=True)
    help_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page liée à l’appel à l’aide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("offers"),
        FieldPanel("help_title"),
        FieldPanel("help_text"),
        FieldPanel("help_link"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d’accueil")


class StandardPage(BuiltContext, Page):
    """Plain content: about, legal notice, privacy policy, members' practical pages.

    Context: home.page_context.standard_page.
    """

    intro = models.TextField(_("chapeau"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
