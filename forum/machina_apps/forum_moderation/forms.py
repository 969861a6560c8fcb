"""machina's topic move form, with the reason that goes to the moderation log.

machina lists every forum, marking categories and the current forum as disabled through a
widget whose labels Django 5 no longer understands (a group named after an id, an option
"True"), and it pre-selects the first forum. Here the list holds only the forums a topic may
go to, by name, after an empty choice: the moderator picks the destination.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_moderation.forms import TopicMoveForm as MachinaTopicMoveForm

from forum.moderation.forms import REASON_MAX_LENGTH


class TopicMoveForm(MachinaTopicMoveForm):
    forum = forms.ChoiceField(
        label=_("Forum de destination"),
        error_messages={"required": _("Choisissez le forum de destination.")},
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        destinations = [
            (forum.pk, forum.name)
            for forum in self.allowed_forums
            if not forum.is_category and not forum.is_link and forum.pk != self.topic.forum_id
        ]
        self.fields["forum"].choices = [("", _("— Choisir un forum —")), *destinations]
        self.fields["forum"].initial = ""
        self.fields["lock_topic"].label = _("Verrouiller le sujet")

    def clean_forum(self):
        try:
            return super().clean_forum()
        except forms.ValidationError:
            raise forms.ValidationError(_("Choisissez un autre forum de destination.")) from None
