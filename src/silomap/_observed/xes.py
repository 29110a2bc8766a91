"""XES (IEEE 1849) and XES.gz to Parquet, once, streaming, with the importers' XML hardening.

Only the columns the mapping names are kept, as text: trace attributes as ``case:<key>`` (the
usual flattening, so ``case:concept:name`` is the case id), event attributes as ``<key>``. An
attribute absent from an event is a null in its column, as an empty cell of a CSV. The keys the
file has (on any trace or event) are kept in the Parquet file's metadata, so that a column the
mapping asks for and no event has is an error, as a column missing from a CSV header is. The
reader never holds more than one trace: each finished event and trace is cleared. No DTD, no
entity, no external reference (an "entity bomb" is refused before anything expands); nesting
deeper than 64 levels, and an element longer than 64 MiB (a tag with its attributes), are
refused. The time is linear in the file's size, however long its values. The Parquet file is
cached in the temporary folder under a name made of the XES file's path, size and time, and the
columns.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from .._errors import ModelError, Problem, UsageError
from .._model import shown
from .._text import safe_text
from .mapping import LogMapping

__all__ = [
    "BATCH",
    "DEPTH",
    "KEYS",
    "cache_path",
    "cached_keys",
    "parsed",
    "wanted",
    "xes_to_parquet",
    "xml_errors",
]

DEPTH = 64
BATCH = 50_000
CHUNK = 64 * 1024  # bytes fed to the parser at once, while each chunk gives an element
LONGEST = 64 * 1024 * 1024  # bytes of the longest element (a tag with its attributes) read
KEYS = "silomap:keys"  # the Parquet metadata that lists the XES file's keys
SEEN = 1_000  # keys listed beyond the mapped ones: a hint in a message, so a file of odd keys stays small
FORMAT = 2  # of the cached Parquet file (2: with its keys)
_ATTRIBUTES = ("string", "date", "int", "float", "boolean", "id")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def wanted(mapping: LogMapping) -> list[str]:
    return sorted({name for name in mapping.file.columns.model_dump().values() if name is not None})


def cache_path(path: Path, columns: list[str], kind: str = "xes") -> Path:
    """Where the Parquet copy of a log is kept: a name made of the file's path, size and time, and
    the columns."""
    stat = path.stat()
    # a list as JSON, not names joined: columns 'a|b' and 'c' are not 'a' and 'b|c'
    key = json.dumps([FORMAT, str(path.resolve()), stat.st_size, stat.st_mtime_ns, columns])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"silomap-{kind}-{digest}.parquet"


def cached_keys(target: Path) -> list[str] | None:
    """The XES keys a cached Parquet copy lists, or ``None`` (no copy, or one without them)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not target.exists():
        return None
    try:
        listed = (pq.read_metadata(target).metadata or {}).get(KEYS.encode())
    except (OSError, pa.ArrowException):  # a copy damaged since: made again
        return None
    return None if listed is None else list(json.loads(listed))


