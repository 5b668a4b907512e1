"""The programme's own content from the seeds: thematic areas, places and organisations.

Every loader here and in the other apps' `content.py` is idempotent: rows are found by
a natural key (a slug) and updated, never duplicated.
"""

from typing import Any

from portal.core.models import City, Organisation, ThematicArea


def tr(field: str, en: str, it: str = "", zh: str = "") -> dict[str, str]:
    """The three language columns of a translated field (empty ones fall back to English)."""
    return {f"{field}_en": en, f"{field}_it": it, f"{field}_zh_hans": zh}


AREAS = [
    ("environment", "Environment and Sustainable Energy", "Ambiente ed energia sostenibile", "环境与可持续能源"),
    ("agrifood", "Agriculture and Food Safety", "Agricoltura e sicurezza alimentare", "农业与食品安全"),
    ("smart-cities", "Sustainable Urbanization (Smart Cities)", "Urbanizzazione sostenibile (Smart Cities)", "可持续城镇化（智慧城市）"),
    ("health", "Health", "Salute", "健康"),
    ("aerospace", "Aerospace", "Aerospazio", "航空航天"),
    ("infrastructures", "Infrastructures and Transportation", "Infrastrutture e trasporti", "基础设施与交通"),
    ("industry-4-0", "Industry 4.0", "Industria 4.0", "工业4.0"),
    ("creative-industries", "Creative Culture and Industries", "Cultura e industrie creative", "文化创意产业"),
]  # fmt: skip

CITIES = [
    # slug, English, Italian, Chinese, country, region, zone
    ("bergamo", "Bergamo", "Bergamo", "贝加莫", "IT", "Lombardy", "Europe/Rome"),
    ("bologna", "Bologna", "Bologna", "博洛尼亚", "IT", "Emilia-Romagna", "Europe/Rome"),
    ("naples", "Naples", "Napoli", "那不勒斯", "IT", "Campania", "Europe/Rome"),
    ("rome", "Rome", "Roma", "罗马", "IT", "Lazio", "Europe/Rome"),
    ("pisa", "Pisa", "Pisa", "比萨", "IT", "Tuscany", "Europe/Rome"),
    ("beijing", "Beijing", "Pechino", "北京", "CN", "Beijing", "Asia/Shanghai"),
    ("shanghai", "Shanghai", "Shanghai", "上海", "CN", "Shanghai", "Asia/Shanghai"),
    ("shenzhen", "Shenzhen", "Shenzhen", "深圳", "CN", "Guangdong", "Asia/Shanghai"),
    ("chengdu", "Chengdu", "Chengdu", "成都", "CN", "Sichuan", "Asia/Shanghai"),
    ("chongqing", "Chongqing", "Chongqing", "重庆", "CN", "Chongqing", "Asia/Shanghai"),
]

UNI, RES, ENT, INC, PUB, ASSOC = (
    Organisation.Kind.UNIVERSITY,
    Organisation.Kind.RESEARCH,
    Organisation.Kind.ENTERPRISE,
    Organisation.Kind.INCUBATOR,
    Organisation.Kind.PUBLIC_BODY,
    Organisation.Kind.ASSOCIATION,
)

