"""Editions of the Week named in the seeds (6th 2015, 7th 2016, 8th 2017)."""

import datetime as dt

from portal.core.content import tr
from portal.core.models import City, ThematicArea
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
            "第六届中意科技创新合作周",
        ),
        "summary": (
            "Held in China, with a stage in Chongqing Municipality: the Bishan People's Square and the Hechuan District hosted the Italian Minister of Research Stefania Giannini, and many cooperation agreements between research centres, universities and important Italian and Chinese organisations were signed there. Agriculture, aerospace and digital fabrication were successful topics in terms of participation and proposed projects.",
            "Svolta in Cina, con una tappa nella Municipalità di Chongqing: la piazza del Popolo di Bishan e il distretto di Hechuan hanno accolto il Ministro della Ricerca Stefania Giannini, e vi sono stati firmati numerosi accordi di cooperazione tra centri di ricerca, università e importanti organizzazioni italiane e cinesi. Agricoltura, aerospazio e fabbricazione digitale hanno avuto successo per partecipazione e progetti proposti.",
            "在中国举办，并设重庆分站：璧山人民广场和合川区接待了意大利教育、大学与科研部部长斯特凡尼娅·詹尼尼，中意两国科研机构、大学和重要机构在此签署了多项合作协议。农业、航空航天和数字制造领域在参与度和项目提案方面均取得了成功。",
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
            "第七届中意科技创新合作周",
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
        "reported_note": (
            "As reported by the programme: “over 2,000 players (of which 1,500 Italians and 650 Chinese)”; 600 B2B meetings were scheduled; 80 partnership projects had landed in China in 2016.",
            "Come riportato dal programma: «oltre 2.000 partecipanti (di cui 1.500 italiani e 650 cinesi)»; sono stati programmati 600 incontri B2B; nel 2016 sono approdati in Cina 80 progetti di partenariato.",
            "据项目方报道：“超过2,000名参与者（其中意方1,500名，中方650名）”；共安排了600场B2B洽谈；2016年已有80个合作项目在中国落地。",
        ),
    },
    {
        "ordinal": 8, "year": 2017, "host_country": "CN", "time_zone": "Asia/Shanghai",
        "start_date": None, "end_date": None,
        "period": ("October 2017", "ottobre 2017", "2017年10月"),
        "title": (
            "8th China–Italy Science, Technology & Innovation Week",
            "8ª Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione",
            "第八届中意科技创新合作周",
        ),
        "summary": (
            "Announced in January 2017: the Week, promoted by the Italian Ministry of Education, University and Research and the Chinese Ministry of Science and Technology, “will be held next October in China”. Its activities were discussed with the leaders of the Beijing Municipal Commission for Science and Technology during the January 2017 mission. The programme's texts do not report on how it went.",
            "Annunciata nel gennaio 2017: la Settimana, promossa dal Ministero dell'Istruzione, dell'Università e della Ricerca e dal Ministero cinese della Scienza e della Tecnologia, «si terrà il prossimo ottobre in Cina». Le sue attività sono state discusse con i vertici della Commissione municipale per la Scienza e la Tecnologia di Pechino durante la missione del gennaio 2017. I testi del programma non ne riportano lo svolgimento.",
            "2017年1月宣布：由意大利教育、大学与科研部和中华人民共和国科学技术部共同推动的创新合作周“将于今年10月在中国举办”。2017年1月访华期间，与北京市科学技术委员会领导讨论了相关活动的筹备工作。项目文本未报道其举办情况。",
        ),
        "status": Edition.Status.ANNOUNCED,
        "cities": [],
        "reported": {},
    },
]  # fmt: skip


K = ProgrammeSession.Kind

