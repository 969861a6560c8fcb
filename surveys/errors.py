"""The one error a survey service raises: its message is translated French, for the page."""

from django.core.exceptions import ValidationError


class SurveyError(ValidationError):
    """A refused answer (closed, already answered, not a member). Nothing was recorded."""
