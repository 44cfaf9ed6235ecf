"""Server-rendered SVG bar charts for the learning dashboard.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (``aria-labelledby``), drawn with presentation attributes (``fill=``), never a
``style`` attribute (the site's CSP forbids inline styles), and always shown beside a data
table holding the same, already suppressed, figures. Every bar is written out as text
too (its label and its value), so nothing is told by colour alone; the two series of a
grouped chart ("Before", "After") are named on each bar as well as coloured.

A hidden figure is never drawn as a bar: its bar is left out and its text ("fewer than 5",
"hidden") is written where the bar would start. Bars are scaled to the largest value
shown (or a fixed scale, e.g. 5 for a 1-to-5 mean), so not even a hidden value's size can
be read from the axis.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH = 640
BAR_LEFT = 100  # series labels ("Before", "After") are written left of it
BAR_SPACE = 420  # the longest bar; its value is written after it
GROUP_LABEL_HEIGHT = 22
BAR_HEIGHT = 20
BAR_GAP = 6
GROUP_GAP = 12
TEXT = "#0b0c0c"  # GOV.UK text colour
BAR = '<rect class="app-chart__bar" x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
LABEL = '<text x="{}" y="{}" fill="{}" font-size="14">{}</text>'
FILLS = ("#1d70b8", "#28a197", "#4c2c92")  # GOV.UK blue, turquoise, purple: 4.5:1 or more on white


def _scale(chart):
    if chart.scale_max:
        return float(chart.scale_max)
    values = [bar.value for group in chart.groups for bar in group.bars if bar.value is not None]
    return float(max(values, default=0)) or 1.0


def bar_chart(chart, chart_id):
    """The SVG markup of ``chart`` (a ``figures.Chart``), with element ids from ``chart_id``."""
    scale = _scale(chart)
    parts = []
    y = 0
    for group in chart.groups:
        y += GROUP_LABEL_HEIGHT
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}" font-size="14" font-weight="bold">{}</text>',
                y - 6,
                TEXT,
                group.label,
            )
        )
        for position, bar in enumerate(group.bars):
            top = y
            middle = top + BAR_HEIGHT / 2 + 5
            if bar.label:
                parts.append(
                    format_html(
                        '<text x="0" y="{}" fill="{}" font-size="14">{}</text>', middle, TEXT, bar.label
                    )
                )
            if bar.value is None:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" fill="{}" font-size="14" font-style="italic">{}</text>',
                        BAR_LEFT,
                        middle,
                        TEXT,
                        bar.text,
                    )
                )
            else:
                length = max(0.0, min(1.0, bar.value / scale)) * BAR_SPACE
                if length > 0:
                    parts.append(
                        format_html(
                            BAR,
                            BAR_LEFT,
                            top,
                            f"{length:.1f}",
                            BAR_HEIGHT,
                            FILLS[position % len(FILLS)],
                        )
                    )
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" fill="{}" font-size="14">{}</text>',
                        f"{BAR_LEFT + length + 6:.1f}",
                        middle,
                        TEXT,
                        bar.text,
                    )
                )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    height = max(y, 40)
    if not chart.groups:
        parts.append(format_html(LABEL, 0, 24, TEXT, "Nothing to show yet."))
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return format_html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="{} {}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'focusable="false"><title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        title_id,
        desc_id,
        WIDTH,
        height,
        title_id,
        chart.title,
        desc_id,
        chart.description,
        mark_safe("".join(parts)),  # noqa: S308 -- each part was escaped by format_html above
    )
