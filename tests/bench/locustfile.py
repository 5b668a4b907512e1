"""A visitor for `tests/bench/load.py`: directory with filters, programme, mission, figures."""

import random

from locust import HttpUser, between, task

FILTERS = ["", "?country=CN", "?country=IT", "?kind=university", "?q=science", "?area=health",
           "?country=CN&kind=public_body", "?page=2"]  # fmt: skip
LANGUAGES = ["en", "it", "zh-hans"]


class Visitor(HttpUser):
    wait_time = between(0.5, 1.5)

    @task(4)
    def directory(self) -> None:
        lang = random.choice(LANGUAGES)
        self.client.get(f"/{lang}/partners/{random.choice(FILTERS)}", name="/partners/?filters")

    @task(2)
    def programme(self) -> None:
        self.client.get(
            f"/{random.choice(LANGUAGES)}/week/2016/programme/", name="/week/2016/programme/"
        )

    @task(2)
    def mission(self) -> None:
        lang = random.choice(LANGUAGES)
        self.client.get(
            f"/{lang}/missions/roadshow-2016-south-west-china/", name="/missions/<slug>/"
        )

    @task(1)
    def figures(self) -> None:
        self.client.get(f"/{random.choice(LANGUAGES)}/figures/", name="/figures/")
