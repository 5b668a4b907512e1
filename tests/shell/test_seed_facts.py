"""Every fact the content loader ships, checked against the sentence of the seeds it comes from.

Each row names a fact as the portal stores it and quotes the seed sentence that states it; the
test checks both that the sentence really is in `../shared/seeds/` and that the loaded content
holds exactly that value. A fact with no sentence to quote has no place in the content.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from agreements.models import Agreement
from events.models import Activity, Mission
from portal.core.models import Organisation
from programme.models import Edition, ProgrammeSession

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed_text() -> str:
    text = " ".join(path.read_text() for path in sorted(SEEDS.glob("*.txt")))
    return re.sub(r"\s+", " ", text)


def _edition(year: int) -> Edition:
    return Edition.objects.get(year=year)


def _cities(year: int) -> list[str]:
    return [stage.city.name_en for stage in _edition(year).cities.order_by("order")]


def _focus(year: int) -> dict[str, str]:
    return {s.city.name_en: s.focus_en for s in _edition(year).cities.all() if s.focus_en}


def _stops(slug: str) -> list[tuple[str, dt.date, dt.date]]:
    mission = Mission.objects.get(slug=slug)
    return [(s.city.name_en, s.start_date, s.end_date) for s in mission.stops.order_by("order")]


def _parties(slug: str) -> list[str]:
    agreement = Agreement.objects.get(slug=slug)
    return [p.organisation.slug for p in agreement.parties.order_by("order")]


# (what, how to read it from the loaded content, the value, the seed sentence that states it)
FACTS = [
    ("the 7th Week's number", lambda: _edition(2016).ordinal, 7,
     "the 7th Edition of the Italy-China Science, Technology and Innovation Week"),
    ("the 7th Week's dates", lambda: (_edition(2016).start_date, _edition(2016).end_date),
     (dt.date(2016, 10, 25), dt.date(2016, 10, 27)),
     "that in 2016 was held from 25 to 27 October in Bergamo, Bologna and Naples"),
    ("the 7th Week's cities", lambda: _cities(2016), ["Bergamo", "Bologna", "Naples"],
     "held from 25 to 27 October in Bergamo, Bologna and Naples"),
    ("the 7th Week's host country", lambda: _edition(2016).host_country.code, "IT",
     "The 2016 edition, held in Italy"),
    ("the two regional focuses", lambda: _focus(2016),
     {"Bergamo": "Advanced manufacturing", "Bologna": "Agrifood"},
     "one in Bergamo on advanced manufacturing systems and one in Bologna on agrifood"),
    ("participants of 2016, as reported",
     lambda: (_edition(2016).reported_participants, _edition(2016).reported_participants_italy,
              _edition(2016).reported_participants_china),
     (2000, 1500, 650),
     "with the participation of over 2,000 players (of which 1,500 Italians and 650 Chinese)"),
    ("conferences and seminars of 2016",
     lambda: (_edition(2016).reported_conferences, _edition(2016).reported_seminars), (10, 27),
     "A total of 10 conferences on strategic topics and 27 thematic seminars were organized"),
    ("B2B meetings of 2016", lambda: _edition(2016).reported_b2b_meetings, 600,
     "600 B2B were scheduled"),
    ("agreements of 2016", lambda: _edition(2016).reported_agreements, 10,
     "10 new cooperation agreements were signed during the institutional ceremony"),
    ("projects of 2016", lambda: _edition(2016).reported_projects, 80,
     "in 2016, 80 partnership projects have already been landed in China"),
    ("the 2016 programme has no clock time",
     lambda: ProgrammeSession.objects.filter(edition__year=2016, start__isnull=False).count(), 0,
     "held in Italy on 25-27 October 2016"),
    ("the 6th Week was held in China", lambda: (_edition(2015).ordinal,
                                                _edition(2015).host_country.code), (6, "CN"),
     "the great success of sixth edition in China"),
    ("the 2015 stage in Chongqing", lambda: _cities(2015), ["Chongqing"],
     "Last November, the Bishan People’s Square and the Hechuan District hosted the Italian "
     "Minister of Research Stefania Giannini"),
    ("the 2017 Week, announced only",
     lambda: (_edition(2017).status, _edition(2017).host_country.code), ("announced", "CN"),
     "that will be held next October in China"),
    ("the roadshow's four cities", lambda: [c for c, _s, _e in _stops(
        "roadshow-2016-south-west-china")], ["Shenzhen", "Shanghai", "Chengdu", "Chongqing"],
     "Shenzhen, Shanghai, Chengdu, Chongqing. 4 Steps. 4 Cities."),
    ("the Shenzhen conference's days", lambda: _stops("roadshow-2016-south-west-china")[0][1:],
     (dt.date(2016, 4, 16), dt.date(2016, 4, 17)),
     "From 16 to 17 April 2016 at the headquarters of the Convention & Exhibition Center in "
     "Shenzhen"),
    ("the Shanghai fair's day", lambda: _stops("roadshow-2016-south-west-china")[1][1], dt.date(
        2016, 4, 21), "On 21 April 2016, at the presence of the Italian Minister"),
    ("the Chengdu days", lambda: sorted({a.date for a in Activity.objects.filter(
        stop__mission__slug="roadshow-2016-south-west-china", stop__city__slug="chengdu")}),
     [dt.date(2016, 4, 25), dt.date(2016, 4, 26)],
     "On Monday, April 25, the Roadshow for the promotion"),
    ("the Beijing mission's days", lambda: _stops("mission-2017-beijing")[0][1:],
     (dt.date(2017, 1, 12), dt.date(2017, 1, 18)),
     "From 12 to 18 January Città della Scienza, on behalf of the Ministry of Education"),
    ("the body that promoted CIEP 2016", lambda: Organisation.objects.get(slug="safea").name_en,
     "State Administration of Foreign Affairs",
     "promoted by the State Council of the People’s Republic of China and by the State "
     "Administration of Foreign Affairs"),
    ("the Technology Transfer Centre's parties",
     lambda: _parties("china-italy-technology-transfer-centre"),
     ["most", "bmstc", "miur", "university-of-bergamo", "university-of-naples-federico-ii",
      "citta-della-scienza", "netval"],
     "between MOST and BMSTC, from the Chinese side, and Ministry of Research, University of "
     "Bergamo, University of Naples Federico II, Città della Science and Netval, from the Italian "
     "side"),
    ("no day invented for the centre's signature", lambda: Agreement.objects.get(
        slug="china-italy-technology-transfer-centre").signed_on, None,
     "10 new cooperation agreements were signed during the institutional ceremony"),
]  # fmt: skip


def test_every_quoted_sentence_is_in_the_seeds() -> None:
    text = _seed_text()
    missing = [what for what, _read, _value, sentence in FACTS if sentence not in text]
    assert missing == []


@pytest.mark.django_db
def test_the_content_holds_each_fact_as_the_seeds_state_it() -> None:
    call_command("load_content", verbosity=0)
    wrong = {what: read() for what, read, value, _sentence in FACTS if read() != value}
    assert wrong == {}


@pytest.mark.django_db
def test_nothing_of_the_demonstration_is_loaded_by_the_content_command() -> None:
    call_command("load_content", verbosity=0)
    assert not Edition.objects.filter(is_demo=True).exists()
