"""The programme's figures: reported numbers of past editions beside live counts.

Everything is read with a fixed number of grouped queries (one per kind of count, whatever
the number of editions, meetings or agreements) and laid out as tables and SVG charts.

Caching: the computed tables are cached per language, and the rendered page body per
language, edition and staff flag (`{% cache %}` in `portal/figures.html`), for
`CACHE_SECONDS`. Every key holds the version tokens of everything the page counts (`TOKENS`,
see portal.core.cache_versions): any change to agreements, editions, registrations, B2B
requests and meetings or organisations, through a service or the admin, replaces one, which
orphans every entry at once; `CACHE_SECONDS` only bounds how long an orphan takes space.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, IntegerField, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from agreements.models import Agreement, Project
from matchmaking.models import Meeting, MeetingRequest, Seat
from portal.core import cache_versions, l10n, punctuation
from portal.core.models import Organisation, ThematicArea
from portal.shell.charts import bar_chart
from programme.checkin.queries import EditionAttendance, attendance_counts
from programme.models import Edition, Registration

CACHE_SECONDS = 300


@dataclass
class FigureTable:
    """A table of numbers (rows × columns) with the chart drawn from it."""

    slug: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[int | None]]]
    note: str = ""
    chart: str = ""  # the chart drawn from the table, as markup; "" when it has no data


@dataclass
class EditionFigures:
    year: int
    title: str
    has_data: bool = False
    tables: list[FigureTable] = field(default_factory=list)
    # Counts of people checked in at the doors: only for editions that checked people in.
    attendance: list[FigureTable] = field(default_factory=list)


# What the page counts; "figures" is for what none of the others covers.
TOKENS = ("figures", "checkins", "agreements", "programme", "b2b", "directory")


def version() -> str:
    """The tokens of the data the cached tables are built from (portal.core.cache_versions)."""
    return "-".join(cache_versions.tokens(TOKENS))


def b2b_counts() -> dict[int, dict[str, int]]:
    """B2B figures per edition id: meetings requested, scheduled, held, with an agreement
    expected (from either side's feedback), and agreements linked to them.

    Three grouped queries, whatever the volume.
    """
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: {
            "requested": 0,
            "accepted": 0,
            "scheduled": 0,
            "held": 0,
            "expected": 0,
            "agreements": 0,
        }
    )
    for row in MeetingRequest.objects.values("edition_id").annotate(
        n=Count("pk"), accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED))
    ):
        counts[row["edition_id"]]["requested"] = row["n"]
        counts[row["edition_id"]]["accepted"] = row["accepted"]
    for row in (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
        .values("edition_id")
        .annotate(
            n=Count("pk", distinct=True),
            held=Count("pk", filter=Q(seats__outcome=Seat.Outcome.TOOK_PLACE), distinct=True),
            expected=Count("pk", filter=Q(seats__agreement_expected=True), distinct=True),
        )
    ):
        counts[row["edition_id"]]["scheduled"] = row["n"]
        counts[row["edition_id"]]["held"] = row["held"]
        counts[row["edition_id"]]["expected"] = row["expected"]
    for row in (
        Agreement.objects.filter(meetings__isnull=False)
        .values("meetings__edition_id")
        .annotate(n=Count("pk", distinct=True))
    ):
        counts[row["meetings__edition_id"]]["agreements"] = row["n"]
    return dict(counts)


def _table(slug, caption, first, columns, rows, *, chart_title="", chart_desc="", note=""):
    table = FigureTable(slug=slug, caption=caption, columns=[first, *columns], rows=rows, note=note)
    if rows:
        # The description reads the numbers out, for those who cannot see the bars.
        # Punctuation in the reader's language (full-width in Chinese).
        desc = punctuation.semicolon().join(
            f"{label}{punctuation.colon()}"
            + punctuation.comma().join(
                f"{name} {'–' if v is None else l10n.number(v)}"
                for name, v in zip(columns, values, strict=True)
            )
            for label, values in rows
        )
        chart = bar_chart(
            id=f"chart-{slug}",
            title=chart_title or caption,
            desc=chart_desc or desc,
            categories=[label for label, _values in rows],
            series=[(name, [values[i] for _l, values in rows]) for i, name in enumerate(columns)],
        )
        table.chart = chart.html()
    return table


def _country(code: str) -> str:
    return str(countries.name(code)) if code else _("Not given")


@dataclass
class Counts:
    """Everything the tables are made of, read in a fixed number of grouped queries."""

    editions: list[Edition]
    participants: dict[int, Counter]
    by_country: dict[int, Counter]
    by_kind: dict[int, Counter]
    agreements_by_edition: dict[int | None, Counter]
    agreements_by_year: Counter
    agreements_by_kind: Counter
    areas: dict[int, str]
    areas_by_edition: dict[int | None, Counter]
    areas_overall: Counter
    projects_by_country: Counter
    b2b: dict[int, dict[str, int]]

    def live(self, edition_id: int, key: str) -> int:
        """A live B2B count: 0 when the edition had none."""
        return self.b2b.get(edition_id, {}).get(key, 0)


def counts() -> Counts:
    # The demonstration edition is invented: it never counts in the programme's figures.
    editions = list(Edition.objects.real().order_by("year"))

    # Participants: live registrations (not cancelled), by edition × country × kind.
    participants: dict[int, Counter] = defaultdict(Counter)
    by_country: dict[int, Counter] = defaultdict(Counter)
    by_kind: dict[int, Counter] = defaultdict(Counter)
    for row in (
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        .filter(edition__is_demo=False)
        .values("edition_id", country=F("organisation__country"), kind=F("organisation__kind"))
        .annotate(n=Count("pk"))
    ):
        participants[row["edition_id"]]["all"] += row["n"]
        by_country[row["edition_id"]][row["country"]] += row["n"]
        by_kind[row["edition_id"]][row["kind"]] += row["n"]

    # Agreements: by edition × kind × year of signing (the edition's year when no day known).
    year = Coalesce(
        ExtractYear("signed_on"),
        F("edition__year"),
        ExtractYear("activity__date"),
        output_field=IntegerField(),
    )
    agreements_by_edition: dict[int | None, Counter] = defaultdict(Counter)
    agreements_by_year: Counter = Counter()
    agreements_by_kind: Counter = Counter()
    for row in (
        Agreement.objects.annotate(y=year)
        .values("edition_id", "kind", "y")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        agreements_by_edition[row["edition_id"]][row["kind"]] += row["n"]
        agreements_by_year[row["y"]] += row["n"]
        agreements_by_kind[row["kind"]] += row["n"]

    areas = {a.pk: a.name for a in ThematicArea.objects.all()}
    areas_by_edition: dict[int | None, Counter] = defaultdict(Counter)
    areas_overall: Counter = Counter()
    for row in (
        Agreement.areas.through.objects.values(
            "thematicarea_id", edition_id=F("agreement__edition_id")
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        areas_by_edition[row["edition_id"]][row["thematicarea_id"]] += row["n"]
        areas_overall[row["thematicarea_id"]] += row["n"]

    projects_by_country: Counter = Counter()
    for row in Project.objects.values("country").annotate(n=Count("pk")).order_by():
        projects_by_country[row["country"]] += row["n"]

    return Counts(
        editions=editions,
        participants=participants,
        by_country=by_country,
        by_kind=by_kind,
        agreements_by_edition=agreements_by_edition,
        agreements_by_year=agreements_by_year,
        agreements_by_kind=agreements_by_kind,
        areas=areas,
        areas_by_edition=areas_by_edition,
        areas_overall=areas_overall,
        projects_by_country=projects_by_country,
        b2b=b2b_counts(),
    )


# The tables over all editions, one function each.


def participants_by_edition(c: Counts) -> FigureTable:
    return _table(
        "participants-by-edition",
        _("Participants per edition: reported by the organisers and registered on Ponte"),
        _("Edition"),
        [_("Participants (reported)"), _("Participants (registered, live)")],
        [(str(e.year), [e.reported_participants, c.participants[e.pk]["all"]]) for e in c.editions],
    )


def b2b_by_edition(c: Counts) -> FigureTable:
    return _table(
        "b2b-by-edition",
        _("B2B meetings per edition: reported, and requested and held on Ponte"),
        _("Edition"),
        [_("B2B meetings (reported)"), _("Meetings requested (live)"), _("Meetings held (live)")],
        [
            (
                str(e.year),
                [e.reported_b2b_meetings, c.live(e.pk, "requested"), c.live(e.pk, "held")],
            )
            for e in c.editions
        ],
    )


def agreements_by_edition(c: Counts) -> FigureTable:
    return _table(
        "agreements-by-edition",
        _("Agreements per edition: reported, and recorded on Ponte"),
        _("Edition"),
        [_("Agreements (reported)"), _("Agreements (recorded, live)")],
        [
            (str(e.year), [e.reported_agreements, sum(c.agreements_by_edition[e.pk].values())])
            for e in c.editions
        ],
    )


def agreements_by_year(c: Counts) -> FigureTable:
    years = sorted(y for y in c.agreements_by_year if y)
    return _table(
        "agreements-by-year",
        _("Agreements recorded on Ponte, by year of signing"),
        _("Year"),
        [_("Agreements (live)")],
        [(str(y), [c.agreements_by_year[y]]) for y in years],
    )


def agreements_by_kind(c: Counts) -> FigureTable:
    return _table(
        "agreements-by-kind",
        _("Agreements recorded on Ponte, by kind (all years)"),
        _("Kind"),
        [_("Agreements (live)")],
        [(str(label), [c.agreements_by_kind[k]]) for k, label in Agreement.Kind.choices],
    )


def agreements_by_area(c: Counts) -> FigureTable:
    return _table(
        "agreements-by-area",
        _("Agreements recorded on Ponte, by thematic area (all years)"),
        _("Thematic area"),
        [_("Agreements (live)")],
        [(str(name), [c.areas_overall[pk]]) for pk, name in c.areas.items()],
        note=_("An agreement may cover several thematic areas."),
    )


def projects_by_country(c: Counts) -> FigureTable:
    return _table(
        "projects-by-country",
        _("Partnership projects recorded on Ponte, by country where they land"),
        _("Country"),
        [_("Projects (live)")],
        [(_country(code), [n]) for code, n in c.projects_by_country.most_common()],
    )


def projects_reported(c: Counts) -> FigureTable | None:
    rows = [
        (str(e.year), [e.reported_projects]) for e in c.editions if e.reported_projects is not None
    ]
    if not rows:
        return None
    return _table(
        "projects-reported",
        _("Partnership projects as reported by the organisers"),
        _("Edition"),
        [_("Projects (reported)")],
        rows,
    )


# The tables of one edition, one function each.


def edition_participants_by_country(c: Counts, e: Edition) -> FigureTable:
    by_c = c.by_country[e.pk]
    others = sum(n for code, n in by_c.items() if code not in ("IT", "CN"))
    return _table(
        f"{e.year}-participants-by-country",
        _("Participants of %(year)s by country") % {"year": e.year},
        _("Country"),
        [_("Participants (reported)"), _("Participants (registered, live)")],
        [
            (_country("IT"), [e.reported_participants_italy, by_c["IT"]]),
            (_country("CN"), [e.reported_participants_china, by_c["CN"]]),
            (_("Other countries"), [None, others]),
            (_("All"), [e.reported_participants, c.participants[e.pk]["all"]]),
        ],
        # The source's own wording where its figures need it: "over 2,000 players (of which
        # 1,500 Italians and 650 Chinese)".
        note=e.reported_note or "",
    )


def edition_participants_by_kind(c: Counts, e: Edition) -> FigureTable:
    return _table(
        f"{e.year}-participants-by-kind",
        _("Participants of %(year)s by kind of organisation (live)") % {"year": e.year},
        _("Kind of organisation"),
        [_("Participants (registered, live)")],
        [(str(label), [c.by_kind[e.pk][k]]) for k, label in Organisation.Kind.choices],
    )


def edition_b2b(c: Counts, e: Edition) -> FigureTable:
    return _table(
        f"{e.year}-b2b",
        _("B2B meetings of %(year)s") % {"year": e.year},
        _("Figure"),
        [_("reported").capitalize(), _("live count").capitalize()],
        [
            (_("Meetings requested"), [None, c.live(e.pk, "requested")]),
            (_("Meetings scheduled"), [e.reported_b2b_meetings, c.live(e.pk, "scheduled")]),
            (_("Meetings held"), [None, c.live(e.pk, "held")]),
        ],
    )


def edition_agreements_by_kind(c: Counts, e: Edition) -> FigureTable:
    note = ""
    if e.reported_agreements is not None:
        note = _("Reported by the organisers: %(n)s agreements.") % {"n": e.reported_agreements}
    return _table(
        f"{e.year}-agreements-by-kind",
        _("Agreements signed at the %(year)s Week, by kind") % {"year": e.year},
        _("Kind"),
        [_("Agreements (live)")],
        [(str(label), [c.agreements_by_edition[e.pk][k]]) for k, label in Agreement.Kind.choices],
        note=note,
    )


def edition_agreements_by_area(c: Counts, e: Edition) -> FigureTable:
    return _table(
        f"{e.year}-agreements-by-area",
        _("Agreements signed at the %(year)s Week, by thematic area") % {"year": e.year},
        _("Thematic area"),
        [_("Agreements (live)")],
        [(str(name), [c.areas_by_edition[e.pk][pk]]) for pk, name in c.areas.items()],
    )


def edition_funnel(c: Counts, e: Edition) -> FigureTable:
    return _table(
        f"{e.year}-funnel",
        _("From meetings to agreements, %(year)s") % {"year": e.year},
        _("Stage"),
        [_("reported").capitalize(), _("live count").capitalize()],
        [
            (_("Meetings requested"), [None, c.live(e.pk, "requested")]),
            # The organisers reported meetings scheduled ("600 B2B were scheduled").
            (_("Meetings scheduled"), [e.reported_b2b_meetings, c.live(e.pk, "scheduled")]),
            (_("Meetings held"), [None, c.live(e.pk, "held")]),
            (_("Meetings where an agreement is expected"), [None, c.live(e.pk, "expected")]),
            (_("Agreements from these meetings"), [None, c.live(e.pk, "agreements")]),
            (
                _("Agreements signed at the Week"),
                [e.reported_agreements, sum(c.agreements_by_edition[e.pk].values())],
            ),
        ],
    )


def _checked_in_by_day_venue(e: Edition, a: EditionAttendance, caption: str) -> FigureTable:
    return _table(
        f"{e.year}-checked-in-by-day",
        caption,
        _("Day and venue"),
        [_("Checked in (live)")],
        [
            (f"{l10n.date(day)} · {a.venues[venue]}", [n])
            for (day, venue), n in sorted(
                a.by_day_venue.items(), key=lambda item: (item[0][0], a.venues[item[0][1]])
            )
        ],
    )


def _checked_in_by_role(e: Edition, a: EditionAttendance, caption: str) -> FigureTable:
    return _table(
        f"{e.year}-checked-in-by-role",
        caption,
        _("Role"),
        [_("Participants (registered, live)"), _("Checked in (live)")],
        [
            (str(label), [a.registered_by_role[role], a.by_role[role]])
            for role, label in Registration.Role.choices
        ],
    )


def edition_attendance(c: Counts, e: Edition, a: EditionAttendance) -> list[FigureTable]:
    """People checked in at the doors: per day and venue, and beside those registered."""
    by_day_venue = _checked_in_by_day_venue(
        e,
        a,
        _("People checked in at the %(year)s Week, by day and venue (live)") % {"year": e.year},
    )
    by_c = c.by_country[e.pk]
    others = sum(n for code, n in by_c.items() if code not in ("IT", "CN"))
    came_others = sum(n for code, n in a.by_country.items() if code not in ("IT", "CN"))
    by_country = _table(
        f"{e.year}-checked-in-by-country",
        _("People checked in at the %(year)s Week, by country (live)") % {"year": e.year},
        _("Country"),
        [
            _("Participants (reported)"),
            _("Participants (registered, live)"),
            _("Checked in (live)"),
        ],
        [
            (_country("IT"), [e.reported_participants_italy, by_c["IT"], a.by_country["IT"]]),
            (_country("CN"), [e.reported_participants_china, by_c["CN"], a.by_country["CN"]]),
            (_("Other countries"), [None, others, came_others]),
            (_("All"), [e.reported_participants, c.participants[e.pk]["all"], a.people]),
        ],
        note=_("A person checked in on several days or at several venues counts once here."),
    )
    by_role = _checked_in_by_role(
        e, a, _("People checked in at the %(year)s Week, by role (live)") % {"year": e.year}
    )
    return [by_day_venue, by_country, by_role]


def demo_attendance() -> list[EditionFigures]:
    """The demonstration edition's check-ins, kept apart: staff try the doors on it, and its
    invented people never enter the programme's figures above (two queries when it has none)."""
    demos = list(Edition.objects.filter(is_demo=True).order_by("year"))
    found = attendance_counts(demos)
    shown = []
    for e in demos:
        if e.pk not in found:
            continue
        a = found[e.pk]
        title = str(e.title)
        shown.append(
            EditionFigures(
                year=e.year,
                title=title,
                has_data=True,
                attendance=[
                    _checked_in_by_day_venue(
                        e,
                        a,
                        _("People checked in at %(title)s, by day and venue") % {"title": title},
                    ),
                    _checked_in_by_role(
                        e, a, _("People checked in at %(title)s, by role") % {"title": title}
                    ),
                ],
            )
        )
    return shown


OVERALL = [
    participants_by_edition,
    b2b_by_edition,
    agreements_by_edition,
    agreements_by_year,
    agreements_by_kind,
    agreements_by_area,
    projects_by_country,
    projects_reported,
]
PER_EDITION = [
    edition_participants_by_country,
    edition_participants_by_kind,
    edition_b2b,
    edition_agreements_by_kind,
    edition_agreements_by_area,
    edition_funnel,
]


def compute() -> dict[str, Any]:
    """Build every table of the page in the current language (fixed number of queries)."""
    c = counts()
    overall = [table for make in OVERALL if (table := make(c)) is not None]
    attendance = attendance_counts(c.editions)
    per_edition = []
    for e in reversed(c.editions):
        ef = EditionFigures(
            year=e.year,
            title=str(e.title),
            has_data=bool(
                e.reported_participants or c.participants[e.pk]["all"] or e.pk in attendance
            ),
        )
        ef.tables = [make(c, e) for make in PER_EDITION]
        if e.pk in attendance:
            ef.attendance = edition_attendance(c, e, attendance[e.pk])
        per_edition.append(ef)
    return {"overall": overall, "editions": per_edition, "demo": demo_attendance()}


def figures(token: str | None = None) -> dict[str, Any]:
    """The cached figures in the current language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"figures:{token or version()}:{language}"
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, CACHE_SECONDS)
    return data


def page(*, year: int | None) -> dict[str, Any]:
    """Context of the figures page: every table over the years, and one edition's tables."""
    token = version()
    data = figures(token)
    editions = data["editions"]
    chosen = next((e for e in editions if e.year == year), None)
    if chosen is None:
        # By default the latest edition that has figures: a planned one would show only zeros.
        chosen = next((e for e in editions if e.has_data), editions[0] if editions else None)
    return {
        "overall": data["overall"],
        "editions": editions,
        "edition": chosen,
        "demo_editions": data["demo"],
        "cache_seconds": CACHE_SECONDS,
        "cache_version": token,
    }


def find_table(*, slug: str) -> FigureTable | None:
    data = figures()
    tables = list(data["overall"])
    for edition in data["editions"]:
        tables.extend(edition.tables)
        tables.extend(edition.attendance)
    for edition in data["demo"]:
        tables.extend(edition.attendance)
    return next((t for t in tables if t.slug == slug), None)
