"""Registering, editing, approving and rejecting organisations; stable unique slugs."""

import pytest
from django.core import mail

from portal.core.models import Membership, Organisation
from portal.core.services import organisations as organisation_services
from portal.core.services.common import Refused
from tests.factories import CityFactory, OrganisationFactory, ThematicAreaFactory, UserFactory


def register(user, **data) -> Organisation:
    data.setdefault("kind", Organisation.Kind.UNIVERSITY)
    data.setdefault("country", "IT")
    return organisation_services.organisation_register(user=user, data=data)


@pytest.mark.django_db
def test_registered_organisation_is_pending_with_the_user_as_admin() -> None:
    user = UserFactory()
    area = ThematicAreaFactory(slug="health")
    org = organisation_services.organisation_register(
        user=user,
        data={"name_en": "University of Pisa", "kind": "university", "country": "IT"},
        areas=[area],
    )
    assert (org.slug, org.status, org.name_en) == (
        "university-of-pisa",
        "pending",
        "University of Pisa",
    )
    assert list(org.memberships.values_list("user__email", "role")) == [(user.email, "admin")]
    assert list(org.areas.values_list("slug", flat=True)) == ["health"]
    assert list(Organisation.objects.published()) == []


@pytest.mark.django_db
def test_slugs_are_unique() -> None:
    user = UserFactory()
    slugs = [register(user, name_en="Città della Scienza").slug for _ in range(3)]
    assert slugs == ["citta-della-scienza", "citta-della-scienza-2", "citta-della-scienza-3"]


@pytest.mark.django_db
def test_chinese_only_name_gets_a_short_token_slug_and_an_english_fallback() -> None:
    org = register(UserFactory(), native_name="北京市科学技术委员会", country="CN")
    assert org.slug.startswith("org-")
    assert len(org.slug) == len("org-3f9a2c")
    assert org.name_en == "北京市科学技术委员会"
    other = register(UserFactory(), native_name="北京市科学技术委员会", country="CN")
    assert other.slug != org.slug


@pytest.mark.django_db
def test_latin_native_name_is_used_when_no_english_name() -> None:
    assert register(UserFactory(), native_name="Scuola Superiore Sant'Anna").slug == (
        "scuola-superiore-santanna"
    )


@pytest.mark.django_db
def test_slug_never_changes_when_the_name_changes() -> None:
    user = UserFactory()
    org = register(user, name_en="Old Name")
    organisation_services.organisation_update(
        organisation=org, user=user, data={"name_en": "New Name"}, areas=[]
    )
    org.refresh_from_db()
    assert (org.slug, org.name_en) == ("old-name", "New Name")


@pytest.mark.django_db
def test_reserved_words_are_never_slugs() -> None:
    assert register(UserFactory(), name_en="New").slug == "new-2"


@pytest.mark.django_db
def test_only_members_update_an_organisation() -> None:
    org = OrganisationFactory(name_en="Mine")
    with pytest.raises(Refused):
        organisation_services.organisation_update(
            organisation=org, user=UserFactory(), data={"name_en": "Theirs"}, areas=[]
        )
    org.refresh_from_db()
    assert org.name_en == "Mine"


@pytest.mark.django_db
def test_admin_updates_profile_fields(django_capture_on_commit_callbacks) -> None:
    member = Membership.objects.create(
        user=UserFactory(), organisation=OrganisationFactory(), role="admin"
    )
    city = CityFactory(slug="naples")
    organisation_services.organisation_update(
        organisation=member.organisation,
        user=member.user,
        data={"description_en": "We build robots.", "city": city, "founded": 1990},
        areas=[],
    )
    org = Organisation.objects.get(pk=member.organisation_id)
    assert (org.description_en, org.city, org.founded) == ("We build robots.", city, 1990)


@pytest.mark.django_db
def test_approval_publishes_and_tells_the_admins_in_their_language(
    django_capture_on_commit_callbacks,
) -> None:
    admin = UserFactory(email="admin@example.org", language="it")
    org = register(admin, name_en="Robotics Lab", name_it="Laboratorio di robotica")
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.organisation_approve(organisation=org, by=staff)
    org.refresh_from_db()
    assert (org.status, org.reviewed_by) == ("approved", staff)
    assert list(Organisation.objects.published()) == [org]
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]
    assert mail.outbox[0].subject == ("Laboratorio di robotica è ora nell'elenco dei partner")


@pytest.mark.django_db
def test_rejection_needs_a_reason_and_sends_it(django_capture_on_commit_callbacks) -> None:
    admin = UserFactory(email="admin@example.org", language="en")
    org = register(admin, name_en="Robotics Lab")
    staff = UserFactory(is_staff=True)
    with pytest.raises(Refused):
        organisation_services.organisation_reject(organisation=org, by=staff, reason="   ")
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.organisation_reject(
            organisation=org, by=staff, reason="Not a real lab."
        )
    org.refresh_from_db()
    assert (org.status, org.rejection_reason) == ("rejected", "Not a real lab.")
    assert mail.outbox[0].subject == "Robotics Lab was not added to the partner directory"
    assert "Not a real lab." in mail.outbox[0].body


@pytest.mark.django_db
def test_editing_a_rejected_organisation_sends_it_back_to_review() -> None:
    user = UserFactory()
    org = register(user, name_en="Robotics Lab")
    organisation_services.organisation_reject(
        organisation=org, by=UserFactory(is_staff=True), reason="Vague."
    )
    organisation_services.organisation_update(
        organisation=org, user=user, data={"description_en": "Now precise."}, areas=[]
    )
    org.refresh_from_db()
    assert org.status == "pending"
