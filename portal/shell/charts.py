"""Bar charts drawn on the server: readable without JavaScript, no inline styles.

A chart is rows of HTML text (labels and values, so they keep the page's font size on a phone
instead of shrinking with a scaled SVG) and one small SVG per bar, whose width is an SVG
attribute in percent: the Content-Security-Policy forbids `style` attributes. Colours and
patterns are classes in `static/css/site.css` (`chart-s0`, `chart-s1`…); the second series is
hatched (`#chart-hatch`, defined once in `portal/figures.html`), so two series differ without
colour too. A series with no data is not drawn: the chart says "no data yet" for it, and a chart
with no data at all is not drawn (`BarChart.empty`).

The chart is one image to assistive technology (`role="img"`), named by its title and described
by its numbers; the page keeps the same numbers in a table, which is what the CSV export uses.
Markup is built as a string (faster than a template loop, and cached with the figures).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.core import l10n

SERIES_CLASSES = 4


@dataclass
class Bar:
    width: float  # percent of the largest value
    value: int | None
    css: str
    series: str


@dataclass
class Group:
    label: str
    bars: list[Bar] = field(default_factory=list)


@dataclass
class LegendItem:
    name: str
    css: str


@dataclass
class BarChart:
    """Horizontal bars, one group per category and one bar per series that has data."""

    id: str
    title: str
    desc: str
    groups: list[Group]
    legend: list[LegendItem]
    without_data: list[str]  # the series left out: nothing recorded in them yet

    @property
    def empty(self) -> bool:
        return not self.legend

    def html(self) -> SafeString:
        """The chart as a `<div role="img">` named and described; every text is escaped."""
        if self.empty:
            return mark_safe("")  # nosec B308 B703: a constant
        cid = escape(self.id)
        out = [
            f'<div class="chart" role="img" aria-labelledby="{cid}-title" '
            f'aria-describedby="{cid}-desc">',
            f'<p id="{cid}-title" class="visually-hidden">{escape(self.title)}</p>',
            f'<p id="{cid}-desc" class="visually-hidden">{escape(self.desc)}</p>',
        ]
        # The legend, whenever the table has several series (even if one is left out); the
        # bars of a category follow its order.
        if len(self.legend) > 1 or self.without_data:
            out.append('<ul class="chart-legend">')
            for item in self.legend:
                out.append(f"<li>{_swatch(item.css)}{escape(item.name)}</li>")
            out.append("</ul>")
        for group in self.groups:
            out.append(f'<div class="chart-group"><p class="chart-label">{escape(group.label)}</p>')
            for bar in group.bars:
                value = "–" if bar.value is None else l10n.number(bar.value)
                # The bar's own width (percent of the row): its value is written right after it.
                drawn = (
                    f'<svg class="chart-bar-shape" width="{bar.width:g}%" height="16" '
                    f'aria-hidden="true"><rect width="100%" height="16" class="{bar.css}"></rect>'
                    "</svg>"
                    if bar.width
                    else ""
                )
                out.append(
                    f'<p class="chart-bar">{drawn}<span class="chart-value">{value}</span></p>'
                )
            out.append("</div>")
        for name in self.without_data:
            out.append(
                '<p class="meta chart-missing">'
                + escape(_("%(series)s: no data yet.") % {"series": name})
                + "</p>"
            )
        out.append("</div>")
        # Every interpolated text went through escape(); numbers are computed here. So bandit's
        # B308/B703 (mark_safe may let markup through) do not apply.
        return mark_safe("".join(out))  # nosec B308 B703


def _swatch(css: str) -> str:
    return (
        '<svg class="chart-swatch" width="14" height="14" aria-hidden="true">'
        f'<rect width="14" height="14" class="{css}"></rect></svg>'
    )


def bar_chart(
    *,
    id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
) -> BarChart:
    """Lay out `series` (name, one value per category) as grouped horizontal bars.

    A value of None ("not known") draws no bar and is written "–"; bars scale to the largest
    value, so reported and live figures are comparable at a glance. A series whose values are
    all zero or unknown is left out and named in `without_data`.
    """
    drawn = []
    without_data = []
    for s, (name, values) in enumerate(series):
        if any(values):
            drawn.append((s, name, values))
        else:
            without_data.append(name)
    largest = max((v or 0 for _s, _name, values in drawn for v in values), default=0)
    groups = []
    for i, category in enumerate(categories):
        group = Group(label=category)
        for s, name, values in drawn:
            value = values[i]
            width = round(100 * (value or 0) / largest, 1) if largest else 0
            if value and width < 2:
                # At least a sliver wide enough to show its colour and hatching.
                width = 2
            group.bars.append(
                Bar(width=width, value=value, css=f"chart-s{s % SERIES_CLASSES}", series=name)
            )
        groups.append(group)
    legend = [LegendItem(name=name, css=f"chart-s{s % SERIES_CLASSES}") for s, name, _v in drawn]
    return BarChart(
        id=id, title=title, desc=desc, groups=groups, legend=legend, without_data=without_data
    )
