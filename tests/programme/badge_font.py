"""Badge tests need the badge font; outside CI a machine without it skips them and says why."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# CI installs the font (`make install`, as root): there a missing font fails the tests instead.
needs_badge_font = pytest.mark.skipif(
    not Path(settings.BADGE_FONT).is_file() and os.environ.get("CI") != "true",
    reason="no badge font: install Debian's fonts-wqy-microhei (make install does, as root)",
)
