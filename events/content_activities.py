# ruff: noqa: E501  (the seeds' texts: long prose lines read better unbroken)
"""The activities of the missions, as the seeds tell them (English, Italian, Chinese).

Each row names its mission and stop (by order), its day (None when the seeds give none) and
its place in the day; the loader in `events.content` finds rows by those keys.
"""

import datetime as dt
from typing import Any

from events.models import Activity

K = Activity.Kind
ROADSHOW = "roadshow-2016-south-west-china"
BEIJING = "mission-2017-beijing"


def april(day: int) -> dt.date:
    return dt.date(2016, 4, day)


LIPARDI_CEO = (
    "Vincenzo Lipardi",
    "citta-della-scienza",
    (
        "CEO of Città della Scienza",
        "Amministratore delegato di Città della Scienza",
        "那不勒斯科学城首席执行官",
    ),
)
MAFFETTONE = (
    "Sergio Maffettone",
    "consulate-italy-chongqing",
    (
        "Consul General of Italy in Chongqing",
        "Console Generale d'Italia a Chongqing",
        "意大利驻重庆总领事",
    ),
)
FACCHINETTI = (
    "Anna Facchinetti",
    "sant-anna-school",
    (
        "Project Manager, Galileo Galilei Institute of the Sant'Anna School of Advanced Studies",
        "Project manager dell'Istituto Galileo Galilei della Scuola Superiore Sant'Anna",
        "圣安娜高等大学伽利略学院项目经理",
    ),
)
LIPARDI_SG = (
    "Vincenzo Lipardi",
    "citta-della-scienza",
    (
        "Secretary General of Città della Scienza",
        "Segretario generale di Città della Scienza",
        "那不勒斯科学城秘书长",
    ),
)

