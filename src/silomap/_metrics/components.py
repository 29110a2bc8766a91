"""The score's components: one table, read by the score, the summary, the report and the docs.

Each row says what a component is called (``label`` in the terminal,
``title`` in the report), what it measures in a phrase and in a sentence,
where the report shows its evidence, and how it is computed from the
figures. A component is measured when its figures exist (``measure``
returns ``None`` otherwise) and weighs what the model's ``scoring.weights``
gives it.

To add a component: write its ``part`` function here, add its row to
:data:`COMPONENTS`, and give :class:`silomap.Weights` a field of the same id
(the format is the user's contract, so that step is deliberate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._model import Weights
from .figures import EntityFigure, JourneyFigure, Measured, QuestionFigure, TeamFigure
from .score import Component, f, volume_weights

__all__ = [
    "COMPONENTS",
    "ComponentSpec",
    "Part",
    "components_of",
    "family_weights",
    "measure_components",
    "spec",
    "totals",
]


Part = tuple[Fraction, Fraction]  # one figure's share of a component: (numerator, denominator)
NONE: Part = (Fraction(0), Fraction(0))


@dataclass(frozen=True)
class ComponentSpec:
    """One component of the silo score, described once.

    The value is ``sum(w * num) / sum(w * den)`` over the figures of its
    ``family`` (``questions``, ``journeys``, ``teams`` or ``entities``), where
    ``part`` gives each figure's ``(num, den)`` and ``w`` is the figure's volume
    when ``weighted`` and every figure of the family has one, else 1. It is
    measured when the denominator is not 0. Written as sums, a change that
    touches a few figures updates a component exactly (``silomap.fixes``).
    """

    id: str
    label: str
    measures: str
    title: str
    explains: str
    anchor: str
    family: str
    weighted: bool
    part: Callable[[Any], Part]


def _fragmentation(q: QuestionFigure) -> Part:
    return f(q.spq), Fraction(1)


def _handoffs(j: JourneyFigure) -> Part:
    return f(1 + j.handoffs), Fraction(1)


def _reentry(j: JourneyFigure) -> Part:
    return Fraction(len(j.reentries)), Fraction(j.captures)


def _desktop(t: TeamFigure) -> Part:
    return (f(t.desktop), Fraction(1)) if t.desktop >= 1 else NONE


def _sync(e: EntityFigure) -> Part:
    return (Fraction(e.unsynced), Fraction(e.possible)) if e.possible > 0 else NONE


COMPONENTS: tuple[ComponentSpec, ...] = (
    ComponentSpec("fragmentation", "fragmentation", "systems someone must open per customer question",
                  "Systems per question",
                  "How many systems someone must open to answer a customer's question.",
                  "questions", "questions", True, _fragmentation),
    ComponentSpec("handoffs", "hand-offs", "times a journey passes the customer on",
                  "Hand-offs",
                  "How often a journey passes the customer from one provider to the next: from a team to "
                  "another team, or between a team and the customer's self-service (a change of channel "
                  "alone is not a hand-off).",
                  "journeys", "journeys", True, _handoffs),
    ComponentSpec("reentry", "re-entry", "captured data typed in again",
                  "Re-entered data", "How much of what customers give is typed in again later.",
                  "journeys", "journeys", True, _reentry),
    ComponentSpec("desktop", "desktop", "systems on each agent team's desktop",
                  "Agent desktops", "How many systems each team juggles in its steps.",
                  "desktop", "teams", False, _desktop),
    ComponentSpec("sync", "data sync", "copies of the same data not kept in sync",
                  "Unsynced data", "How many copies of the same data no integration keeps in step.",
                  "sync", "entities", False, _sync),
)  # fmt: skip


def spec(component_id: str) -> ComponentSpec:
    """The row of one component.

    >>> spec("handoffs").title
    'Hand-offs'
    """
    return next(row for row in COMPONENTS if row.id == component_id)


def family_weights(measured: Measured) -> dict[str, list[Fraction]]:
    """Each family's weights, figure by figure: volumes when every figure has one, else 1."""
    out: dict[str, list[Fraction]] = {}
    for family in ("questions", "journeys", "teams", "entities"):
        figures = getattr(measured, family)
        volumes = [getattr(figure, "volume", None) for figure in figures]
        out[family] = (
            volume_weights(volumes)[0]
            if family in ("questions", "journeys")
            else [Fraction(1)] * len(figures)
        )
    return out


def totals(measured: Measured) -> dict[str, Part]:
    """Each component's weighted numerator and denominator over all its figures."""
    weights = family_weights(measured)
    out = {}
    for row in COMPONENTS:
        num, den = Fraction(0), Fraction(0)
        for figure, weight in zip(getattr(measured, row.family), weights[row.family], strict=True):
            n, d = row.part(figure)
            w = weight if row.weighted else Fraction(1)
            num, den = num + w * n, den + w * d
        out[row.id] = (num, den)
    return out


def components_of(sums: dict[str, Part], weights: Weights) -> list[Component]:
    """The measured components (denominator not 0), in the table's order."""
    return [
        Component(row.id, sums[row.id][0] / sums[row.id][1], Fraction(getattr(weights, row.id)))
        for row in COMPONENTS
        if sums[row.id][1]
    ]


def measure_components(measured: Measured, weights: Weights) -> list[Component]:
    """The measured components, in the table's order; unmeasured ones are left out."""
    return components_of(totals(measured), weights)