def xes_to_parquet(path: Path, mapping: LogMapping) -> tuple[Path, list[str]]:
    """The Parquet copy of an XES log (made once, then reused), and the keys the log has: those of
    trace attributes as ``case:<key>``, those of event attributes as they are."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("XES logs need pyarrow: pip install 'silomap[observe]'", code="SM085") from None
    columns = wanted(mapping)
    target = cache_path(path, columns)
    if (known := cached_keys(target)) is not None:
        return target, known
    seen: set[str] = set()
    schema = pa.schema([(name, pa.string()) for name in columns])
    scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with pq.ParquetWriter(scratch, schema) as writer:
            batch: dict[str, list[Any]] = {name: [] for name in columns}
            for row in _events(path, columns, seen):
                for name in columns:
                    batch[name].append(row.get(name))
                if len(batch[columns[0]]) >= BATCH:
                    writer.write_table(pa.table(batch, schema=schema))
                    batch = {name: [] for name in columns}
            if batch[columns[0]]:
                writer.write_table(pa.table(batch, schema=schema))
            writer.add_key_value_metadata({KEYS: json.dumps(sorted(seen))})
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    return target, sorted(seen)


class _Collect:
    """The parser's target: each element's start (with its attributes) and end, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[bool, str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.events.append((True, _local(tag), attrib))

    def end(self, tag: str) -> None:
        self.events.append((False, _local(tag), {}))

    def close(self) -> None:
        return None


def parsed(handle: Any, path: Path, target: Any = None) -> Iterator[Any]:
    """The starts and ends of the elements of an XML stream, hardened (no DTD, no entity); with
    ``target``, what that parser target records in its ``events`` (told the expat parser through
    its ``bind``, to know where each element is).

    Expat reads a token again from its start each time it is fed more of it (before expat 2.6),
    so a 32 MB attribute fed 64 KB at a time was read 500 times. While a chunk gives no element,
    the next is twice as large: a long token is read a few times, not once a chunk. A token
    longer than ``LONGEST`` (an element with its attributes) is refused: no log value is that
    long, and expat slows down on such tokens even when given them whole.
    """
    target = _Collect() if target is None else target
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    if hasattr(target, "bind"):
        target.bind(parser.parser)
    size, pending = CHUNK, 0
    while data := handle.read(size):
        parser.feed(data)
        pending = 0 if target.events else pending + len(data)
        if pending > LONGEST:
            line, col = parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1
            message = f"an XML element longer than {LONGEST >> 20} MiB: no log value is that long"
            raise _problem(path, message, line, col)
        size = CHUNK if target.events else min(2 * size, LONGEST + 1 - pending)  # refused once over
        yield from target.events
        target.events.clear()
    parser.close()
    yield from target.events


def _events(path: Path, columns: list[str], seen: set[str]) -> Any:
    """The events of an XES file as dicts of the wanted columns, in file order; the keys met are
    added to ``seen`` (every wanted one, and up to ``SEEN`` others)."""
    opener: Any = gzip.open if path.name.lower().endswith(".gz") else open
    wanted = set(columns)
    with xml_errors(path), opener(path, "rb") as handle:
        trace: dict[str, str] = {}
        event: dict[str, str] | None = None
        depth, in_trace = 0, False
        for starts, tag, attrib in parsed(handle, path):
            if not starts:
                depth -= 1
                if tag == "event" and event is not None:
                    yield {**trace, **{k: v for k, v in event.items() if k in wanted}}
                    event = None
                elif tag == "trace":
                    in_trace = False
                continue
            depth += 1
            if depth > DEPTH:
                raise _problem(path, f"XML nested deeper than {DEPTH} levels")
            if tag == "trace":
                trace, in_trace = {}, True
            elif tag == "event":
                event = {}
            # an attribute of an event (depth 4), or of a trace (3; not one of a <global> element)
            elif tag in _ATTRIBUTES and ((depth == 4 and event is not None) or (depth == 3 and in_trace)):
                _attribute(attrib, event if depth == 4 else None, trace, wanted, seen)


@contextmanager
def xml_errors(path: Path) -> Iterator[None]:
    """An XML (or gzip) file that cannot be read, as a problem at its line and column."""
    try:
        yield
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise _problem(path, f"not well-formed XML: {safe_text(str(exc))}", line, col + 1) from None
    except DefusedXmlException as exc:
        message = f"refused: {type(exc).__name__}; DTDs and entities are not allowed"
        raise ModelError([Problem(shown(path), 1, 1, "SM061", message)]) from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise _problem(path, f"the gzip file is damaged or truncated ({safe_text(str(exc))[:80]})") from None


def _attribute(
    attrib: dict[str, str],
    event: dict[str, str] | None,
    trace: dict[str, str],
    wanted: set[str],
    seen: set[str],
) -> None:
    """Keep an attribute of ``event``, or (``event`` None) of ``trace`` as ``case:<key>``."""
    key, value = attrib.get("key"), attrib.get("value")
    if key is None or value is None:
        return
    name = key if event is not None else f"case:{key}"
    if name in wanted or len(seen) < SEEN:
        seen.add(name)
    if event is not None:
        event.setdefault(key, value)
    elif name in wanted:
        trace.setdefault(name, value)


def _problem(path: Path, message: str, line: int = 0, col: int = 0) -> ModelError:
    return ModelError([Problem(shown(path), line, col, "SM080", message)])
