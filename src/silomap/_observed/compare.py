"""Declared against observed (``observed.md``): each case's mapped steps against each journey.

For a journey ``J`` and a case, ``sigma`` is the case's events whose activity maps into ``J``, each
as the set of ``J``'s steps it maps to (one step, or several for a list in the mapping), consecutive
equal sets collapsed; ``cost = |sigma| + |J| - 2 LCS(sigma, J)``, the LCS counting an element equal
to a step in its set, and ``fitness = 1 - cost / (|sigma| + |J|)``. A case follows the journey with
the highest fitness (ties: the first declared); below 0.5, or with no mapped activity, it is
unmatched. The work is done per *variant* (cases with the same steps and team sequence), of which a
log has far fewer than cases.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from typing import Any, Protocol

from .._metrics import Analysis
from .._model import Model
from .codes import Names, Step

__all__ = [
    "MATCH",
    "JourneyObserved",
    "Naming",
    "Sigma",
    "Tally",
    "Variant",
    "best",
    "best_fit",
    "compare",
    "fitness",
    "journey_observed",
    "lcs",
]

MATCH = Fraction(1, 2)
TOP_SEQUENCES = 5

Teams = tuple[str, ...]
Codes = tuple[int, ...]  # a sequence as the engine's numbers (:mod:`.codes`)
# A variant as names: the steps as (journey id, step id), the team sequence, the cases, their
# transfers and the systems they used. Names stay apart, in tuples: never joined into a string and
# split back (a team may be called 'l1 > l2', a system 'SAP | ISU').
# A step mapped to a list of steps is the tuple of them.
Named = tuple[tuple[tuple[str, str] | tuple[tuple[str, str], ...], ...], Teams, int, int, tuple[str, ...]]


class Counts(Protocol):
    """A counter of team sequences: :class:`collections.Counter`, or a bounded one (the watch's)."""

    def __getitem__(self, key: Any) -> int: ...
    def __setitem__(self, key: Any, value: int) -> None: ...
    def items(self) -> Iterable[tuple[Any, int]]: ...


class Naming(Protocol):
    """What names a tally's teams and systems: :class:`.codes.Names` for the engine's numbers; the
    watch, which keeps names, names them as they are."""

    def sequence(self, name: str, codes: Iterable[Any] | None) -> tuple[str, ...]: ...
    def system_set(self, codes: Iterable[Any]) -> tuple[str, ...]: ...
    def codes(self, name: str, wanted: Collection[str]) -> dict[str, Any]: ...


@dataclass(slots=True)
class Variant:
    """Cases with the same steps and team sequence, as the engine's numbers: the step codes in order,
    the team codes (one a segment), the cases, their transfers and the system codes. A case of
    millions of events is a tuple of small numbers here, named only where a name is shown.

    Read as a tuple it is named (:data:`Named`): ``variant[0]`` the steps as (journey, step), then
    the teams, cases, transfers and systems.
    """

    steps: Codes
    teams: Codes
    cases: int
    transfers: int
    systems: frozenset[int]
    names: Names = field(repr=False, compare=False)

    def named(self) -> Named:
        """The variant in names."""
        names = self.names
        teams = names.sequence("team", self.teams)
        return (names.steps(self.steps), teams, self.cases, self.transfers, names.system_set(self.systems))

    def __getitem__(self, index: int) -> object:
        return self.named()[index]


def _row(previous: list[int], x: frozenset[str], b: Sequence[str]) -> list[int]:
    """The next row of the longest-common-subsequence table: ``previous`` extended by ``x``, a set
    of steps that counts as equal to each step in it."""
    current = [0]
    left = 0  # current[j - 1]
    for j, y in enumerate(b, 1):
        if y in x:
            left = previous[j - 1] + 1
        elif (up := previous[j]) > left:
            left = up
        current.append(left)
    return current


def _as_set(x: str | frozenset[str]) -> frozenset[str]:
    return frozenset((x,)) if isinstance(x, str) else x


def lcs(a: Iterable[str | frozenset[str]], b: Sequence[str]) -> int:
    """The length of the longest common subsequence, one row of the table at a time (memory grows
    with ``b``, the declared journey, never with ``a``). An element of ``a`` may be a set of steps:
    it is equal to each step in it.

    >>> lcs(["a", "b", "c", "d"], ["a", "c", "d", "e"])
    3
    >>> lcs(["a", frozenset({"b", "c"}), "d"], ["a", "c", "d"])
    3
    """
    row = [0] * (len(b) + 1)
    for x in a:
        row = _row(row, _as_set(x), b)
    return row[-1]


def fitness(sigma: Sequence[str | frozenset[str]], journey: Sequence[str]) -> Fraction:
    """``1 - (|sigma| + |J| - 2 LCS) / (|sigma| + |J|)``; an element of ``sigma`` may be a set of
    steps (:func:`lcs`).

    >>> fitness(["queue", "work", "queue", "work", "close"], ["queue", "work", "close"])
    Fraction(3, 4)
    >>> fitness(["queue", frozenset({"work", "close"})], ["queue", "work", "close"])
    Fraction(4, 5)
    """
    total = len(sigma) + len(journey)
    return Fraction(2 * lcs(sigma, journey), total) if total else Fraction(0)


class Sigma:
    """A case's steps of one journey, taken one at a time, each as the set of the journey's steps its
    event maps to: consecutive equal sets collapsed, the longest common subsequence with the journey
    kept as one row of its table. Memory grows with the journey, never with the case (one case may
    have millions of steps)."""

    __slots__ = ("journey", "last", "length", "row", "seen")

    def __init__(self, journey: Sequence[str]) -> None:
        self.journey = journey
        self.row = [0] * (len(journey) + 1)
        self.length = 0
        self.last: frozenset[str] | None = None
        self.seen: set[str] = set()

    def add(self, steps: frozenset[str]) -> None:
        if steps != self.last:
            self.last, self.length = steps, self.length + 1
            self.seen.update(steps)
            self.row = _row(self.row, steps, self.journey)

    def fitness(self) -> Fraction:
        total = self.length + len(self.journey)
        return Fraction(2 * self.row[-1], total) if total else Fraction(0)


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
    model: Model, analysis: Analysis, variants: Iterable[Variant]
) -> tuple[list[JourneyObserved], int]:
    """Per journey, what the matched cases show; and the number of unmatched cases.

    Variants that share their steps (the most do) are matched once; each is added to its journey's
    tally and not kept, so what grows with the variants is the count of each distinct team sequence.
    """
    declared = {j.id: tuple(s.id for s in j.steps) for j in model.journeys}
    tallies = {j: Tally(order) for j, order in declared.items()}
    unmatched = 0
    names: Names | None = None
    matched: dict[Codes, tuple[Fraction, str, frozenset[str]] | None] = {}
    for variant in variants:
        names = variant.names
        if variant.steps not in matched:
            matched[variant.steps] = _best(variant.steps, names.targets(), declared)
        found = matched[variant.steps]
        if found is None or found[0] < MATCH:
            unmatched += variant.cases
        else:
            tallies[found[1]].add(found[0], found[2], variant)
    journeys = [journey_observed(model, analysis, j, tallies[j], names) for j in declared]
    return journeys, unmatched


