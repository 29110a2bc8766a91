"""Object-centric event logs (OCEL 2.0 JSON, OCEL 1.0 JSON) read into one :class:`Ocel`.

Every format's reader hands its events and objects to an :class:`OcelBuilder`, which checks them
the same way (an id, a type and a readable time on each event; each id once; each related
object among the objects) and keeps every problem with its place, as the format names it: a
path in a JSON file (placed at its line and column by the hardened YAML reader, for a file it
can read), a line and column in an XML file (:mod:`.ocel_xml`), a table and row in SQLite
(:mod:`.ocel_sqlite`). A file is read whole, so its size is bounded (:data:`FILE_BYTES`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import shown
from .._text import quote_value, safe_text
from .._yaml import Document, read_document

__all__ = [
    "FILE_BYTES",
    "STATIC",
    "Ocel",
    "OcelBuilder",
    "OcelEvent",
    "OcelObject",
    "parse_time",
    "read_json",
    "text_value",
]

FILE_BYTES = 256 * 1024 * 1024  # an OCEL file read whole: larger ones are refused
STATIC = datetime(1, 1, 1)  # the time of a value that does not change (OCEL 1.0, SQLite without time)
_DIGITS_READ = 4300  # Python's bound on the digits of an integer read from text
_DIGITS = re.compile(rb"(?<![\w.\"])-?\d{%d,}(?![\d.eE])" % (_DIGITS_READ + 1))  # an integer

Where = Any  # a place as the format names it (a JSON path, an XML line and column, a table and row)


def parse_time(text: object) -> datetime | None:
    """An OCEL time as UTC without zone (a time without offset is taken as UTC), or ``None``.

    >>> parse_time("2022-01-09T14:00:00+01:00"), parse_time("2022-01-09 15:00:00"), parse_time("soon")
    (datetime.datetime(2022, 1, 9, 13, 0), datetime.datetime(2022, 1, 9, 15, 0), None)
    """
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def text_value(value: object) -> str | None:
    """An attribute's value as the text a column holds (JSON's ``true`` as ``true``).

    >>> text_value("Mike"), text_value(456), text_value(True), text_value(None)
    ('Mike', '456', 'true', None)
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return None


@dataclass(frozen=True)
class OcelEvent:
    """An event: its id, type (the activity), time, attributes, and related objects in order."""

    id: str
    type: str
    time: datetime
    attributes: Mapping[str, str | None]
    objects: tuple[str, ...]


@dataclass(frozen=True)
class OcelObject:
    """An object: its type and each attribute's values in time order (:data:`STATIC` for one that
    does not change)."""

    type: str
    attributes: Mapping[str, tuple[tuple[datetime, str | None], ...]]


@dataclass
class Ocel:
    """An object-centric log: events in the file's order, objects by id."""

    events: list[OcelEvent]
    objects: dict[str, OcelObject]


@dataclass
class OcelBuilder:
    """Collects a file's events and objects, checked, and its problems with their places."""

    file: Path
    place: Callable[[Where, str], Problem]
    events: list[tuple[OcelEvent, Where]] = field(default_factory=list)
    objects: dict[str, OcelObject] = field(default_factory=dict)
    problems: list[tuple[Where, str]] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def fail(self, where: Where, message: str) -> None:
        self.problems.append((where, message))

    def text(self, value: object, where: Where, what: str) -> str | None:
        """A required text: a problem where it is missing or not text."""
        if isinstance(value, str) and value:
            return value
        self.fail(where, f"{what} is missing" if value in (None, "") else f"{what} must be text")
        return None

    def event(
        self,
        where: tuple[Where, Where, Where],
        ident: object,
        kind: object,
        time: object,
        attributes: Mapping[str, str | None],
        objects: Iterable[str],
    ) -> None:
        """An event; ``where``: the places of the event, its type and its time."""
        eid = self.text(ident, where[0], "the event's id")
        etype = self.text(kind, where[1], "the event's type")
        moment = parse_time(time)
        if moment is None and time not in (None, ""):
            self.fail(where[2], f"not a time in ISO 8601: {quote_value(safe_text(str(time)), 60)}")
        elif moment is None:
            self.fail(where[2], "the event's time is missing")
        if eid is not None and eid in self._seen:
            self.fail(where[0], f"event {quote_value(eid, 60)} is listed twice")
        if eid is None or etype is None or moment is None:
            return
        self._seen.add(eid)
        ids = tuple(dict.fromkeys(objects))  # an object related twice (two qualifiers) counts once
        self.events.append((OcelEvent(eid, etype, moment, dict(attributes), ids), where[0]))

    def obj(
        self, where: Where, ident: object, kind: object, values: Iterable[tuple[str, datetime, Any]]
    ) -> None:
        """An object and its attributes' values (name, time, value)."""
        oid = self.text(ident, where, "the object's id")
        otype = self.text(kind, where, "the object's type")
        if oid is not None and oid in self.objects:
            self.fail(where, f"object {quote_value(oid, 60)} is listed twice")
        elif oid is not None and otype is not None:
            found: dict[str, list[tuple[datetime, str | None]]] = {}
            for name, moment, value in values:
                found.setdefault(name, []).append((moment, text_value(value)))
            attributes = {k: tuple(sorted(v, key=lambda p: p[0])) for k, v in found.items()}
            self.objects[oid] = OcelObject(otype, attributes)

    def finish(self) -> Ocel:
        """The log, or :class:`ModelError` with every problem (an unknown related object too)."""
        for event, where in self.events:
            for oid in event.objects:
                if oid not in self.objects:
                    self.fail(
                        where,
                        f"event {quote_value(event.id, 60)} relates to object "
                        f"{quote_value(oid, 60)}, which is not among the objects",
                    )
        if self.problems:
            raise ModelError(self._placed())
        if not self.events:
            raise ModelError([Problem(shown(self.file), 0, 0, "SM084", "the log has no events")])
        return Ocel([e for e, _ in self.events], self.objects)

    def _placed(self) -> list[Problem]:
        """Every problem at its place, as every reader gives them: the command line shows the first
        ``Limits.errors_shown`` (100), then how many more, as for a model."""
        return [self.place(where, message) for where, message in self.problems]


