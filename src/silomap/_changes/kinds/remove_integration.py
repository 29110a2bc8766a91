"""``remove-integration``: remove every integration from ``from`` to ``to`` (a big hit)."""

from __future__ import annotations

from ..._model import Model, names
from .ends import ENDS, Ends, check_linked, edited, touched
from .kind import Kind, big

__all__ = ["KIND", "RemoveIntegration"]


class RemoveIntegration(Ends):
    """Remove every integration from ``from`` to ``to``."""


def _apply(model: Model, body: RemoveIntegration) -> Model:
    return edited(model, body, lambda link: None)


def _words(model: Model, body: RemoveIntegration) -> str:
    systems = names(model.systems)
    return f"remove the integration from {systems[body.source]} to {systems[body.target]}"


KIND = Kind(
    name="remove-integration",
    body=RemoveIntegration,
    names=ENDS,
    check=check_linked,
    apply=_apply,
    effort=big,
    words=_words,
    touches=touched,
)
