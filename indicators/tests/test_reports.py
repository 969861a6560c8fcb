"""Organisation reports (R-A2): protected counts, approved remarks only, the PDF read back, and
the organisation contact's isolation (role × URL)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments.models import HelperFeedback
from helprequests.services.retention import erase_request_content
from indicators import reports, services
from indicators.models import OrganisationContact, RemarkReview
from members import roles
from members.tests import factories as people

from . import data

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 15, 12, tzinfo=data.PARIS)
REMARKS_PAGE_QUERIES = 11


class Org:
    """Organisation A: 7 Conflits requests with 12 sessions held in February, 2 Santé requests
    with 3 sessions held in January (small); organisation B: one request, one session."""

    def __init__(self):
        self.a = data.organisation("Entreprise A")
        self.b = data.organisation("Entreprise B")
        conflits = data.ThemeFactory(name="Conflits")
        sante = data.ThemeFactory(name="Santé")
        self.conflits_requests = [
            data.request(submitted=data.at(2, 1 + i), org=self.a, theme=conflits) for i in range(7)
        ]
        for i in range(12):
            data.session(self.conflits_requests[i % 7], data.at(2, 10 + i))
        sante_requests = [
            data.request(submitted=data.at(1, 3 + i), org=self.a, theme=sante) for i in range(2)
        ]
        self.sante_sessions = [
            data.session(sante_requests[0], data.at(1, 10 + i)) for i in range(3)
        ]
        self.feedback = HelperFeedback.objects.create(
            session=self.sante_sessions[0],
            difficulties="Mme Dupont ne trouvait pas le lien.",
            improvements="Envoyer le lien la veille.",
            written_at=data.at(1, 10),
        )
        other = data.request(submitted=data.at(2, 2), org=self.b, theme=conflits)
        data.session(other, data.at(2, 3))
        self.coordinator = people.with_second_factor(people.coordinator())


@pytest.fixture
def org():
    return Org()


def test_counts_and_themes_are_protected(org):
    report = reports.report(organisation=org.a, months=3, now=NOW)
    by_month = {day.month: cell for day, cell in report.months}
    # January: 3 sessions, small; with it alone hidden, 15 - 12 - 0 would give it back, so the
    # next smallest non-zero month (February, 12) is hidden too; March (0) stays.
    assert by_month[1].text == "moins de 5"
    assert by_month[2].text == "masqué"
    assert by_month[3].text == "0"
    assert report.sessions_total.value == 15
    themes = dict(report.themes)
    assert list(themes) == ["Conflits", "Santé"]
    # Santé: 2 requests and 3 sessions, both small; the columns' totals 9 and 15 would give them
    # back from Conflits' 7 and 12: Conflits is hidden too.
    assert [c.text for c in themes["Santé"]] == ["moins de 5", "moins de 5"]
    assert [c.value for c in report.theme_totals] == [9, 15]
    assert [c.text for c in themes["Conflits"]] == ["masqué", "masqué"]


def test_only_approved_remarks_show_and_they_survive_erasure(org):
    assert [(f.pk, kind) for f, kind, _text in reports.pending_remarks()] == [
        (org.feedback.pk, "difficulties"),
        (org.feedback.pk, "improvements"),
    ]
    services.review_remark(
        feedback=org.feedback,
        kind="difficulties",
        by=org.coordinator,
        approved=True,
        text="Une personne ne trouvait pas le lien de la visio.",
    )
    services.review_remark(
        feedback=org.feedback, kind="improvements", by=org.coordinator, approved=False
    )
    assert reports.pending_remarks() == []
    texts = [r.text for r in reports.report(organisation=org.a, months=3, now=NOW).remarks]
    assert texts == ["Une personne ne trouvait pas le lien de la visio."]
    # Erasing the request's content, then deleting the session, leaves the approved remark.
    request = org.feedback.session.request
    erase_request_content(request=request)
    request.sessions.all().delete()
    assert RemarkReview.objects.filter(approved=True).count() == 1
    texts = [r.text for r in reports.report(organisation=org.a, months=3, now=NOW).remarks]
    assert texts == ["Une personne ne trouvait pas le lien de la visio."]
    # Another organisation's report does not carry it.
    assert reports.report(organisation=org.b, months=3, now=NOW).remarks == []


def test_a_remark_is_reviewed_once_by_a_coordinator_with_a_text(org):
    with pytest.raises(ValidationError):
        services.review_remark(
            feedback=org.feedback, kind="difficulties", by=people.member(), approved=True, text="x"
        )
    with pytest.raises(ValidationError):
        services.review_remark(
            feedback=org.feedback, kind="difficulties", by=org.coordinator, approved=True, text=" "
        )
    services.review_remark(
        feedback=org.feedback, kind="difficulties", by=org.coordinator, approved=False
    )
    with pytest.raises(ValidationError):
        services.review_remark(
            feedback=org.feedback, kind="difficulties", by=org.coordinator, approved=True, text="y"
        )


@pytest.mark.parametrize("more", [0, 6])
def test_the_review_page_lists_in_fixed_queries(org, client, more, django_assert_num_queries):
    sessions = org.sante_sessions[1:] + [
        data.session(org.conflits_requests[0], data.at(2, 20, 8 + i)) for i in range(more)
    ]
    for session in sessions:
        HelperFeedback.objects.create(
            session=session, improvements="Plus de créneaux le soir.", written_at=data.at(2, 1)
        )
    people.log_in(client, org.coordinator)
    url = reverse("indicators:remarks")
    client.get(url)
    # Session, user, groups and second factor, then the pending remarks with their sessions.
    with django_assert_num_queries(REMARKS_PAGE_QUERIES):
        body = client.get(url).content.decode()
    assert body.count('name="decision" value="approve"') == 4 + more


def test_the_review_page(org, client):
    people.log_in(client, org.coordinator)
    url = reverse("indicators:remarks")
    assert "Envoyer le lien la veille." in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "feedback": org.feedback.pk,
            "kind": "improvements",
            "decision": "approve",
            "text": "Envoyer le lien la veille.",
        },
    )
    assert response.status_code == 302
    review = RemarkReview.objects.get()
    assert (review.approved, review.organisation, review.month) == (
        True,
        org.a,
        datetime.date(2026, 1, 1),
    )
    response = client.post(
        url, {"feedback": org.feedback.pk, "kind": "improvements", "decision": "approve"}
    )
    assert response.status_code == 409


def test_the_pdf_reads_back(org, client):
    from pypdf import PdfReader

    services.review_remark(
        feedback=org.feedback,
        kind="improvements",
        by=org.coordinator,
        approved=True,
        text="Envoyer le lien la veille.",
    )
    people.log_in(client, org.coordinator)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=NOW):
        response = client.get(
            reverse("indicators:report_pdf", args=[org.a.public_id]), {"months": 3}
        )
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Entreprise A" in text
    assert "moins de 5" in text
    assert "Envoyer le lien la veille." in text
    assert "Dupont" not in text


# --- Role × URL --------------------------------------------------------------------------------

OK, NOT_FOUND, FORBIDDEN = 200, 404, 403
SECOND_FACTOR = "second factor"


def _clients(org):
    contact = people.UserFactory()
    OrganisationContact.objects.create(user=contact, organisation=org.a)
    cast = {
        "anonymous": None,
        "member": people.member(),
        "helper": people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]),
        "coordinator": org.coordinator,
        "coordinator_without_2fa": people.coordinator(),
        "contact": contact,
    }
    clients = {}
    for role, user in cast.items():
        client = Client()
        if role == "coordinator_without_2fa":
            client.force_login(user)
        elif user is not None:
            people.log_in(client, user)
        clients[role] = client
    return clients


def expected(name, role):
    coordinator_only = {"dashboard", "export_csv", "export_xlsx", "remarks", "reports"}
    if role == "anonymous":
        return "login"
    if role == "coordinator":
        return NOT_FOUND if name == "my_report" else OK  # a coordinator is no contact
    if role == "contact":
        if name in coordinator_only:
            return FORBIDDEN
        if name == "my_report":
            return 302
        return OK if name.endswith("_a") else NOT_FOUND
    if role == "coordinator_without_2fa":
        # Sent to enter their second factor (members.mfa); my_report is for contacts only.
        return NOT_FOUND if name == "my_report" else SECOND_FACTOR
    if name in coordinator_only:
        return FORBIDDEN
    return FORBIDDEN


def test_every_url_by_role(org):
    from tests.routes import url_names

    clients = _clients(org)
    urls = {
        "dashboard": reverse("indicators:dashboard"),
        "export_csv": reverse("indicators:export_csv"),
        "export_xlsx": reverse("indicators:export_xlsx"),
        "remarks": reverse("indicators:remarks"),
        "reports": reverse("indicators:reports"),
        "my_report": reverse("indicators:my_report"),
        "report_a": reverse("indicators:report", args=[org.a.public_id]),
        "report_b": reverse("indicators:report", args=[org.b.public_id]),
        "report_pdf_a": reverse("indicators:report_pdf", args=[org.a.public_id]),
        "report_pdf_b": reverse("indicators:report_pdf", args=[org.b.public_id]),
    }
    # Every route of the app is in the walk.
    assert {n.removeprefix("indicators:") for n in url_names("indicators")} == {
        "dashboard",
        "export_csv",
        "export_xlsx",
        "remarks",
        "reports",
        "my_report",
        "report",
        "report_pdf",
    }
    wrong = []
    for role, client in clients.items():
        for name, url in urls.items():
            response = client.get(url)
            want = expected(name, role)
            if want == "login":
                ok = response.status_code == 302 and "/compte/" in response["Location"]
            elif want == SECOND_FACTOR:
                ok = response.status_code == 302 and response["Location"] == reverse(
                    "mfa_activate_totp"
                )
            else:
                ok = response.status_code == want
            if not ok:
                wrong.append((role, name, response.status_code, want))
    assert wrong == []


def test_the_contact_sees_nothing_else_of_member_data(org):
    clients = _clients(org)
    contact = clients["contact"]
    for url in (
        reverse("helprequests:mine"),
        reverse("appointments:mine"),
        reverse("members:organisations"),
    ):
        response = contact.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/indicateurs/" not in response["Location"]
    assert timezone.now()  # the contact's report itself is covered by the walk above


def test_coordinators_name_contacts_in_the_admin(org, client):
    people.log_in(client, org.coordinator)
    url = reverse("organisation_contacts:index")
    assert client.get(url).status_code == 200
    editor = people.with_second_factor(people.editor())
    other = Client()
    people.log_in(other, editor)
    assert other.get(url).status_code in (302, 403)
