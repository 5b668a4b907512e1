"""Missions and roadshows named in the seeds."""

import datetime as dt
from typing import Any

from events.content_activities import ACTIVITIES
from events.models import Activity, ActivityPerson, DelegationMember, Mission, Stop
from portal.core.content import tr
from portal.core.models import City, Organisation
from programme.models import Edition

HEAD, MEMBER = DelegationMember.Role.HEAD, DelegationMember.Role.MEMBER
EMPTY = ("", "", "")

MISSIONS: list[dict[str, Any]] = [
    {
        "slug": "roadshow-2016-south-west-china", "kind": Mission.Kind.ROADSHOW,
        "start": dt.date(2016, 4, 16), "end": dt.date(2016, 4, 29), "countries": ["CN"],
        "edition": 2016, "status": Mission.Status.DONE,
        "promoters": ["miur", "most", "consulate-italy-chongqing", "ittn", "bmstc"],
        "organisers": ["citta-della-scienza"],
        "title": (
            "Roadshow of the 2016 Week: Shenzhen, Shanghai, Chengdu, Chongqing",
            "Roadshow della Settimana 2016: Shenzhen, Shanghai, Chengdu, Chongqing",
            "2016年创新合作周路演：深圳、上海、成都、重庆",
        ),
        "purpose": (
            "Four steps, four cities, four bridges of cooperation between Italy and China on technology, research and innovation, in view of the 2016 Week in Italy.",
            "Quattro tappe, quattro città, quattro ponti di cooperazione tra Italia e Cina su tecnologia, ricerca e innovazione, in vista della Settimana 2016 in Italia.",
            "四站、四城、四座中意科技研究与创新合作之桥，为2016年在意大利举办的创新合作周预热。",
        ),
        "summary": (
            "A roadshow across the South and South-West of China to build synergies and discuss exchange opportunities before the 7th Week (Italy, 25–27 October 2016).",
            "Un roadshow nel Sud e nel Sud-Ovest della Cina per creare sinergie e discutere opportunità di scambio in vista della 7ª Settimana (Italia, 25–27 ottobre 2016).",
            "在中国南部和西南部开展的路演，旨在为第七届创新合作周（意大利，2016年10月25日至27日）凝聚合力、探讨交流机会。",
        ),
        "stops": [
            ("shenzhen", dt.date(2016, 4, 16), dt.date(2016, 4, 17)),
            ("shanghai", dt.date(2016, 4, 21), dt.date(2016, 4, 21)),
            ("chengdu", dt.date(2016, 4, 25), dt.date(2016, 4, 26)),
            ("chongqing", dt.date(2016, 4, 27), dt.date(2016, 4, 29)),
        ],
        "outcomes": (
            "Intention of the University of Electronic Science and Technology of China to cooperate with Italy in Health and Smart Cities\nMoU of the Sino-Italian Laboratory of Smart Biomaterials signed in Chongqing",
            "Intenzione dell'Università di Scienza e Tecnologia Elettronica della Cina di cooperare con l'Italia in Salute e Smart Cities\nFirmato a Chongqing il MoU del Laboratorio sino-italiano di biomateriali intelligenti",
            "电子科技大学表示愿与意大利在健康和智慧城市领域开展合作\n在重庆签署中意智能生物材料联合实验室谅解备忘录",
        ),
        "delegation": [
            ("Vincenzo Lipardi", "citta-della-scienza", HEAD, ("CEO", "Amministratore delegato", "首席执行官")),
            ("", "bmstc", MEMBER, ("Chinese partner of the programme", "Partner cinese del programma", "项目中方合作伙伴")),
            ("", "ittn", MEMBER, ("Chinese partner of the programme", "Partner cinese del programma", "项目中方合作伙伴")),
        ],
    },
    {
        "slug": "mission-2016-chongqing-sichuan", "kind": Mission.Kind.INSTITUTIONAL,
        "start": dt.date(2016, 4, 25), "end": dt.date(2016, 4, 30), "countries": ["CN"],
        "edition": 2016, "status": Mission.Status.DONE,
        "promoters": ["miur"], "organisers": ["citta-della-scienza"],
        "title": (
            "Mission to Chongqing Municipality and Sichuan Province",
            "Missione nella Municipalità di Chongqing e nella Provincia del Sichuan",
            "重庆市和四川省考察访问",
        ),
        "purpose": (
            "To learn about and explore the potential of these territories, meet new partners and bring new Chinese operators into the exchange programme.",
            "Conoscere ed esplorare le potenzialità di questi territori, incontrare nuovi partner e coinvolgere nuovi operatori cinesi nel programma di scambio.",
            "了解和挖掘这些地区的潜力，结识新的合作伙伴，吸引更多中国机构加入交流项目。",
        ),
        "summary": (
            "With BMSTC and ITTN at every stage and the Consulate General of Italy in Chongqing, the mission highlighted three focuses: postgraduate training of Italian and Chinese students, the teaching of Italian in China and of Chinese in Italy.",
            "Con BMSTC e ITTN in ogni tappa e il Consolato Generale d'Italia a Chongqing, la missione ha individuato tre focus: la formazione post-laurea di studenti italiani e cinesi, l'insegnamento dell'italiano in Cina e del cinese in Italia.",
            "北京市科学技术委员会和国际技术转移协作网络全程参与，并得到意大利驻重庆总领事馆的支持。此次访问确定了三个重点：中意学生的研究生培养、在中国推广意大利语教学以及在意大利推广汉语教学。",
        ),
        "stops": [
            ("chengdu", dt.date(2016, 4, 25), dt.date(2016, 4, 26)),
            ("chongqing", dt.date(2016, 4, 27), dt.date(2016, 4, 30)),
        ],
        "outcomes": (
            "Focus: postgraduate training of Italian and Chinese students\nFocus: teaching of the Italian language in China\nFocus: teaching of the Chinese language in Italy\nAcademic institutions, research centres and new Chinese districts willing to take part in the next Week and to work with Città della Scienza",
            "Focus: formazione post-laurea di studenti italiani e cinesi\nFocus: diffusione dell'insegnamento della lingua italiana in Cina\nFocus: diffusione dell'insegnamento della lingua cinese in Italia\nIstituzioni accademiche, centri di ricerca e nuovi distretti cinesi disponibili a partecipare alla prossima Settimana e a collaborare con Città della Scienza",
            "重点：中意学生的研究生培养\n重点：在中国推广意大利语教学\n重点：在意大利推广汉语教学\n中国高校、研究中心和新兴园区愿意参加下一届创新合作周并与那不勒斯科学城开展合作",
        ),
        "delegation": [
            ("Vincenzo Lipardi", "citta-della-scienza", HEAD, ("CEO", "Amministratore delegato", "首席执行官")),
            ("", "bmstc", MEMBER, ("Chinese partner of the programme", "Partner cinese del programma", "项目中方合作伙伴")),
            ("", "ittn", MEMBER, ("Chinese partner of the programme", "Partner cinese del programma", "项目中方合作伙伴")),
        ],
    },
    {
        "slug": "mission-2017-beijing", "kind": Mission.Kind.INSTITUTIONAL,
        "start": dt.date(2017, 1, 12), "end": dt.date(2017, 1, 18), "countries": ["CN"],
        "edition": 2017, "status": Mission.Status.DONE,
        "promoters": ["miur"], "organisers": ["citta-della-scienza"],
        "title": ("Mission to Beijing", "Missione a Pechino", "北京访问"),
        "purpose": (
            "On behalf of the Ministry of Education, University and Research, to meet the main Chinese partners of the programme.",
            "Per conto del Ministero dell'Istruzione, dell'Università e della Ricerca, incontrare i principali partner cinesi del programma.",
            "受意大利教育、大学与科研部委托，会见该项目的主要中方合作伙伴。",
        ),
        "summary": (
            "Meetings with the Beijing Association for Science and Technology, the Beijing Municipal Science & Technology Commission and the International Technology Transfer Network, and the III Meeting of the Italian Business Community in China at Yanqi Lake.",
            "Incontri con l'Associazione per la Scienza e la Tecnologia di Pechino, la Commissione per la Scienza e la Tecnologia di Pechino e l'International Technology Transfer Network, e il III Incontro della comunità d'affari italiana in Cina al lago Yanqi.",
            "会见北京市科学技术协会、北京市科学技术委员会和国际技术转移协作网络，并出席在雁栖湖举行的第三届在华意大利商界大会。",
        ),
        "stops": [("beijing", dt.date(2017, 1, 12), dt.date(2017, 1, 18))],
        "delegation": [
            ("Vincenzo Lipardi", "citta-della-scienza", HEAD, ("Secretary General", "Segretario generale", "秘书长")),
        ],
    },
]  # fmt: skip