# The 2016 programme holds only what the seeds state (seed 003): the two formats held back to
# back, the two regional focuses (advanced manufacturing in Bergamo, agrifood in Bologna), the
# B2B meetings, the first Best Startup Showcase, the Digital Fabrication Zone and the
# institutional signing ceremony. The seeds give neither days, clock times, venues nor
# speakers, and a city only for the regional focuses: those stay empty, and the pages say
# "to be confirmed". The 10 conferences and 27 seminars are reported figures of the edition,
# not sessions the seeds name one by one.
# slug, kind, city or None, areas, title (en, it, zh), description (en, it, zh)
SESSIONS_2016 = [
    ("innovation-forum", K.PLENARY, None, [],
     ("China–Italy Innovation Forum", "Forum Italia-Cina per l'innovazione", "中意创新论坛"),
     ("One of the two formats the Week brings together back to back, where Italian and Chinese operators exchange information, present their technologies and take part in B2B meetings.", "Uno dei due format che la Settimana riunisce in sequenza, in cui operatori italiani e cinesi si scambiano informazioni, presentano le proprie tecnologie e partecipano a incontri B2B.", "合作周连续举办的两项活动之一，中意双方机构在此交流信息、展示技术并参加B2B洽谈。")),
    ("sino-italian-exchange-event", K.PLENARY, None, [],
     ("Sino-Italian Exchange Event", "Sino-Italian Exchange Event", "中意交流活动"),
     ("The second format held back to back with the Innovation Forum.", "Il secondo format, organizzato subito dopo il Forum Italia-Cina per l'innovazione.", "紧接中意创新论坛举办的第二项活动。")),
    ("regional-focus-bergamo", K.CONFERENCE, "bergamo", ["industry-4-0"],
     ("Regional focus in Bergamo: advanced manufacturing systems", "Focus regionale a Bergamo: sistemi di manifattura avanzata", "贝加莫地区专题：先进制造系统"),
     ("One of the two regional focuses introduced in 2016.", "Uno dei due focus regionali introdotti nel 2016.", "2016年新设的两个地区专题之一。")),
    ("regional-focus-bologna", K.CONFERENCE, "bologna", ["agrifood"],
     ("Regional focus in Bologna: agrifood", "Focus regionale a Bologna: agroalimentare", "博洛尼亚地区专题：农业食品"),
     ("One of the two regional focuses introduced in 2016.", "Uno dei due focus regionali introdotti nel 2016.", "2016年新设的两个地区专题之一。")),
    ("b2b-meetings", K.B2B, None, [],
     ("B2B meetings", "Incontri B2B", "B2B洽谈"),
     ("600 B2B meetings were scheduled.", "Sono stati programmati 600 incontri B2B.", "共安排了600场B2B洽谈。")),
    ("best-startup-showcase", K.SHOWCASE, None, [],
     ("Italy–China Best Startup Showcase", "Italy–China Best Startup Showcase", "中意最佳创业企业展示"),
     ("The first edition of the showcase.", "La prima edizione della showcase.", "首届展示活动。")),
    ("digital-fabrication-zone", K.FABRICATION, None, ["industry-4-0"],
     ("Digital Fabrication Zone", "Digital Fabrication Zone", "数字制造专区"),
     ("Organised for the first time in 2016.", "Organizzata per la prima volta nel 2016.", "2016年首次设立。")),
    ("signing-ceremony", K.SIGNING, None, [],
     ("Institutional signing ceremony", "Cerimonia istituzionale di firma", "官方签约仪式"),
     ("10 new cooperation agreements were signed, among them the agreement setting up the China–Italy Technology Transfer Centre between MOST and BMSTC on the Chinese side and the Ministry of Research, the University of Bergamo, the University of Naples Federico II, Città della Scienza and Netval on the Italian side.", "Sono stati firmati 10 nuovi accordi di cooperazione, tra cui quello che istituisce il Centro di trasferimento tecnologico Italia-Cina tra MOST e BMSTC per la parte cinese e Ministero della Ricerca, Università di Bergamo, Università di Napoli Federico II, Città della Scienza e Netval per la parte italiana.", "签署了10项新的合作协议，其中包括成立中意技术转移中心的协议，中方为科技部和北京市科委，意方为意大利教育、大学与科研部、贝加莫大学、那不勒斯费德里科二世大学、那不勒斯科学城和Netval。")),
]  # fmt: skip


def load_programme_2016() -> None:
    edition = Edition.objects.get(year=2016)
    cities = {c.slug: c for c in City.objects.all()}
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    for slug, kind, city, area_slugs, title, text in SESSIONS_2016:
        session, _created = ProgrammeSession.objects.update_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "kind": kind,
                "city": cities[city] if city else None,
                "start": None,
                "end": None,
                "venue": None,
                "languages": "",
                "interpretation": False,
                **tr("title", *title),
                **tr("description", *text),
            },
        )
        session.areas.set([areas[a] for a in area_slugs])
    # Sessions an earlier version of this loader invented (times, conferences per area) go.
    ProgrammeSession.objects.filter(edition=edition).exclude(
        slug__in=[row[0] for row in SESSIONS_2016]
    ).delete()


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
                **tr("reported_note", *row.get("reported_note", ("", "", ""))),
            },
        )
        for order, (slug, focus) in enumerate(row["cities"]):
            EditionCity.objects.update_or_create(
                edition=edition, city=cities[slug], defaults={"order": order, **tr("focus", *focus)}
            )
    load_programme_2016()
