"""Small-count protection: primary suppression, and complementary suppression so that no hidden
count comes back by subtracting shown figures."""

import itertools

import pytest

from indicators import suppression
from indicators.suppression import COMPLEMENTARY, PRIMARY, protect_column, protect_table


def hidden(table):
    """The positions hidden, with the totals as an extra column and row."""
    grid = [row + [total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    grid.append([*table.column_totals, table.total])
    return {
        (i, j): cell.hidden
        for i, row in enumerate(grid)
        for j, cell in enumerate(row)
        if cell.hidden
    }


def recoverable(rows, table):
    """A brute-force attacker: for each equation the reader knows (a row or a column with its
    total), one hidden member and all others shown gives it back. Returns the positions found."""
    grid_hidden = hidden(table)
    height, width = len(rows), len(rows[0])
    equations = [[(i, j) for j in range(width + 1)] for i in range(height + 1)]
    equations += [[(i, j) for i in range(height + 1)] for j in range(width + 1)]
    found = set()
    changed = True
    known = {
        (i, j)
        for i, j in itertools.product(range(height + 1), range(width + 1))
        if (i, j) not in grid_hidden
    }
    while changed:
        changed = False
        for members in equations:
            unknown = [p for p in members if p not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                found.add(unknown[0])
                changed = True
    return found


def test_a_small_count_alone_reads_moins_de_5():
    assert suppression.count(3).text == "moins de 5"
    assert suppression.count(3).value is None
    assert suppression.count(5).text == "5"
    assert suppression.count(0).text == "0"


def test_the_threshold_is_a_setting(settings):
    settings.INDICATORS_SMALL_COUNT_THRESHOLD = 10
    assert suppression.count(7).text == "moins de 10"
    assert suppression.count(10).value == 10


def test_a_table_without_small_counts_is_shown_whole():
    table = protect_table([[10, 20], [30, 40]])
    assert hidden(table) == {}
    assert [[c.value for c in row] for row in table.cells] == [[10, 20], [30, 40]]
    assert [c.value for c in table.row_totals] == [30, 70]
    assert [c.value for c in table.column_totals] == [40, 60]
    assert table.total.value == 100


def test_one_small_cell_in_a_row_hides_the_next_smallest_of_the_row_and_column():
    #        A   B   C | total
    # row 0  3  12  20 | 35
    # row 1  9   6  30 | 45
    table = protect_table([[3, 12, 20], [9, 6, 30]])
    marks = hidden(table)
    assert marks[(0, 0)] == PRIMARY
    # Row 0: 35 - 12 - 20 would give the 3 back: its next smallest cell, 12, is hidden too.
    assert marks[(0, 1)] == COMPLEMENTARY
    # Column A: 12 - 9 would give the 3 back: 9 is hidden; then column B (12 hidden alone)
    # hides 6, and row 1 is left with two hidden cells.
    assert marks[(1, 0)] == COMPLEMENTARY
    assert marks[(1, 1)] == COMPLEMENTARY
    assert table.cells[0][0].text == "moins de 5"
    assert table.cells[0][1].text == "masqué"
    assert table.cells[0][2].value == 20
    assert table.total.value == 80
    assert recoverable([[3, 12, 20], [9, 6, 30]], table) == set()


def test_zero_is_shown_and_not_chosen_while_a_positive_cell_remains():
    table = protect_table([[2, 0, 7, 9]])
    marks = hidden(table)
    assert marks[(0, 0)] == PRIMARY
    assert marks[(0, 2)] == COMPLEMENTARY  # 7, the smallest non-zero, not the 0
    assert (0, 1) not in marks


def test_a_small_total_is_hidden_itself():
    table = protect_table([[1, 0], [20, 30]])
    assert table.row_totals[0].hidden == PRIMARY
    # Row 0 (1 + 0 = 1): the 1 and its total are both small; nothing else needs hiding there.
    assert table.cells[0][0].hidden == PRIMARY
    assert table.cells[0][1].value == 0


def test_a_column_with_its_total():
    cells, total = protect_column([12, 3, 40])
    assert cells[1].hidden == PRIMARY
    assert cells[0].hidden == COMPLEMENTARY  # 12, the smallest other, not 40
    assert cells[2].value == 40
    assert total.value == 55


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_count_comes_back_by_subtraction(seed):
    import random

    rng = random.Random(seed)
    height, width = rng.randint(1, 5), rng.randint(1, 5)
    rows = [
        [rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(width)] for _ in range(height)
    ]
    table = protect_table(rows)
    marks = hidden(table)
    # Every small non-zero count is hidden, and none is recovered by the attacker above.
    grid = [row + [sum(row)] for row in rows]
    grid.append([sum(r[j] for r in rows) for j in range(width)] + [sum(map(sum, rows))])
    for i, j in itertools.product(range(height + 1), range(width + 1)):
        if 0 < grid[i][j] < 5:
            assert marks.get((i, j)) == PRIMARY
    assert not (recoverable(rows, table) & {p for p, why in marks.items() if why == PRIMARY})
    # What is shown is the true figure.
    for i, row in enumerate(table.cells):
        for j, cell in enumerate(row):
            assert cell.value in (None, rows[i][j])