class Tally:
    """What the cases matched to one journey show, added up a variant (or a case) at a time."""

    __slots__ = ("cases", "fits", "missed", "order", "pairs", "sequences", "systems", "teams", "transfers")

    def __init__(self, order: Sequence[str]) -> None:
        self.order = order
        self.cases = self.transfers = 0
        self.fits: Counter[Fraction] = Counter()  # each fitness and its cases
        self.missed: Counter[str] = Counter()  # each step of the journey and the cases without it
        self.teams: set[Any] = set()
        self.systems: set[Any] = set()
        self.sequences: Counts = Counter()
        self.pairs: Counter[tuple[Any, Any]] = Counter()  # each pair of adjacent teams and its cases

    def add(self, fitness: Fraction, seen: frozenset[str], variant: Variant) -> None:
        """Add the cases of a variant."""
        teams = variant.teams
        self.add_cases(
            fitness,
            seen,
            variant.cases,
            variant.transfers,
            teams,
            variant.systems,
            teams,
            set(pairwise(teams)),
        )

    def add_cases(
        self,
        fitness: Fraction,
        seen: Collection[str],
        n: int,
        transfers: int,
        teams: Iterable[Any],
        systems: Iterable[Any],
        sequence: Hashable,
        pairs: Iterable[tuple[Any, Any]],
    ) -> None:
        """Add ``n`` cases of one fitness, steps ``seen``, transfers in all, teams and systems, team
        sequence (as the counter keys it) and the pairs of adjacent teams they make: the one rule of
        what a matched case adds to its journey, for :func:`compare` and the watch alike."""
        self.cases += n
        self.transfers += transfers
        self.fits[fitness] += n
        self.missed.update({step: n for step in self.order if step not in seen})
        self.teams.update(teams)
        self.systems.update(systems)
        self.sequences[sequence] += n
        self.pairs.update(dict.fromkeys(pairs, n))


