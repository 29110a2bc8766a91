"""Where events come from (``watch.md``, "Input"): standard input (CSV with a header, or JSON
lines), or a folder files land in. Each yields :data:`.fields.Event` tuples: the source's name
(``-`` for standard input, else the file as the folder was typed), the physical line (1: a CSV's
header; a Parquet file's row) and the mapped values (:class:`.fields.Fields`), text or ``None``.

CSV is read as observe reads it: comma, double quote, a header, no sniffing, a byte-order mark
ignored; a mapped column missing from the header is an error placed in the mapping (SM081, exit 2).
A line that cannot become an event's fields (wrong field count, not a JSON object, bytes that are
not UTF-8) is skipped with a warning (SM089); a blank line is nothing. :class:`Stop` ends a source
between lines (standard input) or between files (a folder), so the file in hand is finished.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .._errors import ModelError, Problem, UsageError
from .._observed import LogMapping, check_columns
from .._text import safe_text
from .fields import Event, Fields
from .notices import MALFORMED, Notices

__all__ = [
    "FORMATS",
    "POLL",
    "SUFFIXES",
    "Folder",
    "Interrupted",
    "Stop",
    "csv_rows",
    "jsonl_rows",
    "stdin_rows",
]

POLL = 1.0  # seconds between looks at a folder
NAP = 0.1  # seconds of each wait between them
SUFFIXES = (".csv", ".csv.gz", ".parquet", ".jsonl")
FORMATS = ("csv", "jsonl")  # standard input's formats


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived while a source waited for input."""


class Stop:
    """Whether the watch was asked to stop (a signal), and whether a source is waiting for input
    now (a signal then interrupts the wait: :class:`Interrupted`)."""

    def __init__(self) -> None:
        self.requested = False
        self.waiting = False

    def signal(self, *_: Any) -> None:
        """A signal handler: stop after the file in hand, or now if waiting."""
        self.requested = True
        if self.waiting:
            raise Interrupted


class _Lines:
    """A text stream's lines, counted; each read may be interrupted by :class:`Stop`."""

    def __init__(self, handle: IO[str], stop: Stop | None, first: str | None = None) -> None:
        self.handle, self.stop, self.first = handle, stop, first
        self.count = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.first is not None:
            line, self.first = self.first, None
        else:
            stop = self.stop
            if stop is None:
                line = self.handle.readline()
            else:
                if stop.requested:
                    raise StopIteration
                stop.waiting = True
                try:
                    line = self.handle.readline()
                finally:
                    stop.waiting = False
        if not line:
            raise StopIteration
        self.count += 1
        return line


_ESCAPES = re.compile("[\udc80-\udcff]")


def _bad_text(fields: list[str]) -> bool:
    """Whether a record holds bytes that were not UTF-8 (kept as lone surrogates)."""
    text = "".join(fields)
    return not text.isascii() and _ESCAPES.search(text) is not None


