"""What search engines and link previews read: absolute hreflang links with x-default, the
canonical address, Open Graph and Twitter tags, sitemap.xml, robots.txt, schema.org events."""

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from PIL import Image

from agreements.models import Agreement
from portal.core.models import Organisation
from programme.models import ProgrammeSession
from tests.factories import (
    AgreementFactory,
    CityFactory,
    EditionCityFactory,
    EditionFactory,
    MissionFactory,
    OrganisationFactory,
)
from tests.programme.factories import ProgrammeSessionFactory, VenueFactory

SITE = "https://ponte.example.org"
DEFAULT_IMAGE = f"{SITE}/static/img/share.png"


class Head(HTMLParser):
    """The head's meta tags (by name or property), link tags and JSON-LD scripts."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.json_ld: list[str] = []
        self.title = ""
        self._in: str | None = None
        self.feed(body)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("property") or attributes.get("name")):
            key = attributes.get("property") or attributes["name"]
            self.meta.setdefault(key, []).append(attributes.get("content") or "")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)
            self._in = "json" if attributes.get("type") == "application/ld+json" else None
        elif tag == "title" and not self.title:
            # The document's title only, not the <title> of an SVG chart in the body.
            self._in = "title"

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "json":
            self.json_ld.append(data)
        elif self._in == "title":
            self.title += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def alternates(self) -> list[tuple[str | None, str | None]]:
        return [(link["hreflang"], link["href"]) for link in self.links if link.get("hreflang")]

    def canonical(self) -> list[str | None]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def content(db) -> None:
    call_command("load_content", verbosity=0)


def head(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "it", "zh-hans"])
def test_hreflang_links_are_absolute_with_x_default_in_every_language(client, language) -> None:
    edition = EditionFactory(year=2031)

    page = head(client, f"/{language}/week/{edition.year}/")

    assert page.alternates() == [
        ("en", f"{SITE}/en/week/2031/"),
        ("it", f"{SITE}/it/week/2031/"),
        ("zh-hans", f"{SITE}/zh-hans/week/2031/"),
        ("x-default", f"{SITE}/week/2031/"),
    ]
    assert page.canonical() == [f"{SITE}/{language}/week/2031/"]
    assert page.one("og:url") == f"{SITE}/{language}/week/2031/"


@pytest.mark.django_db
def test_hreflang_links_keep_the_query_and_x_default_redirects_by_language(client) -> None:
    page = head(client, "/it/partners/?country=CN")

    assert page.alternates() == [
        ("en", f"{SITE}/en/partners/?country=CN"),
        ("it", f"{SITE}/it/partners/?country=CN"),
        ("zh-hans", f"{SITE}/zh-hans/partners/?country=CN"),
        ("x-default", f"{SITE}/partners/?country=CN"),
    ]
    # The x-default address sends each reader to the page in their browser's language.
    response = client.get("/partners/", headers={"accept-language": "zh-CN"})
    assert (response.status_code, response["Location"]) == (302, "/zh-hans/partners/")


@pytest.mark.django_db
def test_home_page_share_tags_in_the_page_language(client) -> None:
    page = head(client, "/it/")

    description = (
        "Ponte mette in contatto università, istituti di ricerca, imprese ed enti pubblici "
        "italiani e cinesi."
    )
    title = "Programma Italia-Cina per la scienza, la tecnologia e l'innovazione"
    assert page.title == f"{title} · Ponte"
    assert page.one("description") == description
    assert {key: page.meta[key] for key in sorted(page.meta) if key != "viewport"} == {
        "description": [description],
        "og:description": [description],
        "og:image": [DEFAULT_IMAGE],
        "og:image:alt": [title],
        "og:image:height": ["630"],
        "og:image:type": ["image/png"],
        "og:image:width": ["1200"],
        "og:locale": ["it_IT"],
        "og:locale:alternate": ["en_GB", "zh_CN"],
        "og:site_name": ["Ponte"],
        "og:title": [title],
        "og:type": ["website"],
        "og:url": [f"{SITE}/it/"],
        "twitter:card": ["summary_large_image"],
        "twitter:description": [description],
        "twitter:image": [DEFAULT_IMAGE],
        "twitter:image:alt": [title],
        "twitter:title": [title],
    }


def _kinds(content_ids: dict) -> dict[str, str]:
    return {
        "home": "/zh-hans/",
        "editions": "/zh-hans/week/",
        "edition": "/zh-hans/week/2016/",
        "programme": "/zh-hans/week/2016/programme/",
        "session": f"/zh-hans/week/2016/sessions/{content_ids['session']}/",
        "missions": "/zh-hans/missions/",
        "mission": f"/zh-hans/missions/{content_ids['mission']}/",
        "directory": "/zh-hans/partners/",
        "organisation": "/zh-hans/partners/citta-della-scienza/",
        "cooperation": "/zh-hans/cooperation/",
        "agreements": "/zh-hans/agreements/",
        "agreement": f"/zh-hans/agreements/{content_ids['agreement']}/",
        "figures": "/zh-hans/figures/",
    }


def test_every_public_page_kind_has_title_description_and_image_in_its_language(
    client, content
) -> None:
    from events.models import Mission

    ids = {
        "session": ProgrammeSession.objects.filter(edition__year=2016).order_by("pk").first().pk,
        "mission": Mission.objects.order_by("slug").first().slug,
        "agreement": Agreement.objects.public().order_by("slug").first().slug,
    }
    expected_descriptions = {
        "editions": "中意科技创新合作周历届活动：时间、地点、日程和数据。",
        "missions": "中意科技创新合作项目的访问与路演：往返于意大利和中国之间的代表团，逐站记录。",
        "directory": "中意科技创新合作项目的合作伙伴：意大利和中国的大学、科研机构、企业和"
        "公共机构。",
        "cooperation": "中意科技创新合作项目合作伙伴发布的合作供需信息。",
        "agreements": "中意科技创新合作项目中意双方合作伙伴签署的协议，以及随后开展的合作项目。",
        "figures": "中意科技创新合作项目数据：各届活动的参会人数、B2B洽谈和协议。",
    }
    seen = {}
    for kind, url in _kinds(ids).items():
        page = head(client, url)
        title, description = page.one("og:title"), page.one("description")
        seen[kind] = {
            "title": page.title == f"{title} · Ponte" and page.one("twitter:title") == title,
            "description": description
            == page.one("og:description")
            == page.one("twitter:description"),
            "image": page.one("og:image") == page.one("twitter:image") == DEFAULT_IMAGE,
            "locale": page.one("og:locale"),
            "hreflang": [code for code, _href in page.alternates()],
        }
        if kind in expected_descriptions:
            assert description == expected_descriptions[kind], kind
        # Chinese text in every description (the page's language), never only Latin letters.
        assert any("\u4e00" <= char <= "\u9fff" for char in description), (kind, description)
    assert seen == {
        kind: {
            "title": True,
            "description": True,
            "image": True,
            "locale": "zh_CN",
            "hreflang": ["en", "it", "zh-hans", "x-default"],
        }
        for kind in _kinds(ids)
    }


@pytest.mark.django_db
def test_an_organisation_logo_is_its_share_image(client) -> None:
    organisation = OrganisationFactory(name_en="Politecnico di Test")
    Organisation.objects.filter(pk=organisation.pk).update(logo="logos/abc.png")

    page = head(client, f"/en/partners/{organisation.slug}/")

    assert page.one("og:image") == f"{SITE}/media/logos/abc.png"
    assert page.one("twitter:image") == f"{SITE}/media/logos/abc.png"
    assert page.one("twitter:card") == "summary"
    assert page.one("og:image:alt") == "Logo of Politecnico di Test"
    assert "og:image:width" not in page.meta


def test_the_default_share_image_is_a_1200_by_630_png() -> None:
    path = Path(django_settings.BASE_DIR) / "static" / "img" / "share.png"
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_private_areas_out(client) -> None:
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert lines[-1] == f"Sitemap: {SITE}/sitemap.xml"
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    assert disallowed == [
        f"/{language}/{area}/"
        for language in ("en", "it", "zh-hans")
        for area in ("accounts", "my", "b2b", "staff", "admin", "inbox")
    ] + ["/*/staff/"]


@pytest.mark.django_db
def test_sitemap_lists_public_pages_in_each_language_with_alternates(client) -> None:
    edition = EditionFactory(year=2031)
    session = ProgrammeSessionFactory(edition=edition)
    demo = EditionFactory(year=2099, is_demo=True)
    ProgrammeSessionFactory(edition=demo)
    mission = MissionFactory()
    published = OrganisationFactory()
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    public = AgreementFactory()
    restricted = AgreementFactory(visibility=Agreement.Visibility.PARTIES)

    body = client.get("/sitemap.xml").content.decode()

    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.fromstring(body).findall("s:url", ns)
    locations = [url.find("s:loc", ns).text for url in urls]
    paths = {loc.removeprefix(SITE) for loc in locations}
    pages = [
        "/",
        "/week/",
        "/missions/",
        "/partners/",
        "/cooperation/",
        "/agreements/",
        "/figures/",
        "/week/2031/",
        "/week/2031/programme/",
        f"/week/2031/sessions/{session.pk}/",
        f"/missions/{mission.slug}/",
        f"/partners/{published.slug}/",
        f"/agreements/{public.slug}/",
    ]
    assert paths == {f"/{language}{page}" for page in pages for language in ("en", "it", "zh-hans")}
    assert len(locations) == len(paths)
    for absent in ("/2099/", pending.slug, restricted.slug):
        assert absent not in body
    first = next(url for url in urls if url.find("s:loc", ns).text == f"{SITE}/it/week/2031/")
    assert [(link.get("hreflang"), link.get("href")) for link in first.findall("x:link", ns)] == [
        ("en", f"{SITE}/en/week/2031/"),
        ("it", f"{SITE}/it/week/2031/"),
        ("zh-hans", f"{SITE}/zh-hans/week/2031/"),
        ("x-default", f"{SITE}/week/2031/"),
    ]


def _csp_script_src(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "script-src":
            return values
    raise AssertionError("no script-src")


@pytest.mark.django_db
def test_edition_structured_data_is_a_schema_org_event(client) -> None:
    edition = EditionFactory(year=2031, title_en="20th Week", summary_en="Held in Naples.")
    naples = CityFactory(name_en="Naples", country="IT")
    EditionCityFactory(edition=edition, city=naples)

    response = client.get("/en/week/2031/")
    page = Head(response.content.decode())

    assert len(page.json_ld) == 1
    organisers = [
        ("Città della Scienza", "citta-della-scienza"),
        ("Beijing Municipal Science & Technology Commission", "bmstc"),
        ("Beijing Association for Science and Technology", "bast"),
    ]
    assert json.loads(page.json_ld[0]) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "20th Week",
        "description": "Held in Naples.",
        "url": f"{SITE}/en/week/2031/",
        "startDate": "2031-10-25",
        "endDate": "2031-10-27",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "image": DEFAULT_IMAGE,
        "location": {
            "@type": "Place",
            "name": "Naples",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Naples",
                "addressCountry": "IT",
            },
        },
        "organizer": [
            {"@type": "Organization", "name": name, "url": f"{SITE}/en/partners/{slug}/"}
            for name, slug in organisers
        ],
    }
    # The data block carries the nonce that the page's Content-Security-Policy allows.
    (script,) = page.scripts
    assert script["type"] == "application/ld+json"
    assert _csp_script_src(response) == ["'self'", f"'nonce-{script['nonce']}'"]
    assert len(script["nonce"]) == 24


@pytest.mark.django_db
def test_session_structured_data_gives_times_in_the_event_zone_and_the_venue(client) -> None:
    edition = EditionFactory(year=2031, title_en="20th Week", time_zone="Asia/Shanghai")
    beijing = CityFactory(name_en="Beijing", country="CN", time_zone="Asia/Shanghai")
    venue = VenueFactory(edition=edition, city=beijing, name_en="Hall A", address="1 Main St")
    start = dt.datetime(2031, 10, 25, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    session = ProgrammeSessionFactory(
        edition=edition,
        title_en="Opening",
        city=beijing,
        venue=venue,
        start=start,
        end=start + dt.timedelta(hours=2),
    )

    page = head(client, f"/en/week/2031/sessions/{session.pk}/")

    data = json.loads(page.json_ld[0])
    assert {key: value for key, value in data.items() if key != "organizer"} == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Opening",
        "url": f"{SITE}/en/week/2031/sessions/{session.pk}/",
        "startDate": "2031-10-25T09:30:00+08:00",
        "endDate": "2031-10-25T11:30:00+08:00",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "image": DEFAULT_IMAGE,
        "location": {
            "@type": "Place",
            "name": "Hall A",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1 Main St",
                "addressLocality": "Beijing",
                "addressCountry": "CN",
            },
        },
        "superEvent": {"@type": "Event", "name": "20th Week", "url": f"{SITE}/en/week/2031/"},
    }
    assert [organiser["name"] for organiser in data["organizer"]] == [
        "Città della Scienza",
        "Beijing Municipal Science & Technology Commission",
        "Beijing Association for Science and Technology",
    ]


@pytest.mark.django_db
def test_a_session_without_a_known_day_states_no_date(client) -> None:
    session = ProgrammeSessionFactory(edition=EditionFactory(year=2031), start=None, end=None)

    data = json.loads(head(client, f"/en/week/2031/sessions/{session.pk}/").json_ld[0])

    assert ("startDate" in data, "endDate" in data) == (False, False)


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client) -> None:
    EditionFactory(year=2031, title_en="</script><b>x</b> & more")

    body = client.get("/en/week/2031/").content.decode()

    assert "\\u003C/script\\u003E\\u003Cb\\u003Ex\\u003C/b\\u003E \\u0026 more" in body
    assert json.loads(Head(body).json_ld[0])["name"] == "</script><b>x</b> & more"


@pytest.mark.django_db
def test_the_demonstration_edition_is_not_indexed_and_states_no_event(client) -> None:
    demo = EditionFactory(year=2099, is_demo=True)
    session = ProgrammeSessionFactory(edition=demo)

    for url in ("/en/week/2099/", f"/en/week/2099/sessions/{session.pk}/"):
        page = head(client, url)
        assert (page.json_ld, page.meta.get("robots")) == ([], ["noindex"]), url


@pytest.mark.django_db
def test_a_page_without_structured_data_gets_no_nonce(client) -> None:
    response = client.get("/en/partners/")

    assert _csp_script_src(response) == ["'self'"]
