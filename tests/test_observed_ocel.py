"""Object-centric logs (OCEL 2.0 JSON, XML, SQLite; OCEL 1.0 JSON) in ``observe``: flattened on
one object type, the figures equal those of the same events written as a flat CSV log (written
here with plain json, ElementTree and sqlite3, not with silomap), every shared file and type."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

from .conftest import ROOT, shared_file

MODEL = (ROOT / "examples" / "observed" / "purchase-to-pay-model.yaml").read_text(encoding="utf-8")
STEPS = {
    "Insert Invoice": "pay-invoice/insert",
    "Set Payment Block": "pay-invoice/block",
    "Insert Payment": "pay-invoice/pay",
}


def _utc(text: str) -> str:
    moment = datetime.fromisoformat(text)
    moment = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return moment.isoformat() + "Z"


# Each file as (events in file order, objects): an event is (id, type, time, attributes, related
# object ids); an object is its type and its attributes as (name, time or None, value)
Event = tuple[str, str, str, dict[str, str], list[str]]


def _json2(path: Path) -> tuple[list[Event], dict[str, tuple[str, list]]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    events = [
        (
            e["id"],
            e["type"],
            e["time"],
            {a["name"]: str(a["value"]) for a in e.get("attributes", [])},
            [r["objectId"] for r in e.get("relationships", [])],
        )
        for e in doc["events"]
    ]
    objects = {
        o["id"]: (o["type"], [(a["name"], a["time"], str(a["value"])) for a in o.get("attributes", [])])
        for o in doc["objects"]
    }
    return events, objects


def _json1(path: Path) -> tuple[list[Event], dict[str, tuple[str, list]]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    events = [
        (
            k,
            e["ocel:activity"],
            e["ocel:timestamp"],
            {a: str(v) for a, v in e["ocel:vmap"].items()},
            e["ocel:omap"],
        )
        for k, e in doc["ocel:events"].items()
    ]
    objects = {
        k: (o["ocel:type"], [(a, None, str(v)) for a, v in o.get("ocel:ovmap", {}).items()])
        for k, o in doc["ocel:objects"].items()
    }
    return events, objects


def _xml(path: Path) -> tuple[list[Event], dict[str, tuple[str, list]]]:
    root = ET.parse(path).getroot()
    events = [
        (
            e.get("id"),
            e.get("type"),
            e.get("time"),
            {a.get("name"): a.text or "" for a in e.iterfind("attributes/attribute")},
            [r.get("object-id") for r in e.iterfind("objects/relationship")],
        )
        for e in root.iterfind("events/event")
    ]
    objects = {
        o.get("id"): (
            o.get("type"),
            [(a.get("name"), a.get("time"), a.text or "") for a in o.iterfind("attributes/attribute")],
        )
        for o in root.iterfind("objects/object")
    }
    return events, objects


def _sqlite(path: Path) -> tuple[list[Event], dict[str, tuple[str, list]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    emap = dict(con.execute("SELECT ocel_type, ocel_type_map FROM event_map_type").fetchall())
    omap = dict(con.execute("SELECT ocel_type, ocel_type_map FROM object_map_type").fetchall())
    times, attrs = {}, {}
    for suffix in emap.values():
        for row in con.execute(f'SELECT * FROM "event_{suffix}"'):
            times[row["ocel_id"]] = row["ocel_time"]
            names = row.keys()  # a Row iterates its values
            attrs[row["ocel_id"]] = {
                k: str(row[k]) for k in names if k not in ("ocel_id", "ocel_time") and row[k] is not None
            }
    related: dict[str, list[str]] = {}
    for e, o in con.execute("SELECT ocel_event_id, ocel_object_id FROM event_object ORDER BY rowid"):
        related.setdefault(e, []).append(o)
    events = [
        (i, t, times[i], attrs[i], related.get(i, []))
        for i, t in con.execute("SELECT ocel_id, ocel_type FROM event ORDER BY rowid")
    ]
    values: dict[str, list] = {}
    for suffix in omap.values():
        for row in con.execute(f'SELECT * FROM "object_{suffix}" ORDER BY rowid'):
            keys = row.keys()
            changed = row["ocel_changed_field"] if "ocel_changed_field" in keys else None
            when = row["ocel_time"] if "ocel_time" in keys else None
            names = (
                [changed]
                if changed
                else [k for k in keys if k not in ("ocel_id", "ocel_time", "ocel_changed_field")]
            )
            values.setdefault(row["ocel_id"], []).extend(
                (n, when, str(row[n])) for n in names if row[n] is not None
            )
    objects = {i: (t, values.get(i, [])) for i, t in con.execute("SELECT ocel_id, ocel_type FROM object")}
    return events, objects


def _at(values: list, name: str, when: str) -> str:
    """An object's attribute at a time: the last value set at or before it."""
    found = ""
    for n, t, v in sorted(((n, _utc(t) if t else "", v) for n, t, v in values), key=lambda x: x[1]):
        if n == name and t <= _utc(when):
            found = v
    return found


