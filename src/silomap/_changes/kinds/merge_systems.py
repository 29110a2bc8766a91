"""``merge-systems``: every system merged disappears into ``into``, which holds and serves their union
(a big hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Model, System, names
from .kind import Id, Kind, Touches, listed, merged_ids
from .steps import with_steps

__all__ = ["MergeSystems"]


class MergeSystems(Kind):
    """Merge systems into one: references move to ``into``, which holds and serves their union."""

    kind = "merge-systems"
    refs = (("into", "system"), ("systems", "system"))

    into: Id
    systems: tuple[Id, ...] = Field(min_length=1)

    def apply(self, model: Model) -> Model:
        into, others = self.into, set(self.systems) - {self.into}
        rename = dict.fromkeys(others, into)
        links = [
            link.model_copy(
                update={
                    "source": rename.get(link.source, link.source),
                    "target": rename.get(link.target, link.target),
                }
            )
            if link.source in rename or link.target in rename
            else link  # kept as it is: only what a change copies is checked again
            for link in model.integrations
        ]
        links = [link for link in links if link.source != link.target]
        merged = model.model_copy(
            update={"systems": self._systems(model, others), "integrations": tuple(links)}
        )
        return with_steps(
            merged, lambda step: step.model_copy(update={"systems": merged_ids(step.systems, rename)}), others
        )

    def _systems(self, model: Model, others: set[str]) -> tuple[System, ...]:
        """The systems left: ``into`` holds and serves the union of what the others held and served."""
        gone = [s for s in model.systems if s.id in others]
        systems = []
        for system in model.systems:
            if system.id in others:
                continue
            if system.id == self.into:
                holds = merged_ids([*system.holds, *(h for s in gone for h in s.holds)])
                channels = merged_ids([*system.channels, *(c for s in gone for c in s.channels)])
                system = system.model_copy(update={"holds": holds, "channels": channels})
            systems.append(system)
        return tuple(systems)

    def words(self, model: Model) -> str:
        systems = names(model.systems)
        others = [s for s in self.systems if s != self.into]
        return f"merge {listed(others, systems)} into {systems[self.into]}"

    def touches(self) -> Touches:
        return Touches(systems=frozenset((*self.systems, self.into)))
