"""Minimum set cover, exact for small universes: the systems someone must open.

A question needs ``n`` entities; each system exposes some of them (a bit
mask). The fewest systems whose masks together cover all ``n`` bits is
found by breadth-first search over the 2**n covered-sets, branching only on
systems that cover the lowest bit still missing (every cover must cover it,
so no minimum is lost). Identical masks keep the first system by id and
masks contained in another are dropped first. Above ``EXACT_LIMIT`` entities
a greedy cover is returned and marked as not exact (an upper bound).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["EXACT_LIMIT", "min_cover"]

EXACT_LIMIT = 12


def _prune(candidates: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    best: dict[int, str] = {}
    for name, mask in sorted(candidates):
        if mask and mask not in best:
            best[mask] = name
    masks = sorted(best, key=lambda m: (-m.bit_count(), best[m]))
    kept: list[tuple[str, int]] = []
    for mask in masks:
        if not any(mask | other == other for _, other in kept):
            kept.append((best[mask], mask))
    return kept


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
    kept = _prune(candidates)
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
        # the first system by id among those adding the most missing elements
        gains = [(mask & ~covered).bit_count() for _, mask in ordered]
        name, mask = ordered[gains.index(max(gains))]
        names.append(name)
        covered |= mask
    return tuple(sorted(names))