# slug, acronym, kind, country, city, areas, (English, Italian, Chinese) names, native name,
# description (English, Italian, Chinese). Names left empty in a language have no known form
# there and fall back to English.
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "citta-della-scienza", "acronym": "", "kind": INC, "country": "IT", "city": "naples",
        "areas": ["creative-industries", "industry-4-0", "smart-cities"],
        "names": ("Città della Scienza", "Città della Scienza", "那不勒斯科学城"),
        "native": "Città della Scienza",
        "description": (
            "Science centre and business incubator in Naples that coordinates and manages the China–Italy Science, Technology & Innovation Programme for the Italian Ministry of Research.",
            "Science centre e incubatore d'impresa di Napoli che coordina e gestisce il Programma Italia-Cina per la scienza, la tecnologia e l'innovazione per conto del Ministero della Ricerca.",
            "位于那不勒斯的科学中心和企业孵化器，受意大利教育、大学与科研部委托，协调和管理中意科技创新合作项目。",
        ),
    },
    {
        "slug": "miur", "acronym": "MIUR", "kind": PUB, "country": "IT", "city": "rome", "areas": [],
        "names": ("Italian Ministry of Education, University and Research", "Ministero dell'Istruzione, dell'Università e della Ricerca", "意大利教育、大学与科研部"),
        "native": "Ministero dell'Istruzione, dell'Università e della Ricerca",
        "description": (
            "Promotes the programme on the Italian side, under the intergovernmental agreement with MOST.",
            "Promuove il programma per la parte italiana, nel quadro dell'accordo intergovernativo con il MOST.",
            "根据与中华人民共和国科学技术部的政府间协议，作为意方推动该合作项目。",
        ),
    },
    {
        "slug": "most", "acronym": "MOST", "kind": PUB, "country": "CN", "city": "beijing", "areas": [],
        "names": ("Ministry of Science and Technology of the People's Republic of China", "Ministero della Scienza e della Tecnologia della Repubblica Popolare Cinese", "中华人民共和国科学技术部"),
        "native": "中华人民共和国科学技术部",
        "description": (
            "Promotes the programme on the Chinese side, under the intergovernmental agreement with the Italian Ministry of Research.",
            "Promuove il programma per la parte cinese, nel quadro dell'accordo intergovernativo con il Ministero della Ricerca italiano.",
            "根据与意大利教育、大学与科研部的政府间协议，作为中方推动该合作项目。",
        ),
    },
    {
        "slug": "bmstc", "acronym": "BMSTC", "kind": PUB, "country": "CN", "city": "beijing", "areas": [],
        "names": ("Beijing Municipal Science & Technology Commission", "Commissione per la Scienza e la Tecnologia della Municipalità di Pechino", "北京市科学技术委员会"),
        "native": "北京市科学技术委员会",
        "description": (
            "Partner of the programme, in charge of industrial policy and of taking research strategy to foreign markets.",
            "Partner del programma, responsabile della politica industriale e dell'internazionalizzazione della strategia di ricerca.",
            "该项目的合作伙伴，负责产业政策实施及研究战略的国际化。",
        ),
    },
    {
        "slug": "bast", "acronym": "BAST", "kind": ASSOC, "country": "CN", "city": "beijing", "areas": [],
        "names": ("Beijing Association for Science and Technology", "Associazione per la Scienza e la Tecnologia di Pechino", "北京市科学技术协会"),
        "native": "北京市科学技术协会",
        "description": ("Partner of the programme.", "Partner del programma.", "该项目的合作伙伴。"),
    },
    {
        "slug": "ittn", "acronym": "ITTN", "kind": ASSOC, "country": "CN", "city": "beijing", "areas": [],
        "names": ("International Technology Transfer Network", "Rete internazionale per il trasferimento tecnologico", "国际技术转移协作网络"),
        "native": "国际技术转移协作网络",
        "description": (
            "Network for international technology transfer; organiser of CIEP's technology transfer sessions and partner of the roadshows, with a Western Office in Chongqing.",
            "Rete per il trasferimento tecnologico internazionale; organizza le sessioni sul trasferimento tecnologico della CIEP e accompagna i roadshow, con un ufficio occidentale a Chongqing.",
            "国际技术转移网络，承办中国国际人才交流大会的技术转移活动，参与路演，并在重庆设有西部办公室。",
        ),
    },
    {
        "slug": "cittc", "acronym": "CITTC", "kind": PUB, "country": "CN", "city": "beijing", "areas": [],
        "names": ("China International Technology Transfer Center", "Centro cinese per il trasferimento tecnologico internazionale", "中国国际技术转移中心"),
        "native": "中国国际技术转移中心",
        "description": ("", "", ""),
    },
    {
        # As the seeds name it ("the State Administration of Foreign Affairs"); they give no
        # acronym, no city and no Chinese name, so none is shown (Italian and Chinese pages
        # fall back to the source's English).
        "slug": "safea", "acronym": "", "kind": PUB, "country": "CN", "city": None, "areas": [],
        "names": ("State Administration of Foreign Affairs", "", ""),
        "native": "",
        "description": (
            "Promoted the 14th Conference on International Exchange of Professionals (CIEP 2016) with the State Council.",
            "Ha promosso con il Consiglio di Stato la 14ª Conferenza sullo scambio internazionale di professionisti (CIEP 2016).",
            "与国务院共同主办第十四届中国国际人才交流大会。",
        ),
    },
    {
        "slug": "consulate-italy-chongqing", "acronym": "", "kind": PUB, "country": "IT", "city": "chongqing", "areas": [],
        "names": ("Consulate General of Italy in Chongqing", "Consolato Generale d'Italia a Chongqing", "意大利驻重庆总领事馆"),
        "native": "Consolato Generale d'Italia a Chongqing",
        "description": (
            "The fourth Italian consulate general in China, covering Sichuan, Guizhou, Yunnan and Chongqing Municipality.",
            "Il quarto consolato generale d'Italia in Cina, competente per Sichuan, Guizhou, Yunnan e la Municipalità di Chongqing.",
            "意大利在华第四个总领事馆，领区包括四川、贵州、云南和重庆市。",
        ),
    },
    {
        "slug": "embassy-italy-beijing", "acronym": "", "kind": PUB, "country": "IT", "city": "beijing", "areas": [],
        "names": ("Embassy of Italy in Beijing", "Ambasciata d'Italia a Pechino", "意大利驻华大使馆"),
        "native": "Ambasciata d'Italia a Pechino",
        "description": ("", "", ""),
    },
    {
        "slug": "ita-italian-trade-agency", "acronym": "ITA", "kind": PUB, "country": "IT", "city": "rome", "areas": [],
        "names": ("ITA – Italian Trade Agency", "ICE – Agenzia per la promozione all'estero e l'internazionalizzazione delle imprese italiane", "意大利对外贸易委员会"),
        "native": "ICE – Agenzia per la promozione all'estero e l'internazionalizzazione delle imprese italiane",
        "description": ("", "", ""),
    },
    {
        "slug": "italian-chamber-of-commerce-china", "acronym": "", "kind": ASSOC, "country": "CN", "city": "beijing", "areas": [],
        "names": ("Italian Chamber of Commerce in China", "Camera di Commercio Italiana in Cina", "中国意大利商会"),
        "native": "Camera di Commercio Italiana in Cina",
        "description": ("", "", ""),
    },
    {
        "slug": "mise", "acronym": "MISE", "kind": PUB, "country": "IT", "city": "rome", "areas": [],
        "names": ("Italian Ministry of Economic Development", "Ministero dello Sviluppo Economico", "意大利经济发展部"),
        "native": "Ministero dello Sviluppo Economico",
        "description": ("", "", ""),
    },
    {
        "slug": "maeci", "acronym": "MAECI", "kind": PUB, "country": "IT", "city": "rome", "areas": [],
        "names": ("Italian Ministry of Foreign Affairs", "Ministero degli Affari Esteri e della Cooperazione Internazionale", "意大利外交与国际合作部"),
        "native": "Ministero degli Affari Esteri e della Cooperazione Internazionale",
        "description": ("", "", ""),
    },
    {
        "slug": "lazio-innova", "acronym": "", "kind": PUB, "country": "IT", "city": "rome", "areas": [],
        "names": ("Lazio Innova", "", ""), "native": "Lazio Innova",
        "description": ("Innovation agency of the Lazio Region.", "Agenzia per l'innovazione della Regione Lazio.", "拉齐奥大区的创新机构。"),
    },
    {
        "slug": "dlc-partners", "acronym": "", "kind": ENT, "country": "IT", "city": None, "areas": ["smart-cities"],
        "names": ("DLC Partners", "", ""), "native": "DLC Partners",
        "description": ("", "", ""),
    },
    {
        "slug": "sichuan-department-science-technology", "acronym": "", "kind": PUB, "country": "CN", "city": "chengdu", "areas": [],
        "names": ("Department of Science and Technology of Sichuan Province", "Dipartimento per la Scienza e la Tecnologia della Provincia del Sichuan", "四川省科学技术厅"),
        "native": "四川省科学技术厅",
        "description": ("", "", ""),
    },
    {
        "slug": "chengdu-science-technology-commission", "acronym": "", "kind": PUB, "country": "CN", "city": "chengdu", "areas": [],
        "names": ("Chengdu Municipal Commission for Science and Technology", "Commissione per la Scienza e la Tecnologia della Municipalità di Chengdu", "成都市科学技术局"),
        "native": "成都市科学技术局",
        "description": ("", "", ""),
    },
    {
        "slug": "eupic", "acronym": "EUPIC", "kind": INC, "country": "CN", "city": "chengdu", "areas": [],
        "names": ("EU Project Innovation Centre", "Centro per l'innovazione dei progetti UE", "欧盟项目创新中心"),
        "native": "欧盟项目创新中心",
        "description": ("", "", ""),
    },
    {
        "slug": "sichuan-university", "acronym": "", "kind": UNI, "country": "CN", "city": "chengdu", "areas": ["aerospace", "health"],
        "names": ("Sichuan University", "Università del Sichuan", "四川大学"), "native": "四川大学",
        "description": (
            "One of the oldest universities in China, with a strong interest in cooperating with Italian universities and research centres in aerospace, chemicals and biomaterials.",
            "Una delle più antiche università cinesi, molto interessata a cooperare con università e centri di ricerca italiani in aerospazio, chimica e biomateriali.",
            "中国历史最悠久的大学之一，积极寻求与意大利高校和研究中心在航空航天、化学和生物材料领域的合作。",
        ),
    },
    {
        "slug": "uestc", "acronym": "UESTC", "kind": UNI, "country": "CN", "city": "chengdu", "areas": ["health", "smart-cities"],
        "names": ("University of Electronic Science and Technology of China", "Università di Scienza e Tecnologia Elettronica della Cina", "电子科技大学"),
        "native": "电子科技大学",
        "description": (
            "University specialised in information technology; announced its intention to cooperate with Italy in Health and Smart Cities.",
            "Università specializzata in tecnologie dell'informazione; ha annunciato l'intenzione di cooperare con l'Italia in Salute e Smart Cities.",
            "专注于信息技术的大学，表示愿与意大利在健康和智慧城市领域开展合作。",
        ),
    },
    {
        "slug": "chongqing-municipal-government", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": [],
        "names": ("Chongqing Municipal People's Government", "Governo municipale di Chongqing", "重庆市人民政府"), "native": "重庆市人民政府",
        "description": ("", "", ""),
    },
    {
        "slug": "chongqing-science-technology-commission", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": [],
        "names": ("Chongqing Science and Technology Commission", "Commissione per la Scienza e la Tecnologia di Chongqing", "重庆市科学技术委员会"), "native": "重庆市科学技术委员会",
        "description": ("", "", ""),
    },
    {
        "slug": "yuzhong-district-government", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": [],
        "names": ("Yuzhong District Government", "Governo del distretto di Yuzhong", "重庆市渝中区人民政府"), "native": "重庆市渝中区人民政府",
        "description": ("", "", ""),
    },
    {
        "slug": "hechuan-district-government", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": ["health", "industry-4-0"],
        "names": ("Hechuan District Government", "Governo del distretto di Hechuan", "重庆市合川区人民政府"), "native": "重庆市合川区人民政府",
        "description": (
            "District of Chongqing specialised in IT, health, robotics and automotive; it hosted the second day of the 2015 Week.",
            "Distretto di Chongqing specializzato in IT, salute, robotica e automotive; ha ospitato la seconda giornata della Settimana 2015.",
            "重庆市辖区，专注于信息技术、健康、机器人和汽车产业，曾承办2015年创新合作周第二天的活动。",
        ),
    },
    {
        "slug": "bishan-district-government", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": [],
        "names": ("Bishan District Government", "Governo del distretto di Bishan", "重庆市璧山区人民政府"), "native": "重庆市璧山区人民政府",
        "description": (
            "District of Chongqing where the first event of the 2015 edition in Chongqing took place.",
            "Distretto di Chongqing che ha ospitato il primo evento dell'edizione 2015 a Chongqing.",
            "重庆市辖区，2015年创新合作周重庆站首场活动在此举行。",
        ),
    },
    {
        "slug": "liangjiang-new-area", "acronym": "", "kind": PUB, "country": "CN", "city": "chongqing", "areas": ["industry-4-0", "environment", "infrastructures"],
        "names": ("Administrative Committee of Chongqing Liangjiang New Area", "Comitato amministrativo della Nuova Area di Liangjiang di Chongqing", "重庆两江新区管理委员会"), "native": "重庆两江新区管理委员会",
        "description": (
            "New development area hosting China's main car and laptop makers; interested in a Sino-Italian industrial park for advanced manufacturing and environmental technologies.",
            "Nuova area di sviluppo che ospita i principali produttori cinesi di automobili e computer portatili; interessata a un parco industriale sino-italiano per manifattura avanzata e tecnologie ambientali.",
            "汇聚中国主要汽车和笔记本电脑制造商的新区，有意建设以先进制造和环保技术为重点的中意产业园。",
        ),
    },
    {
        "slug": "cast-chongqing", "acronym": "CAST", "kind": RES, "country": "CN", "city": "chongqing", "areas": ["industry-4-0", "smart-cities", "environment"],
        "names": ("Chongqing Academy of Science and Technology", "Accademia delle Scienze e della Tecnologia di Chongqing", "重庆市科学技术研究院"), "native": "重庆市科学技术研究院",
        "description": (
            "The largest research centre in Chongqing, affiliated to the Chongqing Science and Technology Commission.",
            "Il più grande centro di ricerca di Chongqing, affiliato alla Commissione per la Scienza e la Tecnologia di Chongqing.",
            "重庆最大的科研机构，隶属于重庆市科学技术委员会。",
        ),
    },
    {
        "slug": "southwest-hospital-burn-research", "acronym": "", "kind": RES, "country": "CN", "city": "chongqing", "areas": ["health"],
        "names": ("Institute of Burn Research, Southwest Hospital", "Istituto di ricerca sulle ustioni, Southwest Hospital", "西南医院烧伤研究所"), "native": "西南医院烧伤研究所",
        "description": ("", "", ""),
    },
    {
        "slug": "cnr", "acronym": "CNR", "kind": RES, "country": "IT", "city": "rome", "areas": [],
        "names": ("National Research Council of Italy", "Consiglio Nazionale delle Ricerche", "意大利国家研究委员会"), "native": "Consiglio Nazionale delle Ricerche",
        "description": ("", "", ""),
    },
    {
        "slug": "cnr-dsctm", "acronym": "CNR-DSCTM", "kind": RES, "country": "IT", "city": "rome", "areas": ["health", "aerospace"],
        "names": ("CNR Department of Chemical Sciences and Materials Technologies", "Dipartimento di Scienze Chimiche e Tecnologie dei Materiali del CNR", "意大利国家研究委员会化学科学与材料技术部"),
        "native": "Dipartimento di Scienze Chimiche e Tecnologie dei Materiali",
        "description": ("", "", ""),
    },
    {
        "slug": "sant-anna-school", "acronym": "", "kind": UNI, "country": "IT", "city": "pisa", "areas": [],
        "names": ("Sant'Anna School of Advanced Studies", "Scuola Superiore Sant'Anna", "比萨圣安娜高等大学"), "native": "Scuola Superiore Sant'Anna",
        "description": (
            "University in Pisa whose Galileo Galilei Institute has an accredited office in Chongqing.",
            "Università di Pisa il cui Istituto Galileo Galilei ha un ufficio accreditato a Chongqing.",
            "位于比萨的大学，其伽利略学院在重庆设有经认证的办公室。",
        ),
    },
    {
        "slug": "confindustria", "acronym": "", "kind": ASSOC, "country": "IT", "city": "rome", "areas": [],
        "names": ("Confindustria", "Confindustria", "意大利工业家联合会"), "native": "Confindustria",
        "description": ("", "", ""),
    },
    {
        "slug": "university-of-bergamo", "acronym": "", "kind": UNI, "country": "IT", "city": "bergamo", "areas": ["industry-4-0"],
        "names": ("University of Bergamo", "Università degli Studi di Bergamo", "贝加莫大学"), "native": "Università degli Studi di Bergamo",
        "description": ("", "", ""),
    },
    {
        "slug": "university-of-naples-federico-ii", "acronym": "", "kind": UNI, "country": "IT", "city": "naples", "areas": [],
        "names": ("University of Naples Federico II", "Università degli Studi di Napoli Federico II", "那不勒斯费德里科二世大学"), "native": "Università degli Studi di Napoli Federico II",
        "description": ("", "", ""),
    },
    {
        "slug": "netval", "acronym": "Netval", "kind": ASSOC, "country": "IT", "city": None, "areas": [],
        "names": ("Netval – Network for the Valorisation of University Research", "Netval – Network per la valorizzazione della ricerca universitaria", "意大利大学研究成果转化网络"), "native": "Netval",
        "description": ("", "", ""),
    },
    {
        "slug": "campania-region", "acronym": "", "kind": PUB, "country": "IT", "city": "naples", "areas": [],
        "names": ("Campania Region", "Regione Campania", "坎帕尼亚大区"), "native": "Regione Campania",
        "description": (
            "Promotes the Sino-Italian Exchange Event, its programme for the internationalisation of research and innovation systems.",
            "Promuove il Sino-Italian Exchange Event, il suo programma per l'internazionalizzazione dei sistemi di ricerca e innovazione.",
            "推动中意交流活动，即其研究与创新体系国际化项目。",
        ),
    },
]  # fmt: skip


def load() -> None:
    for order, (slug, en, it, zh) in enumerate(AREAS):
        ThematicArea.objects.update_or_create(
            slug=slug, defaults={"order": order, **tr("name", en, it, zh)}
        )
    for slug, en, it, zh, country, region, zone in CITIES:
        City.objects.update_or_create(
            slug=slug,
            defaults={
                "country": country,
                "region": region,
                "time_zone": zone,
                **tr("name", en, it, zh),
            },
        )
    cities = {c.slug: c for c in City.objects.all()}
    areas = {a.slug: a for a in ThematicArea.objects.all()}
    for row in ORGANISATIONS:
        org, _created = Organisation.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "acronym": row["acronym"],
                "kind": row["kind"],
                "country": row["country"],
                "city": cities[row["city"]] if row["city"] else None,
                "native_name": row["native"],
                "status": Organisation.Status.APPROVED,
                **tr("name", *row["names"]),
                **tr("description", *row["description"]),
            },
        )
        org.areas.set([areas[slug] for slug in row["areas"]])
