"""Agreements named in the seeds."""

import datetime as dt

from agreements.models import Agreement, Party, Project, StatusChange
from events.models import Activity
from portal.core import cache_versions
from portal.core.content import tr
from portal.core.models import City, Organisation, ThematicArea
from programme.models import Edition

CN_PROMOTER = ("Promoter, Chinese side", "Promotore, parte cinese", "中方发起单位")
IT_PROMOTER = ("Promoter, Italian side", "Promotore, parte italiana", "意方发起单位")

AGREEMENTS = [
    {
        "slug": "mou-sino-italian-laboratory-smart-biomaterials",
        "kind": Agreement.Kind.MOU, "signed_on": dt.date(2016, 4, 27), "period": ("", "", ""),
        "city": "chongqing", "edition": None,
        "activity": {"mission": "roadshow-2016-south-west-china", "kind": Activity.Kind.SIGNING},
        "areas": ["health"],
        "title": (
            "Memorandum of Understanding for the Sino-Italian Laboratory of Smart Biomaterials",
            "Memorandum d'intesa per il Laboratorio sino-italiano di biomateriali intelligenti",
            "中意智能生物材料联合实验室谅解备忘录",
        ),
        "summary": (
            "Signed at the opening ceremony of the Sino-Italian Laboratory of Smart Biomaterials at the Institute of Burn Research, Southwest Hospital, Chongqing, during the 2016 roadshow.",
            "Firmato alla cerimonia di inaugurazione del Laboratorio sino-italiano di biomateriali intelligenti presso l'Istituto di ricerca sulle ustioni del Southwest Hospital di Chongqing, durante il roadshow 2016.",
            "于2016年路演期间，在重庆西南医院烧伤研究所举行的中意智能生物材料联合实验室揭牌仪式上签署。",
        ),
        "parties": [
            ("southwest-hospital-burn-research", ("Chinese partner of the laboratory", "Partner cinese del laboratorio", "实验室中方合作单位"), "Prof. Jun Wu", ("", "", "")),
            ("cnr-dsctm", ("Italian partner of the laboratory", "Partner italiano del laboratorio", "实验室意方合作单位"), "Prof. Luigi Ambrosio", ("Director of the Department of Chemical Sciences and Materials Technologies of the National Research Council", "Direttore del Dipartimento di Scienze Chimiche e Tecnologie dei Materiali del Consiglio Nazionale delle Ricerche", "意大利国家研究委员会化学科学与材料技术部主任")),
        ],
    },
    {
        "slug": "china-italy-technology-transfer-centre",
        "kind": Agreement.Kind.COOPERATION, "signed_on": None,
        "period": ("October 2016, at the 7th Week", "ottobre 2016, alla 7ª Settimana", "2016年10月，第七届创新合作周期间"),
        "city": None, "edition": 2016, "activity": None, "areas": [],
        "title": (
            "Agreement setting up the China–Italy Technology Transfer Centre",
            "Accordo per l'istituzione del Centro di trasferimento tecnologico Italia-Cina",
            "关于成立中意技术转移中心的协议",
        ),
        "summary": (
            "Signed at the institutional ceremony of the 2016 Week. The centre, launched in 2010 by a memorandum between the two governments and reaffirmed in the 2012 Joint Statement, strengthens services for technology transfer, business matching, joint projects and new businesses, intellectual property, and the mobility of researchers, students and professionals.",
            "Firmato alla cerimonia istituzionale della Settimana 2016. Il centro, lanciato nel 2010 da un memorandum tra i due governi e riaffermato nella Dichiarazione congiunta del 2012, rafforza i servizi per il trasferimento tecnologico, il business matching, i progetti congiunti e le nuove imprese, la proprietà intellettuale e la mobilità di ricercatori, studenti e professionisti.",
            "在2016年创新合作周官方签约仪式上签署。该中心的构想于2010年依据两国政府间谅解备忘录提出，并在2012年联合声明中得到重申，旨在加强技术转移、商务对接、联合项目和新企业孵化、知识产权以及研究人员、学生和专业人士交流等方面的服务。",
        ),
        "parties": [
            ("most", CN_PROMOTER, "", ("", "", "")),
            ("bmstc", ("Partner, Chinese side", "Partner, parte cinese", "中方合作伙伴"), "", ("", "", "")),
            ("miur", IT_PROMOTER, "", ("", "", "")),
            ("university-of-bergamo", IT_PROMOTER, "", ("", "", "")),
            ("university-of-naples-federico-ii", IT_PROMOTER, "", ("", "", "")),
            ("citta-della-scienza", IT_PROMOTER, "", ("", "", "")),
            ("netval", IT_PROMOTER, "", ("", "", "")),
        ],
    },
]  # fmt: skip


