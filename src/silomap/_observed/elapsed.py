"""Each case's elapsed time, by the journey it follows and whether it was transferred (``cost.md``,
"Observed"): what the cost of silos needs of a log, read from the per-case figures of
:func:`.result.observe` (its transfers ``T(c)`` and its steps, matched as :mod:`.compare` matches
them), never from the events again.

A case's elapsed time is its last timestamp minus its first, in whole microseconds (the engine's
instants, exact). Cases come out already counted: per journey, each (transferred, elapsed) pair
once with its cases, so a log of millions of cases reaches Python as a few thousand rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from .._model import Model, shown
from .codes import Names
from .compare import MATCH, _best
from .engine import packing_bits
from .queries import unpack
from .result import Observed

__all__ = ["Elapsed", "elapsed"]

MICROS_A_DAY = 86_400_000_000

# A case's transferred flag and elapsed microseconds, counted by its steps (the journey it follows)
_GROUPED = """
SELECT s0, s1, [x & {mask} FOR x IN s_tail], moved, micros, count(*) FROM (
    SELECT s0, s1, s_tail, transfers >= 1 AS moved, epoch_us(finish) - epoch_us(start) AS micros
    FROM case_base
) AS c GROUP BY s0, s1, s_tail, moved, micros
"""
_SPAN = "SELECT count(*), epoch_us(min(start)), epoch_us(max(finish)) FROM case_base"


@dataclass(frozen=True)
class Elapsed:
    """The cases of a log by journey: ``journeys[id][(transferred, micros)]`` is how many cases of the
    journey have that flag and that elapsed time (``transferred`` is ``None`` when the log's teams
    are not measured). ``days`` runs from the log's first timestamp to its last; ``log`` is the log
    as the user would open it."""

    log: str
    cases: int
    matched: int
    days: Fraction
    journeys: dict[str, Counter[tuple[bool | None, int]]]


def elapsed(seen: Observed, model: Model) -> Elapsed:
    """The elapsed time of each case of ``seen`` (what :func:`.result.observe` returned for
    ``model``), by journey and transferred or not.

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> found = elapsed(silomap.observe(model, "examples/observed/retail-bank.yaml"), model)
    >>> found.cases, found.matched <= found.cases, sorted(found.journeys)[0]
    (400, True, 'apply-for-loan')
    """
    db = seen._engine()
    names = Names(db)
    bits = packing_bits(names)
    mask = (1 << bits) - 1
    declared = {j.id: tuple(s.id for s in j.steps) for j in model.journeys}
    journeys: dict[str, Counter[tuple[bool | None, int]]] = {j: Counter() for j in declared}
    follows: dict[tuple[int, ...], str | None] = {}
    for s0, s1, tail, moved, micros, n in db.stream(_GROUPED.format(mask=mask)):
        steps = tuple(unpack((s0, s1), tail, bits))
        if steps not in follows:
            best = _best(steps, names.targets(), declared)
            follows[steps] = None if best is None or best[0] < MATCH else best[1]
        if (journey := follows[steps]) is not None:
            transferred = None if "group" in seen.not_measured else bool(moved)
            journeys[journey][(transferred, int(micros))] += int(n)
    ((cases, first, last),) = db.rows(_SPAN)
    matched = sum(sum(c.values()) for c in journeys.values())
    log = "" if seen._mapping is None else shown(seen._mapping.path)
    return Elapsed(log, int(cases), matched, Fraction(int(last) - int(first), MICROS_A_DAY), journeys)
