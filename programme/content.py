"""Editions of the Week named in the seeds (6th 2015, 7th 2016, 8th 2017)."""

import datetime as dt
from zoneinfo import ZoneInfo

from portal.content import tr
from portal.models import City, ThematicArea
from programme.models import Edition, EditionCity, ProgrammeSession

FORMATS = (
    "China–Italy Innovation Forum · Sino-Italian Exchange Event",
    "Forum Italia-Cina per l'innovazione · Sino-Italian Exchange Event",
    "中意创新论坛 · 中意交流活动",
)

EDITIONS = [
    {
        "ordinal": 6, "year": 2015, "host_country": "CN", "time_zone": "Asia/Shanghai",
        "start_date": None, "end_date": None,
        "period": ("November 2015", "novembre 2015", "2015年11月"),
        "title": (
            "6th China–Italy Science, Technology & Innovation Week",
            "6ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione",
            "第六届中意创新合作周",
        ),
        "summary": (
            "Held in China, with a stage in Chongqing Municipality: the Bishan People's Square and the Hechuan District hosted the Italian Minister of Research Stefania Giannini, and many cooperation agreements between research centres, universities and Italian and Chinese organisations were signed there. Agriculture, aerospace and digital fabrication drew the most participants and project proposals.",
            "Svolta in Cina, con una tappa nella Municipalità di Chongqing: la piazza del Popolo di Bishan e il distretto di Hechuan hanno accolto il Ministro della Ricerca Stefania Giannini, e vi sono stati firmati numerosi accordi di cooperazione tra centri di ricerca, università e organizzazioni italiane e cinesi. Agricoltura, aerospazio e fabbricazione digitale hanno raccolto più partecipanti e proposte di progetto.",
            "在中国举办，并设重庆分站：璧山人民广场和合川区接待了意大利教育、大学与科研部部长斯特凡尼娅·詹尼尼，中意两国科研机构、大学和企业在此签署了多项合作协议。农业、航空航天和数字制造领域的参与者和项目提案最多。",
        ),
        "status": Edition.Status.CLOSED,
        "cities": [("chongqing", ("Bishan and Hechuan districts", "Distretti di Bishan e Hechuan", "璧山区和合川区"))],
        "reported": {},
    },
    {
        "ordinal": 7, "year": 2016, "host_country": "IT", "time_zone": "Europe/Rome",
        "start_date": dt.date(2016, 10, 25), "end_date": dt.date(2016, 10, 27),
        "period": ("", "", ""),
        "title": (
            "7th China–Italy Science, Technology & Innovation Week",
            "7ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione",
            "第七届中意创新合作周",
        ),
        "summary": (
            "Held in Italy from 25 to 27 October 2016 in Bergamo, Bologna and Naples, with two regional focuses (advanced manufacturing in Bergamo, agrifood in Bologna), the first Italy–China Best Startup Showcase and the Digital Fabrication Zone. 10 new cooperation agreements were signed at the institutional ceremony, among them the agreement setting up the China–Italy Technology Transfer Centre.",
            "Svolta in Italia dal 25 al 27 ottobre 2016 a Bergamo, Bologna e Napoli, con due focus regionali (manifattura avanzata a Bergamo, agroalimentare a Bologna), la prima Italy–China Best Startup Showcase e la Digital Fabrication Zone. Alla cerimonia istituzionale sono stati firmati 10 nuovi accordi di cooperazione, tra cui quello che istituisce il Centro di trasferimento tecnologico Italia-Cina.",
            "2016年10月25日至27日在意大利贝加莫、博洛尼亚和那不勒斯举办，设两个地区专题（贝加莫的先进制造、博洛尼亚的农业食品），首次举办中意最佳创业企业展示和数字制造专区。在官方签约仪式上签署了10项新的合作协议，其中包括成立中意技术转移中心的协议。",
        ),
        "status": Edition.Status.CLOSED,
        "cities": [
            ("bergamo", ("Advanced manufacturing", "Manifattura avanzata", "先进制造")),
            ("bologna", ("Agrifood", "Agroalimentare", "农业食品")),
            ("naples", ("", "", "")),
        ],
        "reported": {
            "reported_participants": 2000, "reported_participants_italy": 1500,
            "reported_participants_china": 650, "reported_conferences": 10, "reported_seminars": 27,
            "reported_b2b_meetings": 600, "reported_agreements": 10, "reported_projects": 80,
        },
    },
    {
        "ordinal": 8, "year": 2017, "host_country": "CN", "time_zone": "Asia/Shanghai",
        "start_date": None, "end_date": None,
        "period": ("October 2017", "ottobre 2017", "2017年10月"),
        "title": (
            "8th China–Italy Science, Technology & Innovation Week",
            "8ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione",
            "第八届中意创新合作周",
        ),
        "summary": (
            "Held in China in October 2017, promoted by the Italian Ministry of Education, University and Research and the Chinese Ministry of Science and Technology; its organisation was discussed with the Beijing Municipal Science & Technology Commission during the January 2017 mission.",
            "Svolta in Cina nell'ottobre 2017, promossa dal Ministero dell'Istruzione, dell'Università e della Ricerca e dal Ministero cinese della Scienza e della Tecnologia; la sua organizzazione è stata discussa con la Commissione per la Scienza e la Tecnologia di Pechino durante la missione del gennaio 2017.",
            "2017年10月在中国举办，由意大利教育、大学与科研部和中国科学技术部共同推动；其筹备工作在2017年1月的访华期间与北京市科学技术委员会进行了讨论。",
        ),
        "status": Edition.Status.CLOSED,
        "cities": [],
        "reported": {},
    },
]  # fmt: skip


