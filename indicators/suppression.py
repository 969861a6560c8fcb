"""Small-count protection for every figure shown outside the coordination (R-A2, issue #15).

With a few members per organisation, "2 entretiens sur le thème X" can name a person. A count
from 1 up to the threshold (settings.INDICATORS_SMALL_COUNT_THRESHOLD, 5 by default) is never
given: it reads "moins de 5" (primary suppression). Zero is shown: it is about nobody.

A hidden cell must not come back by subtraction: in a table whose row and column totals are
shown, a row "total 9 = 4 + 5" with the 4 hidden gives it back at once. So every sum the reader
knows (each row with its total, each column with its total, the totals' row and column with the
grand total) is an equation; an equation with exactly one hidden member gets a second one hidden
(complementary suppression): its smallest non-zero shown cell, a total only when no cell is
left. Hiding a cell changes the equations it takes part in, so rows and columns are walked again
until nothing changes. Every decision about what is hidden is taken here and nowhere else.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

PRIMARY = "primary"
COMPLEMENTARY = "complementary"


def threshold():
    return max(int(getattr(settings, "INDICATORS_SMALL_COUNT_THRESHOLD", 5)), 1)


def is_small(value, limit=None):
    limit = threshold() if limit is None else limit
    return 0 < value < limit


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: `value` is None when hidden, `hidden` says why."""

    value: int | None
    hidden: str = ""

    @property
    def text(self):
        if self.hidden == PRIMARY:
            return _("moins de %(threshold)d") % {"threshold": threshold()}
        if self.hidden == COMPLEMENTARY:
            return _("masqué")
        return str(self.value)

    def __str__(self):
        return self.text


def count(value, limit=None):
    """One figure on its own (no total beside it): hidden when small."""
    return Cell(None, PRIMARY) if is_small(value, limit) else Cell(value)


@dataclass(frozen=True)
class ProtectedTable:
    cells: list  # rows of Cell
    row_totals: list  # Cell per row
    column_totals: list  # Cell per column
    total: Cell


def protect_table(rows, limit=None):
    """Protect a table of counts (a list of rows, each a list of ints, all of the same length)
    shown with its row totals, column totals and grand total. Returns a ProtectedTable."""
    limit = threshold() if limit is None else limit
    height = len(rows)
    width = len(rows[0]) if rows else 0
    # The extended grid: the last column holds row totals, the last row column totals.
    grid = [list(row) + [sum(row)] for row in rows]
    grid.append([sum(row[j] for row in rows) for j in range(width)] + [sum(map(sum, rows))])
    hidden = {
        (i, j): PRIMARY
        for i in range(height + 1)
        for j in range(width + 1)
        if is_small(grid[i][j], limit)
    }
    equations = [[(i, j) for j in range(width + 1)] for i in range(height + 1)]
    equations += [[(i, j) for i in range(height + 1)] for j in range(width + 1)]

    def is_total(position):
        return position[0] == height or position[1] == width

    changed = True
    while changed:
        changed = False
        for members in equations:
            if sum(position in hidden for position in members) != 1:
                continue
            shown = [position for position in members if position not in hidden]
            # The smallest non-zero cell; a zero cell or a total only when nothing else is left.
            shown.sort(key=lambda p: (is_total(p), grid[p[0]][p[1]] == 0, grid[p[0]][p[1]]))
            if shown:
                hidden[shown[0]] = COMPLEMENTARY
                changed = True

    def cell(i, j):
        reason = hidden.get((i, j), "")
        return Cell(None if reason else grid[i][j], reason)

    return ProtectedTable(
        cells=[[cell(i, j) for j in range(width)] for i in range(height)],
        row_totals=[cell(i, width) for i in range(height)],
        column_totals=[cell(height, j) for j in range(width)],
        total=cell(height, width),
    )


def protect_column(values, limit=None):
    """A single column of counts shown with its total (e.g. sessions per theme): a table of one
    column, so a lone hidden count is not recovered from the total."""
    table = protect_table([[value] for value in values], limit)
    return [row[0] for row in table.cells], table.total
