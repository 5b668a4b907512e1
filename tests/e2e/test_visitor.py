"""A visitor browses the Week, a mission, the directory and an agreement in three languages."""

import pytest

from tests.e2e.conftest import screenshot

# What a visitor must read on each page, per language.
EXPECTED = {
    "en": {
        "nav": ["The Week", "Missions", "Partners", "Agreements", "Figures"],
        "edition": "7th China–Italy Science, Technology & Innovation Week",
        "naples": "Naples",
        "mission": "Roadshow of the 2016 Week: Shenzhen, Shanghai, Chengdu, Chongqing",
        "stops": ["Shenzhen", "Shanghai", "Chengdu", "Chongqing"],
        "directory": "Partner directory",
        "organisation": "Beijing Municipal Science & Technology Commission",
        "agreement": "Agreement setting up the China–Italy Technology Transfer Centre",
    },
    "it": {
        "nav": ["La Settimana", "Missioni", "Partner", "Accordi", "Numeri"],
        "edition": "7ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione",
        "naples": "Napoli",
        "mission": "Roadshow della Settimana 2016: Shenzhen, Shanghai, Chengdu, Chongqing",
        "stops": ["Shenzhen", "Shanghai", "Chengdu", "Chongqing"],
        "directory": "Elenco dei partner",
        "organisation": "Commissione per la Scienza e la Tecnologia della Municipalità di Pechino",
        "agreement": (
            "Accordo per l'istituzione del Centro di trasferimento tecnologico Italia-Cina"
        ),
    },
    "zh-hans": {
        "nav": ["创新合作周", "访问与路演", "合作伙伴", "协议", "数据"],
        "edition": "第七届中意科技创新合作周",
        "naples": "那不勒斯",
        "mission": "2016年创新合作周路演：深圳、上海、成都、重庆",
        "stops": ["深圳", "上海", "成都", "重庆"],
        "directory": "合作伙伴名录",
        "organisation": "北京市科学技术委员会",
        "agreement": "关于成立中意技术转移中心的协议",
    },
}


@pytest.mark.parametrize("language", ["en", "it", "zh-hans"])
def test_visitor_browses_in_each_language(site, page, phone_page, language: str) -> None:
    expected = EXPECTED[language]
    flow = f"visitor-{language}"

    page.goto(f"{site}/{language}/")
    nav = page.get_by_role(
        "navigation", name={"en": "Main", "it": "Principale"}.get(language, "主导航")
    )
    assert nav.get_by_role("link").all_inner_texts()[:5] == expected["nav"]
    screenshot(page, flow, "home-desktop")

    page.get_by_role("link", name=expected["nav"][0], exact=True).first.click()
    page.get_by_role("link", name=expected["edition"]).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == expected["edition"]
    assert expected["naples"] in page.inner_text("main")
    screenshot(page, flow, "edition-desktop")

    page.goto(f"{site}/{language}/missions/roadshow-2016-south-west-china/")
    assert page.get_by_role("heading", level=1).inner_text() == expected["mission"]
    stops = page.locator("ol.timeline > li h3").all_inner_texts()
    assert stops[:4] == expected["stops"]
    screenshot(page, flow, "mission-desktop")

    page.goto(f"{site}/{language}/partners/")
    assert page.get_by_role("heading", level=1).inner_text() == expected["directory"]
    page.get_by_role("link", name=expected["organisation"], exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(expected["organisation"])
    screenshot(page, flow, "organisation-desktop")

    page.goto(f"{site}/{language}/agreements/")
    page.get_by_role("link", name=expected["agreement"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == expected["agreement"]
    screenshot(page, flow, "agreement-desktop")

    for path, name in [
        ("", "home"),
        ("week/2016/", "edition"),
        ("missions/roadshow-2016-south-west-china/", "mission"),
        ("partners/", "directory"),
    ]:
        phone_page.goto(f"{site}/{language}/{path}")
        # A phone never scrolls sideways.
        assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(phone_page, flow, f"{name}-phone")


def test_language_switcher_keeps_the_page(site, page) -> None:
    page.goto(f"{site}/en/week/2016/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Italiano").click()
    assert page.url == f"{site}/it/week/2016/"
    assert page.locator("html").get_attribute("lang") == "it"
    page.get_by_role("navigation", name="Lingua").get_by_role("link", name="中文").click()
    assert page.url == f"{site}/zh-hans/week/2016/"


def test_keyboard_reaches_the_content_and_the_navigation(site, page) -> None:
    page.goto(f"{site}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(f"{site}/en/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Partners":
            break
    else:
        pytest.fail("Tab never reached the Partners link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/en/partners/")
