"""Factories of the notification tests."""

import factory
from factory.django import DjangoModelFactory

from portal.core.models import Notification
from tests.factories import UserFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Notification.Kind.ORGANISATION_APPROVED
    language = "en"
    subject = factory.Sequence(lambda n: f"Subject {n}")
    body_text = factory.Sequence(lambda n: f"Body {n}")
    body_html = "<p>Body</p>"
    link = "http://127.0.0.1:8000/en/partners/"
