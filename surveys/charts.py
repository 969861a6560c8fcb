"""Bar charts as server-rendered SVG: geometry only, from rows whose counts were already
filtered by surveys.selectors.results (a hidden count draws no bar)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 400
LABEL_WIDTH = 150
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    text_y: int
    width: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list


def bar_chart(rows, threshold):
    room = WIDTH - LABEL_WIDTH - 60
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        hidden = row.count is None
        bars.append(
            Bar(
                label=row.label if len(row.label) <= 24 else row.label[:23] + "…",
                value=_("< %(count)d") % {"count": threshold} if hidden else f"{row.percent} %",
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=0 if hidden else round(room * row.percent / 100),
            )
        )
    return Chart(
        width=WIDTH,
        height=len(rows) * ROW_HEIGHT + 8,
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )
