"""The demo loader builds a whole network once, and a second run changes nothing."""

import re
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)

from home.demo import PAGE_FILES, PAGE_MODELS, _Text, read
from home.demo_assets import minimal_pdf
from home.models import CharterKind, CharterPage, HomePage, ResourcePage, SiteLinks, Theme
from members import roles
from members.models import User
from tests.shared_data import rolled_back_when_done

PASSWORD = "un-mot-de-passe-de-test-2026"

ROLE_ACCOUNTS = {
    "membre@relais.test": {roles.MEMBERS},
    "membre2@relais.test": {roles.MEMBERS},
    "aidant@relais.test": {roles.MEMBERS, roles.HELPERS},
    "coordination@relais.test": {roles.MEMBERS, roles.COORDINATORS},
    "moderation@relais.test": {roles.MEMBERS, roles.MODERATORS},
    "edition@relais.test": {roles.MEMBERS, roles.EDITORS},
}


def load_demo():
    out = StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "collections": Collection.objects.count(),
        "page_restrictions": PageViewRestriction.objects.count(),
        "collection_restrictions": CollectionViewRestriction.objects.count(),
        "themes": Theme.objects.count(),
        "sites": Site.objects.count(),
    }


def members_only_resources():
    restricted_paths = [r.page.path for r in PageViewRestriction.objects.select_related("page")]
    return [
        resource
        for resource in ResourcePage.objects.all()
        if any(resource.path.startswith(path) for path in restricted_paths)
    ]


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests, which only read it (tests/shared_data.py)."""
    with rolled_back_when_done(django_db_blocker):
        yield load_demo()


@pytest.fixture
def demo(db, demo_once):
    return demo_once


def test_a_second_run_creates_nothing(demo):
    before = counts()

    output = load_demo()

    assert counts() == before
    assert "existe déjà" in output


def test_the_six_role_accounts_exist_with_their_groups(demo):
    for email, expected_groups in ROLE_ACCOUNTS.items():
        user = User.objects.get(email=email)
        assert set(user.groups.values_list("name", flat=True)) == expected_groups
        assert user.check_password(PASSWORD)
        assert user.emailaddress_set.filter(email=email, verified=True, primary=True).exists()
    assert User.objects.get(email="admin@relais.test").is_superuser


def test_the_default_site_is_rooted_at_the_home_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.site_name == "Relais"
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()
    links = SiteLinks.for_site(site)
    assert links.legal_notice and links.privacy_policy and links.help_page


def test_membership_terms_have_two_versions(demo):
    versions = CharterPage.objects.live().filter(kind=CharterKind.MEMBERSHIP_TERMS)
    assert set(versions.values_list("version_label", flat=True)) == {"V1/2025", "V2/2026"}
    assert versions.get(version_label="V2/2026").requires_reacceptance
    assert set(CharterPage.objects.values_list("kind", flat=True)) == set(CharterKind.values)


def test_the_library_holds_public_and_members_only_resources(demo):
    assert ResourcePage.objects.live().count() >= 12
    assert len(members_only_resources()) >= 3
    members = Group.objects.get(name=roles.MEMBERS)
    for restriction in PageViewRestriction.objects.all():
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert list(restriction.groups.all()) == [members]


def test_members_only_documents_sit_in_the_restricted_collection(demo):
    restricted = Collection.objects.get(name="Membres")
    assert restricted.get_view_restrictions().exists()
    attached = {
        attachment.document.collection_id
        for resource in members_only_resources()
        for attachment in resource.attachments.all()
    }
    assert restricted.pk in attached


def test_anonymous_visitors_are_sent_to_login_for_the_members_area(demo, client):
    response = client.get("/espace-membres/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/?next=")


def test_the_generated_pdf_has_a_correct_cross_reference_table():
    pdf = minimal_pdf(["Relais – une ligne accentuée (é, è, à)"])

    assert pdf.startswith(b"%PDF-1.4")
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF", pdf).group(1))
    assert pdf[start:].startswith(b"xref\n")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n ", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())


# --- The demo text (home/demo_data/README.md) ----------------------------------------------


def demo_text():
    return _Text(pages={"ressources": SimpleNamespace(pk=6)}, documents={}, images={})


def test_demo_text_joins_the_lines_of_a_paragraph_and_splits_on_blank_lines():
    text = "Une phrase écrite\nsur deux lignes.\n\n<ul><li>Une liste</li></ul>\n\nLa suite."

    assert demo_text().rich(text) == (
        "<p>Une phrase écrite sur deux lignes.</p><ul><li>Une liste</li></ul><p>La suite.</p>"
    )


def test_demo_text_links_a_demo_page_by_its_slug_and_names_the_network_address():
    text = 'Voir les <a page="ressources">ressources</a> ou écrire à {contact_email}.'

    assert demo_text().plain(text) == (
        'Voir les <a linktype="page" id="6">ressources</a> ou écrire à contact@relais.test.'
    )


def test_a_plain_demo_field_refuses_a_second_paragraph():
    with pytest.raises(ValueError):
        demo_text().plain("Un titre\n\nEt un second paragraphe")


def test_every_demo_page_names_a_known_page_type_and_a_parent_made_before_it():
    made = {"accueil"}
    for name in PAGE_FILES:
        for spec in read(name)["pages"]:
            assert spec["model"] in PAGE_MODELS, spec["slug"]
            assert spec["parent"] in made, spec["slug"]
            assert spec["slug"] not in made, spec["slug"]
            made.add(spec["slug"])
