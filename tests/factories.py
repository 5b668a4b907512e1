"""factory_boy factories for the core models; apps add theirs in tests/<app>/factories.py."""

import datetime as dt
import time

import factory
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client, RequestFactory
from factory.django import DjangoModelFactory

from agreements.models import Agreement, Party
from events.models import Activity, Mission, Stop
from portal.core.models import City, Membership, Organisation, ThematicArea, User
from portal.core.privacy import PRIVACY_NOTICE_VERSION
from programme.models import Edition, EditionCity


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct horse battery staple")
    # People who read the current notice; tests of the banner set it to something older.
    privacy_version = PRIVACY_NOTICE_VERSION


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


# Two-factor sign-in in tests ---------------------------------------------------------------
#
# Staff (and anyone else who must use two-factor) reach staff pages only from a session that
# passed the authenticator step (portal.core.mfa). Tests sign people in with `client.force_login`,
# which skips allauth altogether; tests/conftest.py therefore replaces it, for every test, with
# `force_login_passing_second_factor`: such a person gets a TOTP authenticator (STAFF_TOTP_SECRET)
# if they have none, and the session carries allauth's "mfa" authentication record, as after a
# real sign-in with a code. Tests that check the bypass is closed opt out, explicitly, with
# `force_login_without_second_factor` (a session that only passed the password step).

# Captured before tests/conftest.py replaces Client.force_login.
_plain_force_login = Client.force_login

STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user: User, secret: str = STAFF_TOTP_SECRET) -> Authenticator:
    """Give `user` a TOTP authenticator (if they have none) that accepts `totp_code(secret)`."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, secret).instance


def totp_code(secret: str = STAFF_TOTP_SECRET, at: float | None = None) -> str:
    """The code an authenticator app shows now (or at `at`, a Unix time) for `secret`."""
    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // 30))


def force_login_without_second_factor(client: Client, user: User) -> None:
    """Sign in with the password step only: no authenticator given, no "mfa" record."""
    _plain_force_login(client, user)


def force_login_passing_second_factor(client: Client, user: User, backend=None) -> None:
    """`Client.force_login` in tests: also pass the second factor when `user` must use one."""
    _plain_force_login(client, user, backend)
    if not (user.is_staff or user.is_superuser or user.mfa_required):
        return
    authenticator = give_totp(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session, request.user = session, user
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    session.save()
