"""Factories for B2B matchmaking: an edition with a session, tables, slots and participants."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from matchmaking.models import (
    EditionB2B,
    Meeting,
    MeetingRequest,
    Participant,
    Seat,
    Session,
    Table,
)
from matchmaking.services import session_build_slots
from programme.models import Registration
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.programme.factories import RegistrationFactory


class ParticipantFactory(DjangoModelFactory):
    """A B2B participant: a confirmed registration that takes part in B2B meetings."""

    class Meta:
        model = Participant

    registration = factory.SubFactory(
        RegistrationFactory, b2b=True, status=Registration.Status.CONFIRMED, languages="en"
    )
    edition = factory.LazyAttribute(lambda o: o.registration.edition)


class SessionFactory(DjangoModelFactory):
    """A morning session: 09:00–11:00 in 30-minute slots; pass tables=N to add tables."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    name_en = "B2B morning"
    venue_en = "Fiera di Bergamo"
    date = factory.LazyAttribute(lambda o: o.edition.start_date)
    start = dt.time(9, 0)
    end = dt.time(11, 0)
    slot_minutes = 30

    @factory.post_generation
    def tables(self, create: bool, extracted: int | None, **kwargs) -> None:
        if create:
            for n in range(1, (extracted if extracted is not None else 2) + 1):
                Table.objects.create(session=self, number=n)
            session_build_slots(session=self)


class EditionB2BFactory(DjangoModelFactory):
    class Meta:
        model = EditionB2B
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(EditionFactory)


def participant(edition, *, country: str = "IT", organisation=None, **person) -> Participant:
    """A confirmed B2B participant of `edition`, in an organisation of its own by default."""
    organisation = organisation or OrganisationFactory(country=country)
    registration = RegistrationFactory(
        edition=edition,
        organisation=organisation,
        person=UserFactory(country=country, **person),
        b2b=True,
        status=Registration.Status.CONFIRMED,
        languages="en",
    )
    return ParticipantFactory(registration=registration, edition=edition)


def accepted(requester: Participant, recipient: Participant) -> MeetingRequest:
    low, high = sorted((requester, recipient), key=lambda p: p.pk)
    return MeetingRequest.objects.create(
        edition=requester.edition,
        requester=requester,
        recipient=recipient,
        low=low,
        high=high,
        status=MeetingRequest.Status.ACCEPTED,
    )


def scheduled_meeting(edition=None) -> Meeting:
    """A meeting of two new participants, placed in the first free table of a new session."""
    edition = edition or EditionFactory()
    session = SessionFactory(edition=edition, tables=1)
    request = accepted(participant(edition), participant(edition, country="CN"))
    slot, table = session.slots.order_by("starts_at").first(), session.tables.first()
    meeting = Meeting.objects.create(request=request, edition=edition, slot=slot, table=table)
    for person in (request.requester, request.recipient):
        Seat.objects.create(meeting=meeting, participant=person, slot=slot)
    return meeting
