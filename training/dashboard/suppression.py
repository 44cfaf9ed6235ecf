"""Small-number suppression for the learning dashboard: pure functions, no database.

Why: the dashboard counts people (who completed a programme, who attended, who chose an
option at a decision point). A count of one to four people in an agency or an area can
point at a person, so it is never shown. The method, in the order it runs:

1. **Primary suppression.** Every count from 1 to 4 (``1 <= n < THRESHOLD``) is hidden and
   shown as "fewer than 5". A zero is shown as 0 (nobody is identified by it).

2. **Totals are part of the table.** A table's row totals, column totals and grand total
   (the ``TOTAL`` position on an axis) are cells like any other: they are suppressed by the
   same rules, so a total of 3 is "fewer than 5" too.

3. **Secondary suppression.** A *line* is a set of cells that add up to a cell on the
   same line: one row with its row total, one column with its column total (in a table of
   more dimensions, every one-dimensional slice along an axis that has a total). If a line
   holds exactly one hidden cell, that cell could be worked out as the total minus the
   others; so the smallest other non-zero cell on that line is hidden too (ties broken by
   position, so the result is deterministic). Hiding it may leave another line with a
   single hidden cell, so the rule is applied to every line again, until nothing changes.
   A cell hidden this way shows "hidden", never "fewer than 5" (it is not fewer than 5;
   saying which kind of cell it is gives away no more than the line's total already does).

4. **Linked tables.** Two tables may show the same number (completion by agency and by
   area share each programme's total; attendance and non-attendance share the absent plus
   late-cancellation count). Such cells are declared *linked*: when one is hidden, every
   cell linked to it is hidden too, and step 3 runs again, until nothing changes.

5. **No differencing through filters.** Suppression is computed once, on the whole table
   with every programme in it (programme is one of the table's axes, with its total,
   "All programmes"). The dashboard's programme filter then only shows a slice of that
   already-suppressed table; it never recomputes anything. So comparing "All programmes"
   with one programme (or two programmes with each other) can only subtract numbers that
   passed the line rule of step 3 together.

6. **Means and percentages** (confidence before and after, share who improved) are shown
   only when the count of respondents behind them is shown and is at least 5: a hidden
   count hides every figure computed from it.

What this does not promise: a line with two or more hidden cells still gives their sum
(as the total minus the shown cells), and "fewer than 5" bounds a value; that is the usual
trade-off of cell suppression. Counts of different things that are not declared linked
(people enrolled and people who completed) are suppressed independently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import product

THRESHOLD = 5
TOTAL = "__total__"  # the position of the total on an axis

FEWER_THAN = f"fewer than {THRESHOLD}"
HIDDEN = "hidden"

PRIMARY = "primary"
SECONDARY = "secondary"


def is_small(value):
    """A count that must not be shown: 1 to THRESHOLD - 1."""
    return 0 < value < THRESHOLD


@dataclass(frozen=True)
class Figure:
    """One count as the dashboard may show it: the number, or why not.

    A hidden figure never carries its true value, so no template, chart or CSV can show it.
    """

    value: int | None  # None when hidden
    reason: str = ""  # "", PRIMARY or SECONDARY

    @property
    def hidden(self):
        return self.value is None

    @property
    def text(self):
        if self.reason == PRIMARY:
            return FEWER_THAN
        if self.reason == SECONDARY:
            return HIDDEN
        return f"{self.value:,}"

    def __str__(self):
        return self.text


def figure(value, reason=""):
    return Figure(None, reason) if reason else Figure(value)


def with_totals(cells, dimensions, total_axes):
    """The cells of a table of ``dimensions`` axes plus its totals along ``total_axes``.

    ``cells`` maps full keys (tuples, one coordinate per axis, never TOTAL) to counts. The
    result also holds every total: each key with any subset of ``total_axes`` replaced by
    TOTAL, including totals that are 0 for categories given but empty. Other cells are
    not invented: callers list every category they want shown as a 0 themselves.
    """
    result = defaultdict(int)
    for key, value in cells.items():
        if len(key) != dimensions or TOTAL in key:
            raise ValueError(f"{key!r} is not a cell of a {dimensions}-axis table")
        for mask in product((False, True), repeat=len(total_axes)):
            total_key = list(key)
            for axis, replace in zip(total_axes, mask, strict=True):
                if replace:
                    total_key[axis] = TOTAL
            result[tuple(total_key)] += value
    return dict(result)


def table_lines(keys, total_axes):
    """Every line of a table: for each axis with a total, the cells that differ only on
    that axis (they add up to the one at TOTAL on it, which is on the line too)."""
    lines = []
    for axis in total_axes:
        groups = defaultdict(list)
        for key in keys:
            groups[key[:axis] + key[axis + 1 :]].append(key)
        lines.extend(group for group in groups.values() if len(group) > 1)
    return lines


def _order(key):
    return tuple((part == TOTAL, str(part)) for part in (key if isinstance(key, tuple) else (key,)))


def suppress(values, lines, links=()):
    """{key: PRIMARY or SECONDARY} for the cells of ``values`` ({key: count}) to hide.

    ``lines``: lists of keys that add up (each includes its total); ``links``: lists of
    keys that hold the same number (in different tables). See the module docstring.
    """
    hidden = {key: PRIMARY for key, value in values.items() if is_small(value)}
    links = [list(group) for group in links]
    changed = True
    while changed:
        changed = False
        for group in links:
            if any(key in hidden for key in group):
                for key in group:
                    if key not in hidden:
                        hidden[key] = SECONDARY
                        changed = True
        for line in lines:
            if sum(1 for key in line if key in hidden) != 1:
                continue
            candidates = [key for key in line if key not in hidden and values[key] > 0]
            if not candidates:
                continue
            chosen = min(candidates, key=lambda key: (values[key], _order(key)))
            hidden[chosen] = SECONDARY
            changed = True
    return hidden


def suppress_table(cells, dimensions, total_axes):
    """{key: Figure} for a table and its totals, suppressed (see ``with_totals``)."""
    values = with_totals(cells, dimensions, total_axes)
    hidden = suppress(values, table_lines(values, total_axes))
    return {key: figure(value, hidden.get(key, "")) for key, value in values.items()}


def suppress_tables(tables, links=()):
    """Several tables suppressed together. ``tables``: {name: (cells, dimensions, total_axes)};
    ``links``: lists of (name, key) that hold the same number. {name: {key: Figure}}."""
    values, lines = {}, []
    for name, (cells, dimensions, total_axes) in tables.items():
        table = with_totals(cells, dimensions, total_axes)
        values.update({(name, key): value for key, value in table.items()})
        lines.extend([(name, key) for key in line] for line in table_lines(table, total_axes))
    for group in links:
        for member in group:
            if member not in values:
                raise KeyError(f"linked cell {member!r} is not in any table")
    hidden = suppress(values, lines, links)
    result = {name: {} for name in tables}
    for (name, key), value in values.items():
        result[name][key] = figure(value, hidden.get((name, key), ""))
    return result


def shown_or_none(count_figure, value):
    """``value`` (a mean or a share) when the count behind it is shown and at least THRESHOLD."""
    if count_figure.hidden or count_figure.value < THRESHOLD:
        return None
    return value
