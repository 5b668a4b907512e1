"""At 390 px (a phone) no page scrolls sideways: every public page the link crawl reaches and
the pages of a signed-in delegate, in the three languages."""

from django.test import Client

from portal.core.models import User
from programme import demo
from tests.e2e.conftest import DESKTOP, PHONE
from tests.test_links import HOMES, crawl

# Finds what sticks out, so a failure names the culprit and not only the width.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.right)}`);
    }
  }
  return out.slice(0, 3);
}"""


def _too_wide(page, urls, site: str) -> dict[str, tuple[int, list[str]]]:
    wide = {}
    for url in urls:
        page.goto(f"{site}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[url] = (width, page.evaluate(WIDEST))
    return wide


def test_no_page_is_wider_than_a_phone(live_server, transactional_db, new_page) -> None:
    from django.core.management import call_command

    call_command("load_content", "--demo", verbosity=0)
    site = live_server.url

    public: dict[str, str] = {}
    crawl(Client(), HOMES, every_page=public)
    delegate = Client()
    delegate.force_login(User.objects.get(email="b2b.bast.1@example.org"))
    signed_in: dict[str, str] = {}
    b2b = f"/b2b/{demo.YEAR}/"
    crawl(delegate, [*HOMES, *(f"/{lang}{b2b}" for lang in ("en", "it", "zh-hans"))],
          every_page=signed_in)  # fmt: skip
    # The signed-in pass: the pages only a member sees, and the home pages (the header).
    members_only = [url for url in signed_in if url not in public] + HOMES

    visitor_page = new_page(PHONE)
    delegate_page = new_page(PHONE)
    delegate_page.context.add_cookies(
        [{"name": "sessionid", "value": delegate.cookies["sessionid"].value, "url": site}]
    )
    assert len(public) > 100
    assert len(members_only) > 20
    assert {
        "visitor": _too_wide(visitor_page, public, site),
        "delegate": _too_wide(delegate_page, members_only, site),
    } == {"visitor": {}, "delegate": {}}
    # "My requests" in Chinese: each status and action on one line, not a character a line.
    delegate_page.goto(f"{site}/zh-hans{b2b}")
    heights = delegate_page.evaluate(
        "() => [...document.querySelectorAll('table.stack .nowrap')]"
        ".map((el) => el.getClientRects().length)"
    )
    assert heights and set(heights) == {1}


# The header's pieces; on a desktop they take at most two rows (brand and menu, languages).
# A row is told by the vertical middle of what is in it (items of one row are centred).
HEADER_ROWS = """() => {
  const middles = [".brand", ".nav li", ".nav-account li:last-child", ".languages"].map(
    (selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return box.top + box.height / 2;
    }
  ).sort((a, b) => a - b);
  return middles.filter((middle, i) => i === 0 || middle - middles[i - 1] > 12).length;
}"""


def test_signed_in_header_fits_two_rows_on_a_desktop(live_server, new_page) -> None:
    from tests.core.factories import AdminMembershipFactory, VerifiedUserFactory

    user = VerifiedUserFactory(is_staff=True, full_name="Chiara Staff")
    AdminMembershipFactory(user=user)
    client = Client()
    client.force_login(user)
    page = new_page(DESKTOP)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value,
          "url": live_server.url}]
    )  # fmt: skip
    rows = {}
    for language in ("en", "it", "zh-hans"):
        page.goto(f"{live_server.url}/{language}/partners/")
        rows[language] = page.evaluate(HEADER_ROWS)
    assert rows == {"en": 2, "it": 2, "zh-hans": 2}
