"""Finding a model's items by id, and the names people read.

Every view and report needs "the journey with this id" and "this team's
name, or its id when it has none"; these two functions are the one way to
get them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

__all__ = ["by_id", "names"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class _Labelled(_HasId, Protocol):
    @property
    def label(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def by_id(items: Iterable[T], ident: str) -> T:
    """The item with id ``ident``; ``KeyError`` when there is none.

    >>> from silomap import Team
    >>> by_id([Team(id="a"), Team(id="b", name="B team")], "b").label
    'B team'
    """
    for item in items:
        if item.id == ident:
            return item
    raise KeyError(ident)


def names(items: Iterable[_Labelled]) -> dict[str, str]:
    """Each item's id mapped to the name people read (its ``label``).

    >>> from silomap import System
    >>> names([System(id="crm", name="Sales CRM"), System(id="erp")])
    {'crm': 'Sales CRM', 'erp': 'erp'}
    """
    return {item.id: item.label for item in items}
