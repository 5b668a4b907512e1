"""The public agreements pages and the staff ceremony form."""

import datetime as dt

import pytest

from agreements import queries
from agreements.models import Agreement
from portal.core.models import Organisation
from tests.agreements.factories import ProjectFactory, StatusChangeFactory
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    EditionFactory,
    MembershipFactory,
    OrganisationFactory,
    PartyFactory,
    ThematicAreaFactory,
    UserFactory,
)
from tests.matchmaking.factories import scheduled_meeting

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a.title for a in response.context["page"].object_list]


def agreement_with_parties(n_parties: int = 2, **kwargs) -> Agreement:
    agreement = AgreementFactory(**kwargs)
    for _ in range(n_parties):
        PartyFactory(agreement=agreement)
    return agreement


def test_list_hides_restricted_agreements_from_others(client) -> None:
    AgreementFactory(title_en="Open", signed_on=dt.date(2016, 10, 26))
    party = PartyFactory(
        agreement=AgreementFactory(
            title_en="Closed", visibility="parties", signed_on=dt.date(2016, 10, 25)
        )
    )
    assert titles(client.get("/en/agreements/")) == ["Open"]
    client.force_login(UserFactory())
    assert titles(client.get("/en/agreements/")) == ["Open"]
    client.force_login(MembershipFactory(organisation=party.organisation).user)
    assert titles(client.get("/en/agreements/")) == ["Open", "Closed"]
    client.force_login(UserFactory(is_staff=True))
    assert titles(client.get("/en/agreements/")) == ["Open", "Closed"]


def test_list_filters_by_plain_parameters(client) -> None:
    health = ThematicAreaFactory(slug="health", name_en="Health")
    edition = EditionFactory(year=2016, ordinal=7)
    activity = ActivityFactory(stop__mission__slug="roadshow")
    week = AgreementFactory(title_en="Week MoU", edition=edition, signed_on=None, kind="mou")
    PartyFactory(agreement=week, organisation=OrganisationFactory(country="CN"))
    week.areas.add(health)
    AgreementFactory(
        title_en="Mission lab", activity=activity, kind="joint_lab", signed_on=dt.date(2015, 4, 27)
    )
    assert titles(client.get("/en/agreements/?year=2016")) == ["Week MoU"]
    assert titles(client.get("/en/agreements/?year=2015")) == ["Mission lab"]
    assert titles(client.get("/en/agreements/?kind=joint_lab")) == ["Mission lab"]
    assert titles(client.get("/en/agreements/?country=CN")) == ["Week MoU"]
    assert titles(client.get("/en/agreements/?area=health")) == ["Week MoU"]
    assert titles(client.get("/en/agreements/?edition=2016")) == ["Week MoU"]
    assert titles(client.get("/en/agreements/?mission=roadshow")) == ["Mission lab"]


@pytest.mark.parametrize(
    "query", ["year=abc", "kind=nope", "country=ZZ", "area=none", "edition=1", "page=x"]
)
def test_list_bad_parameters_never_fail(client, query: str) -> None:
    AgreementFactory()
    assert client.get(f"/en/agreements/?{query}").status_code == 200


def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries) -> None:
    agreement_with_parties()
    # count, page rows, parties with organisations, then the filter form's selects
    # (the parties' countries, thematic areas, editions, missions).
    with django_assert_num_queries(7):
        client.get("/en/agreements/")
    for _ in range(15):
        agreement_with_parties(3)
    with django_assert_num_queries(7):
        response = client.get("/en/agreements/")
    assert len(response.context["page"].object_list) == 16


def test_agreement_page_shows_the_chain(client) -> None:
    edition = EditionFactory(year=2016, ordinal=7, title_en="7th Week")
    agreement = AgreementFactory(title_en="Centre", edition=edition, signed_on=None)
    PartyFactory(agreement=agreement, organisation=OrganisationFactory(name_en="Approved Uni"))
    pending = OrganisationFactory(
        name_en="Pending Lab", slug="pending-lab", status=Organisation.Status.PENDING
    )
    PartyFactory(agreement=agreement, organisation=pending)
    ProjectFactory(title_en="Landed project").agreements.add(agreement)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert f'<a href="{edition.get_absolute_url()}">7th Week</a>' in page
    assert ">Approved Uni</a>" in page
    assert "Pending Lab" in page
    assert "/partners/pending-lab/" not in page
    assert "<strong>Landed project</strong> — lands in China" in page
    assert "No B2B meeting is recorded for this agreement." in page


