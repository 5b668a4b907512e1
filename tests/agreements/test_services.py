"""The agreements services: recording, parties, dates, status history, notifications."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import Agreement, Party, StatusChange
from agreements.services import PartyData
from portal.core.models import Membership, Notification, Organisation
from tests.factories import (
    ActivityFactory,
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def record(**overrides) -> Agreement:
    a, b = OrganisationFactory(name_en="Alpha"), OrganisationFactory(name_en="Beta")
    kwargs = {
        "title_en": "MoU on smart biomaterials",
        "kind": Agreement.Kind.MOU,
        "parties": [PartyData(organisation=a, role="Italian side"), PartyData(organisation=b)],
        "signed_on": dt.date(2016, 10, 26),
    }
    kwargs.update(overrides)
    return services.agreement_record(**kwargs)


def test_agreement_record_creates_parties_and_history() -> None:
    staff = UserFactory(is_staff=True)
    agreement = record(recorded_by=staff)
    assert agreement.slug == "mou-on-smart-biomaterials"
    assert [(p.organisation.name, p.role, p.order) for p in agreement.parties.all()] == [
        ("Alpha", "Italian side", 0),
        ("Beta", "", 1),
    ]
    assert list(agreement.status_changes.values_list("from_status", "to_status", "changed_by")) == [
        ("", "signed", staff.pk)
    ]


def test_agreement_record_slug_is_unique_and_never_reserved() -> None:
    first = record(title_en="Record")
    second = record(title_en="Record")
    assert (first.slug, second.slug) == ("record-2", "record-3")


def test_agreement_record_refuses_a_party_not_approved() -> None:
    pending = OrganisationFactory(name_en="Pending Lab", status=Organisation.Status.PENDING)
    other = OrganisationFactory()
    with pytest.raises(ValidationError) as info:
        record(parties=[PartyData(organisation=pending), PartyData(organisation=other)])
    assert info.value.message_dict == {
        "parties": ["Pending Lab is not an approved organisation of the directory."]
    }
    assert Agreement.objects.count() == 0


def test_agreement_record_refuses_one_party_or_a_duplicate() -> None:
    org = OrganisationFactory(name_en="Solo")
    with pytest.raises(ValidationError) as info:
        record(parties=[PartyData(organisation=org), PartyData(organisation=org)])
    assert info.value.message_dict == {
        "parties": ["Solo is listed twice.", "An agreement needs at least two parties."]
    }


@time_machine.travel(dt.datetime(2016, 10, 26, 12, tzinfo=dt.UTC))
def test_agreement_record_refuses_a_future_signing_date() -> None:
    with pytest.raises(ValidationError) as info:
        record(signed_on=dt.date(2016, 10, 27))
    assert info.value.message_dict == {
        "signed_on": ["A signed agreement cannot have a signing date in the future."]
    }
    assert record(signed_on=dt.date(2016, 10, 26)).signed_on == dt.date(2016, 10, 26)


def test_agreement_record_refuses_both_an_edition_and_an_activity() -> None:
    with pytest.raises(ValidationError) as info:
        record(edition=EditionFactory(year=2016, ordinal=7), activity=ActivityFactory())
    assert info.value.message_dict == {
        "activity": ["Choose the Week or a mission activity, not both."]
    }


def test_agreement_record_notifies_each_party_admin_once(django_capture_on_commit_callbacks):
    a, b = OrganisationFactory(), OrganisationFactory()
    admin_a = MembershipFactory(organisation=a, role=Membership.Role.ADMIN).user
    admin_a.language = "it"
    admin_a.save()
    both = UserFactory()
    MembershipFactory(user=both, organisation=a, role=Membership.Role.ADMIN)
    MembershipFactory(user=both, organisation=b, role=Membership.Role.ADMIN)
    MembershipFactory(organisation=b, role=Membership.Role.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_record(
            title_en="Joint lab",
            title_it="Laboratorio congiunto",
            kind=Agreement.Kind.JOINT_LAB,
            parties=[PartyData(organisation=a), PartyData(organisation=b)],
            signed_on=dt.date(2016, 10, 26),
        )
    sent = Notification.objects.filter(kind="agreement_recorded").order_by("recipient_id")
    assert [(n.recipient, n.key) for n in sent] == [
        (admin_a, f"agreement_recorded:{agreement.pk}:{admin_a.pk}"),
        (both, f"agreement_recorded:{agreement.pk}:{both.pk}"),
    ]
    italian = sent[0]
    assert italian.subject == "Accordo registrato: Laboratorio congiunto"
    assert italian.link == f"/it/agreements/{agreement.slug}/"


def test_ceremony_records_all_or_nothing() -> None:
    a, b = OrganisationFactory(), OrganisationFactory()
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    good = {
        "title_en": "First",
        "kind": Agreement.Kind.MOU,
        "parties": [PartyData(organisation=a), PartyData(organisation=b)],
        "signed_on": dt.date(2016, 10, 26),
    }
    bad = {**good, "title_en": "Second", "parties": [PartyData(organisation=pending)] * 2}
    with pytest.raises(ValidationError):
        services.agreements_record_ceremony(rows=[good, bad])
    assert (Agreement.objects.count(), Party.objects.count()) == (0, 0)
    recorded = services.agreements_record_ceremony(rows=[good, {**good, "title_en": "Second"}])
    assert [x.title for x in recorded] == ["First", "Second"]


def test_status_change_writes_history() -> None:
    staff = UserFactory(is_staff=True)
    agreement = record()
    services.agreement_status_change(
        agreement=agreement, status="in_force", changed_by=staff, note="Ratified"
    )
    services.agreement_status_change(agreement=agreement, status="completed")
    agreement.refresh_from_db()
    assert agreement.status == "completed"
    assert list(
        StatusChange.objects.filter(agreement=agreement).values_list(
            "from_status", "to_status", "note"
        )
    ) == [("", "signed", ""), ("signed", "in_force", "Ratified"), ("in_force", "completed", "")]


def test_status_change_refuses_the_same_status() -> None:
    agreement = record()
    with pytest.raises(ValidationError) as info:
        services.agreement_status_change(agreement=agreement, status="signed")
    assert info.value.message_dict == {"status": ["The agreement already has this status."]}
    assert agreement.status_changes.count() == 1


def test_project_record_refuses_organisations_not_approved() -> None:
    pending = OrganisationFactory(name_en="Pending", status=Organisation.Status.PENDING)
    with pytest.raises(ValidationError) as info:
        services.project_record(title_en="Lab", organisations=[pending], country="CN")
    assert info.value.message_dict == {
        "organisations": ["Choose approved organisations of the directory (not approved: Pending)."]
    }


def test_project_record_links_agreements_and_organisations() -> None:
    agreement = record()
    orgs = [p.organisation for p in agreement.parties.all()]
    project = services.project_record(
        title_en="Smart biomaterials lab",
        organisations=orgs,
        agreements=[agreement],
        country="CN",
        start_date=dt.date(2016, 4, 27),
        status="running",
    )
    assert (project.slug, project.country.code, list(project.agreements.all())) == (
        "smart-biomaterials-lab",
        "CN",
        [agreement],
    )