def _best(
    steps: Codes, targets: Mapping[int, Step], declared: Mapping[str, Sequence[str]]
) -> tuple[Fraction, str, frozenset[str]] | None:
    """The journey a variant follows best, its fitness and the journey's steps it has; ``None``
    without a mapped step. One pass over the steps (ties: the first declared journey)."""
    sigmas: dict[str, Sigma] = {}
    for code in steps:
        for journey, found in targets[code]:
            if journey in declared:
                (sigmas.get(journey) or sigmas.setdefault(journey, Sigma(declared[journey]))).add(found)
    return best(sigmas, declared)


def best(sigmas: Mapping[str, Sigma], declared: Iterable[str]) -> tuple[Fraction, str, frozenset[str]] | None:
    """The journey whose sigma fits best (ties: the first declared), its fitness and the journey's
    steps seen; ``None`` with no sigma. Matched only at :data:`MATCH` or above."""
    found = best_fit(sigmas, declared)
    return None if found is None else (Fraction(*found[0]), found[1], found[2])


def best_fit(
    sigmas: Mapping[str, Sigma], declared: Iterable[str]
) -> tuple[tuple[int, int], str, frozenset[str]] | None:
    """:func:`best`, its fitness as (numerator, denominator), not reduced (a Fraction costs time)."""
    found: tuple[str, Sigma] | None = None
    top = (0, 1)  # the best fitness so far as a fraction (numerator, denominator): compared crosswise
    for journey in declared:
        if (sigma := sigmas.get(journey)) is None:
            continue
        total = sigma.length + len(sigma.journey)
        fit = (2 * sigma.row[-1], total) if total else (0, 1)
        if found is None or fit[0] * top[1] > top[0] * fit[1]:
            found, top = (journey, sigma), fit
    if found is None:
        return None
    return top, found[0], frozenset(found[1].seen)


def journey_observed(
    model: Model, analysis: Analysis, journey_id: str, tally: Tally, names: Naming | None
) -> JourneyObserved:
    """What the cases in ``tally`` show of one journey, named by ``names``."""
    handoffs = analysis.journey(journey_id).handoffs
    cases = tally.cases
    if names is None or not cases:  # no case follows the journey
        return JourneyObserved(journey_id, 0, None, None, handoffs, (), (), (), (), ())
    journey = next(j for j in model.journeys if j.id == journey_id)
    providers = {
        s.actor if s.actor != "customer" else "self-service"
        for s in journey.steps
        if s.actor != "customer" or s.systems
    }
    systems = {x for s in journey.steps for x in s.systems}
    return JourneyObserved(
        id=journey_id,
        cases=cases,
        fitness=float(sum(f * n for f, n in tally.fits.items()) / cases),
        transfers_observed=float(Fraction(tally.transfers, cases)),
        handoffs_declared=handoffs,
        skipped=tuple((step, float(Fraction(tally.missed[step], cases))) for step in tally.order),
        undeclared_teams=tuple(sorted(set(names.sequence("team", tally.teams)) - providers)),
        undeclared_systems=tuple(x for x in names.system_set(tally.systems) if x not in systems),
        sequences=_top(tally.sequences, names),
        handoff_rates=_rates(analysis, journey_id, tally.pairs, cases, names),
    )


def _top(sequences: Counts, names: Naming) -> tuple[tuple[Teams, int], ...]:
    """The ``TOP_SEQUENCES`` most frequent team sequences, then by their names; only those named."""
    named = ((names.sequence("team", s), n) for s, n in sequences.items())
    return tuple(heapq.nsmallest(TOP_SEQUENCES, named, key=lambda kv: (-kv[1], kv[0])))


def _rates(
    analysis: Analysis, journey_id: str, made: Counter[tuple[Any, Any]], cases: int, names: Naming
) -> tuple[tuple[str, str, float], ...]:
    """For each declared hand-off, the share of matched cases whose team sequence has that transfer."""
    out: list[tuple[str, str, float]] = []
    pairs = [(h.from_provider, h.to_provider) for h in analysis.journey(journey_id).handoff_at]
    code = names.codes("team", {p for pair in pairs for p in pair})
    for pair in pairs:
        if any(r[:2] == pair for r in out):
            continue
        a, b = code.get(pair[0], 0), code.get(pair[1], 0)  # 0: a team the log does not have
        out.append((*pair, float(Fraction(made[(a, b)], cases))))
    return tuple(out)
