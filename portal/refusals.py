"""A service's refusal, shown to the person who asked: one road for every page (STYLE.md "One
road per effect").

Services refuse with a ValidationError whose messages are translated French
(helprequests.errors.RequestError is one). A page shows it on the form that was sent: next to
the field it names when the form has that field, above the form otherwise, with what was typed
kept. The answer's status says which of the two went wrong: 400 when the form itself was not
valid, 409 (Conflict) when the rules refused a valid form, so nothing changed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

INVALID = 400
REFUSED = 409


def show_refusal(form, error, *, field=None):
    """Put a service's ValidationError on `form`: beside the fields it names, else on `field`
    (None: above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)


def refusal_text(error):
    """The refusal as one sentence, for a page that shows it outside any form."""
    return " ".join(str(message) for message in error.messages)


def act(request, form, action, *, success, done, page, field=None):
    """Run one action of a page's form, the same way everywhere.

    `action(cleaned_data)` calls the service and returns what it made, if anything; `done(result)`
    is what follows success (a URL, a URL name or a response), announced with `success` (a
    message, or a function of the result that gives one; empty: nothing to announce). Otherwise
    `page(status, error)` renders the page again with the form as typed: status 400 and error
    None for an invalid form, 409 and the refusal (already shown on the form, beside `field`
    when the refusal names no field of it) when the service said no.
    """
    if not form.is_valid():
        return page(INVALID, None)
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        show_refusal(form, error, field=field)
        return page(REFUSED, error)
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    target = done(result) if callable(done) else done
    return target if hasattr(target, "status_code") else redirect(target)