def _flat(events: list[Event], objects: dict, case_type: str, extra: dict[str, str], out: Path) -> None:
    """The flat log: each event once per related object of the case type, in the file's order."""
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case:concept:name", "concept:name", "time:timestamp", *extra.values()])
        for _eid, etype, time, attrs, related in events:
            for oid in dict.fromkeys(related):
                if objects[oid][0] != case_type:
                    continue
                row = [oid, etype, _utc(time)]
                for source in extra.values():
                    if source.startswith("case:"):
                        row.append(_at(objects[oid][1], source[5:], time))
                    elif source.startswith("object:"):
                        other = next((o for o in related if o != oid and objects[o][0] == source[7:]), "")
                        row.append(other)
                    else:
                        row.append(attrs.get(source, ""))
                w.writerow(row)


FILES = [
    ("ocel/ocel20_example.jsonocel", _json2, "invoice_inserter"),
    ("ocel/ocel20_example.xmlocel", _xml, "invoice_inserter"),
    ("ocel/ocel20_example.sqlite", _sqlite, "invoice_inserter"),
    ("ocel/example_log.jsonocel", _json1, "prova"),
    ("ocel/pallet-logistics-v0.9.sqlite", _sqlite, "object:Vehicle"),
]


def _yaml(folder: Path, log: str, columns: dict[str, str | None], case_object: str | None) -> Path:
    mapping = {"silomap-log": 1, "log": log, "columns": columns, "steps": STEPS}
    if case_object is not None:
        mapping["case_object"] = case_object
    path = folder / f"{Path(log).name}.yaml"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "read", "resource"), FILES)
def test_each_object_type_gives_the_figures_of_its_flat_log(tmp_path, name, read, resource):
    source = shared_file(*name.split("/"))
    model = tmp_path / "model.yaml"
    model.write_text(MODEL, encoding="utf-8")
    log = tmp_path / source.name
    log.write_bytes(source.read_bytes())
    events, objects = read(source)
    case_attr = {
        "Invoice": "case:is_blocked",
        "Purchase Order": "case:po_quantity",
        "Vehicle": "case:consumption",
    }
    types = sorted({t for t, _ in objects.values()})
    for case_type in types:
        other = next(t for t in types if t != case_type)
        extra = {"resource": resource, "group": case_attr.get(case_type, f"object:{other}")}
        flat = tmp_path / f"flat-{case_type}.csv"
        _flat(events, objects, case_type, extra, flat)
        expected = silomap.observe(silomap.load(model), _yaml(tmp_path, flat.name, extra, None)).to_dict()
        seen = silomap.observe(silomap.load(model), _yaml(tmp_path, log.name, extra, case_type)).to_dict()
        ocel = seen.pop("ocel")
        assert seen == expected, case_type
        # cases: the objects of the type that have events
        with_events = {o for _, _, _, _, rel in events for o in rel if objects[o][0] == case_type}
        assert (ocel["case_object"], seen["cases"]) == (case_type, len(with_events))
        assert ocel["objects"] == sum(1 for t, _ in objects.values() if t == case_type)


def _model(folder: Path) -> Path:
    model = folder / "model.yaml"
    model.write_text(MODEL, encoding="utf-8")
    return model


