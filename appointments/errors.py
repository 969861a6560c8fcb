"""The one error an appointments service raises: its message is translated French, for the page."""

from django.core.exceptions import ValidationError


class AppointmentError(ValidationError):
    """A refused slot, booking, cancellation or quota change. Nothing was changed."""
