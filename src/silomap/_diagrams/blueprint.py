"""The geometry of a service blueprint: lanes in blueprint order, steps in columns, rows of columns.

A blueprint is a grid, so silomap computes it rather than asking a layout
engine to find one: lanes run top to bottom in the order of the method
(customer actions, front stage, back stage, supporting systems), steps run
left to right in journey order, and a long journey wraps into rows of at
most :data:`COLUMNS` steps. A row shows only the lanes its steps use,
each with its name, so a wrapped row is never a stack of empty lanes. A
column is wide enough for the widest word of its labels (labels never break
inside a word), up to :data:`MAX_COLUMN`; wider columns make fewer per row,
so a row keeps the width of five. The journey view
pins every box where this module says (Graphviz's ``neato`` keeps pinned
positions and draws straight arrows between them).

Units are inches, as Graphviz's ``pos``, ``width`` and ``height`` take them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .._model import Journey, Step
from .labels import fit

__all__ = [
    "COLUMNS",
    "Geometry",
    "Lane",
    "blueprint_lanes",
    "column_width",
    "geometry",
    "head_y",
    "lane_key",
    "line_name",
    "row_lanes",
    "rows",
]

COLUMNS = 5  # steps in one row: 5 columns and the lane titles fit a report page at 100 %
HEADER, COLUMN, GAP = 1.3, 1.35, 0.4  # lane titles, a step's box, the space for arrows
PAD, ROW_GAP, ROW_TITLE = 0.13, 0.3, 0.3
CONTINUE = 0.8  # room right of a row for "continues at step N"
MAX_COLUMN = 2.4  # the widest a column grows for a long word: about 32 letters at 10 pt
MARGIN = 14 / 72  # a box's text margins, left and right


@dataclass(frozen=True)
class Lane:
    """One lane: ``key`` is ``customer``, ``front:<team>``, ``back:<team>`` or ``systems``."""

    key: str
    section: str  # customer | front | back | systems
    actor: str


def lane_key(step: Step) -> str:
    """The lane of a step: the customer's, or its team's front stage (a customer-facing channel)
    or back stage (``internal``)."""
    if step.actor == "customer":
        return "customer"
    return f"{'back' if step.channel == 'internal' else 'front'}:{step.actor}"


def blueprint_lanes(journey: Journey) -> list[Lane]:
    """The lanes in blueprint order: customer, front stage, back stage (each in order of first
    appearance), then systems when any step uses one."""
    seen = list(dict.fromkeys(lane_key(s) for s in journey.steps if s.actor != "customer"))
    lanes = [Lane("customer", "customer", "customer")]
    lanes += [Lane(k, "front", k.split(":", 1)[1]) for k in seen if k.startswith("front:")]
    lanes += [Lane(k, "back", k.split(":", 1)[1]) for k in seen if k.startswith("back:")]
    if any(s.systems for s in journey.steps):
        lanes.append(Lane("systems", "systems", ""))
    return lanes


def rows(steps: int, columns: int = COLUMNS) -> list[range]:
    """Step indexes in rows of at most ``columns``, balanced (6 steps: 3 and 3, not 5 and 1).

    >>> rows(6), rows(17)
    ([range(0, 3), range(3, 6)], [range(0, 5), range(5, 10), range(10, 15), range(15, 17)])
    """
    count = max(1, math.ceil(steps / columns))
    per = max(1, math.ceil(steps / count))
    return [range(start, min(start + per, steps)) for start in range(0, steps, per)]


def column_width(widest: float) -> tuple[float, int]:
    """A column's width in inches for the widest unbreakable word of its labels (in points), and
    how many such columns make a row as wide as :data:`COLUMNS` of the usual width.

    >>> column_width(60.0), column_width(144.5), column_width(400.0)
    ((1.35, 5), (2.21, 3), (2.4, 3))
    """
    column = min(MAX_COLUMN, max(COLUMN, math.ceil((widest / 72 + MARGIN) * 100) / 100))
    return column, max(2, int(COLUMNS * (COLUMN + GAP) // (column + GAP)))


def row_lanes(journey: Journey, steps: range, wrapped: bool) -> list[Lane]:
    """The lanes of one row, in blueprint order: every lane when the journey is one row, else
    only those its steps use (and the systems lane when one of them uses a system)."""
    lanes = blueprint_lanes(journey)
    if not wrapped:
        return lanes
    chosen = [journey.steps[i] for i in steps]
    used = {lane_key(step) for step in chosen} | ({"systems"} if any(s.systems for s in chosen) else set())
    return [lane for lane in lanes if lane.key in used]


@dataclass(frozen=True)
class Geometry:
    """Where everything goes: each row's lanes, lane heights, row tops, each step's column centre."""

    lanes: list[list[Lane]]  # per row
    heights: dict[str, float]
    row_tops: list[float]
    width: float
    column: float = COLUMN

    def x(self, column: int) -> float:
        """The centre of a step column (0 is the first column of its row)."""
        return HEADER + GAP / 2 + column * (self.column + GAP) + self.column / 2

    def lane_top(self, row: int, key: str) -> float:
        """The top of a lane in a row, counted down from the top of the drawing."""
        top = self.row_tops[row] + ROW_TITLE
        for lane in self.lanes[row]:
            if lane.key == key:
                return top
            top += self.heights[lane.key]
        raise KeyError(key)


def geometry(
    lanes: list[list[Lane]], content: dict[str, float], columns: int, column: float = COLUMN
) -> Geometry:
    """Lay the grid out from each row's lanes and each lane's tallest content (in inches)."""
    heights = {lane.key: content.get(lane.key, 0.3) + 2 * PAD for row in lanes for lane in row}
    tops, top = [], 0.0
    for row in lanes:
        tops.append(top)
        top += ROW_TITLE + sum(heights[lane.key] for lane in row) + ROW_GAP
    width = HEADER + columns * (column + GAP) + (CONTINUE if len(lanes) > 1 else 0)
    return Geometry(lanes, heights, tops, width, column)


def line_name(above: str, below: str, size: float) -> list[str]:
    """The name of the blueprint's line where a lane of section ``above`` meets one of ``below``,
    in lines of text at ``size`` points; none where no line is drawn.

    >>> line_name("customer", "front", 9), line_name("back", "back", 9)
    (['line of interaction'], [])
    """
    which = []
    if above == "customer":
        which.append("interaction")
    if above in ("customer", "front") and below in ("back", "systems"):
        which.append("visibility")
    if below == "systems":
        which.append("internal interaction")
    if not which:
        return []
    words = (
        "line of " + " and ".join(which) if len(which) < 3 else "lines of interaction, visibility, internal"
    )
    return fit(words, size, HEADER * 72 - 14, 2)


def head_y(top: float, height: float, title: float, named: int) -> float:
    """Where a lane's title (``title`` inches tall) stands: the middle of its lane, or lower when
    the name of the line above it (``named`` lines at 9 pt, 0.18 inch each) would cover it.

    >>> head_y(0.0, 1.0, 0.2, 1), round(head_y(0.0, 0.62, 0.2, 2), 3)
    (0.5, 0.51)
    """
    under = top + 0.03 + 0.18 * named + title / 2 + 0.02 if named else top
    return max(top + height / 2, under)
