from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="link")
class SiteLinks(BaseSiteSetting):
    """Pages the footer links to on every page, chosen by editors."""

    legal_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("politique de confidentialité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    help_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « demander de l’aide »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("e-mail de contact du réseau"), blank=True)

    panels = [
        FieldPanel("legal_notice"),
        FieldPanel("privacy_policy"),
        FieldPanel("help_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("liens du site")