def csv_rows(
    name: str, lines: Iterable[str], mapping: LogMapping, notices: Notices, stop: Stop | None = None
) -> Iterator[Event]:
    """The events of a CSV text: its header checked against the mapping, each record's mapped values
    (the csv module reads the lines; its count of lines read places each record)."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ModelError(
            [Problem(name, 1, 1, "SM080", f"cannot read the header: {safe_text(str(exc))}")]
        ) from None
    if not header:
        raise ModelError([Problem(name, 1, 1, "SM084", "the log has no header row")])
    check_columns(mapping, "csv", header, name)
    width, fields = len(header), Fields(mapping)
    pick, missing = fields.positions(header), fields.missing
    while True:
        start = reader.line_num + 1
        try:
            record = _next(reader, stop)
        except csv.Error as exc:
            notices(name, start, MALFORMED, f"cannot read the line: {exc}")
            continue
        if record is None:
            return
        if not record:
            continue
        if len(record) != width:
            notices(name, start, MALFORMED, f"row has {len(record)} fields; the header has {width}")
        elif _bad_text(record):
            notices(name, start, MALFORMED, "not valid UTF-8")
        else:
            record.append(None)  # type: ignore[arg-type]  # what a column not mapped picks
            yield name, start, [None if v in missing else v for v in pick(record)]


def _next(reader: Iterator[list[str]], stop: Stop | None) -> list[str] | None:
    """The next record (``None``: the end, or a stop asked for); a signal may interrupt the read."""
    if stop is None:
        return next(reader, None)
    if stop.requested:
        return None
    stop.waiting = True
    try:
        return next(reader, None)
    finally:
        stop.waiting = False


def _text(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else json.dumps(value)


def jsonl_rows(name: str, lines: Iterable[str], mapping: LogMapping, notices: Notices) -> Iterator[Event]:
    """The events of JSON lines: an object a line (its values text or null; others as JSON)."""
    fields = Fields(mapping)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found = json.loads(line)
        except ValueError:
            found = None
        if not isinstance(found, dict):
            notices(name, number, MALFORMED, "not a JSON object")
        elif _bad_text([line]):
            notices(name, number, MALFORMED, "not valid UTF-8")
        else:
            yield name, number, fields.of({str(k): _text(v) for k, v in found.items()})


def _wrap(stream: IO[Any]) -> IO[str]:
    """A text stream of a byte or text stream: UTF-8, a byte-order mark dropped, bad bytes kept."""
    if isinstance(stream, io.TextIOBase) and not hasattr(stream, "buffer"):
        return stream
    raw = getattr(stream, "buffer", stream)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


def stdin_rows(
    stream: IO[Any] | None, fmt: str | None, mapping: LogMapping, notices: Notices, stop: Stop | None = None
) -> Iterator[Event]:
    """The events of standard input (or ``stream``): CSV or JSON lines, ``fmt`` or from the first byte."""
    handle = _wrap(stream if stream is not None else sys.stdin)
    lines = _Lines(handle, stop)
    try:
        first = next(lines)
    except StopIteration:
        return
    if (fmt or ("jsonl" if first.lstrip().startswith("{") else "csv")) == "jsonl":
        lines.first, lines.count = first, 0
        yield from jsonl_rows("-", lines, mapping, notices)
    else:  # the csv module reads the lines itself, a stop looked at between records
        yield from csv_rows("-", itertools.chain((first,), handle), mapping, notices, stop)


def _landed(folder: Path) -> list[str]:
    """The names of the files in ``folder`` a watch reads, in name order."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise UsageError(
            f"cannot read the folder {{param}} {safe_text(str(folder))}: {exc.strerror}", param="source"
        ) from None
    names = [
        e.name
        for e in entries
        if not e.name.startswith((".", "_")) and e.name.lower().endswith(SUFFIXES) and e.is_file()
    ]
    return sorted(names)


class Folder:
    """A folder files land in: each read once, whole, in name order among those found at each
    poll; ``once``: the files present, then the end."""

    def __init__(
        self, folder: str, mapping: LogMapping, notices: Notices, *, once: bool, stop: Stop | None = None
    ) -> None:
        self.folder, self.mapping, self.notices = folder, mapping, notices
        self.once, self.stop = once, stop or Stop()
        self.done: set[str] = set()
        self.files_read = 0

    def count(self) -> int:
        """The files read whole so far."""
        return self.files_read

    def rows(self, sleep: Callable[[float], None] = time.sleep) -> Iterator[Event | None]:
        """The events of each file as it lands; ``None`` after each poll (a moment to summarise)."""
        while not self.stop.requested:
            for name in [n for n in _landed(Path(self.folder)) if n not in self.done]:
                if self.stop.requested:
                    return
                self.done.add(name)
                yield from self._file(name)
                self.files_read += 1
            if self.once:
                return
            yield None
            for _ in range(round(POLL / NAP)):  # short naps: a signal is seen within one
                if self.stop.requested:
                    break
                sleep(NAP)

    def _file(self, name: str) -> Iterator[Event]:
        path = Path(self.folder) / name
        shown = str(path)
        lower = name.lower()
        if lower.endswith(".parquet"):
            yield from _parquet(path, shown, self.mapping)
            return
        opener: Any = gzip.open if lower.endswith(".gz") else open
        try:
            with opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
                if lower.endswith(".jsonl"):
                    yield from jsonl_rows(shown, handle, self.mapping, self.notices)
                else:
                    yield from csv_rows(shown, handle, self.mapping, self.notices)
        except (OSError, EOFError) as exc:
            raise ModelError(
                [Problem(shown, 0, 0, "SM080", f"cannot read: {safe_text(str(exc))[:200]}")]
            ) from None


def _parquet(path: Path | IO[bytes], shown: str, mapping: LogMapping) -> Iterator[Event]:
    """The rows of a Parquet file (or its bytes, as Spark hands them over), values as text (a row's
    number is its line)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "reading Parquet needs pyarrow: pip install 'silomap[observe]'", code="SM085"
        ) from None
    fields = Fields(mapping)
    try:
        number = 0
        for batch in pq.ParquetFile(path).iter_batches():
            for row in batch.to_pylist():
                number += 1
                yield shown, number, fields.of({k: None if v is None else str(v) for k, v in row.items()})
    except (OSError, ValueError) as exc:
        raise ModelError(
            [Problem(shown, 0, 0, "SM080", f"cannot read the Parquet file: {safe_text(str(exc))[:200]}")]
        ) from None
