"""Where a record of a CSV log is: its line and column as editors count them (``errors.md``).

Lines and columns count from 1, the header being line 1; a quoted value may hold line breaks, so
the record after it starts lines later than its number says, and only reading the file tells
where. :func:`locate` reads a CSV file as far as the records it is asked for, and only when
there is an error to place: a log without one is never read this way. Bytes that are not UTF-8
are kept (as lone surrogates) so that a bad byte is found, not fatal; CR, LF and CRLF each end a
line, as in an editor.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Record", "bad_byte", "field_start", "first_ragged", "locate"]


@dataclass(frozen=True)
class Record:
    """A record of a CSV file: the line it starts on, its fields and its text as in the file."""

    line: int
    fields: list[str]
    text: str


class _Lines:
    """A file's lines, counted, the text of those read since :meth:`take` kept."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle
        self.count = 0
        self._kept: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line: str = next(self._handle)
        self.count += 1
        self._kept.append(line)
        return line

    def take(self) -> str:
        text, self._kept = "".join(self._kept), []
        return text


def _records(handle: Any) -> Iterator[Record]:
    """Each record after the header, a blank line being a record with no field (as DuckDB counts
    it in its errors); the reading stops at a record the csv module cannot read."""
    lines = _Lines(handle)
    reader = csv.reader(lines)
    try:
        next(reader, None)
        while True:
            lines.take()
            start = lines.count + 1
            fields = next(reader, None)
            if fields is None:
                return
            yield Record(start, fields, lines.take())
    except csv.Error:
        return


def locate(file: Path, wanted: Collection[int], *, blank: bool) -> dict[int, Record]:
    """The records ``wanted`` of a CSV file (1: the first after the header), counting blank lines
    as records when ``blank`` (DuckDB's errors do) and leaving them out otherwise (as its rows do).

    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = log.write_text('case,activity\\nc1,"two\\nlines"\\n\\nc2,Work\\n')
    >>> locate(log, {2}, blank=False)[2].line, locate(log, {3}, blank=True)[3].line
    (5, 5)
    """
    opener: Any = gzip.open if file.name.lower().endswith(".gz") else open
    found: dict[int, Record] = {}
    last = max(wanted, default=0)
    number = 0
    limit = csv.field_size_limit(sys.maxsize)  # a long value is the engine's to judge, not this reader's
    try:
        with opener(file, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            for record in _records(handle):
                if record.fields or blank:
                    number += 1
                    if number in wanted:
                        found[number] = record
                    if number >= last:
                        break
    except (OSError, EOFError, ValueError):
        pass  # a damaged file: the records found so far
    finally:
        csv.field_size_limit(limit)
    return found


def first_ragged(file: Path, width: int) -> Record | None:
    """The first record (blank lines left out) whose number of fields is not ``width``, if any.

    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = log.write_text('case,activity\\nc1,"two\\nlines"\\nc2\\n')
    >>> first_ragged(log, 2).line
    4
    """
    opener: Any = gzip.open if file.name.lower().endswith(".gz") else open
    limit = csv.field_size_limit(sys.maxsize)
    try:
        with opener(file, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            return next((r for r in _records(handle) if r.fields and len(r.fields) != width), None)
    except (OSError, EOFError, ValueError):
        return None
    finally:
        csv.field_size_limit(limit)


def _steps(text: str) -> Iterator[tuple[str, int, int]]:
    """Each character of ``text`` with its line offset (0: the first) and its column (from 1)."""
    line, col, previous = 0, 1, ""
    for char in text:
        if previous == "\r" and char == "\n":  # CRLF: one line break
            previous = char
            continue
        if previous in ("\r", "\n"):
            line, col = line + 1, 1
        yield char, line, col
        col += 1
        previous = char


def field_start(record: Record, index: int) -> tuple[int, int]:
    """The line and column (from 1) where field ``index`` (from 0) of ``record`` starts.

    >>> field_start(Record(4, [], 'c1,"a\\nb",2026-01-01\\n'), 2)
    (5, 4)
    """
    if index <= 0:
        return record.line, 1
    field, quoted = 0, False
    for char, line, col in _steps(record.text):
        if char == '"':
            quoted = not quoted  # a doubled quote inside a quoted value toggles twice
        elif char == "," and not quoted:
            field += 1
            if field == index:
                return record.line + line, col + 1
    return record.line, 1


def bad_byte(record: Record) -> tuple[int, int, int] | None:
    """The line, column and value of the first byte of ``record`` that is not UTF-8, or ``None``.

    >>> bad_byte(Record(3, [], "c2,Qu" + bytes([0xE9]).decode("utf-8", "surrogateescape") + "ue\\n"))
    (3, 6, 233)
    """
    for char, line, col in _steps(record.text):
        if "\udc80" <= char <= "\udcff":
            return record.line + line, col, ord(char) - 0xDC00
    return None