# Partnership projects the seeds name. The 80 projects "landed in China" in 2016 are only a
# reported figure (Edition.reported_projects of 2016, loaded by programme.content).
PROJECTS = [
    {
        "slug": "sino-italian-laboratory-smart-biomaterials",
        "country": "CN", "start": dt.date(2016, 4, 27), "status": Project.Status.RUNNING,
        "organisations": ["southwest-hospital-burn-research", "cnr-dsctm"],
        "agreements": ["mou-sino-italian-laboratory-smart-biomaterials"],
        "areas": ["health"],
        "title": (
            "Sino-Italian Laboratory of Smart Biomaterials",
            "Laboratorio sino-italiano di biomateriali intelligenti",
            "中意智能生物材料联合实验室",
        ),
        "outcome": (
            "A joint laboratory opened at the Institute of Burn Research, Southwest Hospital, Chongqing, on the day its MoU was signed.",
            "Un laboratorio congiunto inaugurato presso l'Istituto di ricerca sulle ustioni del Southwest Hospital di Chongqing, il giorno della firma del suo MoU.",
            "联合实验室于谅解备忘录签署当天在重庆西南医院烧伤研究所揭牌。",
        ),
    },
]  # fmt: skip


def load() -> None:
    orgs = {o.slug: o for o in Organisation.objects.all()}
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    for row in AGREEMENTS:
        activity = None
        if row["activity"]:
            activity = Activity.objects.get(
                stop__mission__slug=row["activity"]["mission"], kind=row["activity"]["kind"]
            )
        agreement, _created = Agreement.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "kind": row["kind"],
                "signed_on": row["signed_on"],
                "city": City.objects.get(slug=row["city"]) if row["city"] else None,
                "edition": Edition.objects.get(year=row["edition"]) if row["edition"] else None,
                "activity": activity,
                "visibility": Agreement.Visibility.PUBLIC,
                **tr("title", *row["title"]),
                **tr("summary", *row["summary"]),
                **tr("signed_period", *row["period"]),
            },
        )
        agreement.areas.set([areas[slug] for slug in row["areas"]])
        for order, (slug, role, signatory, title) in enumerate(row["parties"]):
            Party.objects.update_or_create(
                agreement=agreement,
                organisation=orgs[slug],
                defaults={
                    "order": order,
                    "signatory_name": signatory,
                    **tr("role", *role),
                    **tr("signatory_title", *title),
                },
            )
        # The first step of the status history, dated on the day of signing. Where the seeds
        # give only a period ("at the 7th Week"), no day is invented: the history starts empty.
        if agreement.signed_on is None:
            StatusChange.objects.filter(agreement=agreement, from_status="").delete()
        else:
            StatusChange.objects.update_or_create(
                agreement=agreement,
                from_status="",
                defaults={
                    "to_status": agreement.status,
                    "changed_at": dt.datetime.combine(agreement.signed_on, dt.time(12), dt.UTC),
                },
            )
    for row in PROJECTS:
        project, _created = Project.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "country": row["country"],
                "start_date": row["start"],
                "status": row["status"],
                **tr("title", *row["title"]),
                **tr("outcome", *row["outcome"]),
            },
        )
        project.organisations.set([orgs[slug] for slug in row["organisations"]])
        project.agreements.set(Agreement.objects.filter(slug__in=row["agreements"]))
        project.areas.set([areas[slug] for slug in row["areas"]])
    # The figures page caches its counts; content just changed them.
    cache_versions.bump("agreements")
