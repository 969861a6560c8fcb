"""machina's forum search form, in plain French and with forum names only.

machina's URLs load `SearchForm` by name from this app (it replaces machina's forum_search),
so the search page uses this one. The search itself stays machina's.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_search.forms import SearchForm as MachinaSearchForm


class SearchForm(MachinaSearchForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["q"].label = _("Mots recherchés")
        fields["q"].widget.attrs["placeholder"] = _("Un mot ou une expression")
        fields["search_topics"].label = _("Chercher seulement dans les titres des sujets")
        poster = fields["search_poster_name"]
        poster.label = _("Messages d’un membre")
        poster.help_text = _("Son nom sur le forum, pour ne voir que ses messages (facultatif).")
        poster.widget.attrs["placeholder"] = _("Nom sur le forum")
        if "search_forums" in fields:
            places = fields["search_forums"]
            places.label = _("Forums où chercher")
            places.help_text = _(
                "Cochez un ou plusieurs forums. Sans choix, la recherche porte sur tous les "
                "forums que vous pouvez lire."
            )
            places.widget = forms.CheckboxSelectMultiple()
            places.choices = [(forum.pk, forum.name) for forum in self.allowed_forums]
