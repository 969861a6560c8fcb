"""A member finds the complaints they filed again later, from their help requests (issue #19)."""

import pytest
from django.urls import reverse

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_members_requests_lead_to_their_complaints_and_the_complaint_is_listed(client_for):
    cast, request = f.taken()
    member = client_for(cast.member)
    member.post(
        reverse("accreditation:complain_request", args=[request.public_id]),
        {
            "helper": cast.helper.pk,
            "charter_article": "Article 7",
            "account": "L’aidant n’est pas venu au rendez-vous convenu.",
            "anonymous": "on",
        },
    )

    requests_page = member.get(reverse("helprequests:mine")).content.decode()
    complaints_url = reverse("accreditation:my_complaints")
    assert complaints_url in requests_page

    complaints_page = member.get(complaints_url).content.decode()
    assert complaints_page.count('class="complaint"') == 1
    assert "en cours d’examen" in complaints_page
