"""What a change costs (quick or big) and what it does, in words a CIO reads: each kind says
(``kinds``)."""

from __future__ import annotations

from .._model import Model
from .schema import Change

__all__ = ["describe", "effort"]


def effort(change: Change, model: Model) -> str:
    """``quick`` (this month) or ``big`` (this year), by the kind of change.

    Quick: an integration added or its mode set, and a step that only stops
    asking for data (pre-fill). Everything else is big.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> effort(silomap.Change.model_validate({"retire-system": {"system": "crm-harbor"}}), m)
    'big'
    """
    return change.body.effort(model)


def describe(change: Change, model: Model) -> str:
    """The change in plain words, with the names people know.

    >>> import silomap
    >>> from silomap._changes.schema import Change
    >>> m = silomap.load("models/retail-bank")
    >>> describe(Change.model_validate({"set-mode": {"from": "crm-northwind", "to": "crm-harbor",
    ...                                               "mode": "realtime"}}), m)
    'make the integration from Service CRM to Harbor Savings CRM (legacy) realtime'
    """
    return change.body.words(model)
