"""Bar charts drawn on the server as SVG: readable without JavaScript, no inline styles.

A chart is plain geometry computed here and written out as SVG markup by `BarChart.svg()`
(string building, several times faster than a template loop, and cached with the figures);
colours come from classes in `static/css/site.css` (`chart-s0`, `chart-s1`…), because the
Content-Security-Policy forbids `style` attributes. Every chart sits next to a table with
the same numbers, which is what screen readers and the CSV export use.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 200
VALUE_GAP = 6
BAR_HEIGHT = 16
BAR_GAP = 2
GROUP_GAP = 12
TOP = 8
LEGEND_LINE = 18
MAX_LABEL_CHARS = 28


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: int | None
    text_x: int
    text_y: int
    css: str
    series: str


@dataclass
class Group:
    label: str
    short_label: str
    label_y: int
    bars: list[Bar] = field(default_factory=list)


@dataclass
class LegendItem:
    name: str
    css: str
    x: int
    y: int


@dataclass
class BarChart:
    """Horizontal bars, one group per category and one bar per series."""

    id: str
    title: str
    desc: str
    width: int
    height: int
    label_x: int
    groups: list[Group]
    legend: list[LegendItem]

    def svg(self) -> SafeString:
        """The chart as an `<svg role="img">` with its title and description; text is escaped."""
        cid = escape(self.id)
        out = [
            f'<svg role="img" aria-labelledby="{cid}-title {cid}-desc" '
            f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}" class="chart-svg" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{cid}-title">{escape(self.title)}</title>',
            f'<desc id="{cid}-desc">{escape(self.desc)}</desc>',
        ]
        for item in self.legend:
            out.append(
                f'<rect x="{item.x}" y="{item.y}" width="12" height="12" class="{item.css}"></rect>'
                f'<text x="{item.x + 16}" y="{item.y + 11}" class="chart-legend">'
                f"{escape(item.name)}</text>"
            )
        for group in self.groups:
            out.append(
                f'<text x="{self.label_x}" y="{group.label_y}" text-anchor="end" '
                f'class="chart-label">{escape(group.short_label)}</text>'
            )
            for bar in group.bars:
                if bar.width:
                    out.append(
                        f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" '
                        f'height="{bar.height}" class="{bar.css}"></rect>'
                    )
                value = "–" if bar.value is None else str(bar.value)
                out.append(
                    f'<text x="{bar.text_x}" y="{bar.text_y}" class="chart-value">{value}</text>'
                )
        out.append("</svg>")
        # Every interpolated text went through escape(); numbers are ints computed here. So
        # bandit's B308/B703 (mark_safe may let markup through) do not apply.
        return mark_safe("".join(out))  # nosec B308 B703


def _short(label: str) -> str:
    # The table beside the chart holds the full label; the chart keeps one line.
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(
    *,
    id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> BarChart:
    """Lay out `series` (name, one value per category) as grouped horizontal bars.

    A value of None ("not known") draws no bar and is written "–"; bars scale to the
    largest value, so reported and live figures are comparable at a glance.
    """
    # One legend line per series: names are long in every language, so they never share a line.
    top = TOP + (LEGEND_LINE * len(series) + 6 if len(series) > 1 else 0)
    largest = max((v or 0 for _name, values in series for v in values), default=0)
    room = WIDTH - LABEL_WIDTH - 60
    groups = []
    y = top
    for i, category in enumerate(categories):
        group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        group = Group(
            label=category, short_label=_short(category), label_y=y + group_height // 2 + 5
        )
        for s, (name, values) in enumerate(series):
            value = values[i]
            width = round(room * (value or 0) / largest) if largest else 0
            bar_y = y + s * (BAR_HEIGHT + BAR_GAP)
            group.bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=bar_y,
                    width=width,
                    height=BAR_HEIGHT,
                    value=value,
                    text_x=LABEL_WIDTH + width + VALUE_GAP,
                    text_y=bar_y + BAR_HEIGHT - 3,
                    css=f"chart-s{s % 4}",
                    series=name,
                )
            )
        groups.append(group)
        y += group_height + GROUP_GAP
    legend = []
    if len(series) > 1:
        for s, (name, _values) in enumerate(series):
            legend.append(
                LegendItem(name=name, css=f"chart-s{s % 4}", x=LABEL_WIDTH, y=TOP + s * LEGEND_LINE)
            )
    return BarChart(
        id=id,
        title=title,
        desc=desc,
        width=WIDTH,
        height=max(y - GROUP_GAP + TOP, top + BAR_HEIGHT),
        label_x=LABEL_WIDTH - 8,
        groups=groups,
        legend=legend,
    )
