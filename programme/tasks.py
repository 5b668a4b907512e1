"""Celery entry points of the programme app: thin wrappers around services."""

from celery import shared_task

from programme import services


@shared_task(name="programme.tasks.send_registration_invitation", acks_late=True)
def send_registration_invitation(invitation_id: int, language: str) -> None:
    # Safe twice: a notification has a key, and the e-mail to an address without an
    # account is marked sent in the same transaction.
    services.registration_invitation_send(invitation_id=invitation_id, language=language)
