"""What the appointments pages share: the refusal said above a page, and the POST-only
actions whose URL a reload asks for with GET."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect

from portal.refusals import refusal_text


def _problem(form, error):
    """What went wrong, in words for the top of a page whose form shows no field of its own (a
    bare button, a hidden slot value): the service's refusal, else the form's own errors."""
    if error is not None:
        return refusal_text(error)
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def post_else(target):
    """A POST-only action whose URL the browser shows after a refused form: reloading it (GET)
    leads back to `target` instead of a "method not allowed" page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(target)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