def test_the_purchase_to_pay_invoices_worked_by_hand(tmp_path):
    """docs/observed.md, "Object-centric logs". The invoices' events (file order): R1 e5 Insert
    Invoice, e7 Insert Payment; R2 e6, e8 likewise; R3 e9 Insert Invoice, e10 Create Purchase Order,
    e11 Set Payment Block, e12 Remove Payment Block, e13 Insert Payment: 3 cases, 2 + 2 + 5 = 9
    events. Against pay-invoice (insert, block, pay): R1 and R2 have sigma = insert, pay, LCS 2,
    cost 2 + 3 - 4 = 1, fitness 1 - 1/5 = 0.8; R3 has insert, block, pay, fitness 1. Mean
    (0.8 + 0.8 + 1) / 3 = 13/15; block skipped by 2 of 3. Unmapped: Create Purchase Order, Remove
    Payment Block (Create/Approve Purchase Requisition and Change PO Quantity touch no invoice).
    Touched: every invoice has a payment (e7, e8, e13) and a purchase order (e5 and e6 PO1, e10 PO2)."""
    source = shared_file("ocel", "ocel20_example.jsonocel")
    (tmp_path / source.name).write_bytes(source.read_bytes())
    mapping = _yaml(tmp_path, source.name, {"resource": None, "group": None}, "Invoice")
    seen = silomap.observe(silomap.load(_model(tmp_path)), mapping).to_dict()
    assert (seen["cases"], seen["events"], seen["unmapped"]["activities"]) == (3, 9, 2)
    (journey,) = seen["journeys"]
    assert journey["cases"] == 3
    assert journey["fitness"] == pytest.approx(13 / 15)
    assert journey["skipped"] == {"insert": 0.0, "block": pytest.approx(2 / 3), "pay": 0.0}
    assert seen["ocel"] == {
        "case_object": "Invoice",
        "objects": 3,
        "object_types": {"Payment": 3, "Purchase Order": 3},
    }


SMALL = {
    "objects": [
        {"id": "c1", "type": "ticket"},
        {"id": "c2", "type": "ticket"},
        {"id": "c3", "type": "ticket"},
        {"id": "k1", "type": "customer", "attributes": [{"name": "tier", "time": "1970-01-01T00:00:00Z", "value": "gold"}]},
    ],
    "events": [
        {"id": "a", "type": "Insert Invoice", "time": "2026-01-01T09:00:00Z", "attributes": [{"name": "who", "value": "ann"}],
         "relationships": [{"objectId": "c1"}, {"objectId": "k1"}]},
        {"id": "b", "type": "Insert Payment", "time": "2026-01-01T10:00:00Z", "attributes": [{"name": "who", "value": "bob"}],
         "relationships": [{"objectId": "c1"}, {"objectId": "c2", "qualifier": "x"}, {"objectId": "c2", "qualifier": "y"}]},
    ],
}  # fmt: skip


def test_cases_are_the_objects_of_the_type_that_have_events(tmp_path):
    """c1 has a and b, c2 has b (related twice, counted once), c3 none: 2 cases, 3 events; c1's
    resources ann then bob make 1 hand-off, c2 none: 0.5 per case; c1 touches customer (k1) and
    ticket (c2), c2 touches ticket (c1); the customer column is k1 on a (c1), none on b."""
    (tmp_path / "t.jsonocel").write_text(json.dumps(SMALL), encoding="utf-8")
    columns = {"resource": "who", "group": None, "customer": "object:customer"}
    mapping = _yaml(tmp_path, "t.jsonocel", columns, "ticket")
    mapping.write_text(mapping.read_text().replace('"case_object"', '"object_types": true, "case_object"'))
    seen = silomap.observe(silomap.load(_model(tmp_path)), mapping)
    got = seen.to_dict()
    assert (got["cases"], got["events"], got["handoffs_per_case"]) == (2, 3, 0.5)
    # per journey (object_types: true): c1 (insert, pay: fitness 0.8) and c2 (pay: 0.5) follow pay-invoice
    assert got["ocel"] == {
        "case_object": "ticket",
        "objects": 3,
        "object_types": {"customer": 1, "ticket": 2},
        "journeys": {"pay-invoice": {"customer": 1, "ticket": 2}},
    }
    frame = seen.cases()
    assert [
        (c, k if isinstance(k, str) else None)
        for c, k in zip(frame["case_id"], frame["customer"], strict=True)
    ] == [
        ("c1", "k1"),
        ("c2", None),
    ]


BAD_JSON = """\
{"objects": [
  {"id": "R1", "type": "Invoice"},
  {"id": "R1", "type": "Invoice"}
 ],
 "events": [
  {"id": "e1", "type": "Insert Invoice", "time": "2022-13-01T00:00:00Z",
   "relationships": [{"objectId": "R1"}]},
  {"id": "e2", "time": "2022-01-02T00:00:00Z"},
  {"id": "e3", "type": "Insert Payment", "time": "2022-01-03T00:00:00Z",
   "relationships": [{"objectId": "R7"}]}
 ]}
"""


def _errors(
    capsys, folder: Path, log: str, case_object: str | None = "Invoice", **columns: str | None
) -> list[str]:
    mapping = _yaml(folder, log, {"resource": None, "group": None, **columns}, case_object)
    assert main(["observe", str(_model(folder)), str(mapping)]) == 2
    return capsys.readouterr().err.splitlines()