def test_agreement_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries
) -> None:
    agreement = agreement_with_parties(activity=ActivityFactory())
    agreement.meetings.add(scheduled_meeting())
    # agreement, parties, areas, documents, projects (+ their organisations), status history,
    # meetings with their seats; with no project, Django skips the organisations query.
    with django_assert_num_queries(8):
        client.get(agreement.get_absolute_url())
    ProjectFactory().agreements.add(agreement)
    with django_assert_num_queries(9):
        client.get(agreement.get_absolute_url())
    for _ in range(4):
        agreement.meetings.add(scheduled_meeting())
        PartyFactory(agreement=agreement)
        project = ProjectFactory()
        project.agreements.add(agreement)
        project.organisations.add(OrganisationFactory(), OrganisationFactory())
        agreement.areas.add(ThematicAreaFactory())
        StatusChangeFactory(agreement=agreement)
    with django_assert_num_queries(9):
        client.get(agreement.get_absolute_url())


def test_restricted_agreement_is_404_for_others(client) -> None:
    party = PartyFactory(agreement=AgreementFactory(visibility="parties"))
    url = party.agreement.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(organisation=party.organisation).user)
    assert client.get(url).status_code == 200


def test_ceremony_records_several_agreements(client) -> None:
    a, b, c = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    edition = EditionFactory(year=2016, ordinal=7)
    client.force_login(UserFactory(is_staff=True))
    data = {
        "ceremony-signed_on": "2016-10-26",
        "ceremony-edition": edition.pk,
        "agreements-TOTAL_FORMS": "3",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-title_en": "Centre",
        "agreements-0-kind": "cooperation",
        "agreements-0-parties": [a.pk, b.pk],
        "agreements-0-visibility": "public",
        "agreements-1-title_en": "Lab",
        "agreements-1-kind": "joint_lab",
        "agreements-1-parties": [b.pk, c.pk],
        "agreements-1-visibility": "parties",
        "agreements-2-visibility": "public",
    }
    response = client.post("/en/agreements/record/", data)
    assert response.status_code == 302
    assert list(
        Agreement.objects.order_by("slug").values_list("slug", "edition__year", "visibility")
    ) == [("centre", 2016, "public"), ("lab", 2016, "parties")]


