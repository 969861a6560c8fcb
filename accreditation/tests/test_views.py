"""The accreditation pages as people use them (issue #19): complaints read by coordinators
only, their outcome by the helper, the complainant's name only when allowed."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accreditation import services
from accreditation.models import Accreditation, Complaint, Outcome, Status
from appointments.tests import factories as af
from helprequests.models import Status as RequestStatus
from members import roles

from . import factories as f

pytestmark = pytest.mark.django_db

ACCOUNT = "L’aidante a évoqué ma situation devant une autre personne."


def test_a_member_files_a_complaint_from_their_request_page(client_for):
    cast, request = f.taken()
    member = client_for(cast.member)

    page = member.get(reverse("helprequests:detail", args=[request.public_id]))
    url = reverse("accreditation:complain_request", args=[request.public_id])
    assert url in page.content.decode()

    response = member.post(
        url,
        {
            "helper": cast.helper.pk,
            "charter_article": "Article 7",
            "account": ACCOUNT,
            "anonymous": "on",
        },
    )

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.anonymous and complaint.request == request


def test_no_complaint_link_nor_page_for_a_request_nobody_took(client_for):
    cast, request = f.cast_with(RequestStatus.ACCEPTED)
    member = client_for(cast.member)
    page = member.get(reverse("helprequests:detail", args=[request.public_id]))
    url = reverse("accreditation:complain_request", args=[request.public_id])
    assert url not in page.content.decode()
    assert member.get(url).status_code == 404


def test_a_member_finds_the_complaint_link_on_their_session(client_for):
    cast, request = f.taken()
    af.weekly(cast.helper, 1, 9)
    session = af.book(cast, request, af.at(af.next_weekday(1), 9))
    page = client_for(cast.member).get(reverse("appointments:mine"))
    assert reverse("accreditation:complain_session", args=[session.public_id]) in (
        page.content.decode()
    )
    assert "Déposer une plainte concernant l’aidant·e" in page.content.decode()
    helper_page = client_for(cast.helper).get(reverse("appointments:mine"))
    assert "plainte" not in helper_page.content.decode()


def test_the_helper_reads_that_a_complaint_exists_and_its_outcome_not_who_made_it(client_for):
    cast, request = f.taken()
    complaint = f.complaint(cast, request, anonymous=True)
    helper = client_for(cast.helper)

    page = helper.get(reverse("accreditation:mine")).content.decode()
    assert "Article 7" in page
    assert "La coordination l’examine." in page
    assert ACCOUNT not in page
    assert "Apolline" not in page and "Vasseur" not in page

    f.decided(complaint, cast, Outcome.REMINDER, "Rappel de l’article 7 adressé.")
    page = helper.get(reverse("accreditation:mine")).content.decode()
    assert "Suite donnée : Rappel de la charte" in page
    assert "Rappel de l’article 7 adressé." in page
    assert "Apolline" not in page and "Vasseur" not in page


def test_the_helper_reads_who_complained_when_the_member_allowed_it(client_for):
    cast, request = f.taken()
    f.complaint(cast, request, anonymous=False)
    page = client_for(cast.helper).get(reverse("accreditation:mine")).content.decode()
    assert "Apolline" in page or "Vasseur" in page


def test_only_coordinators_read_a_complaint(client_for):
    cast, request = f.taken()
    complaint = f.complaint(cast, request)
    url = reverse("accreditation:complaint", args=[complaint.public_id])

    for person in (cast.helper, cast.member, cast.other_helper, cast.moderator):
        assert client_for(person).get(url).status_code == 403
    page = client_for(cast.coordinator).get(url)
    assert page.status_code == 200
    assert ACCOUNT in page.content.decode()


def test_a_coordinator_records_the_outcome_through_the_page(client_for):
    cast, request = f.taken()
    complaint = f.complaint(cast, request)
    coordinator = client_for(cast.coordinator)
    url = reverse("accreditation:complaint", args=[complaint.public_id])

    refused = coordinator.post(url, {"outcome": Outcome.SANCTION, "note": ""})
    assert refused.status_code == 400
    response = coordinator.post(url, {"outcome": Outcome.SANCTION, "note": "Avertissement écrit."})

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == Outcome.SANCTION and complaint.decided_by == cast.coordinator


def test_the_helper_pauses_and_resumes_from_their_page(client_for):
    cast, request = f.taken()
    helper = client_for(cast.helper)
    url = reverse("accreditation:mine")

    response = helper.post(
        url,
        {
            "action": "pause",
            "pause-pause_reason": "health",
            "pause-return_on": f.in_days(20).isoformat(),
        },
    )

    assert response.status_code == 302
    row = Accreditation.objects.get(helper=cast.helper)
    assert row.status == Status.PAUSED and row.return_on == f.in_days(20)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert helper.post(url, {"action": "resume"}).status_code == 302
    assert Accreditation.objects.get(helper=cast.helper).status == Status.ACCREDITED


def test_a_coordinator_suspends_and_the_helper_reads_the_reason(client_for):
    cast, _request = f.taken()
    url = reverse("accreditation:helper", args=[cast.helper.public_id])
    response = client_for(cast.coordinator).post(
        url, {"decision": "suspend", "reason": "Assurance expirée depuis deux mois."}
    )
    assert response.status_code == 302
    page = client_for(cast.helper).get(reverse("accreditation:mine")).content.decode()
    assert "<strong>Suspendu·e</strong>" in page
    assert "Motif de la coordination : Assurance expirée depuis deux mois." in page


def test_a_decision_not_open_in_this_state_is_refused(client_for):
    cast, _request = f.taken()
    client = client_for(cast.coordinator)
    url = reverse("accreditation:helper", args=[cast.helper.public_id])
    response = client.post(url, {"decision": "reinstate", "reason": "Rien à lever."})
    assert response.status_code == 400
    assert not Accreditation.objects.filter(helper=cast.helper, status=Status.SUSPENDED).exists()


def test_the_coordination_sees_who_is_missing_what(client_for):
    cast, _request = f.taken()
    services.save_insurance(
        helper=cast.helper,
        by=cast.helper,
        insurer="Mutuelle des Accompagnants",
        policy_number="RC-1",
        expires_on=f.in_days(-3),
    )
    page = client_for(cast.coordinator).get(reverse("accreditation:coordination"))
    rows = {row["helper"]: row["missing"] for row in page.context["rows"]}
    assert "<strong>expirée</strong>" in page.content.decode()
    assert rows[cast.helper] == ["insurance_expired", "training", "supervision"]
    assert rows[cast.other_helper] == ["insurance_missing", "training", "supervision"]


def test_a_paused_helpers_availability_page_says_members_see_none_of_their_slots(client_for):
    cast, _request = f.taken()
    helper = client_for(cast.helper)
    url = reverse("appointments:availability")
    assert "availability-stopped" not in helper.get(url).content.decode()

    services.pause(helper=cast.helper, by=cast.helper, pause_reason="holidays")

    page = helper.get(url).content.decode()
    assert "Votre agrément : En pause." in page
    assert "Les membres ne voient pas vos créneaux" in page
    assert reverse("accreditation:mine") in page


def test_the_helper_keeps_their_obligations_from_their_page(client_for):
    cast, _request = f.taken()
    helper = client_for(cast.helper)
    url = reverse("accreditation:mine")

    saved = [
        helper.post(
            url,
            {
                "action": "insurance",
                "insurance-insurer": "Mutuelle des Accompagnants",
                "insurance-policy_number": "RC-77",
                "insurance-expires_on": f.in_days(300).isoformat(),
            },
        ),
        helper.post(
            url,
            {
                "action": "supervision",
                "supervision-kind": "peer_group",
                "supervision-name": "Groupe d’analyse de pratiques de Lille",
            },
        ),
        helper.post(
            url,
            {
                "action": "training",
                "training-title": "Écoute active",
                "training-completed_on": f.in_days(-5).isoformat(),
                "training-hours": "7",
            },
        ),
    ]

    assert [response.status_code for response in saved] == [302, 302, 302]
    page = helper.get(url).content.decode()
    assert 'value="Mutuelle des Accompagnants"' in page
    assert 'value="Groupe d’analyse de pratiques de Lille"' in page
    assert "Écoute active" in page and "7 heures" in page
    coordination = client_for(cast.coordinator).get(reverse("accreditation:coordination"))
    rows = {row["helper"]: row["missing"] for row in coordination.context["rows"]}
    assert rows[cast.helper] == []


def test_a_training_dated_in_the_future_is_refused_on_the_page(client_for):
    cast, _request = f.taken()
    response = client_for(cast.helper).post(
        reverse("accreditation:mine"),
        {
            "action": "training",
            "training-title": "Écoute active",
            "training-completed_on": f.in_days(5).isoformat(),
        },
    )
    assert response.status_code == 409
    assert "pas une date à venir" in response.content.decode()


def test_a_member_complains_from_a_session_and_finds_it_among_their_complaints(client_for):
    cast, request = f.taken()
    af.weekly(cast.helper, 1, 9)
    session = af.book(cast, request, af.at(af.next_weekday(1), 9))
    member = client_for(cast.member)

    response = member.post(
        reverse("accreditation:complain_session", args=[session.public_id]),
        {"helper": cast.helper.pk, "charter_article": "Article 2", "account": ACCOUNT},
    )

    assert response.status_code == 302
    assert Complaint.objects.get().session == session
    page = member.get(reverse("accreditation:my_complaints")).content.decode()
    assert page.count('class="complaint"') == 1
    assert "en cours d’examen" in page


def test_a_coordinator_withdraws_the_accreditation_and_the_request_goes_back(client_for):
    cast, request = f.taken()
    response = client_for(cast.coordinator).post(
        reverse("accreditation:helper", args=[cast.helper.public_id]),
        {"decision": "withdraw", "reason": "Manquements répétés à la charte."},
    )
    assert response.status_code == 302
    assert Accreditation.objects.get(helper=cast.helper).status == Status.WITHDRAWN
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    page = client_for(cast.coordinator).get(
        reverse("accreditation:helper", args=[cast.helper.public_id])
    )
    choices = [value for value, _label in page.context["form"].fields["decision"].choices]
    assert choices == ["reinstate"]


def test_the_coordinations_table_scrolls_on_a_narrow_screen(client_for):
    cast, _request = f.taken()
    page = client_for(cast.coordinator).get(reverse("accreditation:coordination")).content.decode()
    wrapper = page.index('<div class="table-scroll"')
    assert wrapper < page.index("<table") < page.index("</table>") < page.index("</div>", wrapper)


def test_a_coordinator_who_is_also_a_helper_is_offered_no_decision_about_themselves(client_for):
    cast, request = f.taken()
    cast.coordinator.groups.add(Group.objects.get(name=roles.HELPERS))
    coordinator = client_for(cast.coordinator)

    own = coordinator.get(reverse("accreditation:helper", args=[cast.coordinator.public_id]))
    other = coordinator.get(reverse("accreditation:helper", args=[cast.helper.public_id]))

    assert 'name="decision"' not in own.content.decode()
    assert 'id="no-decision"' in own.content.decode()
    assert 'name="decision"' in other.content.decode()
    refused = coordinator.post(
        reverse("accreditation:helper", args=[cast.coordinator.public_id]),
        {"decision": "suspend", "reason": "Moi-même."},
    )
    assert refused.status_code == 400
    assert not Accreditation.objects.filter(helper=cast.coordinator).exists()


def test_a_coordinator_is_offered_no_outcome_on_a_complaint_about_themselves(client_for):
    cast, request = f.taken()
    complaint = f.complaint(cast, request)
    Complaint.objects.filter(pk=complaint.pk).update(helper=cast.coordinator)
    cast.coordinator.groups.add(Group.objects.get(name=roles.HELPERS))

    page = client_for(cast.coordinator).get(
        reverse("accreditation:complaint", args=[complaint.public_id])
    )

    assert 'name="outcome"' not in page.content.decode()
    assert 'id="no-outcome"' in page.content.decode()


def test_the_log_gives_the_insurance_and_training_dates_in_the_readers_format(client_for):
    cast, _request = f.taken()
    services.save_insurance(
        helper=cast.helper,
        by=cast.helper,
        insurer="Mutuelle des Accompagnants",
        policy_number="RC-1",
        expires_on=datetime.date(2031, 3, 14),
    )
    page = client_for(cast.helper).get(reverse("accreditation:mine")).content.decode()
    assert "Assurance mise à jour — 14 mars 2031" in page
    assert "2031-03-14" not in page.split('id="log-title"')[1]
