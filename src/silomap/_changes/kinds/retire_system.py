"""``retire-system``: the system disappears, with its integrations and its place in every step
(a big hit)."""

from __future__ import annotations

from ..._model import Model, names
from .kind import Id, Kind, Touches
from .steps import with_steps

__all__ = ["RetireSystem"]


class RetireSystem(Kind):
    """Remove a system, its integrations, and its place in every step."""

    kind = "retire-system"
    refs = (("system", "system"),)
    invests = False  # retiring a system being replaced is what its replacement is for

    system: Id

    def apply(self, model: Model) -> Model:
        gone = self.system
        kept = model.model_copy(
            update={
                "systems": tuple(s for s in model.systems if s.id != gone),
                "integrations": tuple(x for x in model.integrations if gone not in (x.source, x.target)),
            }
        )
        return with_steps(
            kept, lambda s: s.model_copy(update={"systems": tuple(x for x in s.systems if x != gone)}), {gone}
        )

    def words(self, model: Model) -> str:
        return f"retire {names(model.systems)[self.system]}"

    def touches(self) -> Touches:
        return Touches(systems=frozenset((self.system,)), counts=True)
