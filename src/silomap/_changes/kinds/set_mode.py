"""``set-mode``: set the mode of every integration from ``from`` to ``to`` (a quick hit)."""

from __future__ import annotations

from ..._model import Model, names
from .ends import ENDS, Ends, check_linked, edited, touched
from .kind import Kind, Mode, quick

__all__ = ["KIND", "SetMode"]


class SetMode(Ends):
    """Set the mode of every integration from ``from`` to ``to``."""

    mode: Mode


def _apply(model: Model, body: SetMode) -> Model:
    return edited(model, body, lambda link: link.model_copy(update={"mode": body.mode}))


def _words(model: Model, body: SetMode) -> str:
    systems = names(model.systems)
    return f"make the integration from {systems[body.source]} to {systems[body.target]} {body.mode}"


KIND = Kind(
    name="set-mode",
    body=SetMode,
    names=ENDS,
    check=check_linked,
    apply=_apply,
    effort=quick,
    words=_words,
    touches=touched,
    preferred=0,
)
