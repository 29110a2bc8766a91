"""What the kinds that edit the integrations between two systems share (``set-mode``,
``remove-integration``): the two ends, the check that some integration joins them, the edit."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field

from ..._model import Integration, Model, names
from ..._suggest import did_you_mean
from ..._text import quote_value
from .kind import Id, Kind, Touches, Where

__all__ = ["Ends"]


class Ends(Kind):
    """The two ends of the integrations a change edits."""

    refs = (("source", "system"), ("target", "system"))

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")

    def check(self, model: Model, at: Where) -> None:
        """An error (SM070) when no integration runs from ``from`` to ``to`` (both exist)."""
        linked = any(x.source == self.source and x.target == self.target for x in model.integrations)
        if at.problems or linked:
            return
        targets = [link.target for link in model.integrations if link.source == self.source]
        ends = f"from {quote_value(self.source)} to {quote_value(self.target)}"
        at.add(("to",), "SM070", f"{at.kind}: no integration {ends}{did_you_mean(self.target, targets)}")

    def edited(self, model: Model, edit: Callable[[Integration], Integration | None]) -> Model:
        """The model with every integration from ``from`` to ``to`` edited (``None``: removed)."""
        links = []
        for link in model.integrations:
            if link.source == self.source and link.target == self.target:
                changed = edit(link)
                if changed is not None:
                    links.append(changed)
            else:
                links.append(link)
        return model.model_copy(update={"integrations": tuple(links)})

    def between(self, model: Model) -> str:
        """``from A to B``, by the names people know."""
        systems = names(model.systems)
        return f"from {systems[self.source]} to {systems[self.target]}"

    def touches(self) -> Touches:
        """The entities the edited integrations carry."""
        return Touches(links=((self.source, self.target),))
