"""``hold``: add entities to a system's ``holds``, no duplicates, order kept (a big hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Model, names
from .kind import Id, Kind, Touches, listed, merged_ids

__all__ = ["Hold"]


class Hold(Kind):
    """Add entities to a system's ``holds``."""

    kind = "hold"
    refs = (("system", "system"), ("entities", "entity"))

    system: Id
    entities: tuple[Id, ...] = Field(min_length=1)

    def apply(self, model: Model) -> Model:
        systems = tuple(
            s.model_copy(update={"holds": merged_ids([*s.holds, *self.entities])})
            if s.id == self.system
            else s
            for s in model.systems
        )
        return model.model_copy(update={"systems": systems})

    def words(self, model: Model) -> str:
        return f"keep {listed(self.entities, names(model.entities))} in {names(model.systems)[self.system]}"

    def touches(self) -> Touches:
        return Touches(entities=frozenset(self.entities))
