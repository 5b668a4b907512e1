"""Only an organisation's admins edit it; a new name, website or country waits for staff."""

import datetime as dt

import pytest
from django.core import mail

from portal.core.models import CooperationProfile, Membership, Notification, Organisation
from portal.core.services import cooperation
from portal.core.services import organisations as organisation_services
from portal.core.services.common import Refused
from tests.core.factories import AdminMembershipFactory, CooperationProfileFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

FORM = {"name_en": "Robotics Lab", "kind": "startup", "country": "IT"}


@pytest.fixture
def lab(db) -> Organisation:
    return OrganisationFactory(
        slug="lab",
        name_en="Robotics Lab",
        name_it="Laboratorio di robotica",
        kind="startup",
        country="IT",
        website="https://lab.example.org",
        status="approved",
    )


@pytest.fixture
def admin(lab) -> Membership:
    return AdminMembershipFactory(
        organisation=lab, user=UserFactory(email="admin@example.org", language="it")
    )


def edit(admin: Membership, **data) -> Organisation:
    organisation_services.organisation_update(
        organisation=admin.organisation,
        user=admin.user,
        data={**FORM, "name_it": "Laboratorio di robotica",
              "website": "https://lab.example.org", **data},
        areas=[],
    )  # fmt: skip
    return Organisation.objects.get(pk=admin.organisation_id)


# ---------------------------------------------------------------- admins only


def test_a_plain_member_cannot_change_the_organisation_or_its_offers(lab) -> None:
    member = MembershipFactory(organisation=lab)
    offer = CooperationProfileFactory(organisation=lab, title_en="Lidar")
    with pytest.raises(Refused, match="Only the organisation's administrators"):
        organisation_services.organisation_update(
            organisation=lab, user=member.user, data={"description_en": "Mine now."}, areas=[]
        )
    with pytest.raises(Refused, match="Only the organisation's administrators"):
        cooperation.profile_create(
            organisation=lab, user=member.user,
            data={"kind": "investment", "title_en": "Fund", "summary_en": "S",
                  "expires_on": dt.date(2999, 1, 1)},
        )  # fmt: skip
    with pytest.raises(Refused, match="Only the organisation's administrators"):
        cooperation.profile_update(
            profile=offer, user=member.user, data={"title_en": "Gone"}, areas=[]
        )
    with pytest.raises(Refused, match="Only the organisation's administrators"):
        cooperation.profile_delete(profile=offer, user=member.user)
    lab.refresh_from_db()
    assert lab.description_en is None
    assert list(CooperationProfile.objects.values_list("title_en", flat=True)) == ["Lidar"]


def test_a_plain_member_gets_403_on_the_edit_pages_and_sees_no_edit_controls(client, lab) -> None:
    member = MembershipFactory(organisation=lab)
    offer = CooperationProfileFactory(organisation=lab, title_en="Lidar")
    client.force_login(member.user)
    base = "/en/my/organisations/lab"
    assert client.get(f"{base}/edit/").status_code == 403
    assert client.post(f"{base}/edit/", {**FORM, "name_en": "Pwned"}).status_code == 403
    assert client.get(f"{base}/profiles/new/").status_code == 403
    assert client.get(f"{base}/profiles/{offer.pk}/edit/").status_code == 403
    assert client.post(f"{base}/profiles/{offer.pk}/delete/").status_code == 403
    page = client.get(f"{base}/").content.decode()
    assert "Lidar" in page
    assert f"{base}/edit/" not in page
    assert f"{base}/profiles/{offer.pk}/delete/" not in page
    assert f"{base}/profiles/new/" not in page
    lab.refresh_from_db()
    assert lab.name_en == "Robotics Lab"
    assert CooperationProfile.objects.count() == 1


def test_an_admin_edits_and_deletes_offers(client, admin) -> None:
    offer = CooperationProfileFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    response = client.post(f"/en/my/organisations/lab/profiles/{offer.pk}/delete/")
    assert response["Location"] == "/en/my/organisations/lab/"
    assert CooperationProfile.objects.count() == 0


# ---------------------------------------------------------------- reviewed changes


def test_a_new_name_website_or_country_waits_for_review_while_the_rest_is_immediate(
    admin,
) -> None:
    org = edit(
        admin,
        name_en="Evil Corp",
        name_zh_hans="邪恶公司",
        website="https://evil.example.com",
        country="CN",
        description_en="We build robots.",
    )
    assert (org.name_en, org.name_zh_hans, org.website, org.country.code) == (
        "Robotics Lab", "", "https://lab.example.org", "IT",
    )  # fmt: skip
    assert org.description_en == "We build robots."
    assert org.proposed_changes == {
        "name_en": "Evil Corp",
        "name_zh_hans": "邪恶公司",
        "website": "https://evil.example.com",
        "country": "CN",
    }
    assert org.changes_proposed_at is not None
    assert org.status == "approved"


