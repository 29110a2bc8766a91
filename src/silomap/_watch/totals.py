"""What the closed cases add up to, in observe's JSON (``watch.md``, "Output").

Each closed case adds to the sums observe's SQL makes (:func:`silomap._observed.summary_figures`
divides them, once, the same way) and, when it matches a journey, to that journey's
:class:`silomap._observed.Tally`, observe's own, which names the journey's figures
(:func:`silomap._observed.journey_observed`). The team sequences a journey counts are bounded: a
Space-Saving counter of :data:`SEQUENCES` (exact while a journey meets no more distinct ones).
The matrices and the unmapped values count every event read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from fractions import Fraction
from typing import Any

from .._metrics import Analysis
from .._model import Model
from .._observed import (
    MATRIX_PAIRS,
    LogMapping,
    Observed,
    Tally,
    blank,
    journey_observed,
    not_measured,
    summary_figures,
    unmeasured_journey,
)
from .cases import Case
from .customers import Customers

__all__ = ["SEQUENCES", "Seen", "SpaceSaving", "Totals"]

SEQUENCES = 4_096  # distinct team sequences a journey counts exactly
PENDING = 4_096  # kinds of closed case held before they are tallied


class SpaceSaving:
    """The most frequent keys of a stream in bounded memory (Metwally et al., 2005): at most
    ``size`` keys; a new key past that takes the place (and the count) of the least frequent one.

    >>> top = SpaceSaving(2)
    >>> for key in "aabcb":
    ...     top[key] += 1
    >>> sorted(top.items())
    [('b', 3), ('c', 2)]
    """

    def __init__(self, size: int = SEQUENCES) -> None:
        self.size = size
        self.counts: dict[Any, int] = {}

    def __getitem__(self, key: Any) -> int:
        return self.counts.get(key, 0)

    def __setitem__(self, key: Any, value: int) -> None:
        counts = self.counts
        if key not in counts and len(counts) >= self.size:
            least = min(counts, key=counts.__getitem__)
            value += counts.pop(least)
        counts[key] = value

    def items(self) -> Iterable[tuple[Any, int]]:
        return self.counts.items()


class _AsIs:
    """The watch keeps names, not numbers: they name themselves (observe's :class:`Naming`)."""

    def sequence(self, name: str, codes: Iterable[Any] | None) -> tuple[str, ...]:
        return tuple(codes or ())

    def system_set(self, codes: Iterable[Any]) -> tuple[str, ...]:
        return tuple(sorted(codes))

    def codes(self, name: str, wanted: Collection[str]) -> dict[str, Any]:
        return {w: w for w in wanted}


class Seen:
    """What every event read adds: the two matrices, the values the mapping leaves unmapped, and
    whether each optional column has a value."""

    def __init__(self) -> None:
        self.handoffs: Counter[tuple[str, str]] = Counter()
        self.transfers: Counter[tuple[str, str]] = Counter()
        self.unmapped: dict[str, set[str]] = {"groups": set(), "activities": set(), "systems": set()}
        self.filled = dict.fromkeys(("resource", "group", "channel", "system", "customer"), 0)


class Totals:
    """The closed cases' sums, and each journey's tally."""

    def __init__(self, model: Model, analysis: Analysis, mapping: LogMapping) -> None:
        self.model, self.analysis, self.mapping = model, analysis, mapping
        self.declared = {j.id: tuple(s.id for s in j.steps) for j in model.journeys}
        self.tallies = {j: Tally(order) for j, order in self.declared.items()}
        for tally in self.tallies.values():
            tally.sequences = SpaceSaving()
        self.mapped = {j for targets in mapping.steps.values() for j, _ in targets}
        self.sums = Counter[str]()
        self.unmatched = 0
        self.pending: Counter[tuple[Any, ...]] = Counter()  # closed matched cases alike, not yet tallied

    def add(self, case: Case) -> str | None:
        """Fold a closed case in; return the journey it matched (``None``: unmatched)."""
        s = self.sums
        s["cases"] += 1
        s["events"] += case.events
        s["handoffs"] += case.handoffs
        s["transfers"] += case.transfers
        s["systems"] += len(case.systems)
        s["switches"] += case.switches
        s["transferred"] += case.transfers >= 1
        s["pings"] += case.pings
        s["pinged"] += case.pings >= 1
        s["plain_fcr"] += case.customer is None and case.transfers == 0
        found = case.fit(self.declared)
        if found is None:
            self.unmatched += 1
            return None
        fit, journey, steps = found
        teams, systems, pairs = frozenset(case.teams), frozenset(case.systems), frozenset(case.pairs)
        self.pending[journey, fit, steps, case.transfers, teams, systems, case.sequence(), pairs] += 1
        if len(self.pending) >= PENDING:
            self.flush()
        return journey

    def flush(self) -> None:
        """Add the closed cases waiting, alike ones at once, to their journeys' tallies."""
        for (journey, fit, steps, transfers, teams, systems, sequence, pairs), n in self.pending.items():
            tally = self.tallies[journey]
            tally.add_cases(Fraction(*fit), steps, n, transfers * n, teams, systems, sequence, pairs)
        self.pending.clear()

    def figures(self, seen: Seen, customers: Customers, *, final: bool) -> dict[str, Any]:
        """observe's JSON over the closed cases (the matrices only when ``final``)."""
        self.flush()
        s = self.sums
        missing = not_measured(self.mapping, seen.filled)
        fcr = s["plain_fcr"] + customers.resolved
        row = (s["cases"], s["events"], s["handoffs"], s["transfers"], s["systems"], s["switches"],
               s["transferred"], customers.repeats, customers.closed, fcr)  # fmt: skip
        summary = blank(summary_figures(row, (s["pings"], s["pinged"])), missing)
        names = _AsIs()
        journeys = [
            unmeasured_journey(
                journey_observed(self.model, self.analysis, j, self.tallies[j], names),
                missing,
                j in self.mapped,
            )
            for j in self.declared
        ]
        handoffs = None if "resource" in missing else _matrix(seen.handoffs)
        transfers = None if "group" in missing else _matrix(seen.transfers)
        needs = {"groups": "group", "systems": "system"}
        unmapped = {k: None if needs.get(k) in missing else len(v) for k, v in seen.unmapped.items()}
        observed = Observed(
            summary,
            None if handoffs is None else handoffs[0],
            None if transfers is None else transfers[0],
            journeys,
            self.unmatched if self.mapped else None,
            unmapped,
            "watch",
            not_measured=missing,
            matrix_pairs={
                "handoff": None if handoffs is None else handoffs[1],
                "transfer": None if transfers is None else transfers[1],
            },
        )
        out = observed.to_dict()
        if not final:
            for key in ("handoff_matrix", "transfer_matrix", "handoff_pairs", "transfer_pairs"):
                out.pop(key, None)
        return out


def _matrix(pairs: Counter[tuple[str, str]]) -> tuple[list[tuple[str, str, int]], int]:
    """observe's matrix: the :data:`MATRIX_PAIRS` most frequent pairs, then by name; and how many."""
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:MATRIX_PAIRS]
    return [(a, b, n) for (a, b), n in ordered], len(pairs)
