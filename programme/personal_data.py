"""What the programme holds on a person, for their archive and the erasure of their account
(registered with portal.core.personal_data in ProgrammeConfig.ready)."""

from portal.core import personal_data
from portal.core.services.erasure import erased_address
from programme.checkin.models import CheckIn
from programme.models import Registration, RegistrationInvitation, StartupApplication


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "registrations": [
            {
                "edition": r.edition.title,
                "year": r.edition.year,
                "organisation": r.organisation.name,
                "role": r.role,
                "languages": r.languages,
                "b2b": r.b2b,
                "b2b_days": r.b2b_days,
                "status": r.status,
                "registered": _when(r.created_at),
                "registered_by_me": r.registered_by_id == user.pk,
            }
            for r in Registration.objects.filter(person=user).select_related(
                "edition", "organisation"
            )
        ],
        # Registrations the person made for colleagues: the edition and organisation only,
        # the colleague is someone else.
        "registrations_made": [
            {"edition": r.edition.title, "organisation": r.organisation.name, "status": r.status}
            for r in Registration.objects.filter(registered_by=user)
            .exclude(person=user)
            .select_related("edition", "organisation")
        ],
        "registration_invitations_sent": [
            {"edition": i.edition.title, "organisation": i.organisation.name, "status": i.status}
            for i in RegistrationInvitation.objects.filter(invited_by=user).select_related(
                "edition", "organisation"
            )
        ],
        # When and where the person was checked in at the doors (who scanned them is staff's
        # record, not theirs).
        "check_ins": [
            {
                "edition": c.registration.edition.title,
                "venue": str(c.venue),
                "day": _when(c.day),
                "checked_in_at": _when(c.checked_in_at),
            }
            for c in CheckIn.objects.filter(registration__person=user)
            .select_related("registration__edition", "venue__city")
            .order_by("checked_in_at")
        ],
        "startup_applications": [
            {
                "edition": a.edition.title,
                "organisation": a.organisation.name,
                "status": a.status,
                "submitted": _when(a.created_at),
            }
            for a in StartupApplication.objects.filter(submitted_by=user).select_related(
                "edition", "organisation"
            )
        ],
    }


def erase(user, needles: list[str]) -> None:
    # Registrations stay (the person's meetings hang on them) and carry no name of their own;
    # invitations sent to the person's address lose the address.
    for address in needles[2:]:
        if address:
            for invitation in RegistrationInvitation.objects.filter(email__iexact=address):
                invitation.email = erased_address()
                invitation.save(update_fields=["email"])


def register() -> None:
    personal_data.register(
        personal_data.Holder(
            name="programme",
            covers=(
                "programme.Registration",
                "programme.RegistrationInvitation",
                "programme.StartupApplication",
                "programme.CheckIn",
            ),
            export=export,
            erase=erase,
            order=20,
        )
    )