def test_ceremony_form_explains_bad_rows(client) -> None:
    a = OrganisationFactory()
    pending = OrganisationFactory(name_en="Pending Lab", status=Organisation.Status.PENDING)
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        "/en/agreements/record/",
        {
            "ceremony-signed_on": "2999-01-01",
            "agreements-TOTAL_FORMS": "1",
            "agreements-INITIAL_FORMS": "0",
            "agreements-0-title_en": "Bad",
            "agreements-0-kind": "mou",
            "agreements-0-parties": [a.pk, pending.pk],
            "agreements-0-visibility": "public",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "A signed agreement cannot have a signing date in the future." in page
    assert "Pending Lab is not an approved organisation of the directory." in page
    assert Agreement.objects.count() == 0


def test_for_organisation_lists_visible_agreements_and_projects() -> None:
    org = OrganisationFactory()
    PartyFactory(organisation=org, agreement=AgreementFactory(title_en="Open"))
    PartyFactory(
        organisation=org, agreement=AgreementFactory(title_en="Closed", visibility="parties")
    )
    ProjectFactory(title_en="Project").organisations.add(org)
    anonymous_result = queries.for_organisation(org, _Anonymous())
    assert [a.title for a in anonymous_result["agreements"]] == ["Open"]
    assert [p.title for p in anonymous_result["projects"]] == ["Project"]
    member = MembershipFactory(organisation=org).user
    assert [a.title for a in queries.for_organisation(org, member)["agreements"]] == [
        "Open",
        "Closed",
    ]


class _Anonymous:
    is_authenticated = False
    is_staff = False


def test_for_organisation_runs_a_constant_number_of_queries(django_assert_num_queries) -> None:
    org = OrganisationFactory()
    PartyFactory(organisation=org)
    ProjectFactory().organisations.add(org)
    user = UserFactory()
    # agreements, their parties with organisations, projects.
    with django_assert_num_queries(3):
        queries.for_organisation(org, user)
    for _ in range(5):
        PartyFactory(organisation=org, agreement=agreement_with_parties(2))
        ProjectFactory().organisations.add(org)
    with django_assert_num_queries(3):
        result = queries.for_organisation(org, user)
    assert (len(result["agreements"]), len(result["projects"])) == (6, 6)


def test_organisation_include_renders(client) -> None:
    from django.template.loader import render_to_string

    org = OrganisationFactory()
    PartyFactory(organisation=org, agreement=AgreementFactory(title_en="Open MoU"))
    ProjectFactory(title_en="Landed").organisations.add(org)
    html = render_to_string(
        "agreements/_for_organisation.html",
        {"cooperation": queries.for_organisation(org, _Anonymous())},
    )
    assert "Open MoU</a>" in html
    assert "<strong>Landed</strong>" in html


def test_admin_pages_open_for_staff(client) -> None:
    agreement = agreement_with_parties()
    StatusChangeFactory(agreement=agreement)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in [
        "/en/admin/agreements/agreement/",
        "/en/admin/agreements/agreement/add/",
        f"/en/admin/agreements/agreement/{agreement.pk}/change/",
        "/en/admin/agreements/project/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_admin_agreement_page_does_not_load_every_b2b_meeting(
    client, django_assert_max_num_queries
) -> None:
    agreement = agreement_with_parties()
    agreement.meetings.add(scheduled_meeting())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/en/admin/agreements/agreement/{agreement.pk}/change/"
    client.get(url)  # warms the caches a first request fills (content types)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(5):
        scheduled_meeting()
    with django_assert_max_num_queries(30) as many:
        page = client.get(url)
    # The meetings field is an autocomplete: it shows the linked meeting, not all six.
    assert len(many.captured_queries) == len(few.captured_queries)
    assert page.status_code == 200
    found = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "agreements", "model_name": "agreement", "field_name": "meetings"},
    ).json()["results"]
    assert len(found) == 6


def test_admin_action_changes_status_through_the_service(client) -> None:
    agreement = agreement_with_parties()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/en/admin/agreements/agreement/",
        {"action": "mark_in_force", "_selected_action": [agreement.pk]},
    )
    assert response.status_code == 302
    assert list(agreement.status_changes.values_list("from_status", "to_status")) == [
        ("signed", "in_force")
    ]


def test_admin_refuses_a_future_signing_date(client) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/en/admin/agreements/agreement/add/",
        {
            "slug": "future",
            "title_en": "Future",
            "kind": "mou",
            "signed_on": "2999-01-01",
            "visibility": "public",
            "status": "signed",
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "A signed agreement cannot have a signing date in the future." in (
        response.content.decode()
    )
    assert Agreement.objects.count() == 0


def test_staff_record_a_project_after_an_agreement(client) -> None:
    agreement = agreement_with_parties()
    orgs = [p.organisation for p in agreement.parties.all()]
    pending = OrganisationFactory(name_en="Pending", status=Organisation.Status.PENDING)
    client.force_login(UserFactory(is_staff=True))
    url = f"/en/agreements/{agreement.slug}/projects/add/"
    form = client.get(url).context["form"]
    assert form.initial["organisations"] == [o.pk for o in orgs]
    data = {"title_en": "Joint lab", "country": "CN", "status": "running"}
    response = client.post(url, {**data, "organisations": [orgs[0].pk, pending.pk]})
    assert response.status_code == 200
    assert "not approved: Pending" in response.content.decode()
    response = client.post(url, {**data, "organisations": [o.pk for o in orgs]})
    assert response.status_code == 302
    project = agreement.projects.get()
    assert (project.title, project.country.code, project.status) == ("Joint lab", "CN", "running")


def test_agreements_list_answers_an_impossible_year_with_a_form_error(client, db) -> None:
    response = client.get("/it/agreements/?year=10000")
    assert response.status_code == 200
    assert response.context["filter"].form.errors["year"] == [
        "Assicurati che questo valore sia minore o uguale a 2999."
    ]
