"""Observed: what transfers go with (``cost.md``), from the elapsed time of a log's cases.

Per declared journey ``J``, its cases split into A (transferred, ``T >= 1``) and B (``T = 0``); the
effect ``E(J)`` is the mean elapsed minutes of A minus that of B, estimated only where A and B each
have :data:`LEAST` cases; ``M(J) = E(J) * |A| / months`` minutes a month, and the total is the sum
over the estimated journeys. The point figures are exact (fractions of whole microseconds).

The interval is a percentile bootstrap (:func:`bootstrap`): each replicate resamples every estimated
journey's cases, as many, with replacement. A resample of ``n`` cases among distinct (group,
elapsed) values held by ``c_k`` cases each is a multinomial draw of ``n`` over the shares
``c_k / n``: the same distribution as drawing cases one by one, at the cost of the distinct values,
not of the cases (a log of millions of cases has a few thousand). Drawn by numpy (a dependency of
``silomap[observe]``, which reading a log needs) from PCG64 seeded with ``seed``: the same log, seed
and versions give the same bytes. Bounds: :func:`quantile`, linear between order statistics.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["LEAST", "Association", "Effect", "associate", "bootstrap", "effect", "quantile"]

LEAST = 30  # cases each of A and B needs for an effect to be estimated
DAYS_A_MONTH = Fraction("30.4375")
MICROS_A_MINUTE = 60_000_000
LEVEL = (Fraction(25, 1000), Fraction(975, 1000))  # the 95 % interval's quantiles
_CELLS = 4_000_000  # replicates x distinct values drawn at a time (32 MB of counts)

Cases = Mapping[tuple[bool | None, int], int]  # (transferred, elapsed microseconds) -> cases


@dataclass(frozen=True)
class Effect:
    """One journey: its cases, how many were transferred or not, their mean elapsed minutes, and,
    when ``estimated``, the effect and minutes a month with the bounds of their interval (else
    ``None``: not estimated). ``transferred`` is ``None`` when the log's teams are not measured."""

    id: str
    cases: int
    transferred: int | None
    not_transferred: int | None
    mean_minutes_transferred: float | None
    mean_minutes_not_transferred: float | None
    effect_minutes: float | None
    transferred_per_month: float | None
    minutes_per_month: float | None
    ci_low: float | None
    ci_high: float | None
    estimated: bool

    def to_dict(self) -> dict[str, Any]:
        """The journey in ``cost --json``'s ``observed.journeys``."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Association:
    """What transfers go with, in a log: per journey (model order), and in total over the
    estimated journeys; ``not_estimated`` lists the others. ``total`` is ``None`` when no journey
    is estimated; ``money``, ``money_low`` and ``money_high`` are ``None`` while a customer's minute
    has no value (elapsed time is the customer's wait, never valued at ``agent_hour``)."""

    log: str
    cases: int
    matched: int
    months: float
    resamples: int
    seed: int
    journeys: tuple[Effect, ...]
    total: dict[str, float | None]
    not_estimated: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """``cost --json``'s ``observed`` object."""
        return {
            "log": self.log,
            "cases": self.cases,
            "matched": self.matched,
            "months": self.months,
            "resamples": self.resamples,
            "seed": self.seed,
            "journeys": [j.to_dict() for j in self.journeys],
            "total": dict(self.total),
            "not_estimated": list(self.not_estimated),
        }

    @property
    def resampled(self) -> int:
        """The cases the bootstrap resampled: those of the estimated journeys."""
        return sum(j.cases for j in self.journeys if j.estimated)


def months_of(days: Fraction) -> Fraction:
    """``max(1, days / 30.4375)``: the months a log covers, at least one.

    >>> months_of(Fraction(60875, 1000)), months_of(Fraction(3))
    (Fraction(2, 1), Fraction(1, 1))
    """
    return max(Fraction(1), Fraction(days) / DAYS_A_MONTH)


def _mean(cases: Cases, group: bool) -> tuple[int, Fraction | None]:
    """How many cases of one group, and their mean elapsed minutes (``None`` with none)."""
    n = sum(k for (moved, _), k in cases.items() if moved is group)
    total = sum(micros * k for (moved, micros), k in cases.items() if moved is group)
    return n, Fraction(total, n * MICROS_A_MINUTE) if n else None


def effect(journey: str, cases: Cases, months: Fraction) -> Effect:
    """The effect of one journey's cases, without its interval.

    Examples
    --------
    Two cases transferred, of 10 and 20 minutes; one not, of 6 minutes (too few to estimate):

    >>> cases = {(True, 600_000_000): 1, (True, 1_200_000_000): 1, (False, 360_000_000): 1}
    >>> e = effect("j", cases, Fraction(2))
    >>> e.transferred, e.mean_minutes_transferred, e.mean_minutes_not_transferred, e.estimated
    (2, 15.0, 6.0, False)
    """
    count = sum(cases.values())
    if any(moved is None for moved, _ in cases):  # the log's teams are not measured
        return Effect(journey, count, None, None, None, None, None, None, None, None, None, False)
    (a, mean_a), (b, mean_b) = _mean(cases, True), _mean(cases, False)
    if mean_a is None or mean_b is None or min(a, b) < LEAST:
        shown_a, shown_b = (None if m is None else float(m) for m in (mean_a, mean_b))
        return Effect(journey, count, a, b, shown_a, shown_b, None, None, None, None, None, False)
    minutes = (mean_a - mean_b) * a / months
    return Effect(
        journey,
        count,
        a,
        b,
        float(mean_a),
        float(mean_b),
        float(mean_a - mean_b),
        float(a / months),
        float(minutes),
        None,
        None,
        True,
    )


def quantile(ordered: Sequence[float], p: Fraction) -> float:
    """The ``p`` quantile of sorted values, linear between order statistics: with ``n`` values
    ``x[0] <= ... <= x[n-1]`` and ``h = (n - 1) p``, ``x[floor h] + (h - floor h)(x[floor h + 1] -
    x[floor h])`` (Hyndman and Fan's definition 7, numpy's and R's default).

    >>> x = [1.0, 2.0, 3.0, 4.0, 5.0]  # h = 4 / 40 = 0.1, then 4 * 39 / 40 = 3.9
    >>> quantile(x, Fraction(1, 40)), quantile(x, Fraction(39, 40))
    (1.1, 4.9)
    """
    h = (len(ordered) - 1) * Fraction(p)
    low = math.floor(h)
    if low + 1 >= len(ordered):
        return float(ordered[-1])
    return float(ordered[low] + float(h - low) * (ordered[low + 1] - ordered[low]))


def _replicates(cases: Cases, months: float, resamples: int, rng: Any) -> Any:
    """``resamples`` bootstrap replicates of one journey's minutes a month (a numpy array): each a
    multinomial draw of the journey's cases over its distinct values, redrawn while a group is empty.
    Sums are exact integers of microseconds while they fit in 63 bits."""
    import numpy as np

    keys = sorted(cases, key=lambda k: (bool(k[0]), k[1]))
    counts = np.array([cases[k] for k in keys], dtype=np.int64)
    moved = np.array([bool(k[0]) for k in keys], dtype=bool)
    n, longest = int(counts.sum()), max(k[1] for k in keys)
    values = np.array([k[1] for k in keys], dtype=np.int64 if n * longest < 2**63 else np.float64)
    shares = counts / n
    out = np.empty(resamples, dtype=np.float64)
    block = max(1, _CELLS // len(keys))
    for start in range(0, resamples, block):
        drawn = rng.multinomial(n, shares, size=min(block, resamples - start))
        a = drawn[:, moved].sum(axis=1)
        while (empty := (a == 0) | (a == n)).any():  # a group left empty: that replicate drawn again
            drawn[empty] = rng.multinomial(n, shares, size=int(empty.sum()))
            a = drawn[:, moved].sum(axis=1)
        sum_a = (drawn[:, moved] * values[moved]).sum(axis=1)
        sum_b = (drawn[:, ~moved] * values[~moved]).sum(axis=1)
        minutes = (sum_a / a - sum_b / (n - a)) / MICROS_A_MINUTE
        out[start : start + len(a)] = minutes * a / months
    return out


def bootstrap(samples: Sequence[Cases], months: Fraction, *, resamples: int, seed: int) -> list[list[float]]:
    """The bootstrap replicates of each sample's minutes a month (one list per sample, in order,
    ``resamples`` long), from one PCG64 generator seeded with ``seed``, the samples in turn.

    Examples
    --------
    >>> a = {(True, 600_000_000): 1, (True, 1_200_000_000): 1, (False, 360_000_000): 1}
    >>> runs = [bootstrap([a], Fraction(1), resamples=4, seed=s) for s in (0, 0, 1)]
    >>> runs[0] == runs[1], runs[0] != runs[2], len(runs[0][0])
    (True, True, 4)
    """
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(seed))
    return [[float(x) for x in _replicates(s, float(months), resamples, rng)] for s in samples]


def _bounds(replicates: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(replicates)
    return quantile(ordered, LEVEL[0]), quantile(ordered, LEVEL[1])


def _valued(minutes: float | None, customer_minute: Fraction) -> float | None:
    """Customer minutes as money, ``None`` while a customer's minute has no value."""
    return None if minutes is None or not customer_minute else float(Fraction(minutes) * customer_minute)


def associate(
    journeys: Mapping[str, Cases],
    *,
    log: str,
    cases: int,
    days: Fraction,
    customer_minute: Fraction,
    resamples: int = 2000,
    seed: int = 0,
) -> Association:
    """What transfers go with: each journey's effect and minutes a month, and their total, with
    95 % percentile bootstrap intervals.

    Parameters
    ----------
    journeys
        Per journey (model order), its cases by (transferred, elapsed microseconds).
    log, cases, days
        The log as the user named it, its cases (matched or not) and the days it covers.
    customer_minute
        The value of a customer's minute (0: minutes only, no money).
    resamples, seed
        The bootstrap's replicates and the seed of its generator.

    Returns
    -------
    Association
        The figures of ``cost --observed``.

    Examples
    --------
    >>> seen = associate({"j": {(True, 60_000_000): 1}}, log="log.csv", cases=2, days=Fraction(10),
    ...                  customer_minute=Fraction(0))
    >>> seen.not_estimated, seen.total["minutes_per_month"], seen.months
    (('j',), None, 1.0)
    """
    months = months_of(days)
    found = [effect(j, c, months) for j, c in journeys.items()]
    picked = [e for e in found if e.estimated]
    runs = bootstrap([journeys[e.id] for e in picked], months, resamples=resamples, seed=seed)
    bounds = {e.id: _bounds(r) for e, r in zip(picked, runs, strict=True)}
    found = [e if e.id not in bounds else _with(e, bounds[e.id]) for e in found]
    total = _total(picked, runs, customer_minute)
    return Association(
        log,
        cases,
        sum(e.cases for e in found),
        float(months),
        resamples,
        seed,
        tuple(found),
        total,
        tuple(e.id for e in found if not e.estimated),
    )


def _total(
    picked: Sequence[Effect], runs: Sequence[Sequence[float]], customer_minute: Fraction
) -> dict[str, float | None]:
    """The total over the estimated journeys, its interval from the sums of their replicates, and
    their value in money; all ``None`` when no journey is estimated."""
    total: dict[str, float | None] = dict.fromkeys(
        ("minutes_per_month", "ci_low", "ci_high", "money", "money_low", "money_high")
    )
    if not picked:
        return total
    low, high = _bounds([sum(r) for r in zip(*runs, strict=True)])
    point = float(sum(Fraction(e.minutes_per_month or 0) for e in picked))
    for suffix, minutes in (("", point), ("_low", low), ("_high", high)):
        total[f"money{suffix}"] = _valued(minutes, customer_minute)
    return total | {"minutes_per_month": point, "ci_low": low, "ci_high": high}


def _with(found: Effect, bounds: tuple[float, float]) -> Effect:
    return Effect(**{**found.__dict__, "ci_low": bounds[0], "ci_high": bounds[1]})
