"""The rights matrix: every URL of the app × {anonymous, member A, admin A, member B, staff},
and Anna (member A) again once she has lost her registration or her account."""

import pytest
from django.urls import reverse

from matchmaking.models import MeetingRequest
from matchmaking.urls import urlpatterns
from programme.models import Registration
from tests.matchmaking.factories import accepted, participant
from tests.matchmaking.test_meetings import place

SIGNED_IN = ["member_a", "admin_a", "member_b", "staff"]
# cancelled_a: Anna after her organisation cancelled her registration, refused like anyone who
# does not take part; deactivated_a: Anna after staff deactivated her account, signed out.
ROLES = ["anonymous", *SIGNED_IN, "cancelled_a", "deactivated_a"]
# Anna (member of A) and Li (member of B) are participants; admin A is not; staff neither.
# `meeting` is Anna and Li's meeting; `other_meeting` is between two other organisations.
MATRIX = {
    # name: (method, kwargs key, {role: status})
    "feed": ("get", "feed", dict.fromkeys(["anonymous", *SIGNED_IN], 200)
             | {"cancelled_a": 404, "deactivated_a": 404}),
    "requests": ("get", "year", {"anonymous": 302} | dict.fromkeys(SIGNED_IN, 200)
                 | {"cancelled_a": 200, "deactivated_a": 302}),
    "join": ("post", "year", {"anonymous": 302, "member_a": 302, "admin_a": 404,
                              "member_b": 302, "staff": 404, "cancelled_a": 404,
                              "deactivated_a": 302}),
    "availability": ("get", "year", {"anonymous": 302, "member_a": 200, "admin_a": 403,
                                     "member_b": 200, "staff": 403, "cancelled_a": 403,
                                     "deactivated_a": 302}),
    "catalogue": ("get", "year", {"anonymous": 302} | dict.fromkeys(SIGNED_IN, 200)
                  | {"cancelled_a": 403, "deactivated_a": 302}),
    "participant": ("get", "li", {"anonymous": 302} | dict.fromkeys(SIGNED_IN, 200)
                    | {"cancelled_a": 403, "deactivated_a": 302}),
    "request": ("post", "li", {"anonymous": 302, "member_a": 302, "admin_a": 403,
                               "member_b": 302, "staff": 403, "cancelled_a": 403,
                               "deactivated_a": 302}),
    "answer": ("post", "accept", {"anonymous": 302, "member_a": 404, "admin_a": 404,
                                  "member_b": 302, "staff": 302, "cancelled_a": 404,
                                  "deactivated_a": 302}),
    "agenda": ("get", "year", {"anonymous": 302, "member_a": 200, "admin_a": 403,
                               "member_b": 200, "staff": 403, "cancelled_a": 403,
                               "deactivated_a": 302}),
    "feed_reset": ("post", "year", {"anonymous": 302, "member_a": 302, "admin_a": 403,
                                    "member_b": 302, "staff": 403, "cancelled_a": 403,
                                    "deactivated_a": 302}),
    "delegation": ("get", "org_a", {"anonymous": 302, "member_a": 403, "admin_a": 200,
                                    "member_b": 403, "staff": 200, "cancelled_a": 403,
                                    "deactivated_a": 302}),
    "meeting": ("get", "meeting", {"anonymous": 302} | dict.fromkeys(SIGNED_IN, 200)
                | {"cancelled_a": 404, "deactivated_a": 302}),
    "feedback": ("post", "meeting", {"anonymous": 302, "member_a": 302, "admin_a": 404,
                                     "member_b": 302, "staff": 404, "cancelled_a": 404,
                                     "deactivated_a": 302}),
    "staff": ("get", "year", {}),
    "run_start": ("post", "year", {"staff": 302}),
    "run": ("get", "run", {}),
    "run_confirm": ("post", "run", {"staff": 302}),
    "staff_requests": ("get", "year", {}),
    "on_behalf": ("post", "year", {"staff": 302}),
    "grid": ("get", "session", {}),
    "grid_csv": ("get", "session", {}),
    "grid_print": ("get", "session", {}),
    "move": ("post", "meeting", {"staff": 302}),
    "swap": ("post", "meeting", {"staff": 302}),
    "cancel": ("post", "meeting", {"staff": 302}),
    "lock": ("post", "meeting", {"staff": 302}),
    "feedback_overview": ("get", "year", {}),
}  # fmt: skip
STAFF_ONLY = {"anonymous": 302, "member_a": 403, "admin_a": 403, "member_b": 403, "staff": 200,
              "cancelled_a": 403, "deactivated_a": 302}  # fmt: skip
