"""The one error a help-request service raises: its message is translated French, for the form."""

from django.core.exceptions import ValidationError


class RequestError(ValidationError):
    """A refused action: wrong role, wrong state, stale form, bad input. Nothing was changed."""
