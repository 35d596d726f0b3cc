"""The natural-support chart: the geometry of a small server-rendered SVG (no chart library).

The support level (1–6) of each follow-up over time; level 1 (colleagues support on their
own, the aim) at the top, so progress goes up. Each point carries its level as a direct
label, and its shape says who the follow-up was with, so the chart reads without colour.
The template (placements/includes/support_chart.html) draws it, with a data table beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 28, 64
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
PAD = 22  # keeps the first and last points (and their dates) off the axes
LEVELS = range(1, 7)
MIN_LABEL_GAP = 22  # px between direct labels; closer points keep their marker and table row


@dataclass
class Point:
    x: float
    y: float
    level: int
    day: datetime.date
    shape: str  # "circle" (employee), "square" (employer), "diamond" (both)
    labelled: bool = True

    @property
    def corner_x(self) -> float:
        return self.x - 6

    @property
    def corner_y(self) -> float:
        return self.y - 6

    @property
    def label_y(self) -> float:
        return self.y - 12

    @property
    def diamond(self) -> str:
        r = 7
        return f"{self.x:.1f},{self.y - r:.1f} {self.x + r:.1f},{self.y:.1f} {self.x:.1f},{self.y + r:.1f} {self.x - r:.1f},{self.y:.1f}"


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM
    points: list[Point] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    best: int | None = None

    @property
    def line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def goal_y(self) -> float:
        return level_y(1)

    @property
    def x_mid(self) -> float:
        return self.left + PLOT_W / 2

    @property
    def y_mid(self) -> float:
        return self.top + PLOT_H / 2

    @property
    def shapes(self) -> set[str]:
        return {p.shape for p in self.points}


V_PAD = 12  # keeps level 6 off the time axis


def level_y(level: int) -> float:
    return TOP + (level - 1) * (PLOT_H - V_PAD) / 5


def shape_of(with_employee: bool, with_employer: bool) -> str:
    if with_employee and with_employer:
        return "diamond"
    return "circle" if with_employee else "square"


def support_chart(follow_ups, *, start: datetime.date, until: datetime.date) -> Chart | None:
    """The chart of `follow_ups` (oldest first, each with occurred_at, support_level,
    with_employee and with_employer) on a time axis from the start (or the first follow-up,
    if earlier) to `until` (today, or the end date). None without follow-ups."""
    rows = [(timezone.localdate(f.occurred_at), f) for f in follow_ups]
    if not rows:
        return None
    first_day = min(start, rows[0][0])
    last_day = max(until, rows[-1][0])
    span = max((last_day - first_day).days, 1)

    def x_of(day: datetime.date) -> float:
        return LEFT + PAD + (day - first_day).days * (PLOT_W - 2 * PAD) / span

    chart = Chart(
        y_ticks=[Tick(level_y(level), str(level)) for level in LEVELS],
        first=rows[0][1].support_level,
        last=rows[-1][1].support_level,
        best=min(f.support_level for _, f in rows),
    )
    count = min(5, span + 1)
    for i in range(count):
        day = first_day + datetime.timedelta(days=round(i * span / max(count - 1, 1)))
        chart.x_ticks.append(Tick(x_of(day), day.strftime("%d.%m.%y")))
    last_labelled_x = None
    for index, (day, f) in enumerate(rows):
        point = Point(
            x_of(day), level_y(f.support_level), f.support_level, day, shape_of(f.with_employee, f.with_employer)
        )
        is_last = index == len(rows) - 1
        point.labelled = is_last or last_labelled_x is None or point.x - last_labelled_x >= MIN_LABEL_GAP
        if point.labelled:
            last_labelled_x = point.x
        chart.points.append(point)
    # The last point always has its label; drop the one before if the two would collide.
    if len(chart.points) > 1:
        last, previous = chart.points[-1], [p for p in chart.points[:-1] if p.labelled]
        if previous and last.x - previous[-1].x < MIN_LABEL_GAP and previous[-1] is not chart.points[0]:
            previous[-1].labelled = False
    return chart