def _load_mission(row: dict[str, Any], cities: dict, orgs: dict, editions: dict) -> None:
    mission, _created = Mission.objects.update_or_create(
        slug=row["slug"],
        defaults={
            "kind": row["kind"],
            "start_date": row["start"],
            "end_date": row["end"],
            "countries": row["countries"],
            "edition": editions.get(row["edition"]),
            "status": row["status"],
            **tr("title", *row["title"]),
            **tr("purpose", *row["purpose"]),
            **tr("summary", *row["summary"]),
            **tr("outcomes", *row.get("outcomes", EMPTY)),
        },
    )
    mission.promoters.set([orgs[slug] for slug in row["promoters"]])
    mission.organisers.set([orgs[slug] for slug in row["organisers"]])
    for order, (city, start, end) in enumerate(row["stops"], start=1):
        Stop.objects.update_or_create(
            mission=mission,
            order=order,
            defaults={
                "city": cities[city],
                "start_date": start,
                "end_date": end,
                "time_zone": cities[city].time_zone,
            },
        )
    members = row.get("delegation", [])
    for order, (name, org, role, position) in enumerate(members):
        DelegationMember.objects.update_or_create(
            mission=mission,
            order=order,
            defaults={
                "name": name,
                "organisation": orgs[org] if org else None,
                "role": role,
                **tr("position", *position),
            },
        )
    mission.delegation.filter(order__gte=len(members)).delete()


