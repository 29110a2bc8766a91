"""``hold``: add entities to a system's ``holds``, no duplicates, order kept (a big hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Model, names
from .kind import Id, Kind, Strict, Touches, big, listed, merged_ids

__all__ = ["KIND", "Hold"]


class Hold(Strict):
    """Add entities to a system's ``holds``."""

    system: Id
    entities: tuple[Id, ...] = Field(min_length=1)


def _apply(model: Model, body: Hold) -> Model:
    systems = tuple(
        s.model_copy(update={"holds": merged_ids([*s.holds, *body.entities])}) if s.id == body.system else s
        for s in model.systems
    )
    return model.model_copy(update={"systems": systems})


def _words(model: Model, body: Hold) -> str:
    return f"keep {listed(body.entities, names(model.entities))} in {names(model.systems)[body.system]}"


def _touches(body: Hold) -> Touches:
    return Touches(entities=frozenset(body.entities))


KIND = Kind(
    name="hold",
    body=Hold,
    names=(("system", "system"), ("entities", "entity")),
    apply=_apply,
    effort=big,
    words=_words,
    touches=_touches,
)
