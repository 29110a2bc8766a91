"""The arithmetic of the silo score: exact means, volume weights, rounding and bands.

Arithmetic is exact (:class:`fractions.Fraction`) until the very end, so a
score of exactly 57.25 rounds to 57.3 the way a person rounds it (half up),
not to 57.2 as binary floating point and banker's rounding would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "BANDS",
    "Component",
    "band_meaning",
    "band_of",
    "f",
    "mean",
    "round_half_up",
    "silo_score",
    "volume_weights",
]

# (upper bound, band, what it means for customers); a score below the bound is in the band
BANDS = (
    (20, "connected", "Customers rarely feel the seams between systems."),
    (40, "integrated", "Most journeys flow; a few seams show."),
    (60, "partly integrated", "Customers feel the seams often: hand-offs and repeated details are common."),
    (
        80,
        "fragmented",
        "Silos shape the customer experience: expect repetition and transfers in most journeys.",
    ),
    (math.inf, "siloed", "Almost every journey crosses disconnected systems and teams."),
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


def volume_weights(volumes: Sequence[float | None]) -> tuple[list[Fraction], bool]:
    """Each item's weight, and whether volumes were used.

    Volumes weigh only when every item has one; otherwise every item counts 1.

    >>> volume_weights([200, 50])
    ([Fraction(200, 1), Fraction(50, 1)], True)
    >>> volume_weights([200, None])
    ([Fraction(1, 1), Fraction(1, 1)], False)
    """
    if volumes and all(v is not None for v in volumes):
        return [Fraction(v) for v in volumes if v is not None], True
    return [Fraction(1)] * len(volumes), False


def mean(values: Sequence[Fraction], weights: Sequence[Fraction]) -> Fraction:
    """The weighted mean, exact.

    >>> mean([Fraction(1), Fraction(0)], [Fraction(3), Fraction(1)])
    Fraction(3, 4)
    """
    return sum((v * w for v, w in zip(values, weights, strict=True)), Fraction(0)) / sum(weights)


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
    return next(name for upper, name, _ in BANDS if score < upper)


def band_meaning(band: str | None) -> str:
    """What a band means for customers ("" for no band).

    >>> band_meaning("integrated")
    'Most journeys flow; a few seams show.'
    """
    return next((meaning for _, name, meaning in BANDS if name == band), "")
