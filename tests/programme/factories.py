"""Factories of the programme app (the core ones live in tests/factories.py)."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from programme.models import (
    Edition,
    ProgrammeSession,
    Registration,
    Speaker,
    StartupApplication,
    Venue,
)
from tests.factories import CityFactory, EditionFactory, OrganisationFactory, UserFactory


class OpenEditionFactory(EditionFactory):
    """An edition a few months ahead whose registration window is open now."""

    year = factory.LazyFunction(lambda: timezone.now().year + 1)
    ordinal = 40
    registration_opens = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    status = Edition.Status.REGISTRATION_OPEN


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    edition = factory.SubFactory(EditionFactory)
    city = factory.SubFactory(CityFactory)
    name_en = factory.Sequence(lambda n: f"Hall {n}")


class ProgrammeSessionFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeSession

    edition = factory.SubFactory(EditionFactory)
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = ProgrammeSession.Kind.CONFERENCE
    title_en = factory.Sequence(lambda n: f"Session {n}")
    city = factory.SubFactory(CityFactory)
    start = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.edition.start_date, dt.time(9, 30), tzinfo=o.edition.zone)
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=1, minutes=30))


class SpeakerFactory(DjangoModelFactory):
    class Meta:
        model = Speaker

    session = factory.SubFactory(ProgrammeSessionFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class StartupApplicationFactory(DjangoModelFactory):
    class Meta:
        model = StartupApplication

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="startup")
    pitch = "We print buildings."
