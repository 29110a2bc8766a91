"""``remove-integration``: remove every integration from ``from`` to ``to`` (a big hit)."""

from __future__ import annotations

from ..._model import Model
from .ends import Ends

__all__ = ["RemoveIntegration"]


class RemoveIntegration(Ends):
    """Remove every integration from ``from`` to ``to``."""

    kind = "remove-integration"

    def apply(self, model: Model) -> Model:
        return self.edited(model, lambda link: None)

    def words(self, model: Model) -> str:
        return f"remove the integration {self.between(model)}"
