"""Download my data: a person asks for their archive; a task builds it after commit.

The archive is a ZIP, kept a week in the private storage (portal.core.storage), with
`data.json` (machine-readable, every section registered in portal.core.personal_data) and
`index.html` (the same, readable). It never carries another person's e-mail address: any
address in it that is not the person's own is masked.
"""

import datetime as dt
import io
import json
import re
import secrets
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from portal.core import personal_data
from portal.core.models import (
    CooperationProfile,
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

ARCHIVE_DAYS = 7
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value else None


def own_addresses(user: User) -> set[str]:
    # Verified addresses only: anyone can add an unverified address that is not theirs.
    emails = set(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    return {address.lower() for address in emails | {user.email}}


def _to_me(user: User, addresses: set[str]) -> Q:
    # An invitation's address is as the admin typed it: matched whatever its case.
    condition = Q(accepted_by=user)
    for address in addresses:
        condition |= Q(email__iexact=address)
    return condition


def core_export(user: User) -> dict:
    """The core's part of the archive: the account, addresses, memberships, notifications."""
    addresses = own_addresses(user)
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "native_name": user.native_name,
            "language": user.language,
            "country": str(user.country or ""),
            "time_zone": user.time_zone,
            "joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
            "two_factor_required": user.mfa_required,
        },
        "consents": [
            {
                "what": "privacy notice",
                "version": user.privacy_version,
                "accepted_or_read": _when(user.privacy_accepted_at),
            }
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        # The kind and dates only: a secret is never written out.
        "authenticators": [
            {"type": a.type, "created": _when(a.created_at), "last_used": _when(a.last_used_at)}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "job_title": m.job_title,
                "shown_publicly": m.shown_publicly,
                "joined": _when(m.created_at),
            }
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "join_requests": [
            {
                "organisation": r.organisation.name,
                "message": r.message,
                "status": r.status,
                "sent": _when(r.created_at),
                "decided": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(user=user).select_related("organisation")
        ],
        # Decisions the person took as an admin: on whom is the other person's, left out.
        "join_requests_decided": [
            {
                "organisation": r.organisation.name,
                "status": r.status,
                "decided": _when(r.decided_at),
            }
            for r in JoinRequest.objects.filter(decided_by=user).select_related("organisation")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "role": i.role,
                "status": i.status,
                "sent": _when(i.created_at),
                "accepted": _when(i.accepted_at),
            }
            for i in Invitation.objects.filter(_to_me(user, addresses)).select_related(
                "organisation"
            )
        ],
        # The invited address is someone else's: only the organisation, role and dates.
        "invitations_sent": [
            {
                "organisation": i.organisation.name,
                "role": i.role,
                "status": i.status,
                "sent": _when(i.created_at),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "organisations_reviewed": [
            {"organisation": o.name, "status": o.status, "reviewed": _when(o.reviewed_at)}
            for o in Organisation.objects.filter(reviewed_by=user)
        ],
        "cooperation_profiles": [
            {
                "organisation": p.organisation.name,
                "title": p.title,
                "created_by_me": p.created_by_id == user.pk,
                "reviewed_by_me": p.reviewed_by_id == user.pk,
            }
            for p in (
                CooperationProfile.objects.filter(created_by=user)
                | CooperationProfile.objects.filter(reviewed_by=user)
            ).select_related("organisation")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "subject": n.subject,
                "text": n.body_text,
                "created": _when(n.created_at),
                "sent": _when(n.sent_at),
                "read": _when(n.read_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
        ],
        "notification_preferences": [
            {"kind": p.kind, "delivery": p.delivery}
            for p in NotificationPreference.objects.filter(user=user)
        ],
        "personal_data_requests": [
            {"kind": r.kind, "requested": _when(r.requested_at), "completed": _when(r.completed_at)}
            for r in DataRequest.objects.filter(user=user)
        ],
    }


def _mask_others(value, mine: set[str]):
    """Mask every e-mail address that is not the person's own, however deep it sits."""
    if isinstance(value, dict):
        return {key: _mask_others(item, mine) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask_others(item, mine) for item in value]
    if isinstance(value, str):
        return ADDRESS.sub(
            lambda m: m.group(0) if m.group(0).lower() in mine else "[address withheld]", value
        )
    return value


def archive_data(user: User) -> dict:
    data = {"generated": _when(timezone.now())}
    for holder in personal_data.holders():
        data[holder.name] = holder.export(user)
    return _mask_others(data, own_addresses(user))


def _html(value) -> SafeString:
    """The archive's data as nested lists, every value escaped."""
    if isinstance(value, dict):
        items = format_html_join(
            "", "<dt>{}</dt><dd>{}</dd>", ((key, _html(item)) for key, item in value.items())
        )
        return format_html("<dl>{}</dl>", items)
    if isinstance(value, list):
        if not value:
            return format_html("{}", "—")
        return format_html(
            "<ol>{}</ol>", format_html_join("", "<li>{}</li>", ((_html(i),) for i in value))
        )
    return format_html("{}", "—" if value is None or value == "" else value)


def archive_bytes(user: User) -> bytes:
    data = archive_data(user)
    sections = [(name, _html(section)) for name, section in data.items() if name != "generated"]
    with translation.override(user.language or None):
        html = render_to_string(
            "portal/personal_data_archive.html", {"data": data, "sections": sections}
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("index.html", html)
    return buffer.getvalue()


def export_request(*, user: User) -> DataRequest:
    """Ask for an archive; while one is being prepared, asking again returns the same request.

    Side effects: a DataRequest row; after commit, the task that builds the archive.
    """
    from portal.core.tasks import build_personal_data_archive

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        pending = DataRequest.objects.filter(
            user=user, kind=DataRequest.Kind.EXPORT, completed_at__isnull=True
        ).first()
        if pending is not None:
            return pending
        try:
            with transaction.atomic():
                request = DataRequest.objects.create(
                    user=user, kind=DataRequest.Kind.EXPORT, subject=subject_reference(user.pk)
                )
        except IntegrityError:
            # Another request won the race (the database keeps one pending export).
            return DataRequest.objects.get(
                user=user, kind=DataRequest.Kind.EXPORT, completed_at__isnull=True
            )
        transaction.on_commit(lambda: build_personal_data_archive.delay(request_id=request.pk))
    return request


def export_build(*, request_id: int) -> DataRequest | None:
    """Build the archive of a pending request; a request already built, or gone, is left as is
    (the task may run twice). Side effects: a file in the default storage."""
    with transaction.atomic():
        request = (
            DataRequest.objects.select_for_update(of=("self",))
            .filter(pk=request_id, kind=DataRequest.Kind.EXPORT, completed_at__isnull=True)
            .select_related("user")
            .first()
        )
        if request is None or request.user is None or request.user.erased_at:
            return None
        content = archive_bytes(request.user)
        request.archive.save(f"{secrets.token_urlsafe(24)}.zip", ContentFile(content), save=False)
        request.completed_at = timezone.now()
        request.expires_at = request.completed_at + dt.timedelta(days=ARCHIVE_DAYS)
        request.save(update_fields=["archive", "completed_at", "expires_at"])
    return request


def archive_for(*, user: User, request_id: int) -> DataRequest | None:
    """The person's own archive, still downloadable; None for anyone else or after expiry."""
    return (
        DataRequest.objects.filter(
            pk=request_id,
            user=user,
            kind=DataRequest.Kind.EXPORT,
            expires_at__gt=timezone.now(),
        )
        .exclude(archive="")
        .first()
    )


def latest_archive(user: User) -> DataRequest | None:
    """What My account shows: the newest export request of the person (pending or ready)."""
    return DataRequest.objects.filter(user=user, kind=DataRequest.Kind.EXPORT).first()
