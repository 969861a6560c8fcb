from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Theme(index.Indexed, models.Model):
    """A theme of the network (R-P1).

    One list shared by resources, the forum, help requests and indicators.
    """

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name
