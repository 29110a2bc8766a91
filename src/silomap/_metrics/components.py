"""The score's components: one table, read by the score, the summary, the report and the docs.

Each row says what a component is called (``label`` in the terminal,
``title`` in the report), what it measures in a phrase and in a sentence,
where the report shows its evidence, and how it is computed from the
figures. A component is measured when its figures exist (``measure``
returns ``None`` otherwise) and weighs what the model's ``scoring.weights``
gives it.

To add a component: write its ``measure`` function here, add its row to
:data:`COMPONENTS`, and give :class:`silomap.Weights` a field of the same id
(the format is the user's contract, so that step is deliberate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from .._model import Weights
from .figures import Measured
from .score import Component, f, mean, volume_weights

__all__ = ["COMPONENTS", "ComponentSpec", "measure_components", "spec"]


@dataclass(frozen=True)
class ComponentSpec:
    """One component of the silo score, described once."""

    id: str
    label: str
    measures: str
    title: str
    explains: str
    anchor: str
    measure: Callable[[Measured], Fraction | None]


def _fragmentation(m: Measured) -> Fraction | None:
    if not m.questions:
        return None
    weights, _ = volume_weights([q.volume for q in m.questions])
    return mean([f(q.spq) for q in m.questions], weights)


def _handoffs(m: Measured) -> Fraction | None:
    if not m.journeys:
        return None
    weights, _ = volume_weights([j.volume for j in m.journeys])
    return mean([f(1 + j.handoffs) for j in m.journeys], weights)


def _reentry(m: Measured) -> Fraction | None:
    weights, _ = volume_weights([j.volume for j in m.journeys])
    captured = sum((w * j.captures for w, j in zip(weights, m.journeys, strict=True)), Fraction(0))
    if not captured:
        return None
    again = sum((w * len(j.reentries) for w, j in zip(weights, m.journeys, strict=True)), Fraction(0))
    return again / captured


def _desktop(m: Measured) -> Fraction | None:
    used = [t for t in m.teams if t.desktop >= 1]
    if not used:
        return None
    return mean([f(t.desktop) for t in used], [Fraction(1)] * len(used))


def _sync(m: Measured) -> Fraction | None:
    held = [e for e in m.entities if e.possible > 0]
    if not held:
        return None
    return Fraction(sum(e.unsynced for e in held), sum(e.possible for e in held))


COMPONENTS: tuple[ComponentSpec, ...] = (
    ComponentSpec("fragmentation", "fragmentation", "systems someone must open per customer question",
                  "Systems per question",
                  "How many systems someone must open to answer a customer's question.",
                  "questions", _fragmentation),
    ComponentSpec("handoffs", "hand-offs", "times a journey passes the customer on",
                  "Hand-offs",
                  "How often a journey passes the customer from one provider to the next: from a team to "
                  "another team, or between a team and the customer's self-service (a change of channel "
                  "alone is not a hand-off).",
                  "journeys", _handoffs),
    ComponentSpec("reentry", "re-entry", "captured data typed in again",
                  "Re-entered data", "How much of what customers give is typed in again later.",
                  "journeys", _reentry),
    ComponentSpec("desktop", "desktop", "systems on each agent team's desktop",
                  "Agent desktops", "How many systems each team juggles in its steps.",
                  "desktop", _desktop),
    ComponentSpec("sync", "data sync", "copies of the same data not kept in sync",
                  "Unsynced data", "How many copies of the same data no integration keeps in step.",
                  "sync", _sync),
)  # fmt: skip


def spec(component_id: str) -> ComponentSpec:
    """The row of one component.

    >>> spec("handoffs").title
    'Hand-offs'
    """
    return next(row for row in COMPONENTS if row.id == component_id)


def measure_components(measured: Measured, weights: Weights) -> list[Component]:
    """The measured components, in the table's order; unmeasured ones are left out."""
    out = []
    for row in COMPONENTS:
        value = row.measure(measured)
        if value is not None:
            out.append(Component(row.id, value, Fraction(getattr(weights, row.id))))
    return out
