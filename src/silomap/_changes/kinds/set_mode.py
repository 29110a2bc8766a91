"""``set-mode``: set the mode of every integration from ``from`` to ``to`` (a quick hit)."""

from __future__ import annotations

from ..._model import Model
from .ends import Ends
from .kind import Mode

__all__ = ["SetMode"]


class SetMode(Ends):
    """Set the mode of every integration from ``from`` to ``to``."""

    kind = "set-mode"
    preferred = 0

    mode: Mode

    def apply(self, model: Model) -> Model:
        return self.edited(model, lambda link: link.model_copy(update={"mode": self.mode}))

    def effort(self, model: Model) -> str:
        return "quick"

    def words(self, model: Model) -> str:
        return f"make the integration {self.between(model)} {self.mode}"
