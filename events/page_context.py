"""What the agenda and an event page show a visitor (see home/context_builders.py for why the
models do not import the selectors). Loaded by `EventsConfig.ready()`."""

from home.context_builders import builds

from . import selectors
from .models import EventIndexPage, EventPage


@builds(EventIndexPage)
def event_index_page(page, request):
    return {"events": selectors.upcoming_events(request, page)}


@builds(EventPage)
def event_page(page, request):
    return {"view": selectors.event_view(page, request.user)}
