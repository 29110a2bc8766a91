"""One open case, as ``watch.md`` ("State and closing") keeps it, and the rules that fold an event in.

The figures are observed.md's, taken one event at a time in arrival order: a hand-off where the
resource differs from the case's last non-null one, a transfer where the team differs from its last
team, a ping-pong where a new team segment equals the segment before the last, a channel switch
where the (non-``internal``) channel differs from the last one. The comparison with the journeys
is observe's own :class:`silomap._observed.Sigma`, one per journey the case's steps map into. A
case holds no list that grows with its events: the first :data:`SEGMENTS` team segments, the last
:data:`IDS` event ids, and sets that grow with distinct values only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping
from fractions import Fraction

from .._observed import MATCH, Sigma, best_fit

__all__ = ["IDS", "MORE", "SEGMENTS", "Case", "Steps"]

SEGMENTS = 32  # team segments kept of a case: its sequence among the journey's most frequent
IDS = 16  # event ids kept of a case: a repeat among them is a duplicate
MORE = "…"  # ends a sequence of more than SEGMENTS segments

# An activity's steps: each journey it maps into, with that journey's steps it maps to
Steps = tuple[tuple[str, frozenset[str]], ...]


class Case:
    """An open case: its name (``ID``, or ``ID#k`` for its k-th reopening), start and last time
    (microseconds), events, customer, last resource, team and channel, the segment before the last,
    hand-offs, transfers, ping-pongs, channel switches, systems and teams seen, declared team pairs
    made, a :class:`Sigma` per journey, the first team segments and the last event ids."""

    __slots__ = (
        "base",
        "before",
        "channel",
        "customer",
        "entry",
        "events",
        "handoffs",
        "ids",
        "k",
        "last",
        "more",
        "name",
        "pairs",
        "pings",
        "resource",
        "segments",
        "sigmas",
        "start",
        "switches",
        "systems",
        "team",
        "teams",
        "transfers",
    )

    def __init__(self, base: str, k: int, ts: int) -> None:
        self.base, self.k = base, k
        self.name = f"{base}#{k}" if k else base
        self.start = self.last = ts
        self.events = self.handoffs = self.transfers = self.pings = self.switches = 0
        self.customer: str | None = None
        self.resource: str | None = None
        self.team: str | None = None
        self.channel: str | None = None
        self.before: str | None = None  # the team segment before the last
        self.systems: set[str] = set()
        self.teams: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.sigmas: dict[str, Sigma] = {}
        self.segments: list[str] = []
        self.more = False
        self.ids: deque[str] | None = None
        self.entry: object | None = None  # its place among its customer's cases (:mod:`.customers`)

    def resource_pair(self, resource: str) -> tuple[str, str] | None:
        """Take the event's resource; the hand-off it makes, if any."""
        before, self.resource = self.resource, resource
        if before is not None and before != resource:
            self.handoffs += 1
            return before, resource
        return None

    def team_pair(self, team: str, declared: Collection[tuple[str, str]]) -> tuple[str, str] | None:
        """Take the event's team; the transfer it makes, if any (a new segment, perhaps a
        ping-pong, perhaps a declared pair)."""
        last = self.team
        if last == team:
            return None
        self.team = team
        if team == self.before:
            self.pings += 1
        self.before = last
        self.teams.add(team)
        if len(self.segments) < SEGMENTS:
            self.segments.append(team)
        else:
            self.more = True
        if last is None:
            return None
        self.transfers += 1
        if (last, team) in declared:
            self.pairs.add((last, team))
        return last, team

    def take_steps(self, steps: Steps, declared: Mapping[str, tuple[str, ...]]) -> None:
        """Take the steps of the event's activity, each journey's in its sigma."""
        for journey, found in steps:
            sigma = self.sigmas.get(journey)
            if sigma is None:
                sigma = self.sigmas[journey] = Sigma(declared[journey])
            sigma.add(found)

    def fit(self, declared: Collection[str]) -> tuple[tuple[int, int], str, frozenset[str]] | None:
        """The journey the case follows so far by observe's rule (``None``: unmatched), its fitness
        as (numerator, denominator), and the journey's steps seen."""
        found = best_fit(self.sigmas, declared)
        if found is None:
            return None
        num, den = found[0]  # at MATCH or above, compared crosswise
        return found if num * MATCH.denominator >= MATCH.numerator * den else None

    def journey(self, declared: Collection[str]) -> tuple[Fraction, str, frozenset[str]] | None:
        """:meth:`fit`, its fitness a Fraction."""
        found = self.fit(declared)
        return None if found is None else (Fraction(*found[0]), found[1], found[2])

    def sequence(self) -> tuple[str, ...]:
        """Its team sequence: the first :data:`SEGMENTS` segments, then ``…`` if there are more."""
        return (*self.segments, MORE) if self.more else tuple(self.segments)
