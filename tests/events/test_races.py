"""Two staff adding overlapping stops at once: the mission's lock lets only one through."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events import services
from events.models import Stop
from tests.factories import CityFactory, MissionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_stops_keep_one() -> None:
    mission = MissionFactory(start_date=dt.date(2016, 4, 16), end_date=dt.date(2016, 4, 29))
    cities = [CityFactory(), CityFactory()]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def add(city) -> None:
        try:
            barrier.wait()
            services.stop_save(
                mission=mission,
                stop=None,
                city=city,
                start_date=dt.date(2016, 4, 20),
                end_date=dt.date(2016, 4, 22),
            )
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()  # each thread has its own connection; free it for teardown

    threads = [threading.Thread(target=add, args=(city,)) for city in cities]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert list(Stop.objects.filter(mission=mission).values_list("order", flat=True)) == [1]
