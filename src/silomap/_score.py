"""The silo score: five components in [0, 1], weighted into one number.

Arithmetic is exact (:class:`fractions.Fraction`) until the very end, so a
score of exactly 57.25 rounds to 57.3 the way a person rounds it (half up),
not to 57.2 as binary floating point and banker's rounding would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ._figures import EntityFigure, JourneyFigure, QuestionFigure, TeamFigure
from ._schema import Weights

__all__ = ["BANDS", "COMPONENTS", "Component", "band_of", "components", "f", "silo_score"]

COMPONENTS = ("fragmentation", "handoffs", "reentry", "desktop", "sync")
BANDS = (
    (20, "connected"),
    (40, "integrated"),
    (60, "partly integrated"),
    (80, "fragmented"),
    (math.inf, "siloed"),
)


def f(n: int) -> Fraction:
    """``1 - 1/n``: 0 for one system, one half for two, three quarters for four.

    >>> f(1), f(2), f(4)
    (Fraction(0, 1), Fraction(1, 2), Fraction(3, 4))
    """
    return 1 - Fraction(1, n)


@dataclass(frozen=True)
class Component:
    """One measured component: its exact value in [0, 1] and its weight."""

    name: str
    value: Fraction
    weight: Fraction


def _weights(volumes: Sequence[float | None]) -> list[Fraction]:
    if volumes and all(v is not None for v in volumes):
        return [Fraction(v) for v in volumes if v is not None]
    return [Fraction(1)] * len(volumes)


def _mean(values: Sequence[Fraction], weights: Sequence[Fraction]) -> Fraction:
    return sum((v * w for v, w in zip(values, weights, strict=True)), Fraction(0)) / sum(weights)


def components(
    questions: Sequence[QuestionFigure],
    journeys: Sequence[JourneyFigure],
    teams: Sequence[TeamFigure],
    entities: Sequence[EntityFigure],
    weights: Weights,
) -> list[Component]:
    """The measured components, in the spec's order; unmeasured ones are left out."""
    out: list[Component] = []

    def add(name: str, value: Fraction) -> None:
        out.append(Component(name, value, Fraction(getattr(weights, name))))

    if questions:
        w = _weights([q.volume for q in questions])
        add("fragmentation", _mean([f(q.spq) for q in questions], w))
    if journeys:
        w = _weights([j.volume for j in journeys])
        add("handoffs", _mean([f(1 + j.handoffs) for j in journeys], w))
        captured = sum((wj * j.captures for wj, j in zip(w, journeys, strict=True)), Fraction(0))
        if captured:
            again = sum((wj * len(j.reentries) for wj, j in zip(w, journeys, strict=True)), Fraction(0))
            add("reentry", again / captured)
    used = [t for t in teams if t.desktop >= 1]
    if used:
        add("desktop", _mean([f(t.desktop) for t in used], [Fraction(1)] * len(used)))
    held = [e for e in entities if e.possible > 0]
    if held:
        add("sync", Fraction(sum(e.unsynced for e in held), sum(e.possible for e in held)))
    order = {name: i for i, name in enumerate(COMPONENTS)}
    return sorted(out, key=lambda c: order[c.name])


def silo_score(parts: Sequence[Component]) -> Fraction | None:
    """``100 * sum(W_c * C) / sum(W_c)``, exact; ``None`` when nothing is measured
    or every measured component weighs zero."""
    total = sum((c.weight for c in parts), Fraction(0))
    if not parts or total == 0:
        return None
    return 100 * sum((c.weight * c.value for c in parts), Fraction(0)) / total


def round_half_up(value: Fraction, places: int = 1) -> float:
    """Round a non-negative exact value half up.

    >>> round_half_up(Fraction(5725, 100))
    57.3
    """
    scale = int(10**places)
    rounded: int = math.floor(value * scale + Fraction(1, 2))
    return rounded / scale


def band_of(score: float) -> str:
    """The band of a (rounded) score.

    >>> band_of(19.9), band_of(20.0), band_of(57.3), band_of(80.0)
    ('connected', 'integrated', 'partly integrated', 'siloed')
    """
    return next(name for upper, name in BANDS if score < upper)
