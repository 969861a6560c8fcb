"""Views of the public site that are not CMS pages: search and protected media files."""

import mimetypes

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.access import ANYONE, audience

from . import visibility
from .selectors import search_pages


@audience(ANYONE, rule="home.visibility.visible_pages")
@require_GET
def search(request):
    """Site search. Who: anyone; results are narrowed to what the visitor may see (R-C11)."""
    query = request.GET.get("q", "").strip()[:200]
    results = (
        Paginator(search_pages(request, query), 10).get_page(request.GET.get("page"))
        if query
        else None
    )
    return render(request, "home/search.html", {"query": query, "results": results})


def _media_owner(name):
    """The document or image a stored file belongs to, or None: unknown files are never served."""
    if name.startswith("documents/"):
        return get_document_model().objects.select_related("collection").filter(file=name).first()
    Image = get_image_model()
    if name.startswith("original_images/"):
        return Image.objects.select_related("collection").filter(file=name).first()
    if name.startswith("images/"):
        rendition = (
            Image.get_rendition_model()
            .objects.select_related("image__collection")
            .filter(file=name)
            .first()
        )
        return rendition.image if rendition else None
    return None


def deny(request):
    """Send an anonymous visitor to the login page and back; refuse anyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@audience(ANYONE, rule="home.visibility.is_media_visible")
@require_GET
def serve_protected_media(request, path):
    """Every uploaded file goes through here. Who: whoever may see the document or image it
    belongs to (home.visibility.is_media_visible); nobody for files the CMS does not know.
    On local disk the file is streamed; on object storage the allowed visitor is redirected to
    a signed URL that expires (MEDIA_SERVE_METHOD="stream" streams it from the bucket)."""
    owner = _media_owner(path)
    if owner is None or not default_storage.exists(path):
        raise Http404
    if not visibility.is_media_visible(request, owner):
        return deny(request)
    content_type, _encoding = mimetypes.guess_type(path)
    content_type = content_type or "application/octet-stream"
    signed_url = getattr(default_storage, "signed_url", None)
    if signed_url is not None and settings.MEDIA_SERVE_METHOD == "redirect":
        # Object storage (portal/storage.py): a link to the file itself that expires within a
        # minute, for this visitor alone; the redirect is never kept by a cache.
        response = HttpResponseRedirect(signed_url(path, content_type=content_type))
        response["Cache-Control"] = "private, no-store"
        return response
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
