"""``retire-system``: the system disappears, with its integrations and its place in every step
(a big hit)."""

from __future__ import annotations

from ..._model import Model, names
from .kind import Id, Kind, Strict, Touches, big
from .steps import with_steps

__all__ = ["KIND", "RetireSystem"]


class RetireSystem(Strict):
    """Remove a system, its integrations, and its place in every step."""

    system: Id


def _apply(model: Model, body: RetireSystem) -> Model:
    gone = body.system
    kept = model.model_copy(
        update={
            "systems": tuple(s for s in model.systems if s.id != gone),
            "integrations": tuple(x for x in model.integrations if gone not in (x.source, x.target)),
        }
    )
    return with_steps(
        kept, lambda s: s.model_copy(update={"systems": tuple(x for x in s.systems if x != gone)}), {gone}
    )


def _words(model: Model, body: RetireSystem) -> str:
    return f"retire {names(model.systems)[body.system]}"


def _touches(body: RetireSystem) -> Touches:
    return Touches(systems=frozenset((body.system,)), counts=True)


KIND = Kind(
    name="retire-system",
    body=RetireSystem,
    names=(("system", "system"),),
    apply=_apply,
    effort=big,
    words=_words,
    touches=_touches,
    invests=False,  # retiring a system being replaced is what its replacement is for
)