def test_a_bad_json_log_is_every_problem_at_its_line_and_column(tmp_path, capsys):
    (tmp_path / "bad.jsonocel").write_text(BAD_JSON, encoding="utf-8")
    log = str(tmp_path / "bad.jsonocel")
    assert _errors(capsys, tmp_path, "bad.jsonocel") == [
        f"{log}:3:3: error[SM088]: objects[1]: object 'R1' is listed twice",
        f"{log}:6:50: error[SM088]: events[0].time: not a time in ISO 8601: '2022-13-01T00:00:00Z'",
        f"{log}:8:3: error[SM088]: events[1].type: the event's type is missing",
        f"{log}:9:3: error[SM088]: events[2]: event 'e3' relates to object 'R7', which is not among the objects",
        "4 errors; nothing was computed",
    ]
    (tmp_path / "bad.jsonocel").write_text('{"events": [1,\n 2', encoding="utf-8")
    assert _errors(capsys, tmp_path, "bad.jsonocel")[0] == (
        f"{log}:2:3: error[SM080]: not well-formed JSON: Expecting ',' delimiter"
    )


def test_a_bad_xml_log_is_every_problem_at_its_line_and_column(tmp_path, capsys):
    text = shared_file("ocel", "ocel20_example.xmlocel").read_text(encoding="utf-8")
    text = text.replace('time="2022-01-13T12:00:00"', 'time="yesterday"')
    text = re.sub(r'(<event id="e4" type="Change PO Quantity") time="[^"]*"', r"\1", text)
    (tmp_path / "bad.xmlocel").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line_a = next(i for i, t in enumerate(lines, 1) if "yesterday" in t)
    line_e = next(i for i, t in enumerate(lines, 1) if 'id="e4"' in t)
    log = str(tmp_path / "bad.xmlocel")
    assert _errors(capsys, tmp_path, "bad.xmlocel") == [
        f"{log}:{line_a}:9: error[SM088]: the attribute's time is missing or not in ISO 8601",
        f"{log}:{line_e}:5: error[SM088]: the event's time is missing",
        "2 errors; nothing was computed",
    ]
    (tmp_path / "bad.xmlocel").write_text('<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY a "b">]><log/>')
    assert "error[SM061]: refused" in _errors(capsys, tmp_path, "bad.xmlocel")[0]


