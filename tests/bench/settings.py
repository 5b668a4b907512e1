"""Settings of the directory benchmark: the site's own, plus a trivial view to compare with."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
# Access logs would cost the server more than some pages do.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