K = ProgrammeSession.Kind
ALL = "en, it, zh"

# The 2016 programme, made only of sessions the seeds name or imply: the opening, the two
# formats back to back, conferences on the eight thematic areas (two of them the regional
# focuses of Bergamo and Bologna), thematic seminars, B2B sessions, the first Best Startup
# Showcase, the Digital Fabrication Zone and the institutional signing ceremony. The seeds
# give the cities and days, not the clock times nor the venues: times are plausible, venues
# left empty, and no speaker is named.
# slug, kind, city, day of October 2016, start, end, areas, languages, interpretation,
# title (en, it, zh), description (en, it, zh)
SESSIONS_2016 = [
    ("opening", K.OPENING, "bergamo", 25, "09:30", "10:30", [], ALL, True,
     ("Opening of the 7th China–Italy Science, Technology & Innovation Week", "Apertura della 7ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione", "第七届中意创新合作周开幕式"),
     ("The Week, promoted by the Italian Ministry of Education, University and Research and the Chinese Ministry of Science and Technology, opens in Bergamo.", "La Settimana, promossa dal Ministero dell'Istruzione, dell'Università e della Ricerca e dal Ministero cinese della Scienza e della Tecnologia, si apre a Bergamo.", "由意大利教育、大学与科研部和中国科学技术部共同推动的创新合作周在贝加莫开幕。")),
    ("innovation-forum", K.PLENARY, "bergamo", 25, "10:30", "13:00", [], ALL, True,
     ("China–Italy Innovation Forum", "Forum Italia-Cina per l'innovazione", "中意创新论坛"),
     ("The first of the two formats held back to back: Italian and Chinese research institutes, universities and enterprises present their technologies and cooperation proposals.", "Il primo dei due format organizzati back to back: istituti di ricerca, università e imprese italiane e cinesi presentano tecnologie e proposte di cooperazione.", "背靠背举办的两个活动中的第一个：中意两国的科研机构、大学和企业展示其技术和合作提案。")),
    ("conference-industry-4-0", K.CONFERENCE, "bergamo", 25, "14:00", "15:30", ["industry-4-0"], ALL, True,
     ("Regional focus Bergamo: advanced manufacturing systems and Industry 4.0", "Focus regionale Bergamo: sistemi di manifattura avanzata e Industria 4.0", "贝加莫地区专题：先进制造系统与工业4.0"),
     ("Conference of the regional focus on advanced manufacturing systems, one of the two regional focuses introduced in 2016.", "Conferenza del focus regionale sui sistemi di manifattura avanzata, uno dei due focus regionali introdotti nel 2016.", "先进制造系统地区专题会议，这是2016年新设的两个地区专题之一。")),
    ("conference-infrastructures", K.CONFERENCE, "bergamo", 25, "15:45", "17:15", ["infrastructures"], ALL, True,
     ("Conference: Infrastructures and Transportation", "Conferenza: Infrastrutture e trasporti", "会议：基础设施与交通"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("seminars-advanced-manufacturing", K.SEMINAR, "bergamo", 25, "14:00", "17:00", ["industry-4-0"], "en, it", False,
     ("Thematic seminars: advanced manufacturing", "Seminari tematici: manifattura avanzata", "专题研讨会：先进制造"),
     ("Thematic seminars between Italian and Chinese operators on advanced manufacturing.", "Seminari tematici tra operatori italiani e cinesi sulla manifattura avanzata.", "中意双方围绕先进制造举行的专题研讨会。")),
    ("digital-fabrication-zone", K.FABRICATION, "bergamo", 25, "10:00", "18:00", ["industry-4-0"], "en, it", False,
     ("Digital Fabrication Zone", "Digital Fabrication Zone", "数字制造专区"),
     ("First edition of the Digital Fabrication Zone, supporting cooperation in the field of digital fabrication.", "Prima edizione della Digital Fabrication Zone, a sostegno della cooperazione nel campo della fabbricazione digitale.", "首届数字制造专区，支持数字制造领域的合作。")),
    ("b2b-bergamo", K.B2B, "bergamo", 25, "14:00", "18:00", ["industry-4-0"], "en", False,
     ("B2B meetings in Bergamo", "Incontri B2B a Bergamo", "贝加莫B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between Italian and Chinese organisations.", "Incontri individuali programmati tra organizzazioni italiane e cinesi.", "中意机构之间预先安排的一对一洽谈。")),
    ("conference-agrifood", K.CONFERENCE, "bologna", 26, "09:30", "11:30", ["agrifood"], ALL, True,
     ("Regional focus Bologna: agrifood", "Focus regionale Bologna: agroalimentare", "博洛尼亚地区专题：农业食品"),
     ("Conference of the regional focus on agrifood, on Agriculture and Food Safety.", "Conferenza del focus regionale sull'agroalimentare, su agricoltura e sicurezza alimentare.", "农业食品地区专题会议，聚焦农业与食品安全。")),
    ("conference-environment", K.CONFERENCE, "bologna", 26, "11:45", "13:15", ["environment"], ALL, True,
     ("Conference: Environment and Sustainable Energy", "Conferenza: Ambiente ed energia sostenibile", "会议：环境与可持续能源"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("seminars-agrifood", K.SEMINAR, "bologna", 26, "14:30", "17:00", ["agrifood"], "en, it", False,
     ("Thematic seminars: agrifood", "Seminari tematici: agroalimentare", "专题研讨会：农业食品"),
     ("Thematic seminars between Italian and Chinese operators on agrifood.", "Seminari tematici tra operatori italiani e cinesi sull'agroalimentare.", "中意双方围绕农业食品举行的专题研讨会。")),
    ("b2b-bologna", K.B2B, "bologna", 26, "14:30", "18:00", ["agrifood"], "en", False,
     ("B2B meetings in Bologna", "Incontri B2B a Bologna", "博洛尼亚B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between Italian and Chinese organisations.", "Incontri individuali programmati tra organizzazioni italiane e cinesi.", "中意机构之间预先安排的一对一洽谈。")),
    ("sino-italian-exchange-event", K.PLENARY, "naples", 27, "09:30", "11:00", [], ALL, True,
     ("Sino-Italian Exchange Event", "Sino-Italian Exchange Event", "中意交流活动"),
     ("The second format held back to back with the Innovation Forum: the Campania Region's programme for the internationalisation of research and innovation systems.", "Il secondo format organizzato back to back con il Forum per l'innovazione: il programma della Regione Campania per l'internazionalizzazione dei sistemi di ricerca e innovazione.", "与创新论坛背靠背举办的第二个活动：坎帕尼亚大区的研究与创新体系国际化项目。")),
    ("conference-health", K.CONFERENCE, "naples", 27, "11:15", "12:45", ["health"], ALL, True,
     ("Conference: Health", "Conferenza: Salute", "会议：健康"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("conference-smart-cities", K.CONFERENCE, "naples", 27, "11:15", "12:45", ["smart-cities"], ALL, True,
     ("Conference: Sustainable Urbanization (Smart Cities)", "Conferenza: Urbanizzazione sostenibile (Smart Cities)", "会议：可持续城镇化（智慧城市）"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("conference-aerospace", K.CONFERENCE, "naples", 27, "14:00", "15:30", ["aerospace"], ALL, True,
     ("Conference: Aerospace", "Conferenza: Aerospazio", "会议：航空航天"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("conference-creative-industries", K.CONFERENCE, "naples", 27, "14:00", "15:30", ["creative-industries"], ALL, True,
     ("Conference: Creative Culture and Industries", "Conferenza: Cultura e industrie creative", "会议：文化创意产业"),
     ("Conference on one of the eight thematic areas of the programme.", "Conferenza su una delle otto aree tematiche del programma.", "关于该项目八个主题领域之一的会议。")),
    ("b2b-naples", K.B2B, "naples", 27, "09:30", "13:00", [], "en", False,
     ("B2B meetings in Naples", "Incontri B2B a Napoli", "那不勒斯B2B洽谈"),
     ("Pre-scheduled one-to-one meetings between Italian and Chinese organisations.", "Incontri individuali programmati tra organizzazioni italiane e cinesi.", "中意机构之间预先安排的一对一洽谈。")),
    ("best-startup-showcase", K.SHOWCASE, "naples", 27, "15:30", "17:00", [], "en", False,
     ("Italy–China Best Startup Showcase", "Italy–China Best Startup Showcase", "中意最佳创业企业展示"),
     ("The first edition of the showcase: innovative Italian and Chinese startups pitch to investors and partners.", "La prima edizione della showcase: startup innovative italiane e cinesi si presentano a investitori e partner.", "首届展示活动：中意创新创业企业向投资者和合作伙伴进行路演。")),
    ("signing-ceremony", K.SIGNING, "naples", 27, "17:30", "18:30", [], ALL, True,
     ("Institutional signing ceremony", "Cerimonia istituzionale di firma", "官方签约仪式"),
     ("10 new cooperation agreements are signed, among them the agreement setting up the China–Italy Technology Transfer Centre between MOST and BMSTC on the Chinese side and the Ministry of Research, the University of Bergamo, the University of Naples Federico II, Città della Scienza and Netval on the Italian side.", "Vengono firmati 10 nuovi accordi di cooperazione, tra cui quello che istituisce il Centro di trasferimento tecnologico Italia-Cina tra MOST e BMSTC per la parte cinese e Ministero della Ricerca, Università di Bergamo, Università di Napoli Federico II, Città della Scienza e Netval per la parte italiana.", "签署10项新的合作协议，其中包括成立中意技术转移中心的协议，中方为科技部和北京市科委，意方为意大利教育、大学与科研部、贝加莫大学、那不勒斯费德里科二世大学、那不勒斯科学城和Netval。")),
]  # fmt: skip


def _moment(day: int, clock: str, zone: ZoneInfo) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime(2016, 10, day, hour, minute, tzinfo=zone)


def load_programme_2016() -> None:
    edition = Edition.objects.get(year=2016)
    zone = edition.zone
    cities = {c.slug: c for c in City.objects.all()}
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    for row in SESSIONS_2016:
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


def load() -> None:
    cities = {c.slug: c for c in City.objects.all()}
    for row in EDITIONS:
        edition, _created = Edition.objects.update_or_create(
            year=row["year"],
            defaults={
                "ordinal": row["ordinal"],
                "host_country": row["host_country"],
                "time_zone": row["time_zone"],
                "start_date": row["start_date"],
                "end_date": row["end_date"],
                "status": row["status"],
                **tr("title", *row["title"]),
                **tr("summary", *row["summary"]),
                **tr("period", *row["period"]),
                **tr("formats", *FORMATS),
                **row["reported"],
            },
        )
        for order, (slug, focus) in enumerate(row["cities"]):
            EditionCity.objects.update_or_create(
                edition=edition, city=cities[slug], defaults={"order": order, **tr("focus", *focus)}
            )
    load_programme_2016()
