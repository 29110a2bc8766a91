"""What a change kind is: the class each module of this package defines, and what it is given.

A :class:`Kind` is the frozen pydantic model of a kind's fields in a change file, with what
it does: the ids its fields name (checked before it applies), any further check, how it
applies to a model, what it costs (quick or big), how it reads in words and what it touches
(:class:`Touches`, for measuring it and for the scope of a search). A kind places its
problems through :class:`Where`, at the change in its file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ..._errors import Problem
from ..._model import (  # the field types a change file shares with a model
    Channel,
    Id,
    Minutes,
    Mode,
    Model,
    Name,
)
from ..._suggest import did_you_mean
from ..._text import quote_value
from ..._yaml import Document, format_path

__all__ = [
    "Channel",
    "Id",
    "Kind",
    "Minutes",
    "Mode",
    "Name",
    "Strict",
    "Touches",
    "Where",
    "listed",
    "merged_ids",
]

Path = tuple[str | int, ...]


class Strict(BaseModel):
    """A change file's mapping: no other key, frozen, read by alias (``from``) or by name."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Where:
    """Places problems at a change: in its file when it came from one, else by its path."""

    def __init__(self, doc: Document | None, index: int, kind: str) -> None:
        self.doc, self.base, self.kind = doc, ("changes", index, kind), kind
        self.problems: list[Problem] = []

    def problem(self, path: Path, code: str, message: str) -> Problem:
        """A problem at ``path`` inside the change."""
        where = (*self.base, *path)
        if self.doc is not None:
            return self.doc.problem(where, code, message)
        return Problem("<changes>", 0, 0, code, message, format_path(where))

    def add(self, path: Path, code: str, message: str) -> None:
        """Record a problem at ``path`` inside the change."""
        self.problems.append(self.problem(path, code, message))

    def unknown(self, what: str, value: str, known: Iterable[str], path: Path) -> None:
        """Record an id that does not exist (SM070), with "did you mean"."""
        message = f"{self.kind}: unknown {what} {quote_value(value)}{did_you_mean(value, list(known))}"
        self.add(path, "SM070", message)


@dataclass(frozen=True)
class Touches:
    """What a change can move: the figures to recompute when it is measured, the systems and the
    step a search's scope looks at.

    ``entities`` flow differently; so do the entities the integrations between the ``links``
    carry; ``systems`` disappear (merged or retired), with what they expose and carry and the
    journeys whose steps use them; ``step`` (journey, step) is edited or removed. ``counts``:
    whether counts of frictions (hand-offs, re-entries) can change, and not only whether data was
    there.

    >>> Touches(systems=frozenset({"fax"})).steps
    True
    """

    entities: frozenset[str] = frozenset()
    links: tuple[tuple[str, str], ...] = ()
    systems: frozenset[str] = frozenset()
    step: tuple[str, str] | None = None
    counts: bool = False

    @property
    def steps(self) -> bool:
        """Whether the systems of some step change (who consults what, each team's desktop)."""
        return self.step is not None or bool(self.systems)


class Kind(Strict, ABC):
    """A kind of change: the model of its fields in a change file, and what it does.

    A subclass is one kind, a row of ``KINDS``: ``kind`` is its name in a change file, its
    fields are the change's, ``refs`` pairs each field naming an id with what it names
    (``system``, ``entity`` or ``question``), in the order they are checked, and its methods
    say what else must hold before it applies, how it applies, its effort, its words and what
    it touches. ``invests``: whether it spends on the systems it names, so that a search never
    spends only on systems being replaced nor on a retired one (retiring one spends nothing).
    ``preferred``: of changes with the same effect, the lower is listed first (mend what
    exists before adding to it).
    """

    kind: ClassVar[str]
    refs: ClassVar[tuple[tuple[str, str], ...]] = ()
    invests: ClassVar[bool] = True
    preferred: ClassVar[int] = 3

    def check(self, model: Model, at: Where) -> None:
        """Record at ``at`` what else must hold before it applies; ``at.problems`` already holds the
        ids its fields name that do not exist."""

    @abstractmethod
    def apply(self, model: Model) -> Model:
        """The changed model (its ids exist); copy only what changes, the rest is checked no more."""

    def effort(self, model: Model) -> str:
        """``quick`` (this month) or ``big`` (this year)."""
        return "big"

    @abstractmethod
    def words(self, model: Model) -> str:
        """The change in plain words, with the names people know."""

    @abstractmethod
    def touches(self) -> Touches:
        """What the change can move."""

    def ids(self, what: str) -> frozenset[str]:
        """The ids of ``what`` (``system``, ...) the change names."""
        found: set[str] = set()
        for field, named in self.refs:
            value = getattr(self, field)
            if named == what and value is not None:
                found.update((value,) if isinstance(value, str) else value)
        return frozenset(found)


def merged_ids(values: Iterable[str], rename: dict[str, str] | None = None) -> tuple[str, ...]:
    """Ids renamed, each kept once, in order.

    >>> merged_ids(["a", "b", "c"], {"c": "a"})
    ('a', 'b')
    """
    rename = rename or {}
    return tuple(dict.fromkeys(rename.get(v, v) for v in values))


def listed(ids: Iterable[str], labels: dict[str, str]) -> str:
    """Ids by the names people know, as a sentence lists them.

    >>> listed(["a", "b", "c"], {"a": "Sales"})
    'Sales, b and c'
    """
    shown = [labels.get(i, i) for i in ids]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
