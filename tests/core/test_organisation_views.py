"""Members' pages: registering, editing, logos, members, invitations, offers and requests."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image

from portal.core.models import CooperationProfile, Membership, Organisation
from tests.core.factories import AdminMembershipFactory
from tests.factories import MembershipFactory, OrganisationFactory, ThematicAreaFactory, UserFactory


@pytest.fixture(autouse=True)
def _remove_uploaded_logos(db):
    # Uploads go to the media folder the development URL serves; remove them afterwards.
    yield
    for org in Organisation.objects.exclude(logo=""):
        org.logo.storage.delete(org.logo.name)


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 90, 60)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


FORM = {"name_en": "Robotics Lab", "kind": "startup", "country": "IT"}


@pytest.mark.django_db
def test_register_an_organisation(client) -> None:
    user = UserFactory()
    client.force_login(user)
    health = ThematicAreaFactory(slug="health")
    response = client.post(
        "/en/my/organisations/new/", {**FORM, "areas": [health.pk], "logo": png()}
    )
    assert response["Location"] == "/en/my/organisations/robotics-lab/"
    org = Organisation.objects.get()
    assert (org.status, org.logo.name.startswith("logos/"), org.logo.name.endswith(".png")) == (
        "pending", True, True,
    )  # fmt: skip
    assert Membership.objects.get().role == "admin"
    page = client.get(response["Location"]).content.decode()
    assert "Pending review" in page


@pytest.mark.django_db
def test_logo_is_served_as_an_image_with_nosniff(client) -> None:
    client.force_login(UserFactory())
    client.post("/en/my/organisations/new/", {**FORM, "logo": png()})
    org = Organisation.objects.get()
    response = client.get(org.logo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("en", "SVG logos are not accepted: upload a PNG, JPEG or WebP image."),
        ("it", "I loghi SVG non sono accettati: carichi un'immagine PNG, JPEG o WebP."),
    ],
)
@pytest.mark.django_db
def test_svg_logo_is_refused_in_the_form_in_the_users_language(client, prefix, message) -> None:
    client.force_login(UserFactory())
    svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.post(f"/{prefix}/my/organisations/new/", {**FORM, "logo": svg})
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_registration_needs_a_name_in_some_script(client) -> None:
    client.force_login(UserFactory())
    response = client.post("/en/my/organisations/new/", {"kind": "startup", "country": "IT"})
    assert "Give the name in English or in the organisation&#x27;s own script." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "spaceship"}, {"country": "XX"}, {"website": "javascript:alert(1)"},
        {"founded": "99999"}, {"founded": "1500000000000000000000"}, {"email": "not-an-email"},
        {"city_name": "x" * 500}, {"languages": ["xx"]}, {"areas": ["abc"]},
        {"name_en": "x" * 500},
        {"description_en": "x" * 6000},
    ],
)  # fmt: skip
@pytest.mark.django_db
def test_bad_input_is_answered_in_the_form(client, bad) -> None:
    client.force_login(UserFactory())
    response = client.post("/en/my/organisations/new/", {**FORM, **bad})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_admin_edits_the_profile(client) -> None:
    member = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab", name_en="Lab"))
    client.force_login(member.user)
    response = client.post(
        "/en/my/organisations/lab/edit/",
        {**FORM, "name_en": "Lab", "description_en": "We do <b>robots</b>."},
    )
    assert response["Location"] == "/en/my/organisations/lab/"
    org = Organisation.objects.get()
    assert (org.slug, org.name_en, org.description_en, org.proposed_changes) == (
        "lab",
        "Lab",
        "We do <b>robots</b>.",
        {},
    )
    page = client.get("/en/partners/lab/").content.decode()
    assert "We do &lt;b&gt;robots&lt;/b&gt;." in page


@pytest.mark.django_db
def test_admin_manages_members_on_the_page(client) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab"))
    member = MembershipFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    response = client.post(
        f"/en/my/organisations/lab/members/{admin.pk}/role/", {"role": "member"}, follow=True
    )
    assert "An organisation must keep at least one administrator." in response.content.decode()
    client.post(f"/en/my/organisations/lab/members/{member.pk}/role/", {"role": "admin"})
    client.post(f"/en/my/organisations/lab/members/{admin.pk}/role/", {"role": "member"})
    assert sorted(admin.organisation.memberships.values_list("pk", "role")) == sorted(
        [(admin.pk, "member"), (member.pk, "admin")]
    )
    # No longer an admin: the admin's actions are now forbidden.
    response = client.post(f"/en/my/organisations/lab/members/{member.pk}/remove/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_invites_from_the_page(client, django_capture_on_commit_callbacks) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab"))
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/my/organisations/lab/invite/", {"email": "new@example.org", "role": "member"}
        )
    assert response["Location"] == "/en/my/organisations/lab/"
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert "http://127.0.0.1:8000/en/invitations/" in mail.outbox[0].body


@pytest.mark.django_db
def test_admin_publishes_an_offer_that_staff_approve(client) -> None:
    member = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab"))
    client.force_login(member.user)
    expires = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    response = client.post(
        "/en/my/organisations/lab/profiles/new/",
        {
            "kind": "technology_offer", "title_en": "Lidar for drones",
            "summary_en": "Light lidar.", "keywords": " lidar ,, drones ", "trl": "6",
            "expires_on": expires,
        },
    )  # fmt: skip
    assert response["Location"] == "/en/my/organisations/lab/"
    profile = CooperationProfile.objects.get()
    assert (profile.status, profile.keywords, profile.created_by) == (
        "pending", "lidar, drones", member.user,
    )  # fmt: skip
    assert "Lidar for drones" not in client.get("/en/partners/lab/").content.decode()
    client.force_login(UserFactory(is_staff=True))
    client.post(f"/en/staff/review/profiles/{profile.pk}/approve/")
    assert "<h3>Lidar for drones</h3>" in client.get("/en/partners/lab/").content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("trl", "10"), ("trl", "0"), ("expires_on", "2000-01-01"), ("expires_on", "2999-01-01"),
     ("kind", "gift")],
)  # fmt: skip
@pytest.mark.django_db
def test_profile_form_refuses_bad_values(client, field, value) -> None:
    member = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab"))
    client.force_login(member.user)
    data = {
        "kind": "technology_offer", "title_en": "T", "summary_en": "S",
        "expires_on": (dt.date.today() + dt.timedelta(days=60)).isoformat(), field: value,
    }  # fmt: skip
    response = client.post("/en/my/organisations/lab/profiles/new/", data)
    assert response.status_code == 200
    assert CooperationProfile.objects.count() == 0


@pytest.mark.django_db
def test_admin_replaces_then_removes_the_logo(client, django_capture_on_commit_callbacks) -> None:
    member = AdminMembershipFactory(organisation=OrganisationFactory(slug="lab", name_en="Lab"))
    client.force_login(member.user)
    client.post("/en/my/organisations/lab/edit/", {**FORM, "name_en": "Lab", "logo": png()})
    first = Organisation.objects.get().logo
    storage, first_name = first.storage, first.name
    assert storage.exists(first_name)
    assert (
        "Remove the current logo" in client.get("/en/my/organisations/lab/edit/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/my/organisations/lab/edit/", {**FORM, "name_en": "Lab", "logo": png()})
    second_name = Organisation.objects.get().logo.name
    assert second_name != first_name
    assert not storage.exists(first_name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/my/organisations/lab/edit/", {**FORM, "name_en": "Lab", "remove_logo": "on"}
        )
    assert Organisation.objects.get().logo.name == ""
    assert not storage.exists(second_name)
