"""The one error an events service raises: its message is translated French, for the page."""

from django.core.exceptions import ValidationError


class EventError(ValidationError):
    """A refused registration, cancellation or attendance record. Nothing was changed."""
