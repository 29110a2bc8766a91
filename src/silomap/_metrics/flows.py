"""Where each entity can flow, following the metrics spec's building blocks.

An integration that is not ``manual`` and carries entity ``e`` lets ``e``
flow from its ``from`` system to its ``to`` system. A system *exposes* ``e``
if it holds ``e`` or ``e`` can reach it along such flows from a holder.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

from .._model import Model

__all__ = ["Flows"]


class Flows:
    """Per-entity flow graphs of a model, with cached reachability.

    >>> from silomap import Model, System, Integration, Entity
    >>> m = Model(silomap=1, name="t", entities=[Entity(id="a")],
    ...           systems=[System(id="x", holds=["a"]), System(id="y"), System(id="z")],
    ...           integrations=[Integration(source="x", target="y", carries=["a"]),
    ...                         Integration(source="y", target="z", carries=["a"], mode="manual")])
    >>> sorted(Flows(m).exposers("a"))
    ['x', 'y']
    """

    def __init__(self, model: Model, only: set[str] | None = None, rest: Flows | None = None) -> None:
        """Index the flows of every entity, or only of the entities in ``only`` (a change's) and ask
        ``rest`` (the flows before the change) about the others."""
        self._only: set[str] | None = only if rest is not None else None
        self._rest: Flows | None = rest
        self._out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.holders: dict[str, list[str]] = defaultdict(list)
        for system in model.systems:
            for entity in system.holds:
                if only is None or entity in only:
                    self.holders[entity].append(system.id)
        for link in model.integrations:
            if link.mode == "manual" or (only is not None and only.isdisjoint(link.carries)):
                continue
            for entity in link.carries:
                self._out[entity][link.source].append(link.target)
        self._reach: dict[tuple[str, str], frozenset[str]] = {}
        self._exposers: dict[str, frozenset[str]] = {}

    def _walk(self, entity: str, starts: Iterable[str]) -> frozenset[str]:
        out = self._out.get(entity, {})
        seen = set(starts)
        queue = deque(seen)
        while queue:
            for nxt in out.get(queue.popleft(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return frozenset(seen)

    def _other(self, entity: str) -> Flows | None:
        return self._rest if self._only is not None and entity not in self._only else None

    def links(self, entity: str) -> list[tuple[str, str]]:
        """The (from, to) pairs of the non-manual integrations that carry ``entity``."""
        if (other := self._other(entity)) is not None:
            return other.links(entity)
        return [(a, b) for a, targets in self._out.get(entity, {}).items() for b in targets]

    def exposers(self, entity: str) -> frozenset[str]:
        """The systems that expose ``entity``: its holders and where it flows from them."""
        if (other := self._other(entity)) is not None:
            return other.exposers(entity)
        found = self._exposers.get(entity)
        if found is None:
            found = self._exposers[entity] = self._walk(entity, self.holders.get(entity, ()))
        return found

    def reach(self, entity: str, system: str) -> frozenset[str]:
        """``system`` and every system that ``entity`` can flow to from it."""
        if (other := self._other(entity)) is not None:
            return other.reach(entity, system)
        key = (entity, system)
        found = self._reach.get(key)
        if found is None:
            found = self._reach[key] = self._walk(entity, (system,))
        return found
