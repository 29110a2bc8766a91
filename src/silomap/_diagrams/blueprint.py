"""The geometry of a service blueprint: lanes in blueprint order, steps in columns, rows of columns.

A blueprint is a grid, so silomap computes it rather than asking a layout
engine to find one: lanes run top to bottom in the order of the method
(customer actions, front stage, back stage, supporting systems), steps run
left to right in journey order, and a long journey wraps into rows of at
most :data:`COLUMNS` steps, each row repeating the lanes. The journey view
pins every box where this module says (Graphviz's ``neato`` keeps pinned
positions and draws straight arrows between them).

Units are inches, as Graphviz's ``pos``, ``width`` and ``height`` take them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .._model import Journey, Step

__all__ = ["COLUMNS", "Geometry", "Lane", "blueprint_lanes", "geometry", "lane_key", "rows"]

COLUMNS = 5  # steps in one row: 5 columns and the lane titles fit a report page at 100 %
HEADER, COLUMN, GAP = 1.3, 1.35, 0.4  # lane titles, a step's box, the space for arrows
PAD, ROW_GAP, ROW_TITLE = 0.13, 0.3, 0.3
CONTINUE = 0.8  # room right of a row for "continues at step N"


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


@dataclass(frozen=True)
class Geometry:
    """Where everything goes: lane heights, row tops, each step's column centre."""

    lanes: list[Lane]
    heights: dict[str, float]
    row_tops: list[float]
    width: float
    row_height: float

    def x(self, column: int) -> float:
        """The centre of a step column (0 is the first column of its row)."""
        return HEADER + GAP / 2 + column * (COLUMN + GAP) + COLUMN / 2

    def lane_top(self, row: int, key: str) -> float:
        """The top of a lane in a row, counted down from the top of the drawing."""
        top = self.row_tops[row] + ROW_TITLE
        for lane in self.lanes:
            if lane.key == key:
                return top
            top += self.heights[lane.key]
        raise KeyError(key)


def geometry(lanes: list[Lane], content: dict[str, float], row_count: int, columns: int) -> Geometry:
    """Lay the grid out from each lane's tallest content (in inches)."""
    heights = {lane.key: content.get(lane.key, 0.3) + 2 * PAD for lane in lanes}
    row_height = ROW_TITLE + sum(heights.values())
    tops = [n * (row_height + ROW_GAP) for n in range(row_count)]
    width = HEADER + columns * (COLUMN + GAP) + (CONTINUE if row_count > 1 else 0)
    return Geometry(lanes, heights, tops, width, row_height)
