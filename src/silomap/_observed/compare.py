"""Declared against observed (``observed.md``): each case's mapped steps against each journey.

For a journey ``J`` and a case, ``sigma`` is the case's activities mapped to steps of ``J``, with
consecutive repeats collapsed; ``cost = |sigma| + |J| - 2 LCS(sigma, J)`` and ``fitness = 1 - cost /
(|sigma| + |J|)``. A case follows the journey with the highest fitness (ties: the first declared);
below 0.5, or with no mapped activity, it is unmatched. The work is done per *variant* (cases
with the same steps and team sequence), of which a log has far fewer than cases.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .._metrics import Analysis
from .._model import Model

__all__ = ["JourneyObserved", "Variant", "compare", "fitness", "lcs"]

MATCH = Fraction(1, 2)
TOP_SEQUENCES = 5

Teams = tuple[str, ...]
# Cases with the same steps and team sequence: the steps as (journey id, step id), the team sequence,
# the cases, their transfers and the systems they used. Names stay apart, in tuples: never joined
# into a string and split back (a team may be called 'l1 > l2', a system 'SAP | ISU').
Variant = tuple[tuple[tuple[str, str], ...], Teams, int, int, tuple[str, ...]]


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest common subsequence.

    >>> lcs(["a", "b", "c", "d"], ["a", "c", "d", "e"])
    3
    """
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def fitness(sigma: Sequence[str], journey: Sequence[str]) -> Fraction:
    """``1 - (|sigma| + |J| - 2 LCS) / (|sigma| + |J|)``.

    >>> fitness(["queue", "work", "queue", "work", "close"], ["queue", "work", "close"])
    Fraction(3, 4)
    """
    total = len(sigma) + len(journey)
    return Fraction(2 * lcs(sigma, journey), total) if total else Fraction(0)


# A variant matched to a journey: its fitness, its steps of the journey, teams, cases, transfers, systems
_Matched = tuple[Fraction, list[str], Teams, int, int, tuple[str, ...]]


def _collapse(steps: list[str]) -> list[str]:
    return [s for i, s in enumerate(steps) if i == 0 or steps[i - 1] != s]


@dataclass(frozen=True)
class JourneyObserved:
    """One journey's cases in the log, against what the model declares.

    ``None`` is a figure not measured: the log or the mapping lacks what it needs (``observed.md``).
    """

    id: str
    cases: int | None
    fitness: float | None
    transfers_observed: float | None
    handoffs_declared: int
    skipped: tuple[tuple[str, float], ...] | None
    undeclared_teams: tuple[str, ...] | None
    undeclared_systems: tuple[str, ...] | None
    sequences: tuple[tuple[Teams, int], ...] | None
    handoff_rates: tuple[tuple[str, str, float | None], ...] | None = ()

    def rates(self) -> dict[tuple[str, str], float | None]:
        """Each declared hand-off (from, to) and the share of the journey's cases with that transfer
        (``None``: not measured).

        >>> JourneyObserved("j", 2, 1.0, 1.0, 1, (), (), (), (), (("l1", "l2", 0.5),)).rates()
        {('l1', 'l2'): 0.5}
        """
        return {(a, b): share for a, b, share in self.handoff_rates or ()}


def compare(
    model: Model, analysis: Analysis, variants: Sequence[Variant]
) -> tuple[list[JourneyObserved], int]:
    """Per journey, what the matched cases show; and the number of unmatched cases."""
    declared = {j.id: [s.id for s in j.steps] for j in model.journeys}
    matched: dict[str, list[_Matched]] = {j: [] for j in declared}
    unmatched = 0
    for steps, teams, cases, transfers, systems in variants:
        best: tuple[Fraction, str, list[str]] | None = None
        for journey, order in declared.items():
            sigma = _collapse([step for j, step in steps if j == journey])
            if not sigma:
                continue
            f = fitness(sigma, order)
            if best is None or f > best[0]:
                best = (f, journey, sigma)
        if best is None or best[0] < MATCH:
            unmatched += cases
            continue
        matched[best[1]].append((best[0], best[2], teams, cases, transfers, systems))
    return [_journey(model, analysis, j, declared[j], matched[j]) for j in declared], unmatched


def _journey(
    model: Model,
    analysis: Analysis,
    journey_id: str,
    order: list[str],
    rows: list[_Matched],
) -> JourneyObserved:
    journey = next(j for j in model.journeys if j.id == journey_id)
    cases = sum(r[3] for r in rows)
    providers = {
        s.actor if s.actor != "customer" else "self-service"
        for s in journey.steps
        if s.actor != "customer" or s.systems
    }
    systems = {x for s in journey.steps for x in s.systems}
    seen_teams: set[str] = set()
    seen_systems: set[str] = set()
    sequences: Counter[Teams] = Counter()
    for _, _, teams, n, _, found in rows:
        seen_teams.update(teams)
        seen_systems.update(found)
        sequences[teams] += n
    return JourneyObserved(
        id=journey_id,
        cases=cases,
        fitness=float(sum(f * n for f, _, _, n, _, _ in rows) / cases) if cases else None,
        transfers_observed=float(Fraction(sum(r[4] for r in rows), cases)) if cases else None,
        handoffs_declared=analysis.journey(journey_id).handoffs,
        skipped=tuple(
            (step, float(Fraction(sum(n for _, sigma, _, n, _, _ in rows if step not in sigma), cases)))
            for step in order
        )
        if cases
        else (),
        undeclared_teams=tuple(sorted(seen_teams - providers)),
        undeclared_systems=tuple(sorted(seen_systems - systems)),
        sequences=tuple(sorted(sequences.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_SEQUENCES]),
        handoff_rates=_rates(analysis, journey_id, sequences, cases),
    )


def _rates(
    analysis: Analysis, journey_id: str, sequences: Counter[Teams], cases: int
) -> tuple[tuple[str, str, float], ...]:
    """For each declared hand-off, the share of matched cases whose team sequence has that transfer."""
    out: list[tuple[str, str, float]] = []
    for h in analysis.journey(journey_id).handoff_at:
        pair = (h.from_provider, h.to_provider)
        if any(r[:2] == pair for r in out) or not cases:
            continue
        seen = sum(n for seq, n in sequences.items() if pair in itertools.pairwise(seq))
        out.append((*pair, float(Fraction(seen, cases))))
    return tuple(out)
