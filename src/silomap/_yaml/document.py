"""A parsed YAML file: its plain data and where every node came from.

The YAML reader fills a :class:`Document`; the loaders and the rules of every family that reads
YAML (models, change files, log mappings, assessments, Backstage catalogs) use it to place a
problem at a line and column.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .._errors import Problem, Severity
from .._text import safe_text

__all__ = ["SHIFT", "Document", "MapPos", "SeqPos", "Spot", "format_path", "pack", "unpack"]

# Positions are 0-based (line, column) pairs, as PyYAML's marks give them. A model has millions of
# nodes, so each position is kept as one packed integer in an array (8 bytes), not as a tuple
# (over 100 bytes with its integers): a 13 MB model's positions fit in tens of MiB.
Spot = tuple[int, int]
SHIFT = 32  # a packed position: the line, shifted, then the column
_COLUMN = (1 << SHIFT) - 1


def pack(line: int, col: int) -> int:
    """One position as one integer.

    >>> unpack(pack(3, 7))
    (3, 7)
    """
    return line << SHIFT | col


def unpack(packed: int) -> Spot:
    """The ``(line, column)`` of a packed position."""
    return packed >> SHIFT, packed & _COLUMN


class MapPos:
    """Where a mapping starts, and for each key the index of its two positions (the key's, then
    the value's) in ``spots``; ``raws`` holds the source text of values that are not strings."""

    __slots__ = ("keys", "raws", "spots", "start")

    def __init__(self, start: int) -> None:
        self.start = start
        self.keys: dict[str, int] = {}
        self.spots = array("q")
        self.raws: dict[str, str] | None = None

    def add(self, key: str, key_spot: int, value_spot: int, raw: str | None) -> None:
        """Record where ``key`` and its value are (``raw``: the value's text if not a string)."""
        self.keys[key] = len(self.spots)
        self.spots.append(key_spot)
        self.spots.append(value_spot)
        if raw is not None:
            if self.raws is None:
                self.raws = {}
            self.raws[key] = raw

    def key_spot(self, key: str) -> Spot:
        """Where ``key`` is written."""
        return unpack(self.spots[self.keys[key]])


class SeqPos:
    """Where a sequence starts, and where each of its items is; ``raws`` as in :class:`MapPos`."""

    __slots__ = ("raws", "spots", "start")

    def __init__(self, start: int) -> None:
        self.start = start
        self.spots = array("q")
        self.raws: dict[int, str] | None = None


@dataclass(eq=False)
class Document:
    """One parsed file: its plain data and where every node came from.

    ``name`` is the file's name as problems show it: the path the user gave, then the
    file's path inside the model (``silomap._model.inside``).
    """

    name: str
    data: Any
    _pos: dict[int, MapPos | SeqPos] = field(repr=False)
    poisoned: list[tuple[str | int, ...]] = field(default_factory=list, repr=False)
    located: bool = True  # False for a model built in Python: problems get a path, no line

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based ``(line, col)`` of the node at ``path``.

        With ``key=True`` a mapping entry's key is located instead of its
        value. A path that runs past what exists (a missing field) stops at
        the deepest node that exists.
        """
        node = self.data
        pos = self._pos.get(id(node))
        if pos is None:
            return 1, 1
        spot = pos.start
        last = len(path) - 1
        # the hot path of a model with many problems: exact type checks, one lookup a step
        for i, step in enumerate(path):
            if type(pos) is MapPos:
                at = pos.keys.get(step) if type(step) is str else None
                if at is None:
                    break
                spot = pos.spots[at if key and i == last else at + 1]
            elif type(pos) is SeqPos and type(step) is int and 0 <= step < len(pos.spots):
                spot = pos.spots[step]
            else:
                break
            node = node[step]
            pos = self._pos.get(id(node)) if type(node) is dict or type(node) is list else None
        return (spot >> SHIFT) + 1, (spot & _COLUMN) + 1

    def raw(self, path: tuple[str | int, ...]) -> str | None:
        """The source text of a plain scalar that did not resolve to a string."""
        if not path:
            return None
        node: Any = self.data
        for step in path[:-1]:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        pos = self._pos.get(id(node))
        last = path[-1]
        if isinstance(pos, MapPos) and isinstance(last, str) and pos.raws is not None:
            return pos.raws.get(last)
        if isinstance(pos, SeqPos) and isinstance(last, int) and pos.raws is not None:
            return pos.raws.get(last)
        return None

    def problem(
        self,
        path: tuple[str | int, ...],
        code: str,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
    ) -> Problem:
        """A :class:`Problem` placed at ``path`` in this document."""
        line, col = self.locate(path, key=key) if self.located else (0, 0)
        return Problem(self.name, line, col, code, message, format_path(path), severity)


def format_path(path: tuple[str | int, ...]) -> str:
    """Render a document path the way users read it.

    >>> format_path(("journeys", 2, "steps", 0, "systems", 1))
    'journeys[2].steps[0].systems[1]'
    """
    out: list[str] = []
    for step in path:
        if isinstance(step, int):
            out.append(f"[{step}]")
        else:
            out.append("." + _key_text(step) if out else _key_text(step))
    return "".join(out)


@lru_cache(maxsize=1024)
def _key_text(key: str) -> str:
    """A key of a path, made safe: few keys, in every path of a model with many problems."""
    return safe_text(key)
