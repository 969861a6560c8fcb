from django.core.exceptions import PermissionDenied
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


@hooks.register("before_serve_page")
def refuse_signed_in_visitors_without_access(page, request, serve_args, serve_kwargs):
    """Someone already logged in who lacks the group gets a clear refusal (403).

    Wagtail would send them to the login page, which sends a logged-in person straight home.
    Anonymous visitors still go to the login page and back (Wagtail's own check).
    """
    if request.user.is_authenticated and not visibility.is_page_visible(request, page):
        raise PermissionDenied
    return None


@hooks.register("before_serve_page", order=-1)
def stop_members_who_owe_a_joining_step(page, request, serve_args, serve_kwargs):
    """Members-only pages wait for the joining steps and new terms (R-C6, R-C15)."""
    if request.user.is_authenticated and page.get_view_restrictions().exists():
        from members.gate import step_redirect

        return step_redirect(request)
    return None
