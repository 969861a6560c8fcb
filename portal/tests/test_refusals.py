"""portal.refusals.act: the one road from a service's refusal to a response and a form error."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from portal.refusals import INVALID, REFUSED, act


class NoteForm(forms.Form):
    note = forms.CharField()


def _page(form):
    def page(status, error):
        return HttpResponse(f"{form['note'].value()}|{form.errors.as_text()}", status=status)

    return page


def _run(data, action, **kwargs):
    form = NoteForm(data)
    request = RequestFactory().post("/", data)
    kwargs.setdefault("success", None)
    kwargs.setdefault("done", lambda result: f"/fait/{result}/")
    return act(request, form, action, page=_page(form), **kwargs), form


def test_an_invalid_form_answers_400_and_the_service_is_not_asked():
    asked = []
    response, _ = _run({"note": ""}, asked.append)
    assert response.status_code == INVALID == 400
    assert not asked


def test_a_refusal_answers_409_beside_the_field_it_names_with_what_was_typed():
    def refuse(data):
        raise ValidationError({"note": "Trop tard."})

    response, form = _run({"note": "Bonjour"}, refuse)
    assert response.status_code == REFUSED == 409
    assert form.errors["note"] == ["Trop tard."]
    assert response.content.decode().startswith("Bonjour|")


def test_a_refusal_naming_no_field_goes_above_the_form_or_beside_the_field_given():
    def refuse(data):
        raise ValidationError("Non.")

    _, form = _run({"note": "Bonjour"}, refuse)
    assert form.non_field_errors() == ["Non."]
    _, form = _run({"note": "Bonjour"}, refuse, field="note")
    assert form.errors["note"] == ["Non."]


def test_success_passes_what_the_service_made_to_the_next_page():
    response, _ = _run({"note": "Bonjour"}, lambda data: 42)
    assert response.status_code == 302
    assert response["Location"] == "/fait/42/"
