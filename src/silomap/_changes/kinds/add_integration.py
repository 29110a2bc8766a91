"""``add-integration``: append an integration, with every rule of a model integration (a quick hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Integration, Model, names
from .kind import Id, Kind, Mode, Touches, listed

__all__ = ["AddIntegration"]


class AddIntegration(Kind):
    """Append an integration, with every rule of a model integration."""

    kind = "add-integration"
    refs = (("source", "system"), ("target", "system"), ("carries", "entity"))
    preferred = 2

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    carries: tuple[Id, ...] = Field(min_length=1)
    mode: Mode = "realtime"

    def apply(self, model: Model) -> Model:
        link = Integration(source=self.source, target=self.target, carries=self.carries, mode=self.mode)
        return model.model_copy(update={"integrations": (*model.integrations, link)})

    def effort(self, model: Model) -> str:
        return "quick"

    def words(self, model: Model) -> str:
        systems, data = names(model.systems), names(model.entities)
        return f"connect {systems[self.source]} to {systems[self.target]} for {listed(self.carries, data)}"

    def touches(self) -> Touches:
        return Touches(entities=frozenset(self.carries))