# Another organisation's meeting is a 404 for everyone but its sides' people and staff.
OTHER_MEETING = {"anonymous": 302, "member_a": 404, "admin_a": 404, "member_b": 404, "staff": 200,
                 "cancelled_a": 404, "deactivated_a": 302}  # fmt: skip


def expected(name: str, role: str) -> int:
    _method, _key, statuses = MATRIX[name]
    if name in {"staff", "run_start", "run", "run_confirm", "staff_requests", "on_behalf", "grid",
                "grid_csv", "grid_print", "move", "swap", "cancel", "lock",
                "feedback_overview"}:  # fmt: skip
        return statuses.get(role, STAFF_ONLY[role])
    return statuses[role]


def kwargs_for(key: str, world, objects) -> dict:
    year = world.edition.year
    return {
        "feed": {"token": world.anna.feed_token},
        "year": {"year": year},
        "li": {"year": year, "pk": world.li.pk},
        "accept": {"year": year, "pk": objects["pending"].pk, "action": "accept"},
        "org_a": {"year": year, "slug": world.org_a.slug},
        "meeting": {"year": year, "pk": objects["meeting"].pk},
        "other_meeting": {"year": year, "pk": objects["other_meeting"].pk},
        "run": {"year": year, "pk": objects["run"].pk},
        "session": {"year": year, "pk": world.session.pk},
    }[key]


@pytest.fixture
def objects(world) -> dict:
    from matchmaking.models import SchedulingRun

    meeting = place(accepted(world.anna, world.li), world.slots[0], world.tables[0])
    # `answer` is Li's to accept: make Li the recipient of a pending request.
    fourth = participant(world.edition)
    pending = MeetingRequest.objects.create(
        edition=world.edition,
        requester=fourth,
        recipient=world.li,
        low=min(fourth, world.li, key=lambda p: p.pk),
        high=max(fourth, world.li, key=lambda p: p.pk),
    )
    other = place(
        accepted(participant(world.edition), participant(world.edition, country="CN")),
        world.slots[1],
        world.tables[0],
    )
    run = SchedulingRun.objects.create(edition=world.edition, started_by=world.staff)
    return {"meeting": meeting, "pending": pending, "other_meeting": other, "run": run}


def login(client, role: str, world) -> None:
    anna = world.anna.registration.person
    user = {
        "anonymous": None,
        "member_a": anna,
        "admin_a": world.admin_a,
        "member_b": world.li.registration.person,
        "staff": world.staff,
        "cancelled_a": anna,
        "deactivated_a": anna,
    }[role]
    if user is not None:
        client.force_login(user)
    # Lost after signing in: the session she holds must not keep her access.
    if role == "cancelled_a":
        Registration.objects.filter(pk=world.anna.registration_id).update(
            status=Registration.Status.CANCELLED
        )
    if role == "deactivated_a":
        type(anna).objects.filter(pk=anna.pk).update(is_active=False)


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_rights_matrix(client, world, objects, name: str, role: str) -> None:
    method, key, _statuses = MATRIX[name]
    login(client, role, world)
    url = reverse(f"matchmaking:{name}", kwargs=kwargs_for(key, world, objects))
    response = getattr(client, method)(url)
    assert response.status_code == expected(name, role)


