"""The organisation form: any city, required fields marked, languages by name, countries in the
reader's order."""

import re

import pytest

from portal.core.models import Organisation
from tests.factories import CityFactory, UserFactory

FORM = {"name_en": "West Lake Robotics", "kind": "startup", "country": "CN"}


@pytest.fixture
def signed_in(client, db):
    client.force_login(UserFactory())
    return client


def _page(client, url: str) -> str:
    return client.get(url).content.decode()


def test_any_city_can_be_typed_in_both_scripts(signed_in) -> None:
    CityFactory(slug="beijing", name_en="Beijing", country="CN", time_zone="Asia/Shanghai")
    response = signed_in.post(
        "/en/my/organisations/new/", {**FORM, "city_name": "Hangzhou", "city_native_name": "杭州"}
    )
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert (org.city_name, org.city_native_name, org.city) == ("Hangzhou", "杭州", None)
    assert org.city_label == "杭州 (Hangzhou)"


@pytest.mark.parametrize("typed", ["Napoli", "naples", "NAPLES ", "那不勒斯"])
def test_a_programme_city_is_linked_whatever_its_language(signed_in, typed: str) -> None:
    naples = CityFactory(
        slug="naples", name_en="Naples", name_it="Napoli", name_zh_hans="那不勒斯", country="IT"
    )
    signed_in.post("/en/my/organisations/new/", {**FORM, "country": "IT", "city_name": typed})
    org = Organisation.objects.get()
    assert org.city == naples
    assert org.city_name == typed.strip()


def test_a_city_of_another_country_is_not_linked(signed_in) -> None:
    CityFactory(slug="naples", name_en="Naples", country="IT")
    signed_in.post("/en/my/organisations/new/", {**FORM, "country": "US", "city_name": "Naples"})
    assert Organisation.objects.get().city is None


def test_known_cities_are_suggested(signed_in) -> None:
    CityFactory(slug="naples", name_en="Naples", name_it="Napoli", country="IT")
    CityFactory(slug="beijing", name_en="Beijing", name_it="Pechino", country="CN")
    page = _page(signed_in, "/en/my/organisations/new/")
    assert re.search(r'<input type="text" name="city_name"[^>]* list="known-cities"', page)
    datalist = re.search(r'<datalist id="known-cities">(.*?)</datalist>', page).group(1)
    assert re.findall(r'<option value="([^"]*)">', datalist) == [
        "Beijing",
        "Naples",
        "Napoli",
        "Pechino",
    ]


def test_required_fields_are_marked(signed_in) -> None:
    page = _page(signed_in, "/it/my/organisations/new/")
    assert re.findall(r'<[^>]* name="([^"]+)"[^>]* required', page) == ["kind", "country"]
    assert re.findall(r'<label for="id_([a-z_]+)" class="required"', page) == ["kind", "country"]
    assert '<p class="form-legend">I campi contrassegnati con * sono obbligatori.</p>' in page


def test_working_languages_are_checkboxes_with_names(signed_in) -> None:
    page = _page(signed_in, "/it/my/organisations/new/")
    labels = re.findall(
        r'<input type="checkbox" name="languages" value="([a-z]+)"[^>]*>\s*([^<]+)</label>', page
    )
    assert labels[:3] == [("en", "Inglese"), ("it", "Italiano"), ("zh", "Cinese")]
    signed_in.post("/en/my/organisations/new/", {**FORM, "languages": ["zh", "en"]})
    org = Organisation.objects.get()
    assert org.languages == "en, zh"
    org.status = Organisation.Status.APPROVED
    org.save()
    page = _page(signed_in, f"/it/partners/{org.slug}/")
    assert "<dt>Lingue di lavoro</dt><dd>Inglese, Cinese</dd>" in page


def _countries(client, language: str) -> list[str]:
    form = client.get(f"/{language}/my/organisations/new/").context["form"]
    return [str(name) for _code, name in form.fields["country"].choices]


def test_countries_in_italian_order_with_italy_and_china_first(signed_in) -> None:
    names = _countries(signed_in, "it")
    assert names[:4] == ["---------", "Italia", "Cina", "Afghanistan"]
    picked = [
        n for n in names if n in ("Regno Unito", "Austria", "Giappone", "Emirati Arabi Uniti")
    ]
    assert picked == ["Austria", "Emirati Arabi Uniti", "Giappone", "Regno Unito"]


def test_countries_in_pinyin_order_in_chinese(signed_in) -> None:
    names = _countries(signed_in, "zh-hans")
    assert names[:3] == ["---------", "意大利", "中国"]
    # a-fu-han, ao-di-li, ba-xi, de-guo, fa-guo, ri-ben, ying-guo
    picked = [n for n in names if n in ("英国", "日本", "德国", "阿富汗", "巴西", "法国", "奥地利")]
    assert picked == ["阿富汗", "奥地利", "巴西", "德国", "法国", "日本", "英国"]
    assert all(name == name.strip() for name in names)


def test_chinese_form_names_hong_kong_macao_and_taiwan_as_parts_of_china(signed_in) -> None:
    names = _countries(signed_in, "zh-hans")
    assert names[:3] == ["---------", "意大利", "中国"]
    assert {"中国香港", "中国澳门", "中国台湾", "塔吉克斯坦", "尼泊尔", "萨摩亚"} <= set(names)
    assert "台湾" not in names
    assert "中国香港特别行政区" not in names
