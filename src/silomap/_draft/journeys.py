"""Journeys of a draft (``draft.md``, "Journeys"): each case's key, the groups kept, and each
group's representative variant, the medoid by longest common subsequence among its 50 most
frequent. Python only: the work grows with the distinct variants, never with the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .._observed import lcs

__all__ = ["CANDIDATES", "ELLIPSIS", "Group", "cut", "groups", "key_of", "representative"]

CANDIDATES = 50  # the most frequent variants of a group that may represent it
ELLIPSIS = " \u2026 "  # between a key's first and last activity

Variant = tuple[str, ...]


def key_of(reason: str | None, variant: Variant, key: str) -> str | None:
    """A case's key: its reason (``key="reason"``), its first activity (``"first"``) or its first and
    last (``"first-last"``; one run: its activity); ``None`` when it has none.

    >>> key_of(None, ("Open", "Work", "Close"), "first-last"), key_of(None, ("Open",), "first-last")
    ('Open \u2026 Close', 'Open')
    >>> key_of("Billing", ("Open",), "reason"), key_of(None, (), "first")
    ('Billing', None)
    """
    if key == "reason":
        return reason
    if not variant:
        return None
    if key == "first" or len(variant) == 1:
        return variant[0]
    return variant[0] + ELLIPSIS + variant[-1]


@dataclass(frozen=True)
class Group:
    """The cases of one key: their number and their variants with their counts."""

    key: str
    cases: int
    variants: dict[Variant, int]


def groups(variants: Iterable[tuple[str | None, Variant, int]], key: str) -> tuple[list[Group], int]:
    """The groups by key, in descending size, ties by key; and the cases without key (or without
    activity: a case with no run is never drafted)."""
    found: dict[str, dict[Variant, int]] = {}
    unkeyed = 0
    for reason, variant, n in variants:
        k = key_of(reason, variant, key) if variant else None
        if k is None:
            unkeyed += n
            continue
        counts = found.setdefault(k, {})
        counts[variant] = counts.get(variant, 0) + n
    out = [Group(k, sum(v.values()), v) for k, v in found.items()]
    return sorted(out, key=lambda g: (-g.cases, g.key)), unkeyed


def cut(ranked: list[Group], total: int, *, cover: Decimal, max_journeys: int, min_cases: int) -> int:
    """How many of the ranked groups are kept: until ``max_journeys`` are, or the next has under
    ``min_cases`` cases, or the kept ones hold at least ``cover`` of ``total`` (exactly).

    >>> g, c = [Group("a", 6, {}), Group("b", 3, {}), Group("c", 1, {})], cut
    >>> cut(g, 10, cover=Decimal("0.9"), max_journeys=20, min_cases=1)
    2
    >>> cut(g, 10, cover=Decimal("0.91"), max_journeys=20, min_cases=1)
    3
    >>> one = Decimal(1)
    >>> c(g, 10, cover=one, max_journeys=20, min_cases=2), c(g, 10, cover=one, max_journeys=1, min_cases=1)
    (2, 1)
    """
    wanted = Fraction(cover) * total
    kept = held = 0
    for group in ranked:
        if kept >= max_journeys or group.cases < min_cases or held >= wanted:
            break
        kept, held = kept + 1, held + group.cases
    return kept


def ranked(variants: dict[Variant, int]) -> list[Variant]:
    """A group's variants by frequency (descending), then in code-point order, element by element
    (a prefix first).

    >>> ranked({("b",): 2, ("a", "c"): 2, ("a",): 2, ("z",): 5})
    [('z',), ('a',), ('a', 'c'), ('b',)]
    """
    return sorted(variants, key=lambda v: (-variants[v], v))


def representative(variants: dict[Variant, int]) -> Variant:
    """Of the first :data:`CANDIDATES` ranked variants, the one with the least sum over the group's
    cases of ``|v| + |u| - 2 LCS(v, u)``; ties: the earlier in the rank.

    >>> representative({("a", "b", "c"): 2, ("a", "c"): 2, ("a", "b", "x", "c"): 1})
    ('a', 'b', 'c')
    """
    order = ranked(variants)
    best: tuple[int, Variant] | None = None
    for v in order[:CANDIDATES]:
        cost = 0
        for u, n in variants.items():
            cost += n * (len(v) + len(u) - 2 * (len(v) if u == v else lcs(u, v)))
            if best is not None and cost > best[0]:
                break  # never the least: the rest only adds
        if best is None or cost < best[0]:
            best = (cost, v)
    assert best is not None  # a group has a variant
    return best[1]