def _load_activity(row: dict[str, Any], orgs: dict) -> None:
    stop = Stop.objects.get(mission__slug=row["mission"], order=row["stop"])
    fields = {
        "end_date": row.get("end"),
        "order": row["order"],
        "host": orgs[row["host"]] if row.get("host") else None,
        **tr("title", *row["title"]),
        **tr("venue", *row.get("venue", EMPTY)),
        **tr("host_name", *row.get("host_name", EMPTY)),
        **tr("summary", *row.get("summary", EMPTY)),
        **tr("outcomes", *row.get("outcomes", EMPTY)),
    }
    if row["kind"] == Activity.Kind.SIGNING:
        # Agreements find the signing ceremony by its stop, kind and day: keep that key.
        activity, _created = Activity.objects.update_or_create(
            stop=stop, kind=row["kind"], date=row["date"], defaults=fields
        )
    else:
        activity, _created = Activity.objects.exclude(kind=Activity.Kind.SIGNING).update_or_create(
            stop=stop,
            date=row["date"],
            order=row["order"],
            defaults={"kind": row["kind"], **fields},
        )
    activity.organisations.set([orgs[slug] for slug in row.get("others", [])])
    people = row.get("people", [])
    for order, (name, org, role, *native) in enumerate(people):
        ActivityPerson.objects.update_or_create(
            activity=activity,
            order=order,
            defaults={
                "name": name,
                # The native form only where public record gives it (Wan Gang: 万钢).
                "native_name": native[0] if native else "",
                "organisation": orgs[org] if org else None,
                **tr("role", *role),
            },
        )
    activity.people.filter(order__gte=len(people)).delete()


def load() -> None:
    cities = {c.slug: c for c in City.objects.all()}
    orgs = {o.slug: o for o in Organisation.objects.all()}
    editions = {e.year: e for e in Edition.objects.all()}
    for row in MISSIONS:
        _load_mission(row, cities, orgs, editions)
    for row in ACTIVITIES:
        _load_activity(row, orgs)
