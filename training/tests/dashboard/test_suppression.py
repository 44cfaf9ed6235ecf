"""Small-number suppression (training.dashboard.suppression): pure functions, hand-computed."""

import pytest

from training.dashboard.suppression import (
    FEWER_THAN,
    HIDDEN,
    PRIMARY,
    SECONDARY,
    TOTAL,
    Figure,
    shown_or_none,
    suppress,
    suppress_table,
    suppress_tables,
    table_lines,
    with_totals,
)

# Programme x agency: P1 has 3 people in agency A; everything else is 5 or more.
#            A    B    C  | total
#   P1       3   10   20  |   33
#   P2      12   15   25  |   52
#   total   15   25   45  |   85
GRID = {
    ("P1", "A"): 3,
    ("P1", "B"): 10,
    ("P1", "C"): 20,
    ("P2", "A"): 12,
    ("P2", "B"): 15,
    ("P2", "C"): 25,
}


def hidden_keys(table):
    return {key for key, figure in table.items() if figure.hidden}


def test_counts_from_1_to_4_are_hidden_and_0_and_5_shown():
    table = suppress_table({("a",): 0, ("b",): 1, ("c",): 4, ("d",): 5}, 1, ())
    assert table[("a",)] == Figure(0) and table[("a",)].text == "0"
    assert table[("b",)].text == table[("c",)].text == FEWER_THAN == "fewer than 5"
    assert table[("b",)].value is None and table[("c",)].value is None
    assert table[("d",)].text == "5"


def test_totals_are_added_on_each_axis_with_a_total():
    values = with_totals(GRID, 2, (0, 1))
    assert values[("P1", TOTAL)] == 33
    assert values[(TOTAL, "A")] == 15
    assert values[(TOTAL, TOTAL)] == 85
    assert len(values) == 12


def test_a_small_total_is_hidden_like_any_other_cell():
    table = suppress_table({("P1", "A"): 2, ("P1", "B"): 1, ("P2", "A"): 0, ("P2", "B"): 0}, 2, (0, 1))
    assert table[("P1", TOTAL)].text == FEWER_THAN
    assert table[(TOTAL, TOTAL)].text == FEWER_THAN
    assert table[("P2", TOTAL)].text == "0"


def test_secondary_suppression_of_the_hand_computed_grid():
    """Row P1 has one hidden cell (3): its smallest other cell (B, 10) is hidden. Column A
    then has one (3): P2's 12 is hidden. Column B then has one more (10): P2's 15. Now every
    row and column holds two hidden cells or none, and the totals all stay shown."""
    table = suppress_table(GRID, 2, (0, 1))
    assert hidden_keys(table) == {("P1", "A"), ("P1", "B"), ("P2", "A"), ("P2", "B")}
    assert table[("P1", "A")].reason == PRIMARY and table[("P1", "A")].text == FEWER_THAN
    for key in [("P1", "B"), ("P2", "A"), ("P2", "B")]:
        assert table[key].reason == SECONDARY and table[key].text == HIDDEN and table[key].value is None
    assert [table[key].value for key in [("P1", TOTAL), ("P2", TOTAL), (TOTAL, "A"), (TOTAL, TOTAL)]] == [
        33,
        52,
        15,
        85,
    ]


def test_no_line_is_left_with_a_single_hidden_cell():
    table = suppress_table(GRID, 2, (0, 1))
    for line in table_lines(table, (0, 1)):
        assert sum(table[key].hidden for key in line) != 1, line


def test_the_small_cell_cannot_be_recovered_by_differencing_programmes():
    """With the filter, 'All programmes' shows A = 15. Suppressing each programme on its own
    would show P2's A = 12 (P2's row has nothing small), giving P1's A = 15 - 12 = 3. Computed
    on the whole table, P2's slice hides A too."""
    per_programme = suppress_table({key: value for key, value in GRID.items() if key[0] == "P2"}, 2, (1,))
    assert per_programme[("P2", "A")].value == 12  # the naive slice would give it away
    whole = suppress_table(GRID, 2, (0, 1))
    p2_slice = {key[1]: figure for key, figure in whole.items() if key[0] == "P2"}
    all_slice = {key[1]: figure for key, figure in whole.items() if key[0] == TOTAL}
    assert all_slice["A"].value == 15
    assert p2_slice["A"].hidden


