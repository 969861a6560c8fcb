"""The data of help requests (issue #6). State changes happen only in helprequests.services."""

from .exchange import Message, MessageAttachment
from .outcome import (
    HelpKind,
    Offer,
    OfferStatus,
    OutcomeReport,
    SatisfactionAnswer,
    SupervisionShare,
)
from .request import (
    Channel,
    HelpRequest,
    Status,
    Transition,
)
from .routing import Routing, RoutingStatus
from .safety import Alert, AlertKind, DelayNotice, RequestAccess
from .settings import HelpRequestSettings

__all__ = [
    "Alert",
    "AlertKind",
    "Channel",
    "DelayNotice",
    "HelpRequest",
    "HelpKind",
    "HelpRequestSettings",
    "Message",
    "MessageAttachment",
    "Offer",
    "OfferStatus",
    "OutcomeReport",
    "RequestAccess",
    "Routing",
    "RoutingStatus",
    "SatisfactionAnswer",
    "Status",
    "SupervisionShare",
    "Transition",
]
