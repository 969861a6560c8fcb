"""The one error an accreditation service raises: its message is translated, for the form."""

from django.core.exceptions import ValidationError


class AccreditationError(ValidationError):
    """A refused pause, suspension, complaint or outcome. Nothing was changed."""
