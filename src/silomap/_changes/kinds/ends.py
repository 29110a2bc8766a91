"""The kinds that edit the integrations between two systems (``set-mode``, ``remove-integration``):
the two ends, and the check that some integration joins them."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import Field

from ..._model import Integration, Model
from ..._suggest import did_you_mean
from ..._text import quote_value
from .kind import Id, Strict, Touches, Where

__all__ = ["ENDS", "Ends", "check_linked", "edited", "touched"]

ENDS = (("source", "system"), ("target", "system"))  # the ids the two ends name


class Ends(Strict):
    """The two ends of the integrations a change edits."""

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")


def check_linked(model: Model, body: Ends, at: Where) -> None:
    """An error (SM070) when no integration runs from ``from`` to ``to`` (both exist)."""
    if at.problems or any(x.source == body.source and x.target == body.target for x in model.integrations):
        return
    targets = [link.target for link in model.integrations if link.source == body.source]
    ends = f"from {quote_value(body.source)} to {quote_value(body.target)}"
    at.add(("to",), "SM070", f"{at.kind}: no integration {ends}{did_you_mean(body.target, targets)}")


def edited(model: Model, body: Ends, edit: Callable[[Integration], Integration | None]) -> Model:
    """The model with every integration from ``from`` to ``to`` edited (``None``: removed)."""
    links = []
    for link in model.integrations:
        if link.source == body.source and link.target == body.target:
            changed = edit(link)
            if changed is not None:
                links.append(changed)
        else:
            links.append(link)
    return model.model_copy(update={"integrations": tuple(links)})


def touched(body: Ends) -> Touches:
    """The entities the edited integrations carry."""
    return Touches(links=((body.source, body.target),))
