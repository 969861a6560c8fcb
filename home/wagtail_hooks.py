from wagtail import hooks

from . import visibility
from .views import deny


@hooks.register("before_serve_document")
def refuse_documents_of_members_only_pages(document, request):
    """A document used by a page the visitor may not see is not served to them either (R-C11).

    Wagtail already checks the document's collection; this adds the pages that use it.
    """
    if not visibility.is_media_visible(request, document):
        return deny(request)
    return None