ACTIVITIES: list[dict[str, Any]] = [
    # Shenzhen
    {
        "mission": ROADSHOW, "stop": 1, "date": april(16), "end": april(17), "order": 1, "kind": K.CONFERENCE,
        "title": (
            "14th Conference on International Exchange of Professionals (CIEP 2016): Technology Transfer in Innovative City",
            "14ª Conferenza sullo scambio internazionale di professionisti (CIEP 2016): il trasferimento tecnologico nella città innovativa",
            "第十四届中国国际人才交流大会：创新型城市中的技术转移",
        ),
        "venue": ("Shenzhen Convention & Exhibition Center", "Centro congressi ed esposizioni di Shenzhen", "深圳会展中心"),
        "host": "ittn", "others": ["safea", "mise", "lazio-innova", "dlc-partners", "citta-della-scienza"],
        "summary": (
            "Promoted by the State Council of the People's Republic of China and the State Administration of Foreign Affairs and organised by ITTN, the conference focused on innovative cities: innovative city development, healthcare, mobile health, Industry 4.0, 3D printing and engineering manufacture. Experts came from the US, Canada, Russia, Italy, Finland, Germany, Spain, Slovenia, Thailand, India, Israel, England and Holland.",
            "Promossa dal Consiglio di Stato della Repubblica Popolare Cinese e dalla State Administration of Foreign Affairs (così la nominano le fonti) e organizzata da ITTN, la conferenza era dedicata alle città innovative: sviluppo della città innovativa, sanità, mobile health, Industria 4.0, stampa 3D e manifattura ingegneristica. Gli esperti venivano da Stati Uniti, Canada, Russia, Italia, Finlandia, Germania, Spagna, Slovenia, Thailandia, India, Israele, Inghilterra e Olanda.",
            "大会由中华人民共和国国务院和“State Administration of Foreign Affairs”（资料原文名称）主办、国际技术转移协作网络承办，聚焦创新型城市：创新型城市发展、医疗健康、移动医疗、工业4.0、3D打印与工程制造。来自美国、加拿大、俄罗斯、意大利、芬兰、德国、西班牙、斯洛文尼亚、泰国、印度、以色列、英国和荷兰的专家参加了讨论。",
        ),
        "people": [
            ("Andrea Gumina", "mise", ("Speaker: smarter and sustainable cities as a source of growth and competitiveness, from an Italian point of view", "Relatore: città più intelligenti e sostenibili come fonte di crescita e competitività, da un punto di vista italiano", "演讲嘉宾：从意大利视角看更智慧、更可持续的城市如何成为增长和竞争力的源泉")),
            ("Luigi Campitelli", "lazio-innova", ("Speaker: the 2016 events involving the Lazio Region", "Relatore: gli eventi del 2016 che hanno coinvolto la Regione Lazio", "演讲嘉宾：介绍拉齐奥大区参与的2016年活动")),
            ("Antonio Cianci", "dlc-partners", ("Speaker: technologies and economic initiatives of international cooperation for better cities", "Relatore: tecnologie e iniziative economiche di cooperazione internazionale per città migliori", "演讲嘉宾：建设更美好城市的国际合作技术与经济举措")),
            ("Mariangela Contursi", "citta-della-scienza", ("Speaker: the knowledge-based economy", "Relatrice: l'economia della conoscenza", "演讲嘉宾：知识经济")),
        ],
    },
    # Shanghai
    {
        "mission": ROADSHOW, "stop": 2, "date": april(21), "order": 1, "kind": K.FAIR,
        "title": (
            "Opening of the 4th China (Shanghai) International Technology Fair, with Italy as Country of Honour",
            "Inaugurazione della 4ª China (Shanghai) International Technology Fair, con l'Italia Paese d'onore",
            "第四届中国（上海）国际技术进出口交易会开幕，意大利担任主宾国",
        ),
        "venue": ("Shanghai World Exhibition & Convention Center", "Centro espositivo e congressuale mondiale di Shanghai", "上海世博展览馆"),
        "others": ["miur", "most", "maeci", "ita-italian-trade-agency", "citta-della-scienza"],
        "summary": (
            "Italy took part as Country of Honour through the Italian Ministry of Foreign Affairs and the ITA office in Shanghai, coordinated by Città della Scienza under the aegis of the Italian Ministry of Research: about a hundred research organisations and enterprises presented the Italian system on Smart Cities. In their opening speeches both ministers named Smart Cities among the priorities of the cooperation between the two countries.",
            "L'Italia ha partecipato come Paese d'onore tramite il Ministero degli Affari Esteri e l'ufficio ICE di Shanghai, con il coordinamento di Città della Scienza e sotto l'egida del Ministero della Ricerca: circa cento organizzazioni di ricerca e imprese hanno presentato il sistema Italia sulle Smart Cities. Nei discorsi di apertura entrambi i ministri hanno indicato le Smart Cities tra le priorità della cooperazione tra i due Paesi.",
            "意大利通过意大利外交部和意大利对外贸易委员会上海代表处以主宾国身份参展，由那不勒斯科学城协调，并得到意大利教育、大学与科研部的支持：约一百家科研机构和企业展示了意大利在智慧城市领域的整体实力。两国部长在开幕致辞中均将智慧城市列为双方合作的优先领域。",
        ),
        "outcomes": (
            "Italian Pavilion on Smart Cities inaugurated by Minister Giannini\nAbout a hundred Italian organisations presented their Smart Cities projects",
            "Padiglione Italia sulle Smart Cities inaugurato dal Ministro Giannini\nCirca cento organizzazioni italiane hanno presentato i loro progetti sulle Smart Cities",
            "贾尼尼部长为意大利智慧城市国家馆揭幕\n约一百家意大利机构展示了智慧城市项目",
        ),
        "people": [
            ("Stefania Giannini", "miur", ("Italian Minister of Education, University and Research", "Ministro dell'Istruzione, dell'Università e della Ricerca", "意大利教育、大学与科研部部长")),
            ("Wan Gang", "most", ("Minister of Science and Technology of the People's Republic of China", "Ministro della Scienza e della Tecnologia della Repubblica Popolare Cinese", "中华人民共和国科学技术部部长"), "万钢"),
        ],
    },
    # Chengdu
    {
        "mission": ROADSHOW, "stop": 3, "date": april(25), "order": 1, "kind": K.CONFERENCE,
        "title": ("Launch conference of the roadshow in Sichuan", "Conferenza di lancio del roadshow nel Sichuan", "路演四川站启动会"),
        "host": "sichuan-department-science-technology",
        "others": ["consulate-italy-chongqing", "citta-della-scienza", "bmstc", "ittn", "cittc"],
        "summary": (
            "The Italy–China cooperation programme and the 2016 Week presented to over 60 representatives of research institutes, universities and the science and technology departments of Sichuan Province; organised by Città della Scienza, ITTN, CITTC and the Italian Consulate General in Chongqing under the patronage of the Sichuan Department of Science and Technology.",
            "Il programma di cooperazione Italia-Cina e la Settimana 2016 presentati a oltre 60 rappresentanti di istituti di ricerca, università e dipartimenti per la scienza e la tecnologia della Provincia del Sichuan; organizzata da Città della Scienza, ITTN, CITTC e dal Consolato Generale d'Italia a Chongqing con il patrocinio del Dipartimento per la Scienza e la Tecnologia del Sichuan.",
            "向四川省60余家科研院所、高校和政府科技部门的代表介绍中意合作项目和2016年创新合作周；由那不勒斯科学城、国际技术转移协作网络、中国国际技术转移中心和意大利驻重庆总领事馆共同组织，四川省科学技术厅支持。",
        ),
        "people": [
            ("Tian Yunhui", "sichuan-department-science-technology", ("Deputy Director-General", "Vicedirettore generale", "副厅长")),
            MAFFETTONE,
            LIPARDI_CEO,
            ("Betty Chang", "bmstc", ("Representative of BMSTC", "Rappresentante del BMSTC", "北京市科学技术委员会代表")),
        ],
    },
    {
        "mission": ROADSHOW, "stop": 3, "date": april(25), "order": 2, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the EU Project Innovation Centre (EUPIC)", "Incontro con l'EU Project Innovation Centre (EUPIC)", "会见欧盟项目创新中心"),
        "host": "eupic", "others": ["citta-della-scienza", "consulate-italy-chongqing"],
        "summary": (
            "The CEO of Città della Scienza and the Consul General discussed with EUPIC's members the launch of a Best Startup Showcase, a novelty of the 2016 Week.",
            "L'amministratore delegato di Città della Scienza e il Console Generale hanno discusso con i membri di EUPIC il lancio di una Best Startup Showcase, novità della Settimana 2016.",
            "那不勒斯科学城首席执行官和总领事与欧盟项目创新中心成员讨论了推出“最佳初创企业展示”活动，这是2016年创新合作周的一项新内容。",
        ),
        "people": [LIPARDI_CEO, MAFFETTONE],
    },
    {
        "mission": ROADSHOW, "stop": 3, "date": april(25), "order": 3, "kind": K.DISTRICT_VISIT,
        "title": ("Visit to the Chengdu Planning Exhibition Hall", "Visita al Padiglione espositivo della pianificazione di Chengdu", "参观成都市规划馆"),
        "host_name": ("Chengdu Planning Exhibition Hall", "Padiglione espositivo della pianificazione di Chengdu", "成都市规划馆"),
        "summary": (
            "Videos and models showed the investment projects for the development of Sichuan Province.",
            "Video e plastici hanno illustrato i progetti di investimento per lo sviluppo della Provincia del Sichuan.",
            "通过视频和模型展示了四川省发展的重大投资项目。",
        ),
    },
    {
        "mission": ROADSHOW, "stop": 3, "date": april(26), "order": 1, "kind": K.UNIVERSITY_VISIT,
        "title": ("Visit to Sichuan University", "Visita all'Università del Sichuan", "访问四川大学"),
        "host": "sichuan-university",
        "others": ["chengdu-science-technology-commission", "citta-della-scienza", "consulate-italy-chongqing", "ittn", "bmstc"],
        "summary": (
            "Welcomed by the Chengdu Municipal Commission for Science and Technology for the second day in Chengdu, the delegation visited one of China's oldest universities, keen to cooperate with Italian universities and research centres in aerospace, chemicals and biomaterials, as its collaborations with the CNR Department of Chemical Sciences and Materials Technologies show.",
            "Accolta dalla Commissione per la Scienza e la Tecnologia della Municipalità di Chengdu per la seconda giornata a Chengdu, la delegazione ha visitato una delle più antiche università cinesi, interessata a cooperare con università e centri di ricerca italiani in aerospazio, chimica e biomateriali, come mostrano le sue collaborazioni con il Dipartimento di Scienze Chimiche e Tecnologie dei Materiali del CNR.",
            "在成都市科学技术局的接待下，代表团在成都的第二天访问了中国历史最悠久的大学之一。该校希望与意大利高校和研究中心在航空航天、化学和生物材料领域开展合作，并已与意大利国家研究委员会化学科学与材料技术部开展了多项合作。",
        ),
    },
    {
        "mission": ROADSHOW, "stop": 3, "date": april(26), "order": 2, "kind": K.UNIVERSITY_VISIT,
        "title": ("Visit to the University of Electronic Science and Technology of China", "Visita all'Università di Scienza e Tecnologia Elettronica della Cina", "访问电子科技大学"),
        "host": "uestc", "others": ["citta-della-scienza", "consulate-italy-chongqing", "ittn", "bmstc"],
        "summary": (
            "The last promotion day in Chengdu ended at this university specialised in IT, where several leading figures of China's IT industry, Huawei among others, studied.",
            "L'ultima giornata di promozione a Chengdu si è conclusa in questa università specializzata in informatica, dove hanno studiato diverse figure di primo piano dell'industria informatica cinese, tra cui Huawei.",
            "成都推介的最后一天在这所专注于信息技术的大学结束，华为等中国IT企业的多位骨干人物曾在此求学。",
        ),
        "outcomes": (
            "Intention to cooperate with Italy in Health and Smart Cities",
            "Intenzione di cooperare con l'Italia in Salute e Smart Cities",
            "表示愿与意大利在健康和智慧城市领域开展合作",
        ),
    },
    # Chongqing, 27 April
    {
        "mission": ROADSHOW, "stop": 4, "date": april(27), "order": 1, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Yuzhong District Government", "Incontro con il governo del distretto di Yuzhong", "会见渝中区政府"),
        "host": "yuzhong-district-government", "others": ["citta-della-scienza", "consulate-italy-chongqing", "sant-anna-school"],
        "people": [LIPARDI_CEO, MAFFETTONE, FACCHINETTI],
    },
    {
        "mission": ROADSHOW, "stop": 4, "date": april(27), "order": 2, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Vice Mayor of Chongqing", "Incontro con il vicesindaco di Chongqing", "会见重庆市副市长"),
        "host": "chongqing-municipal-government", "others": ["citta-della-scienza"],
        "summary": (
            "On the cooperation programme between Italy and China and the Italian areas of excellence, particularly those of the Campania region.",
            "Sul programma di cooperazione tra Italia e Cina e sulle eccellenze italiane, in particolare quelle della Campania.",
            "就中意合作项目以及意大利的优势领域（尤其是坎帕尼亚大区的优势领域）进行了交流。",
        ),
        "outcomes": (
            "Main focus areas: agriculture, aerospace and digital fabrication",
            "Principali aree di interesse: agricoltura, aerospazio e fabbricazione digitale",
            "重点领域：农业、航空航天和数字制造",
        ),
        "people": [
            LIPARDI_CEO,
            ("Lu Qiang", "chongqing-municipal-government", ("Vice Mayor of Chongqing", "Vicesindaco di Chongqing", "重庆市副市长")),
            ("Liu Baoguo", "chongqing-municipal-government", ("Municipal Minister of Agriculture of Chongqing", "Assessore all'agricoltura della Municipalità di Chongqing", "重庆市农业主管负责人")),
            ("Fan Qing", "chongqing-municipal-government", ("Head of International Relations of the Municipality", "Responsabile delle relazioni internazionali della Municipalità", "重庆市国际关系负责人")),
        ],
    },
    {
        # The signing ceremony the agreements app links to, found by stop, kind and day.
        "mission": ROADSHOW, "stop": 4, "date": april(27), "order": 3, "kind": K.SIGNING,
        "title": (
            "Opening of the Sino-Italian Laboratory of Smart Biomaterials and signing of its MoU",
            "Inaugurazione del Laboratorio sino-italiano di biomateriali intelligenti e firma del suo MoU",
            "中意智能生物材料联合实验室揭牌暨谅解备忘录签署仪式",
        ),
        "host": "southwest-hospital-burn-research", "others": ["cnr-dsctm", "citta-della-scienza"],
        "summary": (
            "The opening ceremony of the laboratory and the signature of its Memorandum of Understanding at the Institute of Burn Research of the Southwest Hospital.",
            "La cerimonia di inaugurazione del laboratorio e la firma del suo Memorandum d'intesa presso l'Istituto di ricerca sulle ustioni del Southwest Hospital.",
            "在西南医院烧伤研究所举行实验室揭牌仪式并签署谅解备忘录。",
        ),
        "outcomes": ("MoU signed", "MoU firmato", "签署谅解备忘录"),
        "people": [
            ("Luigi Ambrosio", "cnr-dsctm", ("Director of the CNR Department of Chemical Sciences and Materials Technologies", "Direttore del Dipartimento di Scienze Chimiche e Tecnologie dei Materiali del CNR", "意大利国家研究委员会化学科学与材料技术部主任")),
            ("Jun Wu", "southwest-hospital-burn-research", ("Professor, Institute of Burn Research, Southwest Hospital", "Professore, Istituto di ricerca sulle ustioni, Southwest Hospital", "西南医院烧伤研究所教授")),
        ],
    },
    # Chongqing, 28 April
    {
        "mission": ROADSHOW, "stop": 4, "date": april(28), "order": 1, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Hechuan District Government", "Incontro con il governo del distretto di Hechuan", "会见合川区政府"),
        "host": "hechuan-district-government", "others": ["citta-della-scienza", "consulate-italy-chongqing", "bmstc", "ittn"],
        "summary": (
            "Hechuan hosted the second day of the 2015 Week, opened by Minister Giannini. The district, strategic for the development of western China and for the One Belt, One Road policy, specialises in IT, health, robotics and automotive.",
            "Hechuan ha ospitato la seconda giornata della Settimana 2015, inaugurata dal Ministro Giannini. Il distretto, strategico per lo sviluppo della Cina occidentale e per la politica One Belt, One Road, è specializzato in informatica, salute, robotica e automotive.",
            "合川区曾承办由贾尼尼部长开幕的2015年创新合作周第二天活动。该区对中国西部开发和“一带一路”政策具有战略意义，重点发展信息技术、健康、机器人和汽车产业。",
        ),
        "outcomes": (
            "Intention to take Città della Scienza as a model to implement in Hechuan District",
            "Intenzione di adottare Città della Scienza come modello da realizzare nel distretto di Hechuan",
            "有意以那不勒斯科学城为范本在合川区推广实施",
        ),
        "people": [LIPARDI_CEO, MAFFETTONE, ("Mr Zhuan", "hechuan-district-government", ("Director", "Direttore", "主任"))],
    },
    {
        "mission": ROADSHOW, "stop": 4, "date": april(28), "order": 2, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Bishan District Government", "Incontro con il governo del distretto di Bishan", "会见璧山区政府"),
        "host": "bishan-district-government", "others": ["citta-della-scienza", "bmstc", "ittn"],
        "summary": (
            "Bishan hosted the first event of the 2015 edition in Chongqing; the Director of the district's Science and Technology Commission thanked Italy for its presence at the 2015 Forum and for bringing Italian excellences to the area.",
            "Bishan ha ospitato il primo evento dell'edizione 2015 a Chongqing; il direttore della Commissione per la Scienza e la Tecnologia del distretto ha ringraziato l'Italia per la presenza al Forum 2015 e per aver portato le eccellenze italiane nell'area.",
            "璧山区曾承办2015年创新合作周重庆站首场活动；璧山区科学技术委员会主任感谢意方出席2015年论坛，并将意大利的优秀机构带到该地区。",
        ),
    },
    {
        "mission": ROADSHOW, "stop": 4, "date": april(28), "order": 3, "kind": K.RECEPTION,
        "title": ("Cocktail reception presenting the 2016 Week", "Cocktail di presentazione della Settimana 2016", "2016年创新合作周推介酒会"),
        "host": "consulate-italy-chongqing", "others": ["ittn", "citta-della-scienza", "bmstc"],
        "summary": (
            "Organised in the evening by the Italian Consulate General in Chongqing, the ITTN Western Office and Città della Scienza, for a hundred Chinese innovators interested in cooperating with Italy and the Chinese media.",
            "Organizzato in serata dal Consolato Generale d'Italia a Chongqing, dall'ufficio occidentale di ITTN e da Città della Scienza, per un centinaio di innovatori cinesi interessati a cooperare con l'Italia e per i media cinesi.",
            "由意大利驻重庆总领事馆、国际技术转移协作网络西部办公室和那不勒斯科学城于当晚共同举办，约一百名有意与意大利合作的中国创新者及中国媒体出席。",
        ),
        "people": [
            MAFFETTONE,
            ("Vincenzo Lipardi", "citta-della-scienza", ("CEO of Città della Scienza; presented the yearly programme and the 2016 Week", "Amministratore delegato di Città della Scienza; ha presentato il programma annuale e la Settimana 2016", "那不勒斯科学城首席执行官，介绍了年度项目和2016年创新合作周")),
            ("Betty Chang", "bmstc", ("Director of BMSTC; presented the programme's success stories", "Direttrice del BMSTC; ha presentato i casi di successo del programma", "北京市科学技术委员会主任，介绍了项目的成功案例")),
            ("Niki Huang", "ittn", ("Chairman of the ITTN Western Office of Chongqing; coordinated the event", "Presidente dell'ufficio occidentale di ITTN a Chongqing; ha coordinato l'evento", "国际技术转移协作网络重庆西部办公室主席，主持活动")),
        ],
    },
    {
        "mission": ROADSHOW, "stop": 4, "date": april(28), "order": 4, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with Ma Leju and Rachel Tian", "Incontro con Ma Leju e Rachel Tian", "会见Ma Leju和Rachel Tian"),
        "others": ["ittn"],
        "people": [
            ("Ma Leju", None, ("Former First Secretary of the Department of Science and Technology at the Chinese Embassy in Rome; member of APEC", "Ex primo segretario del Dipartimento di Scienza e Tecnologia dell'Ambasciata cinese a Roma; membro dell'APEC", "中国驻意大利大使馆科技处前一等秘书，现为亚太经合组织成员")),
            ("Rachel Tian", "ittn", ("Deputy Director of ITTN, Head of the Shanghai Area", "Vicedirettrice di ITTN, responsabile dell'area di Shanghai", "国际技术转移协作网络副主任、上海地区负责人")),
        ],
    },
    # Chongqing, 29 April
    {
        "mission": ROADSHOW, "stop": 4, "date": april(29), "order": 1, "kind": K.DISTRICT_VISIT,
        "title": ("Meeting with the Administrative Committee of Chongqing Liangjiang New Area", "Incontro con il Comitato amministrativo della Nuova Area di Liangjiang di Chongqing", "会见重庆两江新区管理委员会"),
        "host": "liangjiang-new-area", "others": ["ittn", "sant-anna-school", "citta-della-scienza"],
        "summary": (
            "A new development area with China's main makers of cars and laptops; its sectors include biomedicine, transportation, nanotechnologies, environmental protection, energy and smart robots.",
            "Una nuova area di sviluppo che ospita i principali produttori cinesi di automobili e computer portatili; tra i suoi settori biomedicina, trasporti, nanotecnologie, tutela dell'ambiente, energia e robot intelligenti.",
            "汇聚中国主要汽车和笔记本电脑制造商的新区，重点产业包括生物医药、交通、纳米技术、环境保护、能源和智能机器人。",
        ),
        "outcomes": (
            "A Sino-Italian Industrial Park for advanced manufacturing and environmental protection technologies discussed, with research, intellectual property and finance activities",
            "Discusso un parco industriale sino-italiano per la manifattura avanzata e le tecnologie per la tutela dell'ambiente, con attività di ricerca, proprietà intellettuale e finanza",
            "探讨建设以先进制造和环保技术为重点的中意产业园，开展研发、知识产权和金融合作",
        ),
        "people": [
            ("Wang Bokun", "liangjiang-new-area", ("Deputy Director of the General Office of the Industry Promotion Bureau", "Vicedirettore dell'Ufficio generale dell'Ufficio per la promozione industriale", "产业促进局综合办公室副主任")),
            ("Zheng Hang", "liangjiang-new-area", ("Deputy Director of the Industry Promotion Bureau", "Vicedirettore dell'Ufficio per la promozione industriale", "产业促进局副局长")),
            ("Han Qicai", "liangjiang-new-area", ("Project Manager", "Project manager", "项目经理")),
            ("Yang Chunlin", "ittn", ("Director, ITTN", "Direttore, ITTN", "国际技术转移协作网络主任")),
            FACCHINETTI,
        ],
    },
    {
        "mission": ROADSHOW, "stop": 4, "date": april(29), "order": 2, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Chongqing Academy of Science and Technology (CAST)", "Incontro con l'Accademia delle Scienze e della Tecnologia di Chongqing (CAST)", "会见重庆市科学技术研究院"),
        "host": "cast-chongqing", "others": ["chongqing-science-technology-commission", "citta-della-scienza"],
        "summary": (
            "The largest research centre in Chongqing, affiliated to the Chongqing Science and Technology Commission.",
            "Il più grande centro di ricerca di Chongqing, affiliato alla Commissione per la Scienza e la Tecnologia di Chongqing.",
            "重庆最大的科研机构，隶属于重庆市科学技术委员会。",
        ),
        "outcomes": (
            "Shared priorities: smart manufacturing, smart cities and green environment\nInterest in exchanging experience in technology transfer and incubation",
            "Priorità comuni: manifattura intelligente, smart cities e ambiente\nInteresse a scambiare esperienze su trasferimento tecnologico e incubazione",
            "共同优先领域：智能制造、智慧城市和绿色环境\n有意在技术转移和孵化领域交流经验",
        ),
        "people": [
            ("Li Leiting", "cast-chongqing", ("Vice President", "Vicepresidente", "副院长")),
            ("Mingzheng Yu", "cast-chongqing", ("Director of the Department of R&D Management", "Direttore del Dipartimento di gestione di ricerca e sviluppo", "研发管理部主任")),
            ("Hui Chen", "cast-chongqing", ("Director of International Cooperation", "Direttore della cooperazione internazionale", "国际合作部主任")),
            ("Huang Weihua", "cast-chongqing", ("Chairman of the Board", "Presidente del consiglio di amministrazione", "董事长")),
        ],
    },
    # Beijing, January 2017: the seeds give the day only for the Yanqi Lake meeting.
    {
        "mission": BEIJING, "stop": 1, "date": dt.date(2017, 1, 13), "end": dt.date(2017, 1, 15), "order": 1, "kind": K.CONFERENCE,
        "title": ("III Meeting of the Italian Business Community in China", "III Incontro della comunità d'affari italiana in Cina", "第三届在华意大利商界大会"),
        "venue": ("Yanqi Lake, Beijing", "Lago Yanqi, Pechino", "北京雁栖湖"),
        "host": "embassy-italy-beijing", "others": ["ita-italian-trade-agency", "italian-chamber-of-commerce-china", "citta-della-scienza"],
        "summary": (
            "Organised by the Italian Embassy in Beijing, ITA – Italian Trade Agency and the Italian Chamber of Commerce in China, with the high-level Italian diplomatic officers in China and many representatives of universities and enterprises: China's transformation and Italy's renewal, the action of the Italian system in China, and concrete shared projects.",
            "Organizzato dall'Ambasciata d'Italia a Pechino, dall'ICE – Agenzia per la promozione all'estero e dalla Camera di Commercio Italiana in Cina, con i diplomatici italiani di alto livello in Cina e molti rappresentanti di università e imprese: la trasformazione della Cina e il rinnovamento dell'Italia, l'azione del sistema Italia in Cina e progetti concreti e condivisi.",
            "由意大利驻华大使馆、意大利对外贸易委员会和中国意大利商会共同主办，意大利驻华高级外交官及众多高校和企业代表出席，围绕中国转型与意大利革新、意大利体系在华行动以及具体合作项目展开交流。",
        ),
    },
    {
        "mission": BEIJING, "stop": 1, "date": None, "order": 2, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the Beijing Association for Science and Technology", "Incontro con l'Associazione per la Scienza e la Tecnologia di Pechino", "会见北京市科学技术协会"),
        "host": "bast", "others": ["citta-della-scienza"],
        "summary": (
            "On the cooperation between Beijing, Tianjin, Hebei and Italy, and on the 2017 Sino-Italian Exchange Event, the programme for the internationalisation of research and innovation systems promoted by the Campania Region.",
            "Sulla cooperazione tra Pechino, Tianjin, Hebei e l'Italia, e sul Sino-Italian Exchange Event 2017, il programma per l'internazionalizzazione dei sistemi di ricerca e innovazione promosso dalla Regione Campania.",
            "就京津冀与意大利的合作，以及坎帕尼亚大区推动的研究与创新体系国际化项目——2017年中意交流活动进行了讨论。",
        ),
        "people": [
            LIPARDI_SG,
            ("Ma Lin", "bast", ("President of the Beijing Association for Science and Technology", "Presidente dell'Associazione per la Scienza e la Tecnologia di Pechino", "北京市科学技术协会主席")),
        ],
    },
    {
        "mission": BEIJING, "stop": 1, "date": None, "order": 3, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the leaders of the Beijing Municipal Science & Technology Commission", "Incontro con i vertici della Commissione per la Scienza e la Tecnologia della Municipalità di Pechino", "会见北京市科学技术委员会领导"),
        "host": "bmstc", "others": ["citta-della-scienza"],
        "summary": (
            "To organise the 2017 activities: the China–Italy Science, Technology & Innovation Week, next October in China, and the mission of the National Technological Cluster in May.",
            "Per organizzare le attività del 2017: la Settimana Italia-Cina della Scienza, della Tecnologia e dell'Innovazione, il prossimo ottobre in Cina, e la missione del Cluster tecnologico nazionale a maggio.",
            "商讨2017年活动的组织工作：将于10月在中国举办的中意科技创新合作周，以及5月的国家技术集群代表团访问。",
        ),
        "people": [LIPARDI_SG],
    },
    {
        "mission": BEIJING, "stop": 1, "date": None, "order": 4, "kind": K.INSTITUTIONAL_MEETING,
        "title": ("Meeting with the International Technology Transfer Network", "Incontro con l'International Technology Transfer Network", "会见国际技术转移协作网络"),
        "host": "ittn", "others": ["citta-della-scienza"],
        "outcomes": (
            "Cooperation activities for Italian and Chinese startups and incubators\nSoft-landing actions scheduled for 2017",
            "Attività di cooperazione per startup e incubatori italiani e cinesi\nAzioni di soft landing previste per il 2017",
            "面向中意初创企业和孵化器的合作活动\n计划于2017年开展的软着陆行动",
        ),
        "people": [
            LIPARDI_SG,
            ("John Zhang", "ittn", ("Secretary General of ITTN", "Segretario generale di ITTN", "国际技术转移协作网络秘书长")),
        ],
    },
]  # fmt: skip
