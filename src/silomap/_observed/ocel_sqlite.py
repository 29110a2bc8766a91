"""OCEL 2.0 SQLite into an :class:`.OcelBuilder`: opened read-only (``mode=ro``), its tables'
sizes bounded before anything is read, every problem at its table and row (rows counted from 1
in the table's order).

The tables are the standard's: ``event`` and ``object`` (id and type), ``event_object`` (the
relation), ``event_map_type`` and ``object_map_type`` (each type's table suffix), and one table
per type, ``event_<T>`` (``ocel_id``, ``ocel_time`` and the attributes) and ``object_<T>``
(``ocel_id``, the attributes and, for values that change, ``ocel_time`` and
``ocel_changed_field``). Other tables (``object_object``, a tool's own) are not read.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem
from .._model import shown
from .._text import quote_value, safe_text
from .ocel_read import STATIC, Ocel, OcelBuilder, parse_time

__all__ = ["ROWS", "read_sqlite"]

ROWS = 20_000_000  # rows of one table read at most
_NEEDED = ("event", "object", "event_object", "event_map_type", "object_map_type")
_SYSTEM = ("ocel_id", "ocel_time", "ocel_changed_field")


def _place(file: Path) -> Any:
    def place(where: tuple[str, int], message: str) -> Problem:
        return Problem(
            shown(file), 0, 0, "SM088", f"table {quote_value(where[0], 60)}, row {where[1]}: {message}"
        )

    return place


def _name(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def _rows(con: sqlite3.Connection, table: str, columns: str = "*") -> Iterator[tuple[int, Any]]:
    """The rows of ``table`` in its order, numbered from 1, as ``sqlite3.Row``."""
    yield from enumerate(con.execute(f"SELECT {columns} FROM {_name(table)} ORDER BY rowid"), 1)


def read_sqlite(file: Path) -> Ocel:
    """An OCEL 2.0 SQLite file."""
    uri = "file:" + urllib.parse.quote(str(file.absolute())) + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise _error(file, exc) from None
    try:
        con.row_factory = sqlite3.Row
        return _read(file, con)
    except sqlite3.Error as exc:
        raise _error(file, exc) from None
    finally:
        con.close()


def _error(file: Path, exc: sqlite3.Error) -> ModelError:
    return ModelError(
        [Problem(shown(file), 0, 0, "SM080", f"cannot read the SQLite file: {safe_text(str(exc))[:200]}")]
    )


def _read(file: Path, con: sqlite3.Connection) -> Ocel:
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in _NEEDED if t not in tables]
    if missing:
        listed = ", ".join(quote_value(t) for t in missing)
        message = f"not an OCEL 2.0 SQLite log: no table {listed}"
        raise ModelError([Problem(shown(file), 0, 0, "SM088", message)])
    for table in sorted(t for t in tables if t.startswith(("event", "object"))):  # the tables read
        if (n := con.execute(f"SELECT count(*) FROM {_name(table)}").fetchone()[0]) > ROWS:
            message = f"table {quote_value(table)} has {n:,} rows; silomap reads at most {ROWS:,}"
            raise ModelError([Problem(shown(file), 0, 0, "SM080", message)])
    builder = OcelBuilder(file, _place(file))
    kinds = {
        "event": _types(builder, con, "event_map_type", tables),
        "object": _types(builder, con, "object_map_type", tables),
    }
    _objects(builder, con, kinds["object"])
    times, attributes = _event_rows(builder, con, kinds["event"])
    related: dict[str, list[str]] = {}
    for number, row in _rows(con, "event_object", "ocel_event_id, ocel_object_id"):
        if row[1] is None:
            builder.fail(("event_object", number), "the related object's id is missing")
        related.setdefault(str(row[0]), []).append(str(row[1]))
    for number, row in _rows(con, "event", "ocel_id, ocel_type"):
        eid, etype = row[0], row[1]
        where = ("event", number)
        time = times.get(str(eid))
        if eid is not None and etype in kinds["event"] and time is None:
            table = "event_" + kinds["event"][etype]
            builder.fail(
                where,
                f"event {quote_value(str(eid), 60)} has no row in table {quote_value(table)} (its time)",
            )
            continue
        builder.event((where,) * 3, eid, etype, time, attributes.get(str(eid), {}), related.get(str(eid), []))
    return builder.finish()


def _types(builder: OcelBuilder, con: sqlite3.Connection, table: str, tables: set[str]) -> dict[str, str]:
    """Each type and its table's suffix; a type whose table is missing is a problem."""
    out = {}
    prefix = table.split("_", 1)[0] + "_"
    for number, row in _rows(con, table, "ocel_type, ocel_type_map"):
        if row[0] is None or row[1] is None or prefix + str(row[1]) not in tables:
            builder.fail((table, number), f"no table {quote_value(prefix + str(row[1]), 60)} for this type")
            continue
        out[str(row[0])] = str(row[1])
    return out


def _event_rows(
    builder: OcelBuilder, con: sqlite3.Connection, kinds: dict[str, str]
) -> tuple[dict[str, str], dict[str, dict[str, str | None]]]:
    """Each event's time (as text) and attributes, from the tables of the event types."""
    from .ocel_read import text_value

    times: dict[str, str] = {}
    attributes: dict[str, dict[str, str | None]] = {}
    for suffix in sorted(set(kinds.values())):
        table = "event_" + suffix
        for number, row in _rows(con, table):
            names = row.keys()
            if "ocel_id" not in names or "ocel_time" not in names:
                builder.fail((table, number), "expected the columns ocel_id and ocel_time")
                break
            eid = str(row["ocel_id"])
            times[eid] = row["ocel_time"] if row["ocel_time"] is not None else ""
            attributes[eid] = {k: text_value(row[k]) for k in names if k not in _SYSTEM}
    return times, attributes


def _objects(builder: OcelBuilder, con: sqlite3.Connection, kinds: dict[str, str]) -> None:
    """The objects, with their attributes' values over time from the tables of the object types."""
    values: dict[str, list[tuple[str, datetime, Any]]] = {}
    for suffix in sorted(set(kinds.values())):
        table = "object_" + suffix
        for number, row in _rows(con, table):
            names = row.keys()
            moment = parse_time(row["ocel_time"]) if "ocel_time" in names and row["ocel_time"] else STATIC
            if moment is None:
                builder.fail(
                    (table, number),
                    f"column 'ocel_time': not a time in ISO 8601: {quote_value(str(row['ocel_time']), 60)}",
                )
                continue
            changed = row["ocel_changed_field"] if "ocel_changed_field" in names else None
            kept = [changed] if changed else [k for k in names if k not in _SYSTEM]
            found = values.setdefault(str(row["ocel_id"]), [])
            found.extend((k, moment, row[k]) for k in kept if k in names and row[k] is not None)
    for number, row in _rows(con, "object", "ocel_id, ocel_type"):
        builder.obj(("object", number), row[0], row[1], values.get(str(row[0]), []))
