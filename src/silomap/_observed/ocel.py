"""An object-centric log (OCEL 2.0 JSON, XML or SQLite; OCEL 1.0 JSON) flattened on one object
type into a Parquet log, once, as an XES log is (:mod:`.xes`).

The mapping's ``case_object: TYPE`` names the case notion: each object of that type that has
events is a case, and its events are those related to it (``relationships`` in JSON,
``event_object`` in SQLite, ``ocel:omap`` in OCEL 1.0). The flat log lists the events in the
file's order, each once per object of the type it relates to, in the order the relation lists
them; observe then orders each case's events by time, then by that position. Its columns:

- ``case:concept:name``: the object's id; ``concept:name``: the event's type; ``time:timestamp``:
  its time (in UTC; a time without offset is taken as UTC); ``ocel:eid``: the event's id;
- ``NAME``: the event's attribute ``NAME``; ``case:NAME``: the case object's attribute ``NAME``, its
  value at the event's time (the last one set at or before it);
- ``object:TYPE``: the id of the first other object of type ``TYPE`` the event relates to, and
  ``object:TYPE:NAME`` that object's attribute at the event's time.

Only the columns the mapping names are written. The Parquet copy's metadata lists the columns the
log has, and what the log tells of its objects (:data:`OCEL`): how many objects of the case type
there are, and how many cases touch each other type (relate, through an event, to an object of
it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import Model, shown
from .._suggest import did_you_mean
from .._text import quote_value
from .interface import Engine
from .mapping import LogMapping
from .ocel_read import FILE_BYTES, Ocel, OcelEvent, OcelObject, read_json
from .xes import BATCH, KEYS, cache_path, cached_keys, wanted

__all__ = [
    "OCEL",
    "journey_object_types",
    "ocel_summary",
    "ocel_to_parquet",
    "read_ocel",
    "touched_by_case",
    "value_at",
]

OCEL = "silomap:ocel"  # the Parquet metadata that holds what the log tells of its objects
CASE, ACTIVITY, TIME, EVENT = "case:concept:name", "concept:name", "time:timestamp", "ocel:eid"


def read_ocel(path: Path) -> Ocel:
    """An OCEL file, by its kind: ``.jsonocel`` (2.0 or 1.0), ``.xmlocel`` or ``.sqlite``."""
    name = path.name.lower()
    if name.endswith(".sqlite"):
        from .ocel_sqlite import read_sqlite

        return read_sqlite(path)
    if (size := path.stat().st_size) > FILE_BYTES:
        message = (
            f"the OCEL file has {size:,} bytes; silomap reads one of at most {FILE_BYTES:,} "
            "(JSON and XML are read whole): use OCEL's SQLite form"
        )
        raise ModelError([Problem(shown(path), 0, 0, "SM080", message)])
    if name.endswith(".xmlocel"):
        from .ocel_xml import read_xml

        return read_xml(path)
    return read_json(path, path.read_bytes())


def value_at(obj: OcelObject | None, name: str, moment: datetime) -> str | None:
    """An object's attribute at a time: the last value set at or before it (``None`` before any).

    >>> from silomap._observed.ocel_read import OcelObject
    >>> po = OcelObject("PO", {"qty": ((datetime(1970, 1, 1), "500"), (datetime(2022, 1, 13), "600"))})
    >>> at = datetime(2022, 2, 1)
    >>> value_at(po, "qty", datetime(2022, 1, 10)), value_at(po, "qty", at), value_at(po, "x", at)
    ('500', '600', None)
    """
    found = None
    for when, value in obj.attributes.get(name, ()) if obj is not None else ():
        if when > moment:
            break
        found = value
    return found


def _columns(log: Ocel, case_type: str) -> list[str]:
    """The columns the flat log has (for the mapping's check)."""
    out = {CASE, ACTIVITY, TIME, EVENT}
    out.update(name for e in log.events for name in e.attributes)
    for obj in log.objects.values():
        out.add(f"object:{obj.type}")
        out.update(f"object:{obj.type}:{name}" for name in obj.attributes)
        if obj.type == case_type:
            out.update(f"case:{name}" for name in obj.attributes)
    return sorted(out)


def _value(column: str, log: Ocel, event: OcelEvent, case: str) -> Any:
    """One cell of the flat log: the event's row for the object ``case``."""
    if column == CASE:
        return case
    if column == ACTIVITY:
        return event.type
    if column == TIME:
        return event.time
    if column == EVENT:
        return event.id
    if column.startswith("case:"):
        return value_at(log.objects[case], column[5:], event.time)
    if column.startswith("object:") and column not in event.attributes:
        kind, _, name = column[7:].partition(":")
        other = next((o for o in event.objects if o != case and log.objects[o].type == kind), None)
        if not name:
            return other
        return value_at(log.objects.get(other) if other else None, name, event.time)
    return event.attributes.get(column)


def _rows(log: Ocel, case_type: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    for event in log.events:
        for oid in event.objects:
            if log.objects[oid].type == case_type:
                yield {c: _value(c, log, event, oid) for c in columns}


def touched_by_case(log: Ocel, case_type: str) -> dict[str, set[str]]:
    """Each case (an object of the case type with events) and the types of the other objects its
    events relate to."""
    out: dict[str, set[str]] = {}
    for event in log.events:
        for case in (o for o in event.objects if log.objects[o].type == case_type):
            out.setdefault(case, set()).update(log.objects[o].type for o in event.objects if o != case)
    return out


def _touched(log: Ocel, case_type: str) -> dict[str, Any]:
    """The objects of the case type, and for each other object type the cases that touch it."""
    touched: dict[str, set[str]] = {}
    for case, types in touched_by_case(log, case_type).items():
        for kind in types:
            touched.setdefault(kind, set()).add(case)
    objects = sum(1 for o in log.objects.values() if o.type == case_type)
    return {
        "case_object": case_type,
        "objects": objects,
        "object_types": {t: len(touched[t]) for t in sorted(touched)},
    }


def _check_type(mapping: LogMapping, log: Ocel, path: Path) -> str:
    """The mapping's case object type, among the log's types."""
    types = sorted({o.type for o in log.objects.values()})
    case_type = mapping.file.case_object
    listed = ", ".join(quote_value(t, 60) for t in types[:12])
    if case_type is None:
        message = (
            f"the log {quote_value(shown(path), 80)} is object-centric (OCEL): name its case notion "
            f"with case_object: TYPE, one of {listed}"
        )
        raise ModelError([_problem(mapping, "log", message)])
    if case_type not in types:
        hint = did_you_mean(case_type, types) or f"; the log's object types are {listed}"
        message = f"no object of type {quote_value(case_type, 60)} in {shown(path)}{hint}"
        raise ModelError([_problem(mapping, "case_object", message)])
    return case_type


def _problem(mapping: LogMapping, key: str, message: str) -> Problem:
    if mapping.doc is None:
        return Problem(shown(mapping.path), 0, 0, "SM081", message, key)
    return mapping.doc.problem((key,), "SM081", message)


def ocel_to_parquet(path: Path, mapping: LogMapping) -> tuple[Path, list[str]]:
    """The Parquet copy of an OCEL log flattened on the mapping's ``case_object`` (made once, then
    reused), and the columns the flat log has."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("OCEL logs need pyarrow: pip install 'silomap[observe]'", code="SM085") from None
    columns = wanted(mapping)
    target = cache_path(path, [f"case_object={mapping.file.case_object}", *columns], "ocel")
    if (known := cached_keys(target)) is not None:
        return target, known
    log = read_ocel(path)
    case_type = _check_type(mapping, log, path)
    known = _columns(log, case_type)
    schema = pa.schema([(c, pa.timestamp("us") if c == TIME else pa.string()) for c in columns])
    scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with pq.ParquetWriter(scratch, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in _rows(log, case_type, columns):
                batch.append(row)
                if len(batch) >= BATCH:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            writer.add_key_value_metadata(
                {KEYS: json.dumps(known), OCEL: json.dumps(_touched(log, case_type))}
            )
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    return target, known


def ocel_summary(copy: Path) -> dict[str, Any] | None:
    """What an OCEL log's Parquet copy tells of its objects (:func:`_touched`)."""
    import pyarrow.parquet as pq

    found = (pq.read_metadata(copy).metadata or {}).get(OCEL.encode())
    return None if found is None else dict(json.loads(found))


def journey_object_types(
    db: Engine, model: Model, mapping: LogMapping, bits: int
) -> dict[str, dict[str, int]]:
    """Per journey of the model, its matched cases that touch each other object type (the
    mapping's ``object_types: true``); the log is read again, its cases matched as observe does."""
    from .codes import Names
    from .contact import case_matches

    touched = touched_by_case(read_ocel(mapping.path), str(mapping.file.case_object))
    declared = {j.id: tuple(s.id for s in j.steps) for j in model.journeys}
    counts: dict[str, dict[str, int]] = {j: {} for j in declared}
    mask = (1 << bits) - 1
    rows = db.stream(
        f"SELECT case_id, s0, s1, [x & {mask} FOR x IN s_tail], case_id FROM case_base ORDER BY case_id"
    )
    for journey, _, found in case_matches(rows, bits, Names(db).targets(), declared):
        for kind in touched.get(str(found[0][0]), ()):
            counts[journey][kind] = counts[journey].get(kind, 0) + 1
    return {j: dict(sorted(found.items())) for j, found in counts.items()}
