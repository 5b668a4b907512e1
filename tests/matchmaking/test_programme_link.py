"""A B2B session belongs to a programme B2B session: same edition and day, hours inside."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from matchmaking.models import Session
from portal.core import l10n
from programme.models import ProgrammeSession
from tests.factories import EditionFactory


def programme_b2b(edition, *, kind: str = ProgrammeSession.Kind.B2B) -> ProgrammeSession:
    zone = edition.zone
    day = edition.start_date
    return ProgrammeSession.objects.create(
        edition=edition,
        slug=f"b2b-{kind}",
        kind=kind,
        title="B2B meetings",
        start=dt.datetime.combine(day, dt.time(14, 0), zone),
        end=dt.datetime.combine(day, dt.time(18, 0), zone),
    )


def session(edition, item, *, start=dt.time(14, 30), end=dt.time(17, 30), date=None) -> Session:
    return Session(
        edition=edition,
        programme_session=item,
        name="B2B afternoon",
        venue="Bergamo",
        date=date or edition.start_date,
        start=start,
        end=end,
    )


def errors(candidate: Session) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        candidate.clean()
    return error.value.message_dict


def test_a_session_within_its_programme_session_is_valid(world) -> None:
    item = programme_b2b(world.edition)
    session(world.edition, item).clean()


def test_b2b_hours_outside_the_programme_session_are_refused(world) -> None:
    item = programme_b2b(world.edition)
    assert errors(session(world.edition, item, start=dt.time(9, 30))) == {
        "start": ["The B2B hours must lie within the programme session's, 14:00–18:00."]
    }


def test_another_day_than_the_programme_session_is_refused(world) -> None:
    item = programme_b2b(world.edition)
    later = world.edition.start_date + dt.timedelta(days=1)
    assert errors(session(world.edition, item, date=later)) == {
        "date": [f"The programme session is on {l10n.date(world.edition.start_date)}."]
    }


def test_a_programme_session_of_another_edition_or_kind_is_refused(world) -> None:
    other = programme_b2b(EditionFactory(year=2032))
    assert errors(session(world.edition, other)) == {
        "programme_session": ["This programme session belongs to another edition."]
    }
    seminar = programme_b2b(world.edition, kind=ProgrammeSession.Kind.SEMINAR)
    assert errors(session(world.edition, seminar)) == {
        "programme_session": ["Choose a B2B session of the programme."]
    }
