"""``add-integration``: append an integration, with every rule of a model integration (a quick hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Integration, Model, names
from .kind import Id, Kind, Mode, Strict, Touches, listed, quick

__all__ = ["KIND", "AddIntegration"]


class AddIntegration(Strict):
    """Append an integration, with every rule of a model integration."""

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    carries: tuple[Id, ...] = Field(min_length=1)
    mode: Mode = "realtime"


def _apply(model: Model, body: AddIntegration) -> Model:
    link = Integration(source=body.source, target=body.target, carries=body.carries, mode=body.mode)
    return model.model_copy(update={"integrations": (*model.integrations, link)})


def _words(model: Model, body: AddIntegration) -> str:
    systems, data = names(model.systems), names(model.entities)
    return f"connect {systems[body.source]} to {systems[body.target]} for {listed(body.carries, data)}"


def _touches(body: AddIntegration) -> Touches:
    return Touches(entities=frozenset(body.carries))


KIND = Kind(
    name="add-integration",
    body=AddIntegration,
    names=(("source", "system"), ("target", "system"), ("carries", "entity")),
    apply=_apply,
    effort=quick,
    words=_words,
    touches=_touches,
    preferred=2,
)
