"""/healthz answers 200 while the database answers and 503 when it does not."""

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler

from portal.shell import health, views


@pytest.fixture
def unreachable_database(settings):
    """A real connection to a database that cannot be reached (nothing listens there)."""
    broken = dict(connections["default"].settings_dict)
    if broken["ENGINE"].endswith("postgresql"):
        broken["PORT"] = "1"
    else:
        broken["NAME"] = "/nonexistent-directory/ponte.sqlite3"
    handler = ConnectionHandler({"default": broken})
    yield handler["default"]
    handler["default"].close()


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] is True


@pytest.mark.django_db
def test_healthz_reports_the_broker(client, settings) -> None:
    expected = "ok" if settings.CELERY_BROKER_URL else "eager"
    assert client.get("/healthz").json()["broker"] == expected


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, unreachable_database, monkeypatch):
    monkeypatch.setattr(views, "connection", unreachable_database)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": False,
        "broker": health.broker_state(),
    }


def test_broker_state_is_unreachable_when_nothing_listens(settings) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert health.broker_state() == "unreachable"
