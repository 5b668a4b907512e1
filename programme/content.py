"""Editions of the Week named in the seeds (6th 2015, 7th 2016, 8th 2017)."""

import datetime as dt

from portal.content import tr
from portal.models import City
from programme.models import Edition, EditionCity

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
