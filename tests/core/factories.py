"""Factories for the portal's membership and cooperation models."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from portal.core.models import CooperationProfile, Invitation, JoinRequest, Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


class VerifiedUserFactory(UserFactory):
    """A user whose e-mail address allauth knows as verified, so they can sign in."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class AdminMembershipFactory(MembershipFactory):
    role = Membership.Role.ADMIN


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class CooperationProfileFactory(DjangoModelFactory):
    class Meta:
        model = CooperationProfile

    organisation = factory.SubFactory(OrganisationFactory)
    kind = CooperationProfile.Kind.TECHNOLOGY_OFFER
    title_en = factory.Sequence(lambda n: f"Offer {n}")
    summary_en = "A technology looking for partners."
    keywords = "robotics, sensors"
    trl = 6
    expires_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=90))
    status = CooperationProfile.Status.APPROVED