def test_a_bad_sqlite_log_is_every_problem_at_its_table_and_row(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(shared_file("ocel", "ocel20_example.sqlite").read_bytes())
    con = sqlite3.connect(bad)
    con.execute("DELETE FROM event_InsertInvoice WHERE ocel_id = 'e6'")
    con.execute("INSERT INTO event_object VALUES ('e5', 'R99', 'x')")
    con.execute("UPDATE object_Invoice SET ocel_time = 'never' WHERE rowid = 4")
    con.commit()
    con.close()
    before = bad.read_bytes()
    assert _errors(capsys, tmp_path, "bad.sqlite") == [
        f"{bad}: error[SM088]: table 'event', row 5: event 'e5' relates to object 'R99', which is not among the objects",
        f"{bad}: error[SM088]: table 'event', row 6: event 'e6' has no row in table 'event_InsertInvoice' (its time)",
        f"{bad}: error[SM088]: table 'object_Invoice', row 4: column 'ocel_time': not a time in ISO 8601: 'never'",
        "3 errors; nothing was computed",
    ]
    assert bad.read_bytes() == before  # read only
    bad.write_bytes(b"not a database, but long enough to be read as one" * 100)
    assert _errors(capsys, tmp_path, "bad.sqlite")[0] == (
        f"{bad}: error[SM080]: cannot read the SQLite file: file is not a database"
    )


LOG_COLUMN = len('{"silomap-log": 1, "log": ') + 1  # where the log's name starts in the mapping (JSON)


def test_the_case_object_is_checked_in_the_mapping(tmp_path, capsys):
    (tmp_path / "t.jsonocel").write_text(json.dumps(SMALL), encoding="utf-8")
    mapping = tmp_path / "t.jsonocel.yaml"
    assert _errors(capsys, tmp_path, "t.jsonocel", None) == [
        f"{mapping}:1:{LOG_COLUMN}: error[SM081]: log: the log '{tmp_path / 't.jsonocel'}' is object-centric (OCEL): "
        "name its case notion with case_object: TYPE, one of 'customer', 'ticket'",
        "1 error; nothing was computed",
    ]
    assert _errors(capsys, tmp_path, "t.jsonocel", "tickets")[0].endswith(
        "error[SM081]: case_object: no object of type 'tickets' in "
        f"{tmp_path / 't.jsonocel'}; did you mean 'ticket'?"
    )
    flat = tmp_path / "flat.csv"
    flat.write_text("case:concept:name,concept:name,time:timestamp\nc1,a,2026-01-01T00:00:00Z\n")
    assert _errors(capsys, tmp_path, "flat.csv", "ticket")[0].endswith(
        "error[SM081]: case_object: case_object is for an object-centric log (.jsonocel, .xmlocel, .sqlite); "
        "leave it out"
    )
    assert _errors(capsys, tmp_path, "t.jsonocel", "ticket", resource="whom")[0].endswith(
        "error[SM081]: columns.resource: column 'whom' is not in the flat log of "
        f"{tmp_path / 't.jsonocel'}; did you mean 'who'?"
    )


def _docs_block(after: str) -> str:
    """The fenced block of docs/observed.md that follows the text ``after``."""
    docs = (ROOT / "docs" / "observed.md").read_text(encoding="utf-8")
    start = docs.index("```", docs.index(after))
    start = docs.index("\n", start) + 1
    return docs[start : docs.index("```", start)]


@pytest.mark.parametrize("suffix", ["jsonocel", "xmlocel", "sqlite"])
def test_the_docs_worked_example_is_what_observe_prints(tmp_path, capsys, suffix):
    """docs/observed.md, "Worked example": the mapping shown, on each form of the log."""
    source = shared_file("ocel", f"ocel20_example.{suffix}")
    (tmp_path / source.name).write_bytes(source.read_bytes())
    mapping = _docs_block("this mapping flattens on the invoices").replace(
        "ocel20_example.jsonocel", source.name
    )
    (tmp_path / "purchase-to-pay.yaml").write_text(mapping, encoding="utf-8")
    assert main(["observe", str(_model(tmp_path)), str(tmp_path / "purchase-to-pay.yaml")]) == 0
    assert capsys.readouterr().out == _docs_block("Observing the model and the mapping above")


@pytest.mark.needs("spark", "java")
def test_spark_reads_an_object_centric_log_as_duckdb_does(tmp_path):
    source = shared_file("ocel", "ocel20_example.sqlite")
    (tmp_path / source.name).write_bytes(source.read_bytes())
    mapping = _yaml(tmp_path, source.name, {"resource": None, "group": "case:is_blocked"}, "Invoice")
    model = silomap.load(_model(tmp_path))
    duck = silomap.observe(model, mapping).to_dict()
    assert silomap.observe(model, mapping, engine="spark").to_dict() == duck


def test_the_sizes_read_are_bounded(tmp_path, capsys, monkeypatch):
    """A SQLite table beyond the bound is refused before it is read; a JSON or XML file beyond
    its bound too (they are read whole). The bounds are lowered here to the shared file's sizes."""
    from silomap._observed import ocel, ocel_sqlite

    bad = tmp_path / "big.sqlite"
    bad.write_bytes(shared_file("ocel", "ocel20_example.sqlite").read_bytes())
    monkeypatch.setattr(ocel_sqlite, "ROWS", 12)  # event has 13 rows (the first read over the bound)
    assert _errors(capsys, tmp_path, "big.sqlite")[0] == (
        f"{bad}: error[SM080]: table 'event' has 13 rows; silomap reads at most 12"
    )
    (tmp_path / "big.jsonocel").write_text(json.dumps(SMALL), encoding="utf-8")
    monkeypatch.setattr(ocel, "FILE_BYTES", 100)
    size = (tmp_path / "big.jsonocel").stat().st_size
    assert _errors(capsys, tmp_path, "big.jsonocel")[0].endswith(
        f"error[SM080]: the OCEL file has {size:,} bytes; silomap reads one of at most 100 (JSON and XML "
        "are read whole): use OCEL's SQLite form"
    )


def test_problems_placed_by_row_come_in_row_order(tmp_path, capsys):
    """A database's rows have no line: their problems are ordered by their numbers as numbers, row
    9 before row 10 (as text, "row 10" came first)."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(shared_file("ocel", "ocel20_example.sqlite").read_bytes())
    con = sqlite3.connect(bad)
    con.execute("INSERT INTO event_object SELECT ocel_id, 'R99', 'x' FROM event ORDER BY rowid LIMIT 12")
    con.commit()
    con.close()
    errors = _errors(capsys, tmp_path, "bad.sqlite")
    rows = [int(m.group(1)) for e in errors if (m := re.search(r"table 'event', row (\d+): ", e))]
    assert rows == list(range(1, 13)), errors[:3]
