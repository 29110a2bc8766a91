"""Single integrations measured in microseconds, exactly: the complete search's engine.

An integration carrying one entity ``e`` from ``a`` to ``b`` moves two score
components only, and each by a sum over figures (``_metrics.components``):

- *systems per question*: when ``a`` exposes ``e`` and ``b`` does not, every
  system ``b`` reaches starts exposing ``e``. For a question needing ``e``
  the smallest cover depends only on the distinct sets of its needs that
  systems expose, so its new size is the old sets plus the new ones, and is
  remembered for each such addition;
- *unsynced copies*: one fewer when ``a`` and ``b`` are in two groups of
  ``e``'s holders.

Their denominators do not change, so the new numerators give the exact
score. Questions needing more than 12 entities (a greedy cover) are left to
the general measurement, whose result is the same by construction.
"""

from __future__ import annotations

from fractions import Fraction

from networkx.utils import UnionFind

from .._metrics import EXACT_LIMIT, components_of, f, min_cover, silo_score
from .evaluate import Base

__all__ = ["LinkSearch"]


class LinkSearch:
    """Exact scores of single-entity integrations added to a base model."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self._masks: list[dict[str, int]] = []
        self._distinct: list[frozenset[int]] = []
        for figure in base.analysis.questions:
            masks: dict[str, int] = {}
            for bit, (_, systems) in enumerate(figure.exposers):
                for system in systems:
                    masks[system] = masks.get(system, 0) | (1 << bit)
            self._masks.append(masks)
            self._distinct.append(frozenset(masks.values()))
        self._gains: dict[tuple[int, frozenset[int]], Fraction] = {}
        self._floats: dict[tuple[int, frozenset[int]], float] = {}
        # the questions where a system exposes one of the needs: only there can it shrink a cover
        self._exposing: dict[str, set[int]] = {}
        for index, masks in enumerate(self._masks):
            for system in masks:
                self._exposing.setdefault(system, set()).add(index)
        self._base_exact = base.exact_score()
        self._groups: dict[str, dict[str, object]] = {}
        self._greedy = {
            e for i, q in enumerate(base.model.questions) if len(q.needs) > EXACT_LIMIT for e in q.needs
        }
        # d(score) / d(numerator) of the two components an integration moves, for a quick estimate
        parts = components_of(base.sums, base.scoring)
        total = sum((c.weight for c in parts), Fraction(0))
        self._slope = {
            c.name: float(100 * c.weight / (total * base.sums[c.name][1])) if total else 0.0 for c in parts
        }

    def estimate(self, source: str, target: str, entity: str) -> float | None:
        """How much the score drops (positive: it drops), in floating point: to pick which to measure
        exactly. ``None`` when a question needing ``entity`` has a greedy cover."""
        if entity in self._greedy:
            return None
        gain, joins = self._moves(source, target, entity, exact=False)
        return -(float(gain) * self._slope.get("fragmentation", 0.0)) + (joins * self._slope.get("sync", 0.0))

    def useful(self, source: str, target: str, entity: str) -> bool:
        """Whether a flow of ``entity`` from ``source`` to ``target`` can move the score at all."""
        exposers = self.base.flows.exposers(entity)
        return (source in exposers and target not in exposers) or self._joins(source, target, entity)

    def exact(self, source: str, target: str, entity: str) -> Fraction | None:
        """The exact score after adding ``source -> target`` carrying ``entity``; ``None`` when a
        question needing it has a greedy cover (measure that one in general)."""
        if entity in self._greedy:
            return None
        base = self.base
        gain, joins = self._moves(source, target, entity)
        if not gain and not joins:
            return self._base_exact
        sums = dict(base.sums)
        num, den = sums["fragmentation"]
        sums["fragmentation"] = (num + Fraction(gain), den)
        if joins:
            num, den = sums["sync"]
            sums["sync"] = (num - 1, den)
        return silo_score(components_of(sums, base.scoring))

    def _moves(
        self, source: str, target: str, entity: str, exact: bool = True
    ) -> tuple[Fraction | float, bool]:
        """The change of the fragmentation numerator (exact, or a float), and whether two groups of
        copies join."""
        base = self.base
        gain: Fraction | float = Fraction(0) if exact else 0.0
        exposers = base.flows.exposers(entity)
        if source in exposers and target not in exposers:
            reached = base.flows.reach(entity, target)
            # a system exposing none of a question's needs gains only this one need: never a smaller cover
            touched = {i for x in reached for i in self._exposing.get(x, ())}
            for i in sorted(touched.intersection(base.needed_by.get(entity, []))):
                key = self._gain(i, entity, reached)
                if key is not None:
                    gain += self._gains[key] if exact else self._floats[key]
        return gain, self._joins(source, target, entity)

    def _gain(self, index: int, entity: str, reached: frozenset[str]) -> tuple[int, frozenset[int]] | None:
        """The key of the gain (in ``_gains`` and ``_floats``) of question ``index`` when the systems
        ``reached`` start exposing ``entity``; ``None`` when nothing new appears."""
        figure = self.base.analysis.questions[index]
        bit = 1 << figure.needs.index(entity)
        masks = self._masks[index]
        new = frozenset(masks.get(x, 0) | bit for x in reached) - self._distinct[index]
        if not new:
            return None
        key = (index, new)
        if key not in self._gains:  # the weighted change of f(systems per question), once per addition
            options = self._distinct[index] | new
            size = len(min_cover(len(figure.needs), [(str(m), m) for m in sorted(options)])[0])
            weight = self.base.weight["questions"][figure.id]
            self._gains[key] = weight * (f(size) - f(figure.spq))
            self._floats[key] = float(self._gains[key])
        return key

    def _joins(self, source: str, target: str, entity: str) -> bool:
        holders = self.base.flows.holders.get(entity, [])
        if len(holders) < 2:
            return False
        if entity not in self._groups:
            joined = UnionFind(holders)
            for a, b in self.base.flows.links(entity):
                joined.union(a, b)
            held = {joined[h] for h in holders}
            self._groups[entity] = {
                s.id: joined[s.id] for s in self.base.model.systems if joined[s.id] in held
            }
        group = self._groups[entity]
        return source in group and target in group and group[source] != group[target]
