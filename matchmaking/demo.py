"""The B2B sample of the demonstration edition (programme.demo): invented delegates and meetings.

The delegates are invented (e-mails at example.org, unusable passwords, members of the seeds'
organisations, never shown on their public pages) so the catalogue, the grid and the agendas
can be tried after `make run`. They belong to the demonstration edition only, never to a real
one. Its B2B sessions follow the B2B sessions of the demonstration programme (day, city and
hours). Generated from a fixed seed and keyed by natural keys, so loading twice changes
nothing; the schedule is made by the real scheduler once, and left alone afterwards.
"""

import datetime as dt
import random

from allauth.account.models import EmailAddress

from matchmaking import services
from matchmaking.models import (
    EditionB2B,
    MeetingRequest,
    Participant,
    SchedulingRun,
    Session,
    Table,
    Unavailability,
)
from portal.core.content import ORGANISATIONS, tr
from portal.core.models import Membership, Organisation, User
from programme import demo as demo_programme
from programme.models import Edition, ProgrammeSession, Registration

SEED = 2016

IT_FIRST = [
    "Giulia",
    "Marco",
    "Francesca",
    "Luca",
    "Chiara",
    "Alessandro",
    "Sara",
    "Davide",
    "Elena",
    "Matteo",
    "Valentina",
    "Stefano",
    "Martina",
    "Paolo",
    "Federica",
    "Andrea",
]
IT_LAST = [
    "Rossi",
    "Bianchi",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "Esposito",
    "Romano",
    "Fontana",
    "Moretti",
    "Barbieri",
    "Lombardi",
    "Ferrari",
]
CN_FAMILY = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
]
CN_GIVEN = ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Hao", "Xin", "Jun", "Ling", "Tao", "Qiang"]
TABLES = 24


def _organisations() -> list[Organisation]:
    # The seeds' own organisations: invented companies would crowd the public directory.
    slugs = [row["slug"] for row in ORGANISATIONS]
    return list(Organisation.objects.filter(slug__in=slugs).order_by("slug"))


def _people(edition: Edition, organisations: list[Organisation], rng: random.Random) -> list:
    participants = []
    for org in organisations:
        italian = org.country == "IT"
        for i in range(6 + rng.randrange(5)):
            if italian:
                full_name = f"{rng.choice(IT_FIRST)} {rng.choice(IT_LAST)}"
                languages = rng.choice(["it, en", "it, en", "it"])
            else:
                full_name = f"{rng.choice(CN_FAMILY)} {rng.choice(CN_GIVEN)}"
                languages = rng.choice(["zh, en", "zh, en", "zh"])
            email = f"b2b.{org.slug}.{i + 1}@example.org"
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email)
                user.set_unusable_password()
            user.full_name = full_name
            user.country = org.country
            user.language = "it" if italian else "zh-hans"
            user.save()
            # Verified, so that after `manage.py changepassword <address>` one can sign in
            # as a delegate and try the B2B pages (README); the addresses are example.org.
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            # Members only, not shown publicly: invented people never speak for a real body.
            Membership.objects.get_or_create(user=user, organisation=org)
            registration, _created = Registration.objects.update_or_create(
                edition=edition,
                person=user,
                defaults={
                    "organisation": org,
                    "languages": languages,
                    "b2b": True,
                    "status": Registration.Status.CONFIRMED,
                },
            )
            participant, _created = Participant.objects.get_or_create(
                registration=registration, defaults={"edition": edition}
            )
            participants.append(participant)
    return participants


def _sessions(edition: Edition) -> list[Session]:
    """One B2B session per B2B session of the programme, on its day, in its city, at its hours."""
    zone = edition.zone
    sessions = []
    programme_sessions = ProgrammeSession.objects.filter(
        edition=edition, kind=ProgrammeSession.Kind.B2B
    ).select_related("city")
    for item in programme_sessions.order_by("start"):
        start = item.start.astimezone(zone)
        end = item.end.astimezone(zone)
        city = item.city
        session, created = Session.objects.update_or_create(
            edition=edition,
            date=start.date(),
            defaults={
                "programme_session": item,
                "start": start.time(),
                "end": end.time(),
                "slot_minutes": 20,
                **tr("name", item.title_en, item.title_it, item.title_zh_hans),
                **tr("venue", city.name_en, city.name_it, city.name_zh_hans),
            },
        )
        services.session_set_tables(session=session, count=TABLES)
        if created or not session.slots.exists():
            services.session_build_slots(session=session)
        sessions.append(session)
    return sessions


def _requests(edition: Edition, participants: list[Participant], rng: random.Random) -> None:
    italians = [p for p in participants if p.registration.organisation.country == "IT"]
    chinese = [p for p in participants if p.registration.organisation.country == "CN"]
    areas = {
        org.pk: {a.pk for a in org.areas.all()}
        for org in Organisation.objects.filter(
            pk__in={p.registration.organisation_id for p in participants}
        ).prefetch_related("areas")
    }
    statuses = [MeetingRequest.Status.ACCEPTED] * 8 + [
        MeetingRequest.Status.PENDING,
        MeetingRequest.Status.DECLINED,
    ]
    for me in italians + chinese:
        others = chinese if me in italians else italians
        mine = areas[me.registration.organisation_id]
        fits = [o for o in others if areas[o.registration.organisation_id] & mine] or others
        for other in rng.sample(fits, min(len(fits), 1 + rng.randrange(3))):
            low, high = sorted((me, other), key=lambda p: p.pk)
            MeetingRequest.objects.get_or_create(
                edition=edition,
                low=low,
                high=high,
                defaults={
                    "requester": me,
                    "recipient": other,
                    "status": rng.choice(statuses),
                    "message": "We would like to discuss a joint project.",
                },
            )


def load() -> None:
    edition = demo_programme.load()
    rng = random.Random(SEED)
    deadline = dt.datetime.combine(
        demo_programme.FIRST_DAY - dt.timedelta(days=5), dt.time(18), edition.zone
    )
    EditionB2B.objects.update_or_create(edition=edition, defaults={"request_deadline": deadline})
    sessions = _sessions(edition)
    participants = _people(edition, _organisations(), rng)
    # Exhibitors' booths: the first three tables of the first day are reserved.
    for number, participant in zip((1, 2, 3), participants[::40], strict=False):
        Table.objects.filter(session=sessions[0], number=number).update(reserved_for=participant)
    if not Unavailability.objects.filter(participant__edition=edition).exists():
        slots = list(sessions[0].slots.all())
        for participant in participants[::9]:
            services.participant_set_unavailable(participant=participant, slots=slots[:3])
    _requests(edition, participants, rng)
    if not SchedulingRun.objects.filter(edition=edition, status=SchedulingRun.Status.DONE).exists():
        run = SchedulingRun.objects.create(edition=edition)
        # A short solve keeps `make run` quick; a few hundred meetings need little search.
        services.run_execute(run_id=run.pk, time_limit=2.0)
