"""Confirming a registration tells the delegate, in their language, once."""

import pytest
from django.core import mail

from portal.core.models import Notification
from programme import services
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.programme.factories import RegistrationFactory


@pytest.mark.django_db
def test_confirmation_notifies_the_delegate_once(django_capture_on_commit_callbacks) -> None:
    edition = EditionFactory(title_en="7th Week", title_it="7ª Settimana")
    person = UserFactory(language="it")
    registration = RegistrationFactory(
        edition=edition, person=person, organisation=OrganisationFactory(), status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration)
        services.registration_confirm(registration=registration)
    assert Notification.objects.filter(recipient=person, kind="registration_confirmed").count() == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == "La Sua iscrizione alla 7ª Settimana è confermata"