def test_suppression_repeats_until_stable():
    """Hiding one cell for a row can leave its column with a single hidden cell, and so on."""
    values = {"r1": 3, "r2": 10, "r1t": 13}
    lines = [["r1", "r2", "r1t"], ["r2", "c2", "c2t"], ["c2", "x", "xt"]]
    values.update({"c2": 6, "c2t": 16, "x": 9, "xt": 15})
    hidden = suppress(values, lines)
    # r1 (3) primary; its line's smallest other is r2 (10); r2's column then has one
    # hidden: c2 (6); c2's line then has one: x (9).
    assert hidden == {"r1": PRIMARY, "r2": SECONDARY, "c2": SECONDARY, "x": SECONDARY}


def test_ties_are_broken_the_same_way_every_time():
    first = suppress_table({("a",): 2, ("b",): 7, ("c",): 7}, 1, (0,))
    second = suppress_table({("c",): 7, ("b",): 7, ("a",): 2}, 1, (0,))
    assert hidden_keys(first) == hidden_keys(second) == {("a",), ("b",)}


def test_zero_is_never_chosen_to_hide():
    table = suppress_table({("a",): 3, ("b",): 0, ("c",): 0}, 1, (0,))
    # the total (3) is small itself, so two cells are hidden and the zeros stay shown
    assert hidden_keys(table) == {("a",), (TOTAL,)}
    assert table[("b",)].text == "0"


def test_linked_tables_hide_a_shared_total_in_both():
    """Completion by agency and by area show the same programme total. It is small in
    neither table's own cells, but hidden in the agency table for its line: so it is hidden
    in the area table too, and the area table protects it with another cell."""
    by_agency = {("P1", "A"): 3, ("P1", "B"): 6, ("P2", "A"): 20, ("P2", "B"): 30}
    by_area = {("P1", "X"): 9, ("P2", "X"): 25, ("P2", "Y"): 25}
    links = [[("agency", (p, TOTAL)), ("area", (p, TOTAL))] for p in ("P1", "P2", TOTAL)]
    result = suppress_tables({"agency": (by_agency, 2, (0, 1)), "area": (by_area, 2, (0, 1))}, links)
    agency, area = result["agency"], result["area"]
    # Agency table: P1 row [3*, 6 | 9] hides 6; column A [3*, 20 | 23] hides 20; column B
    # [6*, 30 | 36] hides 30; row P2 [20*, 30* | 50] fine.
    assert hidden_keys(agency) == {("P1", "A"), ("P1", "B"), ("P2", "A"), ("P2", "B")}
    # No total is hidden, so nothing is forced into the area table.
    assert hidden_keys(area) == set()


def test_a_cell_hidden_in_one_table_is_hidden_in_the_table_it_is_linked_to():
    """``s`` (9) is hidden in table X for its line; ``t`` shows the same number in table Y,
    so it is hidden too, and then Y's line needs a second hidden cell: its smallest, 20."""
    values = {"x1": 3, "s": 9, "x2": 12, "t": 9, "y1": 20, "y2": 30}
    lines = [["x1", "s", "x2"], ["t", "y1", "y2"]]
    assert suppress(values, lines) == {"x1": PRIMARY, "s": SECONDARY}
    assert suppress(values, lines, links=[["s", "t"]]) == {
        "x1": PRIMARY,
        "s": SECONDARY,
        "t": SECONDARY,
        "y1": SECONDARY,
    }


def test_a_link_to_a_missing_cell_is_an_error():
    with pytest.raises(KeyError):
        suppress_tables({"t": ({("a",): 6}, 1, (0,))}, [[("t", ("b",)), ("t", (TOTAL,))]])


def test_means_are_shown_only_from_5_or_more_shown_respondents():
    assert shown_or_none(Figure(5), 3.2) == 3.2
    assert shown_or_none(Figure(None, PRIMARY), 3.2) is None
    assert shown_or_none(Figure(None, SECONDARY), 3.2) is None
    assert shown_or_none(Figure(0), None) is None
