"""Delete my account: the person's data is erased or emptied in one transaction.

The user row stays, emptied (no name, no address, no password, inactive, `erased_at` set):
meetings in other people's agendas, agreements and registrations point to it, and they show
"a former participant". What is only the person's goes: addresses, authenticators,
memberships, join requests, notifications, preferences, sessions. Each app empties its own
rows through the holders in portal.core.personal_data, after taking the row locks its own
writers take (a scheduling run's edition lock), so a run and an erasure take turns.
"""

import uuid
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core import personal_data
from portal.core.models import (
    DataRequest,
    Invitation,
    JoinRequest,
    Membership,
    Notification,
    NotificationPreference,
    Organisation,
    User,
)
from portal.core.models.personal_data import subject_reference
from portal.core.services.common import Refused

# Addresses of erased accounts: the reserved .invalid domain never receives mail, and a
# random part keeps the unique constraint satisfied while the real address is free again.
ERASED_DOMAIN = "erased.invalid"


def erased_address() -> str:
    return f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"


def _needles(user: User) -> list[str]:
    # Verified addresses only: anyone can add an unverified address that is not theirs.
    emails = set(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    return [user.full_name, user.native_name, user.email, *emails]


def _counterparts(user: User) -> set[int]:
    """The people whose notifications may name the person: their colleagues and whoever the
    apps say they dealt with. Never everyone: the name is the person's to choose, and a name
    like someone else's must not rewrite the whole site's messages."""
    organisations = Membership.objects.filter(user=user).values("organisation")
    people = set(
        Membership.objects.filter(organisation__in=organisations).values_list("user", flat=True)
    )
    for holder in personal_data.holders():
        if holder.counterparts is not None:
            people |= holder.counterparts(user)
    people.discard(user.pk)
    return people


def _hand_over_organisations(user: User, now) -> None:
    """An organisation whose last admin leaves is looked after by staff, never left orphaned
    without anyone knowing."""
    administered = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values_list(
        "organisation_id", flat=True
    )
    # Locked in id order, the order every membership change takes them in.
    for organisation in (
        Organisation.objects.select_for_update().filter(pk__in=list(administered)).order_by("pk")
    ):
        others = (
            Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
            .exclude(user=user)
            .exists()
        )
        if not others:
            Organisation.objects.filter(pk=organisation.pk).update(handed_to_staff_at=now)


def _delete_sessions(user: User) -> None:
    # Sessions are signed blobs in the database: the user id is only found by decoding them.
    # Clearing the password below already invalidates them (Django checks its hash on every
    # request); deleting them frees the rows too.
    live = Session.objects.filter(expire_date__gt=timezone.now())
    doomed = [
        s.session_key
        for s in live.iterator()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    # Through the session store: with cached sessions it deletes the cached copy too.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in doomed:
        store(session_key=key).delete()


def _delete_files(names: list[str]) -> None:
    storage = DataRequest._meta.get_field("archive").storage
    for name in names:
        storage.delete(name)


def account_erase(*, user: User, by_staff: bool = False) -> DataRequest:
    """Erase the person's account (see the module's docstring). Refuses an account already
    erased. Side effects: rows deleted and emptied in every app, the person signed out
    everywhere, a completed DataRequest of kind erasure."""
    with transaction.atomic():
        # The apps' locks first (a scheduling run takes its edition's lock before its rows),
        # then the person's row: the same order as every writer, so nobody deadlocks.
        for holder in personal_data.holders():
            if holder.lock is not None:
                holder.lock(user)
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.erased_at is not None:
            raise Refused(_("This account was already erased."))
        now = timezone.now()
        needles = _needles(user)
        addresses = [n for n in needles[2:] if n]
        request = DataRequest.objects.create(
            kind=DataRequest.Kind.ERASURE,
            user=user,
            subject=subject_reference(user.pk),
            by_staff=by_staff,
        )
        counterparts = _counterparts(user)
        _hand_over_organisations(user, now)
        Membership.objects.filter(user=user).delete()
        JoinRequest.objects.filter(user=user).delete()
        for address in addresses:
            Invitation.objects.filter(
                email__iexact=address, status=Invitation.Status.PENDING
            ).delete()
            Invitation.objects.filter(email__iexact=address).update(email=erased_address())
            Organisation.objects.filter(email__iexact=address).update(email="")
        Notification.objects.filter(recipient=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        # Other people's notifications may name the person ("Wang Wei asked for a meeting").
        personal_data.scrub(
            Notification.objects.filter(recipient__in=counterparts),
            ["subject", "body_text", "body_html", "ics"],
            needles,
        )
        for holder in personal_data.holders():
            if holder.erase is not None:
                holder.erase(user, needles)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        _delete_sessions(user)
        # The admin's history keeps its entries on this account, without the name it showed.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).update(object_repr=personal_data.former_participant())
        user.email = erased_address()
        user.full_name = ""
        user.native_name = ""
        user.country = ""
        user.time_zone = ""
        user.privacy_version = ""
        user.privacy_accepted_at = None
        user.mfa_required = False
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.erased_at = now
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        request.completed_at = now
        request.save(update_fields=["completed_at"])
        # An archive still on offer holds the person's data: it goes with the account (the
        # file after commit, so a rolled-back erasure leaves it). A pending one is never built.
        exports = DataRequest.objects.filter(user=user, kind=DataRequest.Kind.EXPORT)
        # Locked first: an archive being built waits for the erasure, or is read once written.
        files = [a for a in exports.select_for_update().values_list("archive", flat=True) if a]
        exports.filter(completed_at__isnull=True).update(completed_at=now)
        exports.update(archive="", expires_at=None)
        transaction.on_commit(lambda: _delete_files(files))
    return request
