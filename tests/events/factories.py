"""Factories for the events app's own models (the shared ones are in tests/factories.py)."""

import factory
from factory.django import DjangoModelFactory

from events.models import ActivityPerson, DelegationMember
from tests.factories import ActivityFactory, MissionFactory


class ActivityPersonFactory(DjangoModelFactory):
    class Meta:
        model = ActivityPerson

    activity = factory.SubFactory(ActivityFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    role_en = "Director"
    order = factory.Sequence(lambda n: n)


class DelegationMemberFactory(DjangoModelFactory):
    class Meta:
        model = DelegationMember

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    role = DelegationMember.Role.MEMBER
    order = factory.Sequence(lambda n: n)
