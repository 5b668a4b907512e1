"""The agreements the seeds name, loaded idempotently."""

import datetime as dt

import pytest
from django.core.management import call_command

from agreements.models import Agreement, Party, Project, StatusChange

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Agreement, Party, Project, StatusChange))


def test_content_loads_twice_without_duplicates() -> None:
    call_command("load_content", verbosity=0)
    first = counts()
    call_command("load_content", verbosity=0)
    # One status change: the MoU's signature (the centre's day is not known).
    assert counts() == first == (2, 9, 1, 1)


def test_content_has_the_smart_biomaterials_mou() -> None:
    call_command("load_content", verbosity=0)
    mou = Agreement.objects.get(slug="mou-sino-italian-laboratory-smart-biomaterials")
    assert (mou.kind, mou.signed_on, mou.city.slug, mou.edition) == (
        "mou",
        dt.date(2016, 4, 27),
        "chongqing",
        None,
    )
    assert mou.activity.stop.mission.slug == "roadshow-2016-south-west-china"
    assert [(p.organisation.slug, p.signatory_name) for p in mou.parties.all()] == [
        ("southwest-hospital-burn-research", "Prof. Jun Wu"),
        ("cnr-dsctm", "Prof. Luigi Ambrosio"),
    ]
    project = Project.objects.get(slug="sino-italian-laboratory-smart-biomaterials")
    assert (project.country.code, list(project.agreements.all())) == ("CN", [mou])


def test_content_has_the_technology_transfer_centre_agreement() -> None:
    call_command("load_content", verbosity=0)
    centre = Agreement.objects.get(slug="china-italy-technology-transfer-centre")
    assert (centre.edition.year, centre.signed_on, centre.status) == (2016, None, "signed")
    assert [(p.organisation.slug, p.role_en) for p in centre.parties.all()] == [
        ("most", "Promoter, Chinese side"),
        ("bmstc", "Partner, Chinese side"),
        ("miur", "Promoter, Italian side"),
        ("university-of-bergamo", "Promoter, Italian side"),
        ("university-of-naples-federico-ii", "Promoter, Italian side"),
        ("citta-della-scienza", "Promoter, Italian side"),
        ("netval", "Promoter, Italian side"),
    ]
    assert centre.title_zh_hans == "关于成立中意技术转移中心的协议"


def test_no_day_is_invented_for_an_agreement_signed_at_the_week(client) -> None:
    # The seeds place the signature "during the institutional ceremony" of the 2016 Week,
    # not on a day: neither the page nor its status history may name one.
    call_command("load_content", verbosity=0)
    centre = Agreement.objects.get(slug="china-italy-technology-transfer-centre")
    assert list(centre.status_changes.all()) == []
    page = client.get(centre.get_absolute_url()).content.decode()
    assert "October 2016, at the 7th Week" in page
    assert "25 October 2016" not in page
    assert "<time" not in page.split("<main", 1)[1]
