"""Versioned charters and terms (R-C15, R-K1).

Each version is its own page, so that every version stays readable at its own address. The
"current" version of a kind is the live one with the latest effective date that has been reached.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..context_builders import BuiltContext


class CharterKind(models.TextChoices):
    MEMBERSHIP_TERMS = "membership_terms", _("Conditions d’adhésion")
    CONFIDENTIALITY = "confidentiality", _("Charte de confidentialité")
    HELPER_CHARTER = "helper_charter", _("Charte des aidant·es")
    FORUM_RULES = "forum_rules", _("Règles du forum")


class CharterIndexPage(BuiltContext, Page):
    """Lists the charters in force and gives access to every earlier version.

    Context: home.page_context.charter_index_page.
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.CharterPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des chartes")


class CharterPage(BuiltContext, Page):
    """One version of a charter or of the terms. Context: home.page_context.charter_page."""

    kind = models.CharField(_("type"), max_length=32, choices=CharterKind.choices)
    version_label = models.CharField(
        _("version"), max_length=40, help_text=_("Par exemple « V2/2026 ».")
    )
    effective_date = models.DateField(_("en vigueur à partir du"))
    summary_of_changes = RichTextField(
        _("résumé des changements"),
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text=_("Ce qui change par rapport à la version précédente, en quelques lignes."),
    )
    requires_reacceptance = models.BooleanField(
        _("nouvelle acceptation requise"),
        default=False,
        help_text=_(
            "Les membres devront accepter cette version pour continuer à utiliser leur espace."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("texte"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("version_label"),
                FieldPanel("effective_date"),
                FieldPanel("requires_reacceptance"),
            ],
            heading=_("Version"),
        ),
        FieldPanel("summary_of_changes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary_of_changes"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["home.CharterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("charte (version)")
        verbose_name_plural = _("chartes (versions)")
        ordering = ["kind", "-effective_date"]

    def versions(self):
        """Every live version of this kind, newest first."""
        return CharterPage.objects.live().filter(kind=self.kind).order_by("-effective_date", "-pk")
