"""A parsed YAML file: its plain data and where every node came from.

The YAML reader fills a :class:`Document`; the loader and the rules use it to
place a problem at a line and column. Line numbers live only in the model layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._errors import Problem, Severity
from .._text import safe_text

__all__ = ["Document", "MapPos", "SeqPos", "Spot", "format_path"]

# Positions are 0-based (line, column) pairs, as PyYAML's marks give them.
Spot = tuple[int, int]


@dataclass
class MapPos:
    start: Spot
    keys: dict[str, tuple[Spot, Spot, str | None]] = field(default_factory=dict)


@dataclass
class SeqPos:
    start: Spot
    items: list[tuple[Spot, str | None]] = field(default_factory=list)


@dataclass(eq=False)
class Document:
    """One parsed file: its plain data and where every node came from.

    ``name`` is the file's name as problems show it: the path the user gave, then the
    file's path inside the model (:func:`silomap._model.files.inside`).
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
        node, spot = self.data, (0, 0)
        pos = self._pos.get(id(node))
        if pos is not None:
            spot = pos.start
        for i, step in enumerate(path):
            if isinstance(pos, MapPos) and isinstance(step, str) and step in pos.keys:
                key_spot, value_spot, _ = pos.keys[step]
                last = i == len(path) - 1
                spot = key_spot if (last and key) else value_spot
                node = node[step]
            elif isinstance(pos, SeqPos) and isinstance(step, int) and 0 <= step < len(pos.items):
                spot = pos.items[step][0]
                node = node[step]
            else:
                break
            pos = self._pos.get(id(node)) if isinstance(node, dict | list) else None
        return spot[0] + 1, spot[1] + 1

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
        if isinstance(pos, MapPos) and isinstance(last, str) and last in pos.keys:
            return pos.keys[last][2]
        if isinstance(pos, SeqPos) and isinstance(last, int) and 0 <= last < len(pos.items):
            return pos.items[last][1]
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
            out.append(("." if out else "") + safe_text(step))
    return "".join(out)
