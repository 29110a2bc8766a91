"""Minimum set cover, exact for small universes: the systems someone must open.

A question needs ``n`` entities; each system exposes some of them (a bit
mask). The fewest systems whose masks together cover all ``n`` bits is
found by breadth-first search over the 2**n covered-sets, branching only on
systems that cover the lowest bit still missing (every cover must cover it,
so no minimum is lost). Identical masks keep the first system by id and
masks contained in another are dropped first. Above ``EXACT_LIMIT`` entities
a greedy cover is returned and marked as not exact (an upper bound): each
round takes the system adding most, ties to the one exposing more, then by id.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["EXACT_LIMIT", "min_cover"]

EXACT_LIMIT = 12


def _prune(candidates: Sequence[tuple[str, int]], n: int) -> list[tuple[str, int]]:
    """One system per mask (the first by id), and, for an exact search, no mask inside another.

    Dominated masks are found in O(n 2**n) (a sum over supersets), not by comparing
    every pair, so 11,000 systems cost no more than 4,096 distinct masks.
    """
    best: dict[int, str] = {}
    for name, mask in sorted(candidates):
        if mask and mask not in best:
            best[mask] = name
    if n <= EXACT_LIMIT:
        size = 1 << n
        present = bytearray(size)
        for mask in best:
            present[mask] = 1
        covered = bytearray(present)  # covered[m]: some present mask contains m (or is m)
        for bit in range(n):
            step = 1 << bit
            for mask in range(size):
                if not mask & step and covered[mask | step]:
                    covered[mask] = 1
        dominated = {m for m in best if any(covered[m | (1 << b)] for b in range(n) if not m >> b & 1)}
        best = {m: name for m, name in best.items() if m not in dominated}
    return sorted(((best[m], m) for m in best), key=lambda item: (-item[1].bit_count(), item[0]))


def min_cover(n: int, candidates: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], bool]:
    """Return the fewest candidate names whose masks cover bits ``0..n-1``, and
    whether that is an exact minimum. Names come back sorted.

    >>> min_cover(3, [("crm", 0b011), ("erp", 0b110), ("web", 0b100), ("dwh", 0b001)])
    (('crm', 'erp'), True)
    >>> min_cover(2, [("a", 0b01)])
    Traceback (most recent call last):
    ...
    ValueError: the candidates cannot cover every element
    """
    full = (1 << n) - 1
    kept = _prune(candidates, n)
    union = 0
    for _, mask in kept:
        union |= mask
    if union & full != full:
        raise ValueError("the candidates cannot cover every element")
    if n == 0:
        return (), True
    if n > EXACT_LIMIT:
        return _greedy(full, kept), False
    by_bit: dict[int, list[tuple[str, int]]] = {}
    for bit in range(n):
        low = 1 << bit
        by_bit[low] = [(name, mask) for name, mask in kept if mask & low]
    came_from: dict[int, tuple[int, str]] = {}
    frontier = [0]
    seen = {0}
    while frontier:
        following: list[int] = []
        for state in frontier:
            low = ~state & (state + 1)
            for name, mask in by_bit[low]:
                nxt = state | mask
                if nxt in seen:
                    continue
                seen.add(nxt)
                came_from[nxt] = (state, name)
                if nxt == full:
                    return _walk_back(came_from, full), True
                following.append(nxt)
        frontier = following
    raise AssertionError("unreachable: the union covers every element")  # pragma: no cover


def _walk_back(came_from: dict[int, tuple[int, str]], state: int) -> tuple[str, ...]:
    names = []
    while state:
        state, name = came_from[state]
        names.append(name)
    return tuple(sorted(names))


def _greedy(full: int, kept: list[tuple[str, int]]) -> tuple[str, ...]:
    covered, names = 0, []
    ordered = sorted(kept)
    while covered != full:
        # the system adding the most missing elements; on a tie the one exposing more, then the
        # first by id (so a system whose data another exposes too is never taken before that one)
        name, mask = max(ordered, key=lambda item: ((item[1] & ~covered).bit_count(), item[1].bit_count()))
        names.append(name)
        covered |= mask
    return tuple(sorted(names))
