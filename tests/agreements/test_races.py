"""Two staff changing one agreement's status at once write a consistent history."""

import threading

import pytest
from django.db import connection

from agreements import services
from agreements.models import Agreement
from tests.factories import AgreementFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_status_changes_chain_in_the_history() -> None:
    agreement = AgreementFactory()
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def change(status: str) -> None:
        try:
            barrier.wait()
            services.agreement_status_change(
                agreement=Agreement.objects.get(pk=agreement.pk), status=status
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=change, args=(s,)) for s in ("in_force", "expired")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    history = list(agreement.status_changes.order_by("pk").values_list("from_status", "to_status"))
    # Whichever came second saw the first one's status, thanks to the row lock.
    assert history[0][0] == "signed"
    assert history[1][0] == history[0][1]
    agreement.refresh_from_db()
    assert agreement.status == history[1][1]
