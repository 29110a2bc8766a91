"""JSON text the YAML reader takes: JSON is YAML 1.2, but for one escape.

JSON writes a character past U+FFFF as two escapes, a surrogate pair (``\\ud83d\\ude00`` for 😀;
Python's ``json.dumps`` does so by default); YAML, and PyYAML with it, refuses a surrogate. Each
pair is rewritten as YAML's escape of the same character (``\\U0001F600``), two characters
shorter; a place the reader reports after one on its line is moved back where the user's file has
it (:class:`Shifted`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from .._yaml import Document

__all__ = ["Shifted", "unpaired"]

# an escaped pair, after an even number of backslashes (``\\\\ud83d`` is a backslash and text)
_PAIR = re.compile(rb"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
SAVED = 2  # characters: 12 for the pair, 10 for YAML's escape


def unpaired(data: bytes) -> tuple[bytes, dict[int, list[int]]]:
    """``data`` with each surrogate pair escaped as YAML escapes it, and for each line (1-based)
    the columns (1-based, in the text returned) where such an escape ends.

    >>> text, ends = unpaired(b'{"a": "\\\\ud83d\\\\ude00", "b": 1}')
    >>> text.decode(), ends
    ('{"a": "\\\\U0001F600", "b": 1}', {1: [18]})
    >>> unpaired(b'"\\\\\\\\ud83d\\\\ude00"')[1]  # a backslash, then text
    {}
    """
    ends: dict[int, list[int]] = {}
    out: list[bytes] = []
    last, line, col = 0, 1, 0  # where the text before the next pair ends: its line, its length
    for found in _PAIR.finditer(data):
        before = data[last : found.start()]  # cut at a backslash: never inside a character
        if b"\n" in before:
            line, col = line + before.count(b"\n"), 0
            before = before.rsplit(b"\n", 1)[1]
        high, low = int(found[2], 16), int(found[3], 16)
        escape = found[1] + b"\\U%08X" % (0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00))
        col += len(before.decode("utf-8", "replace")) + len(escape)
        ends.setdefault(line, []).append(col + 1)
        out += [data[last : found.start()], escape]
        last = found.end()
    out.append(data[last:])
    return b"".join(out), ends


def given_column(ends: dict[int, list[int]], line: int, col: int) -> int:
    """The column in the user's file of column ``col`` of the rewritten text on ``line``.

    >>> given_column({1: [18]}, 1, 20), given_column({1: [18]}, 1, 7), given_column({1: [18]}, 2, 20)
    (22, 7, 20)
    """
    return col + SAVED * sum(1 for end in ends.get(line, ()) if end <= col)


@dataclass(eq=False)
class Shifted(Document):
    """A document read from rewritten text, placing each node where the user's file has it."""

    ends: dict[int, list[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, doc: Document, ends: dict[int, list[int]]) -> Document:
        """``doc`` itself when nothing was rewritten, else placed through ``ends``."""
        if not ends:
            return doc
        values: dict[str, Any] = {f.name: getattr(doc, f.name) for f in fields(doc)}
        return cls(**values, ends=ends)

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        line, col = super().locate(path, key=key)
        return line, given_column(self.ends, line, col)