@pytest.mark.parametrize("role", ROLES)
def test_rights_another_organisations_meeting_is_hidden(client, world, objects, role) -> None:
    login(client, role, world)
    url = reverse("matchmaking:meeting", kwargs=kwargs_for("other_meeting", world, objects))
    assert client.get(url).status_code == OTHER_MEETING[role]


def test_rights_matrix_covers_every_url() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert names == set(MATRIX)


def test_feed_with_a_wrong_token_is_404(client, world) -> None:
    response = client.get(reverse("matchmaking:feed", kwargs={"token": "not-a-token"}))
    assert response.status_code == 404


def test_catalogue_is_closed_to_people_outside_the_edition(client, world) -> None:
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    year = world.edition.year
    assert client.get(reverse("matchmaking:catalogue", kwargs={"year": year})).status_code == 403
    url = reverse("matchmaking:participant", kwargs={"year": year, "pk": world.li.pk})
    assert client.get(url).status_code == 403


LOST = {
    "cancelled": {"status": Registration.Status.CANCELLED},
    "pending again": {"status": Registration.Status.PENDING},
    "opted out of B2B": {"b2b": False},
}


@pytest.mark.parametrize("change", LOST)
def test_feed_stops_when_the_registration_is_no_longer_live(client, world, change) -> None:
    url = reverse("matchmaking:feed", kwargs={"token": world.anna.feed_token})
    assert client.get(url).status_code == 200
    Registration.objects.filter(pk=world.anna.registration_id).update(**LOST[change])
    assert client.get(url).status_code == 404


def test_feed_stops_when_the_account_is_deactivated(client, world) -> None:
    url = reverse("matchmaking:feed", kwargs={"token": world.anna.feed_token})
    anna = world.anna.registration.person
    anna.is_active = False
    anna.save()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("lost", ["cancelled", "deactivated"])
def test_a_lost_participant_leaves_the_catalogue_of_others(client, world, lost) -> None:
    anna = world.anna.registration.person
    if lost == "cancelled":
        Registration.objects.filter(pk=world.anna.registration_id).update(
            status=Registration.Status.CANCELLED
        )
    else:
        type(anna).objects.filter(pk=anna.pk).update(is_active=False)
    client.force_login(world.li.registration.person)
    year = world.edition.year
    catalogue = client.get(reverse("matchmaking:catalogue", kwargs={"year": year}))
    assert [p.pk for p in catalogue.context["page"].object_list] == []
    page = reverse("matchmaking:participant", kwargs={"year": year, "pk": world.anna.pk})
    assert client.get(page).status_code == 404
    ask = reverse("matchmaking:request", kwargs={"year": year, "pk": world.anna.pk})
    assert client.post(ask).status_code == 404
    assert MeetingRequest.objects.count() == 0


def test_a_cancelled_delegate_who_administers_her_organisation_cannot_browse(client, world) -> None:
    from portal.core.models import Membership

    anna = world.anna.registration.person
    Membership.objects.filter(user=anna).update(role=Membership.Role.ADMIN)
    Registration.objects.filter(pk=world.anna.registration_id).update(
        status=Registration.Status.CANCELLED
    )
    client.force_login(anna)
    url = reverse("matchmaking:catalogue", kwargs={"year": world.edition.year})
    assert client.get(url).status_code == 403


def test_a_request_from_someone_who_lost_the_registration_cannot_be_accepted(client, world) -> None:
    from matchmaking import services

    request = services.request_create(requester=world.anna, recipient=world.li)
    Registration.objects.filter(pk=world.anna.registration_id).update(
        status=Registration.Status.CANCELLED
    )
    client.force_login(world.li.registration.person)
    url = reverse(
        "matchmaking:answer",
        kwargs={"year": world.edition.year, "pk": request.pk, "action": "accept"},
    )
    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This person does not take part in B2B meetings."
    ]
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
