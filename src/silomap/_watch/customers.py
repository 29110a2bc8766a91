"""Repeat contacts and first-contact resolution over a stream (``watch.md``, "State and closing").

observed.md orders a customer's cases by start, then case id: a case is a **repeat** when the case
before it started at most the repeat window earlier, and it is **resolved** (first-contact
resolution, with no transfer) when the case after it starts more than the window later. Both
depend on a case's neighbours only, so each customer keeps its cases started within two windows of
stream time, in that order; a case's flags are set when it or a neighbour arrives, and forgotten
cases keep theirs. The counts over closed cases change as flags do: a closed case that a later
case may still follow is counted as resolved meanwhile (``fcr_pending``).
"""

from __future__ import annotations

import heapq

__all__ = ["Customers", "Entry"]


class Entry:
    """A case among its customer's: start, name, and its flags; ``closed`` once it has closed,
    ``quiet`` when it closed with no transfer."""

    __slots__ = ("closed", "customer", "followed", "live", "name", "quiet", "repeat", "start")

    def __init__(self, start: int, name: str, customer: str) -> None:
        self.start, self.name, self.customer = start, name, customer
        self.repeat = self.followed = self.closed = self.quiet = False
        self.live = True  # still among its customer's cases (not forgotten)

    def key(self) -> tuple[int, str]:
        return self.start, self.name


class Customers:
    """Each customer's cases within two repeat windows of stream time, and the counts over closed
    cases with a customer: repeats, first-contact resolutions, and those still pending."""

    def __init__(self, window_us: int) -> None:
        self.window = window_us
        self.horizon = 2 * window_us  # cases started this long before stream time are forgotten
        self.cases: dict[str, list[Entry]] = {}
        self.starts: list[tuple[int, str, str]] = []  # (start, name, customer): forgetting order
        self.closed = self.repeats = self.resolved = self.pending = 0

    def _count(self, entry: Entry, sign: int) -> None:
        """Add (1) or take away (-1) what a closed entry counts."""
        if not entry.closed:
            return
        self.repeats += sign * entry.repeat
        if entry.quiet and not entry.followed:
            self.resolved += sign
            self.pending += sign * entry.live

    def add(self, entry: Entry) -> None:
        """A case whose customer is now known, placed among its customer's; its neighbours' flags set."""
        order = self.cases.setdefault(entry.customer, [])
        i = _place(order, entry.key())
        order.insert(i, entry)
        heapq.heappush(self.starts, (entry.start, entry.name, entry.customer))
        w = self.window
        if i > 0:
            before = order[i - 1]
            entry.repeat = before.start >= entry.start - w
            self._count(before, -1)
            before.followed = entry.start <= before.start + w
            self._count(before, 1)
        if i + 1 < len(order):
            after = order[i + 1]
            entry.followed = after.start <= entry.start + w
            self._count(after, -1)
            after.repeat = entry.start >= after.start - w
            self._count(after, 1)

    def close(self, entry: Entry, transfers: int) -> None:
        """A case closed: it counts from now on."""
        entry.closed, entry.quiet = True, transfers == 0
        self.closed += 1
        self._count(entry, 1)

    def forget(self, now: int) -> None:
        """Forget the cases started more than two windows before ``now``."""
        horizon = now - self.horizon
        while self.starts and self.starts[0][0] < horizon:
            start, name, customer = heapq.heappop(self.starts)
            order = self.cases[customer]
            i = _place(order, (start, name)) - 1
            entry = order.pop(i)
            self._count(entry, -1)
            entry.live = False
            self._count(entry, 1)
            if not order:
                del self.cases[customer]

    def held(self) -> int:
        """How many cases are remembered (for the bound on memory)."""
        return len(self.starts)


def _place(order: list[Entry], key: tuple[int, str]) -> int:
    """Where ``key`` goes among ``order`` (after equal keys), by bisection."""
    lo, hi = 0, len(order)
    while lo < hi:
        mid = (lo + hi) // 2
        if key < order[mid].key():
            hi = mid
        else:
            lo = mid + 1
    return lo
