"""factory_boy factories for the core models; apps add theirs in tests/<app>/factories.py."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from agreements.models import Agreement, Party
from events.models import Activity, Mission, Stop
from portal.core.models import City, Membership, Organisation, ThematicArea, User
from programme.models import Edition, EditionCity


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct horse battery staple")


class ThematicAreaFactory(DjangoModelFactory):
    class Meta:
        model = ThematicArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")


class CityFactory(DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_en = factory.Sequence(lambda n: f"City {n}")
    country = "IT"
    time_zone = "Europe/Rome"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.UNIVERSITY
    country = "IT"
    city = factory.SubFactory(CityFactory)
    status = Organisation.Status.APPROVED


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = Edition

    ordinal = factory.Sequence(lambda n: 20 + n)
    year = factory.Sequence(lambda n: 2030 + n)
    host_country = "IT"
    title_en = factory.LazyAttribute(lambda o: f"{o.ordinal}th China–Italy Week")
    start_date = factory.LazyAttribute(lambda o: dt.date(o.year, 10, 25))
    end_date = factory.LazyAttribute(lambda o: dt.date(o.year, 10, 27))
    time_zone = "Europe/Rome"


class EditionCityFactory(DjangoModelFactory):
    class Meta:
        model = EditionCity

    edition = factory.SubFactory(EditionFactory)
    city = factory.SubFactory(CityFactory)


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    slug = factory.Sequence(lambda n: f"mission-{n}")
    kind = Mission.Kind.ROADSHOW
    title_en = factory.Sequence(lambda n: f"Mission {n}")
    start_date = dt.date(2016, 4, 16)
    end_date = dt.date(2016, 4, 29)


class StopFactory(DjangoModelFactory):
    class Meta:
        model = Stop

    mission = factory.SubFactory(MissionFactory)
    city = factory.SubFactory(CityFactory, country="CN", time_zone="Asia/Shanghai")
    start_date = factory.LazyAttribute(lambda o: o.mission.start_date)
    end_date = factory.LazyAttribute(lambda o: o.mission.start_date)
    order = factory.Sequence(lambda n: n + 1)
    time_zone = "Asia/Shanghai"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    stop = factory.SubFactory(StopFactory)
    kind = Activity.Kind.INSTITUTIONAL_MEETING
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    date = factory.LazyAttribute(lambda o: o.stop.start_date)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    slug = factory.Sequence(lambda n: f"agreement-{n}")
    title_en = factory.Sequence(lambda n: f"Agreement {n}")
    kind = Agreement.Kind.MOU
    signed_on = dt.date(2016, 10, 26)


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)