def _located(file: Path, data: bytes) -> Callable[[Where, str], Problem]:
    """Place a problem at a JSON path, at its line and column where the YAML reader can read the file
    (JSON is YAML); elsewhere the path alone says where. The file is read again only when there is a
    problem to place: a log with none is read once."""

    @functools.cache
    def document() -> Document | None:
        if len(data) > Limits().file_bytes:
            return None
        found, problems = read_document(shown(file), data)
        return None if problems else found

    def place(path: Where, message: str) -> Problem:
        if (doc := document()) is not None:
            return doc.problem(tuple(path), "SM088", message)
        from .._yaml import format_path

        return Problem(shown(file), 0, 0, "SM088", message, format_path(tuple(path)))

    return place


def read_json(file: Path, data: bytes) -> Ocel:
    """An OCEL 2.0 or OCEL 1.0 JSON file (told apart by its keys)."""
    try:
        root = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ModelError(
            [
                Problem(
                    shown(file),
                    0,
                    0,
                    "SM080",
                    "JSON nested deeper than Python reads; an OCEL log nests 5 levels",
                )
            ]
        ) from None
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); save the file as UTF-8"
        raise ModelError([Problem(shown(file), 0, 0, "SM080", message)]) from None
    except json.JSONDecodeError as exc:
        message = f"not well-formed JSON: {safe_text(exc.msg)}"
        raise ModelError([Problem(shown(file), exc.lineno, exc.colno, "SM080", message)]) from None
    except ValueError:  # an integer past Python's 4,300 digits: no event or object needs one
        raise ModelError([_too_long(file, data)]) from None
    builder = OcelBuilder(file, _located(file, data))
    if isinstance(root, dict) and "ocel:events" in root:
        from .ocel_v1 import read_v1

        read_v1(builder, root)
    elif isinstance(root, dict) and "events" in root:
        _read_v2(builder, root)
    else:
        message = "not an OCEL log: OCEL 2.0 JSON has 'events' and 'objects', OCEL 1.0 'ocel:events'"
        builder.fail((), message)
    return builder.finish()


def _too_long(file: Path, data: bytes) -> Problem:
    """The problem of a number too long to read, at its line and column."""
    found = _DIGITS.search(data)
    start = found.start() if found else 0
    line = data.count(b"\n", 0, start) + 1
    col = start - (data.rfind(b"\n", 0, start) + 1) + 1
    digits = len(found.group().lstrip(b"-")) if found else 0
    message = f"a number of {digits:,} digits; silomap reads numbers of at most {_DIGITS_READ:,}"
    return Problem(shown(file), line, col, "SM080", message)


def _items(builder: OcelBuilder, root: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a list ``key`` of the document, each one that is no object a problem."""
    found = root.get(key, [])
    if not isinstance(found, list):
        builder.fail((key,), f"'{key}' must be a list")
        return []
    for i, item in enumerate(found):
        if not isinstance(item, dict):
            builder.fail((key, i), "expected an object ({...})")
    return [(i, item) for i, item in enumerate(found) if isinstance(item, dict)]


def _pairs(builder: OcelBuilder, where: tuple[Any, ...], value: Any) -> list[tuple[int, dict[str, Any]]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        builder.fail(where, "expected a list of objects")
        return []
    return list(enumerate(value))


def _read_v2(builder: OcelBuilder, root: dict[str, Any]) -> None:
    for i, item in _items(builder, root, "objects"):
        values = []
        for k, a in _pairs(builder, ("objects", i, "attributes"), item.get("attributes")):
            moment = parse_time(a.get("time"))
            if moment is None:
                builder.fail(("objects", i, "attributes", k, "time"), "not a time in ISO 8601")
            elif isinstance(a.get("name"), str):
                values.append((a["name"], moment, a.get("value")))
        builder.obj(("objects", i), item.get("id"), item.get("type"), values)
    for i, item in _items(builder, root, "events"):
        attributes = {
            a["name"]: text_value(a.get("value"))
            for _, a in _pairs(builder, ("events", i, "attributes"), item.get("attributes"))
            if isinstance(a.get("name"), str)
        }
        related = _pairs(builder, ("events", i, "relationships"), item.get("relationships"))
        for k, r in related:
            if not isinstance(r.get("objectId"), str):
                builder.fail(
                    ("events", i, "relationships", k, "objectId"), "the related object's id is missing"
                )
        objects = [r["objectId"] for _, r in related if isinstance(r.get("objectId"), str)]
        where = (("events", i), ("events", i, "type"), ("events", i, "time"))
        builder.event(where, item.get("id"), item.get("type"), item.get("time"), attributes, objects)