def test_saving_the_same_values_proposes_nothing(admin) -> None:
    org = edit(admin, description_en="Only this.")
    assert (org.proposed_changes, org.changes_proposed_at) == ({}, None)


def test_a_pending_organisation_changes_its_name_at_once(db) -> None:
    admin = AdminMembershipFactory(organisation=OrganisationFactory(status="pending"))
    org = edit(admin, name_en="Better Name", website="https://better.example.org")
    assert (org.name_en, org.website, org.proposed_changes) == (
        "Better Name", "https://better.example.org", {},
    )  # fmt: skip


def test_the_approved_version_stays_public_and_admins_see_the_proposal(client, admin) -> None:
    client.force_login(admin.user)
    response = client.post(
        "/en/my/organisations/lab/edit/",
        {**FORM, "name_en": "Evil Corp", "website": "https://evil.example.com"},
        follow=True,
    )
    page = response.content.decode()
    assert "The change of name, website or country waits for review" in page
    assert "<td>Evil Corp</td>" in page
    assert "<td>https://evil.example.com</td>" in page
    public = client.get("/en/partners/lab/").content.decode()
    assert "Robotics Lab" in public
    assert "Evil Corp" not in public
    assert "evil.example.com" not in public
    # The edit form starts from the proposal, so saving again does not drop it.
    edit_page = client.get("/en/my/organisations/lab/edit/")
    assert edit_page.context["form"]["name_en"].value() == "Evil Corp"
    assert "A new name, website or country is published once the programme" in (
        edit_page.content.decode()
    )


@pytest.fixture
def proposed(admin) -> Organisation:
    return edit(admin, name_en='Robotics & "AI" Lab', name_it="", website="https://ai.example.org")


def test_staff_see_old_and_new_values_and_approve(
    client, proposed, django_capture_on_commit_callbacks
) -> None:
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    page = client.get("/en/staff/review/").content.decode()
    assert (
        '<tr><th scope="row">Name in English</th><td>Robotics Lab</td>'
        "<td>Robotics &amp; &quot;AI&quot; Lab</td></tr>"
    ) in page
    assert (
        '<tr><th scope="row">Name in Italian</th><td>Laboratorio di robotica</td><td></td></tr>'
    ) in page
    version = proposed.changes_proposed_at.isoformat()
    assert f'value="{version}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/review/changes/{proposed.pk}/approve/", {"proposed_at": version}
        )
    assert response["Location"] == "/en/staff/review/"
    org = Organisation.objects.get(pk=proposed.pk)
    assert (org.name_en, org.name_it, org.website, org.proposed_changes) == (
        'Robotics & "AI" Lab', "", "https://ai.example.org", {},
    )  # fmt: skip
    assert (org.changes_proposed_at, org.reviewed_by) == (None, staff)
    [notification] = Notification.objects.filter(kind="organisation_change_approved")
    assert notification.recipient.email == "admin@example.org"
    assert (
        notification.subject
        == 'La modifica dei dati dell\'organizzazione Robotics & "AI" Lab è stata approvata'
    )
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]


def test_approving_a_proposal_replaced_meanwhile_is_refused(proposed) -> None:
    seen = proposed.changes_proposed_at
    admin = proposed.memberships.get()
    edit(admin, name_en="Swapped After Staff Looked")
    with pytest.raises(Refused, match="replaced"):
        organisation_services.organisation_change_approve(
            organisation=proposed, by=UserFactory(is_staff=True), proposed_at=seen
        )
    assert Organisation.objects.get(pk=proposed.pk).name_en == "Robotics Lab"


def test_staff_reject_a_change_with_a_reason_and_the_admins_are_told(
    client, proposed, django_capture_on_commit_callbacks
) -> None:
    client.force_login(UserFactory(is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/staff/review/changes/{proposed.pk}/reject/", {"reason": "Not yours."})
    org = Organisation.objects.get(pk=proposed.pk)
    assert (org.name_en, org.website, org.proposed_changes, org.changes_proposed_at) == (
        "Robotics Lab", "https://lab.example.org", {}, None,
    )  # fmt: skip
    [message] = mail.outbox
    assert message.to == ["admin@example.org"]
    assert (
        message.subject
        == "La modifica dei dati dell'organizzazione Laboratorio di robotica non è stata approvata"
    )
    assert "Il motivo indicato:\nNot yours.\n" in message.body


def test_rejecting_a_change_needs_a_reason(proposed) -> None:
    with pytest.raises(Refused, match="Give a reason"):
        organisation_services.organisation_change_reject(
            organisation=proposed, by=UserFactory(is_staff=True), reason=" "
        )
    assert Organisation.objects.get(pk=proposed.pk).proposed_changes != {}
