"""Every URL of the programme app × who asks → the status they get."""

import pytest
from django.urls import URLPattern, reverse

from programme.urls import urlpatterns

# The invitee has no organisation; A's admin invited them to register (world.invitation).
WHO = ["anonymous", "member_a", "admin_a", "member_b", "staff", "invitee"]
PUBLIC = dict.fromkeys(WHO, 200)
MEMBERS = {
    "anonymous": 302, "member_a": 200, "admin_a": 200, "member_b": 200, "staff": 403,
    "invitee": 403,
}  # fmt: skip
STAFF_GET = {
    "anonymous": 302, "member_a": 403, "admin_a": 403, "member_b": 403, "staff": 200,
    "invitee": 403,
}  # fmt: skip
STAFF_POST = {**STAFF_GET, "staff": 302}
# The attendance export needs a venue and a day; asked for without them, staff get a 400.
STAFF_NEEDS_PLACE = {**STAFF_GET, "staff": 400}
# Only A's admin (and whoever registered the delegate, or sent the invitation) manage A's
# registration or invitation; to anyone else it does not exist. Staff and the invitee have
# no delegation of their own.
MANAGE_GET = {
    "anonymous": 302, "member_a": 404, "admin_a": 200, "member_b": 404, "staff": 403,
    "invitee": 403,
}  # fmt: skip
MANAGE_POST = {**MANAGE_GET, "admin_a": 302}
# Anyone signed in has a list of their invitations (maybe empty).
SIGNED_IN = {**dict.fromkeys(WHO, 200), "anonymous": 302}
# An invitation is the invitee's alone: to anyone else, the inviter included, a 404.
INVITEE_GET = {**dict.fromkeys(WHO, 404), "anonymous": 302, "invitee": 200}
INVITEE_POST = {**INVITEE_GET, "invitee": 302}

# A person's own badge: none of these has a confirmed registration of their own, so a 404 (the
# delegate's own is in tests/programme/test_badge_views.py).
OWN_BADGE = {**dict.fromkeys(WHO, 404), "anonymous": 302}

# name → (method, which object the pk is, expected status per person)
MATRIX = {
    "editions": ("get", None, PUBLIC),
    "edition": ("get", None, PUBLIC),
    "programme": ("get", None, PUBLIC),
    "programme_ics": ("get", None, PUBLIC),
    "session": ("get", "session", PUBLIC),
    "session_ics": ("get", "session", PUBLIC),
    "register": ("get", None, MEMBERS),
    "delegation": ("get", None, MEMBERS),
    "registration_edit": ("get", "registration", MANAGE_GET),
    "registration_withdraw": ("post", "registration", MANAGE_POST),
    "invitation_withdraw": ("post", "invitation", MANAGE_POST),
    "invitations": ("get", None, SIGNED_IN),
    "invitation": ("get", "invitation", INVITEE_GET),
    "invitation_accept": ("post", "invitation", INVITEE_POST),
    "invitation_decline": ("post", "invitation", INVITEE_POST),
    "showcase_apply": ("get", None, MEMBERS),
    "staff_registrations": ("get", None, STAFF_GET),
    "staff_registrations_csv": ("get", None, STAFF_GET),
    "staff_registration_confirm": ("post", "registration", STAFF_POST),
    "staff_registration_cancel": ("post", "registration", STAFF_POST),
    "staff_showcase": ("get", None, STAFF_GET),
    "staff_showcase_shortlist": ("post", "application", STAFF_POST),
    "staff_showcase_decline": ("post", "application", STAFF_POST),
    "staff_edition_copy": ("get", None, STAFF_GET),
    "own_badge": ("get", None, OWN_BADGE),
    "staff_badges": ("get", None, STAFF_GET),
    "staff_badge": ("get", "registration", STAFF_GET),
    "staff_badge_reprint": ("get", "registration", STAFF_GET),
    "checkin": ("get", None, STAFF_GET),
    "checkin_scan": ("post", None, STAFF_POST),
    "checkin_search": ("get", None, STAFF_GET),
    "attendance_csv": ("get", None, STAFF_NEEDS_PLACE),
}
# A badge is printed for a confirmed registration only: these run with the delegate confirmed.
CONFIRMED_FIRST = {"own_badge", "staff_badges", "staff_badge", "staff_badge_reprint"}

CASES = [(name, who) for name in MATRIX for who in WHO]


def _url(world, name: str, target: str | None) -> str:
    if name == "editions":
        return reverse("programme:editions")
    kwargs = {"year": world.edition.year}
    if target:
        kwargs["pk"] = getattr(world, target).pk
    return reverse(f"programme:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("name", "who"), CASES)
def test_rights_matrix(client, world, name: str, who: str) -> None:
    method, target, expected = MATRIX[name]
    if name in CONFIRMED_FIRST:
        world.registration.status = "confirmed"
        world.registration.save(update_fields=["status"])
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = getattr(client, method)(_url(world, name, target))
    assert response.status_code == expected[who]
    if response.status_code == 302 and who == "anonymous":
        assert response["Location"].startswith("/en/accounts/login/")


def test_rights_matrix_covers_every_url() -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", [n for n, (m, _t, _e) in MATRIX.items() if m == "post"])
def test_state_changes_refuse_get(client, world, name: str) -> None:
    staff_only = name.startswith(("staff", "checkin"))
    client.force_login(world.staff if staff_only else world.admin_a)
    assert client.get(_url(world, name, MATRIX[name][1])).status_code == 405


def test_unknown_edition_is_a_404(client, world) -> None:
    client.force_login(world.staff)
    assert client.get("/en/week/1999/").status_code == 404
    assert client.get("/en/week/1999/programme.ics").status_code == 404
    assert client.get(f"/en/week/1999/sessions/{world.session.pk}/").status_code == 404
    assert client.get("/en/week/1999/staff/registrations/").status_code == 404


def test_session_of_another_edition_is_a_404(client, world, settings) -> None:
    from tests.factories import EditionFactory

    other = EditionFactory()
    assert client.get(f"/en/week/{other.year}/sessions/{world.session.pk}/").status_code == 404
