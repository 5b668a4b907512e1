"""axe-core finds no serious or critical violation; pages hold at 200% zoom."""

import pytest

from tests.e2e.conftest import axe_violations

PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/week/",
    "/{lang}/week/2016/",
    "/{lang}/missions/",
    "/{lang}/missions/roadshow-2016-south-west-china/",
    "/{lang}/partners/",
    "/{lang}/partners/bmstc/",
    "/{lang}/agreements/",
    "/{lang}/agreements/china-italy-technology-transfer-centre/",
    "/{lang}/figures/",
    "/{lang}/accounts/login/",
    "/{lang}/accounts/signup/",
    "/{lang}/accounts/password/reset/",
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_have_no_serious_violations(site, page, language: str) -> None:
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(site + path.format(lang=language))
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_pages_hold_at_200_percent_zoom(site, browser) -> None:
    # 200% zoom on a 1280 px wide window lays the page out in 640 CSS pixels.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    overflowing = []
    for path in PUBLIC_PAGES:
        page.goto(site + path.format(lang="en"))
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            overflowing.append(path)
    context.close()
    assert overflowing == []
