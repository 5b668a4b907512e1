"""The demonstration edition: an invented Week with an invented programme, for trying Ponte.

Nothing here comes from the programme's sources. The edition is marked `is_demo`, so every
page of it says that it is a demonstration, and it never counts among the real editions or in
their figures. `manage.py load_content --demo` loads it (never in production); the B2B sample
(matchmaking.demo) schedules its meetings inside this programme's B2B sessions.
"""

import datetime as dt

from portal.core.content import tr
from portal.core.models import City, ThematicArea
from programme.content import FORMATS
from programme.models import Edition, EditionCity, ProgrammeSession, Venue

# A year no real edition will have: the demonstration can never be taken for one.
YEAR = 2099
FIRST_DAY = dt.date(YEAR, 10, 27)
TIME_ZONE = "Europe/Rome"

TITLE = (
    "Demo Week (demonstration with invented data)",
    "Settimana dimostrativa (dati inventati)",
    "演示周（虚构数据）",
)
SUMMARY = (
    "A demonstration of Ponte with an invented programme and invented delegates, requests and meetings, so that the programme, the B2B catalogue, the scheduler and the agendas can be tried. None of it happened; none of it counts in the programme's figures.",
    "Una dimostrazione di Ponte con un programma inventato e delegati, richieste e incontri inventati, per provare il programma, il catalogo B2B, la pianificazione e le agende. Nulla di tutto ciò è avvenuto e nulla rientra nei dati del programma.",
    "Ponte 的演示：日程、代表、洽谈请求及洽谈安排均为虚构，用于试用日程、B2B目录、排程和个人日程功能。所有内容均未真实发生，也不计入项目统计数据。",
)  # fmt: skip

K = ProgrammeSession.Kind
ALL = "en, it, zh"

# slug, kind, city, day (0-based), start, end, areas, languages, interpretation, title, text
SESSIONS = [
    ("opening", K.OPENING, "bergamo", 0, "09:30", "10:30", [], ALL, True,
     ("Opening of the Demo Week", "Apertura della Settimana dimostrativa", "演示周开幕式"),
     ("An invented opening session.", "Una sessione di apertura inventata.", "虚构的开幕环节。")),
    ("innovation-forum", K.PLENARY, "bergamo", 0, "10:30", "13:00", [], ALL, True,
     ("China–Italy Innovation Forum (demonstration)", "Forum Italia-Cina per l'innovazione (dimostrazione)", "中意创新论坛（演示）"),
     ("An invented plenary session.", "Una sessione plenaria inventata.", "虚构的全体会议。")),
    ("conference-industry-4-0", K.CONFERENCE, "bergamo", 0, "10:30", "12:00", ["industry-4-0"], ALL, True,
     ("Conference: advanced manufacturing and Industry 4.0", "Conferenza: manifattura avanzata e Industria 4.0", "会议：先进制造与工业4.0"),
     ("An invented conference.", "Una conferenza inventata.", "虚构的会议。")),
    ("b2b-bergamo", K.B2B, "bergamo", 0, "14:00", "18:00", ["industry-4-0"], "en", False,
     ("B2B meetings in Bergamo", "Incontri B2B a Bergamo", "贝加莫B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between invented delegates.", "Incontri individuali programmati tra delegati inventati.", "虚构代表之间预先安排的一对一洽谈。")),
    ("conference-agrifood", K.CONFERENCE, "bologna", 1, "09:30", "11:30", ["agrifood"], ALL, True,
     ("Conference: agrifood", "Conferenza: agroalimentare", "会议：农业食品"),
     ("An invented conference.", "Una conferenza inventata.", "虚构的会议。")),
    ("seminars-agrifood", K.SEMINAR, "bologna", 1, "11:45", "13:15", ["agrifood"], "en, it", False,
     ("Thematic seminars: agrifood", "Seminari tematici: agroalimentare", "专题研讨会：农业食品"),
     ("Invented thematic seminars.", "Seminari tematici inventati.", "虚构的专题研讨会。")),
    ("b2b-bologna", K.B2B, "bologna", 1, "14:30", "18:00", ["agrifood"], "en", False,
     ("B2B meetings in Bologna", "Incontri B2B a Bologna", "博洛尼亚B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between invented delegates.", "Incontri individuali programmati tra delegati inventati.", "虚构代表之间预先安排的一对一洽谈。")),
    ("b2b-naples", K.B2B, "naples", 2, "09:30", "13:00", [], "en", False,
     ("B2B meetings in Naples", "Incontri B2B a Napoli", "那不勒斯B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between invented delegates.", "Incontri individuali programmati tra delegati inventati.", "虚构代表之间预先安排的一对一洽谈。")),
    ("best-startup-showcase", K.SHOWCASE, "naples", 2, "14:00", "15:30", [], "en", False,
     ("Best Startup Showcase (demonstration)", "Best Startup Showcase (dimostrazione)", "最佳创业企业展示（演示）"),
     ("An invented showcase.", "Una showcase inventata.", "虚构的展示活动。")),
    ("signing-ceremony", K.SIGNING, "naples", 2, "17:30", "18:30", [], ALL, True,
     ("Signing ceremony (demonstration)", "Cerimonia di firma (dimostrazione)", "签约仪式（演示）"),
     ("An invented ceremony: no agreement is signed.", "Una cerimonia inventata: nessun accordo viene firmato.", "虚构的仪式：不签署任何协议。")),
]  # fmt: skip
CITIES = ["bergamo", "bologna", "naples"]
# An invented hall in each city, so that check-in at the doors can be tried on the demonstration.
VENUE_NAME = ("Demo congress hall", "Centro congressi dimostrativo", "演示会议中心")


def _moment(day: int, clock: str, zone) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(FIRST_DAY + dt.timedelta(days=day), dt.time(hour, minute), zone)


def load() -> Edition:
    """Create or refresh the demonstration edition and its programme; returns the edition."""
    edition, _created = Edition.objects.update_or_create(
        year=YEAR,
        defaults={
            "ordinal": 0,
            "is_demo": True,
            "host_country": "IT",
            "time_zone": TIME_ZONE,
            "start_date": FIRST_DAY,
            "end_date": FIRST_DAY + dt.timedelta(days=2),
            "status": Edition.Status.PLANNED,
            **tr("title", *TITLE),
            **tr("summary", *SUMMARY),
            # The model's default is the English wording in every language.
            **tr("formats", *FORMATS),
        },
    )
    cities = {c.slug: c for c in City.objects.filter(slug__in=CITIES)}
    for order, slug in enumerate(CITIES):
        EditionCity.objects.update_or_create(
            edition=edition, city=cities[slug], defaults={"order": order}
        )
    for slug in CITIES:
        Venue.objects.update_or_create(
            edition=edition, city=cities[slug], defaults=tr("name", *VENUE_NAME)
        )
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    zone = edition.zone
    for row in SESSIONS:
        slug, kind, city, day, start, end, area_slugs, languages, interpretation, title, text = row
        session, _created = ProgrammeSession.objects.update_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "kind": kind,
                "city": cities[city],
                "start": _moment(day, start, zone),
                "end": _moment(day, end, zone),
                "languages": languages,
                "interpretation": interpretation,
                **tr("title", *title),
                **tr("description", *text),
            },
        )
        session.areas.set([areas[a] for a in area_slugs])
    return edition
