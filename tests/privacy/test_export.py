"""Download my data: one archive per pending request, the person's data and nobody else's
address, a link that only its owner can open and only until it expires."""

import datetime as dt
import io
import json
import uuid
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from matchmaking.models import Seat
from portal.core import personal_data
from portal.core.models import DataRequest
from portal.core.services import export
from programme.checkin.services import check_in
from tests.matchmaking.factories import accepted
from tests.matchmaking.test_meetings import place
from tests.programme.factories import VenueFactory


def test_every_model_tied_to_a_person_is_exported_or_excluded_with_a_reason(db) -> None:
    user_model = get_user_model()
    tied = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    }
    covered, excluded = personal_data.covered(), set(personal_data.EXCLUDED)
    assert tied - covered - excluded == set(), "add the model to a holder, or exclude it"
    assert covered & excluded == set()
    assert all(personal_data.EXCLUDED[label].strip() for label in excluded)


def _archive(response) -> dict:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["data.json", "index.html"]
        data = json.loads(archive.read("data.json"))
        data["_html"] = archive.read("index.html").decode()
    return data


def test_the_archive_holds_the_meetings_and_no_one_elses_address(
    client, world, django_capture_on_commit_callbacks
) -> None:
    place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    Seat.objects.filter(participant=world.anna).update(rating=4, comment="Useful")
    anna, li = world.anna.registration.person, world.li.registration.person
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/my/account/archive/").status_code == 302
    request = DataRequest.objects.get(user=anna, kind="export")
    assert request.completed_at is not None
    assert request.expires_at == request.completed_at + dt.timedelta(days=7)
    page = client.get("/en/my/account/").content.decode()
    assert f'href="/en/my/account/archive/{request.pk}/"' in page
    data = _archive(client.get(f"/en/my/account/archive/{request.pk}/"))
    assert data["account"]["account"]["email"] == anna.email
    [b2b] = data["b2b"]
    [meeting] = b2b["meetings"]
    assert meeting["with"] == {"name": "Li Wei", "organisation": "Shenzhen Robotics"}
    assert (meeting["my_feedback"]["rating"], meeting["my_feedback"]["comment"]) == (4, "Useful")
    assert [r["organisation"] for r in data["programme"]["registrations"]] == [
        "Politecnico di Bergamo"
    ]
    everything = json.dumps(data, ensure_ascii=False)
    assert li.email not in everything
    assert world.admin_a.email not in everything
    assert "Li Wei" in data["_html"]


def test_asking_twice_while_pending_makes_one_archive(
    client, world, django_capture_on_commit_callbacks
) -> None:
    anna = world.anna.registration.person
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/en/my/account/archive/")
        client.post("/en/my/account/archive/")
    assert DataRequest.objects.filter(user=anna).count() == 1
    assert len(callbacks) == 1
    # The task run twice (a retry) builds the archive once.
    request = DataRequest.objects.get(user=anna)
    first = export.export_build(request_id=request.pk)
    second = export.export_build(request_id=request.pk)
    assert first is not None and second is None
    request.refresh_from_db()
    assert request.archive.name == first.archive.name


def test_the_link_is_a_404_for_someone_else_and_after_it_expired(client, world) -> None:
    anna = world.anna.registration.person
    request = export.export_request(user=anna)
    export.export_build(request_id=request.pk)
    url = f"/en/my/account/archive/{request.pk}/"
    client.force_login(world.li.registration.person)
    assert client.get(url).status_code == 404
    client.force_login(world.staff)
    assert client.get(url).status_code == 404
    client.force_login(anna)
    assert client.get(url).status_code == 200
    DataRequest.objects.filter(pk=request.pk).update(expires_at=timezone.now())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "language,label", [("it", "Prepara il mio archivio"), ("zh-hans", "准备我的数据包")]
)
def test_my_account_offers_the_archive_in_the_persons_language(
    client, world, language: str, label: str
) -> None:
    client.force_login(world.anna.registration.person)
    assert label in client.get(f"/{language}/my/account/").content.decode()


def test_the_archive_is_kept_outside_the_public_media_folder(client, world, settings) -> None:
    request = export.export_request(user=world.anna.registration.person)
    request = export.export_build(request_id=request.pk)
    assert request.archive.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert request.archive.url == ""
    assert client.get(f"/media/{request.archive.name}").status_code == 404


def test_an_invitation_to_the_persons_address_is_in_the_archive_whatever_its_case(world) -> None:
    from tests.core.factories import InvitationFactory

    anna = world.anna.registration.person
    InvitationFactory(email=anna.email.upper(), organisation=world.org_b)
    data = export.archive_data(anna)
    assert [i["organisation"] for i in data["account"]["invitations_received"]] == [
        "Shenzhen Robotics"
    ]


def test_the_archive_holds_the_persons_check_ins_without_who_scanned_them(world) -> None:
    registration = world.anna.registration
    edition = registration.edition
    venue = VenueFactory(edition=edition, name_en="Fiera")
    check_in(
        registration=registration,
        venue=venue,
        day=edition.days[0],
        by=world.staff,
        client_id=uuid.uuid4(),
    )
    data = export.archive_data(registration.person)
    [row] = data["programme"]["check_ins"]
    assert (row["venue"], row["day"]) == (str(venue), edition.days[0].isoformat())
    assert world.staff.email not in json.dumps(data, ensure_ascii=False)
