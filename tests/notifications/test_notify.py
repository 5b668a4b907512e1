"""The notification service: stored with the change, sent once after commit."""

import pytest
from django.core import mail
from django.db import transaction

from portal.core.models import Notification
from portal.core.notifications import notification_send, notify
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_notify_sends_one_email_after_commit() -> None:
    user = UserFactory(language="it", full_name="Anna Facchinetti")
    organisation = OrganisationFactory(name_en="Galileo Galilei Institute")
    with transaction.atomic():
        notification = notify(
            recipient=user,
            kind=Notification.Kind.ORGANISATION_APPROVED,
            context={"organisation": organisation},
            link="https://ponte.example/it/partners/ggi/",
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Galileo Galilei Institute è ora nell'elenco dei partner"
    notification.refresh_from_db()
    assert notification.state == Notification.State.SENT
    assert notification.language == "it"


@pytest.mark.django_db(transaction=True)
def test_sending_twice_sends_one_email() -> None:
    with transaction.atomic():
        notification = notify(
            recipient=UserFactory(),
            kind=Notification.Kind.ORGANISATION_APPROVED,
            context={"organisation": OrganisationFactory()},
        )
    assert notification_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_sends_nothing() -> None:
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(
            recipient=user,
            kind=Notification.Kind.ORGANISATION_APPROVED,
            context={"organisation": OrganisationFactory()},
        )
        raise RuntimeError("the change fails")
    assert mail.outbox == []
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_same_key_notifies_once() -> None:
    user = UserFactory()
    org = OrganisationFactory()
    first = notify(
        recipient=user, kind="organisation_approved", context={"organisation": org}, key="k1"
    )
    second = notify(
        recipient=user, kind="organisation_approved", context={"organisation": org}, key="k1"
    )
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
