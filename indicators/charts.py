"""Month-by-month bar charts as server-rendered SVG: geometry only. The template gives each
chart a <title> and a <desc>, and the page shows the same figures in a table beside it, so the
chart is never the only way to read a figure."""

from dataclasses import dataclass

from django.utils import formats

WIDTH = 480
HEIGHT = 160
BOTTOM = 24  # room for the month labels
TOP = 16  # room for the value above the tallest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    x: int
    y: int
    width: int
    height: int
    text_x: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    baseline: int
    label_y: int
    bars: list


def month_chart(key, title, description, points):
    """`points`: (month as a date, number or None). None draws no bar and no value."""
    room = HEIGHT - BOTTOM - TOP
    slot = WIDTH // max(len(points), 1)
    tallest = max([value for _day, value in points if value] or [1])
    bars = []
    for index, (day, value) in enumerate(points):
        height = round(room * (value or 0) / tallest)
        x = index * slot + slot // 6
        bars.append(
            Bar(
                label=formats.date_format(day, "M"),
                value="" if value is None else formats.localize(value),
                x=x,
                y=HEIGHT - BOTTOM - height,
                width=max(slot * 2 // 3, 1),
                height=height,
                text_x=x + slot // 3,
            )
        )
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        baseline=HEIGHT - BOTTOM,
        label_y=HEIGHT - 6,
        bars=bars,
    )
