"""No lost update: a save against a newer version is refused, shows what changed, keeps input."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import translation

from events import services as event_services
from events.models import Mission
from portal.core.models import Membership, Organisation
from portal.core.services import organisations as organisation_services
from portal.core.versions import EditConflict, check_version, differences
from tests.factories import (
    AgreementFactory,
    EditionFactory,
    MissionFactory,
    OrganisationFactory,
    UserFactory,
)

CONFLICT = (
    "Someone else saved this after you opened it, so your changes were not saved. Your input "
    "is kept below; check the differences, then save again to replace their version."
)


def staff(**fields):
    return get_user_model().objects.create(
        email=f"staff{get_user_model().objects.count()}@example.org",
        password="!",
        is_staff=True,
        **fields,
    )


def errors_of(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def mission_data(mission: Mission, **changes) -> dict:
    data = {
        "slug": mission.slug, "kind": mission.kind, "status": mission.status,
        "title_en": mission.title_en, "start_date": "2016-04-16", "end_date": "2016-04-29",
        "loaded_version": str(mission.version),
    }  # fmt: skip
    return {**data, **changes}


@pytest.mark.django_db
def test_differences_name_each_changed_field_with_theirs_and_yours() -> None:
    mission = MissionFactory(title_en="Roadshow", status=Mission.Status.DONE)
    promoter = OrganisationFactory(name_en="MIUR")

    found = differences(
        current=mission,
        incoming={
            "title_en": "Roadshow 2016",
            "status": Mission.Status.PLANNED,
            "kind": mission.kind,
            "promoters": [promoter],
            "not_a_field": "ignored",
        },
    )

    assert found == [
        ("Title [en]", "Roadshow", "Roadshow 2016"),
        ("Status", "Done", "Planned"),
        ("Promoted by", "–", "MIUR"),
    ]


@pytest.mark.django_db
def test_check_version_passes_the_loaded_version_and_a_form_without_one() -> None:
    mission = MissionFactory(version=3)
    check_version(current=mission, version=3, incoming={"title_en": "Other"})
    check_version(current=mission, version=None, incoming={"title_en": "Other"})
    with pytest.raises(EditConflict) as refused:
        check_version(current=mission, version=2, incoming={"title_en": mission.title_en})
    assert refused.value.messages == [CONFLICT]
    assert refused.value.version == 3


@pytest.mark.django_db
def test_conflict_message_is_translated() -> None:
    mission = MissionFactory(title_en="Roadshow")
    with translation.override("it"), pytest.raises(EditConflict) as refused:
        check_version(current=mission, version=0, incoming={"title_en": "Missione"})
    assert refused.value.messages == [
        "Qualcun altro ha salvato questa scheda dopo che Lei l'ha aperta, quindi le Sue "
        "modifiche non sono state salvate. Quanto ha inserito è conservato qui sotto: verifichi "
        "le differenze, poi salvi di nuovo per sostituire la loro versione.",
        "Titolo [en]: la loro versione «Roadshow», la Sua «Missione».",
    ]


@pytest.mark.django_db
def test_mission_form_refuses_a_save_against_a_newer_version_and_keeps_the_input(client) -> None:
    mission = MissionFactory(title_en="Roadshow", slug="roadshow")
    client.force_login(staff())
    url = "/en/missions/staff/roadshow/"
    assert client.get(url).context["form"]["loaded_version"].value() == 1
    # Someone else saves first.
    event_services.mission_save(
        mission=mission, fields={"title_en": "Roadshow to Shenzhen"}, version=1
    )

    mine = {"title_en": "Roadshow to Chengdu"}
    response = client.post(url, mission_data(mission, **mine, loaded_version="1"))

    assert response.status_code == 200
    assert errors_of(response) == [
        CONFLICT,
        "Title [en]: theirs “Roadshow to Shenzhen”, yours “Roadshow to Chengdu”.",
    ]
    form = response.context["form"]
    assert form["title_en"].value() == "Roadshow to Chengdu"
    assert form["loaded_version"].value() == "2"
    assert 'name="loaded_version" value="2"' in response.content.decode()
    mission.refresh_from_db()
    assert (mission.title_en, mission.version) == ("Roadshow to Shenzhen", 2)

    # Saving again, having seen the differences, replaces their version.
    again = client.post(url, mission_data(mission, **mine, loaded_version="2"))
    assert again.status_code == 302
    mission.refresh_from_db()
    assert (mission.title_en, mission.version) == ("Roadshow to Chengdu", 3)


@pytest.mark.django_db
def test_agreement_status_form_refuses_a_change_made_meanwhile(client) -> None:
    agreement = AgreementFactory(slug="mou")
    client.force_login(staff())
    page = client.get("/en/agreements/mou/")
    assert page.context["status_form"]["loaded_version"].value() == 1
    client.post("/en/agreements/mou/status/", {"status": "in_force", "loaded_version": "1"})

    response = client.post(
        "/en/agreements/mou/status/", {"status": "expired", "note": "Ended", "loaded_version": "1"}
    )

    assert response.status_code == 200
    form = response.context["status_form"]
    assert list(form.non_field_errors()) == [
        CONFLICT,
        "Status: theirs “In force”, yours “Expired”.",
    ]
    assert (form["status"].value(), form["note"].value(), form["loaded_version"].value()) == (
        "expired", "Ended", "2",
    )  # fmt: skip
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == ("in_force", 2)


@pytest.mark.django_db
def test_organisation_profile_form_refuses_a_save_against_a_newer_version(client) -> None:
    organisation = OrganisationFactory(slug="polimi", name_en="Polimi", region="Lombardy")
    admin = UserFactory()
    Membership.objects.create(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    client.force_login(admin)
    url = "/en/my/organisations/polimi/edit/"
    organisation_services.organisation_update(
        organisation=organisation,
        user=admin,
        data={"region": "Milan"},
        areas=[],
        version=1,
    )

    response = client.post(
        url,
        {
            "name_en": "Polimi", "kind": organisation.kind, "country": "IT",
            "region": "Lombardia",
            "loaded_version": "1",
        },
    )  # fmt: skip

    assert response.status_code == 200
    assert errors_of(response) == [
        CONFLICT,
        "Region or province: theirs “Milan”, yours “Lombardia”.",
    ]
    assert response.context["form"]["region"].value() == "Lombardia"
    organisation.refresh_from_db()
    assert (organisation.region, organisation.version) == ("Milan", 2)


def admin_post_data(response) -> dict:
    """What the browser would send back from an admin change page, as it was loaded."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for bound in form:
            widget = bound.field.widget.get_context(bound.html_name, bound.value(), {})["widget"]
            for sub in widget.get("subwidgets") or [widget]:
                value = sub["value"]
                if sub.get("type") == "checkbox":
                    if bound.value():
                        data[sub["name"]] = "on"
                    continue
                if value is None:
                    value = ""
                data[sub["name"]] = value
    return data


@pytest.mark.django_db
def test_admin_change_form_of_an_edition_refuses_a_save_against_a_newer_version(client) -> None:
    edition = EditionFactory(title_en="8th Week")
    client.force_login(staff(is_superuser=True))
    url = f"/en/admin/programme/edition/{edition.pk}/change/"
    data = admin_post_data(client.get(url))
    assert data["loaded_version"] == "1"
    # Another member of staff saves the same form first.
    first = client.post(url, {**data, "title_en": "8th China–Italy Week"})
    assert first.status_code == 302

    response = client.post(url, {**data, "title_en": "Eighth Week"})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.non_field_errors()) == [
        CONFLICT,
        "Title [en]: theirs “8th China–Italy Week”, yours “Eighth Week”.",
    ]
    assert (form["title_en"].value(), form["loaded_version"].value()) == ("Eighth Week", "2")
    edition.refresh_from_db()
    assert (edition.title_en, edition.version) == ("8th China–Italy Week", 2)


@pytest.mark.django_db
def test_services_that_change_an_organisation_count_a_version() -> None:
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    organisation_services.organisation_approve(organisation=organisation, by=staff())
    organisation.refresh_from_db()
    assert organisation.version == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_an_agreement_one_is_refused_with_the_others_change() -> None:
    agreement = AgreementFactory(slug="mou")
    people = [staff(), staff()]
    clients = [Client(), Client()]
    for client, person in zip(clients, people, strict=True):
        client.force_login(person)
        # Both load the page, and the form's version, before either saves.
        form = client.get("/en/agreements/mou/").context["status_form"]
        assert form["loaded_version"].value() == 1
    barrier = threading.Barrier(2)
    responses: dict[str, object] = {}

    def save(client: Client, status: str) -> None:
        try:
            barrier.wait()
            responses[status] = client.post(
                "/en/agreements/mou/status/", {"status": status, "loaded_version": "1"}
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(client, status))
        for client, status in zip(clients, ("in_force", "expired"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [200, 302]
    refused = next(s for s, r in responses.items() if r.status_code == 200)
    saved = "expired" if refused == "in_force" else "in_force"
    labels = {"in_force": "In force", "expired": "Expired"}
    form = responses[refused].context["status_form"]
    assert list(form.non_field_errors()) == [
        CONFLICT,
        f"Status: theirs “{labels[saved]}”, yours “{labels[refused]}”.",
    ]
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == (saved, 2)
    assert list(agreement.status_changes.values_list("to_status", flat=True)) == [saved]
