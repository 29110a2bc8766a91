"""Benchmark: an object-centric log (OCEL 2.0) in ``observe``, against the same events as a flat CSV log,
and the share of the contact-center figures in an ``observe`` run.

Writes (deterministically) an OCEL 2.0 log of about ``--events`` events as JSON and as SQLite: orders,
each placed (web or phone, with its customer), paid, shipped (with an item), and a share followed by
a call; and the flat CSV log of the same events on the orders. Then, in one process and one run:

- csv:      ``observe`` on the flat CSV log;
- ocel:     ``observe`` on the JSON log, first run (read, checked, flattened to Parquet, observed);
- cached:   the same again (the Parquet copy reused);
- sqlite:   ``observe`` on the SQLite log, first run;
- contact:  the time ``observe`` spent on the contact-center figures (its two functions, timed inside
            the csv run).

Prints the times and the ratios ocel / csv, cached / csv, sqlite / csv and contact / csv. Usage:
python benchmarks/observe_ocel.py [--events 1000000] [--out benchmarks/out/ocel]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "examples" / "observed" / "purchase-to-pay-model.yaml"
STEPS = {"Place order": "pay-invoice/insert", "Pay": "pay-invoice/block", "Ship": "pay-invoice/pay"}


def _events(n: int) -> tuple[list[dict], dict[str, str]]:
    """About ``n`` events: (id, type, time, channel, related object ids), and each object's type."""
    rng = random.Random(0)
    start = datetime(2026, 1, 1)
    events, objects = [], {}
    order = 0
    while len(events) < n:
        o, c, item = f"o{order}", f"c{rng.randrange(max(1, n // 40))}", f"i{rng.randrange(1000)}"
        objects.update({o: "order", c: "customer", item: "item"})
        t = start + timedelta(minutes=order)
        channel = "web" if rng.random() < 0.7 else "phone"
        plan = [("Place order", channel, [o, c]), ("Pay", "web", [o]), ("Ship", "internal", [o, item])]
        if rng.random() < 0.2:
            plan.append(("Call", "phone", [o, c]))
        for k, (kind, ch, related) in enumerate(plan):
            events.append(
                {
                    "id": f"e{len(events)}",
                    "type": kind,
                    "time": t + timedelta(hours=k),
                    "ch": ch,
                    "rel": related,
                }
            )
        order += 1
    return events, objects


def _write(folder: Path, events: list[dict], objects: dict[str, str]) -> None:
    doc = {
        "objectTypes": [{"name": t, "attributes": []} for t in sorted(set(objects.values()))],
        "eventTypes": [{"name": t, "attributes": [{"name": "channel", "type": "string"}]} for t in ("Place order", "Pay", "Ship", "Call")],
        "objects": [{"id": i, "type": t, "attributes": []} for i, t in objects.items()],
        "events": [
            {"id": e["id"], "type": e["type"], "time": e["time"].isoformat() + "Z",
             "attributes": [{"name": "channel", "value": e["ch"]}],
             "relationships": [{"objectId": r, "qualifier": ""} for r in e["rel"]]}
            for e in events
        ],
    }  # fmt: skip
    (folder / "log.jsonocel").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "log.sqlite").unlink(missing_ok=True)  # written anew: the same events each run
    db = sqlite3.connect(folder / "log.sqlite")
    db.executescript(
        "CREATE TABLE event (ocel_id TEXT, ocel_type TEXT); CREATE TABLE object (ocel_id TEXT, ocel_type TEXT);"
        "CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);"
        "CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT);"
        "CREATE TABLE object_map_type (ocel_type TEXT, ocel_type_map TEXT);"
    )
    kinds = {"Place order": "Place", "Pay": "Pay", "Ship": "Ship", "Call": "Call"}
    for kind, suffix in kinds.items():
        db.execute(f"CREATE TABLE event_{suffix} (ocel_id TEXT, ocel_time TIMESTAMP, channel TEXT)")
        db.execute("INSERT INTO event_map_type VALUES (?, ?)", (kind, suffix))
    for kind in sorted(set(objects.values())):
        db.execute(f"CREATE TABLE object_{kind} (ocel_id TEXT)")
        db.execute("INSERT INTO object_map_type VALUES (?, ?)", (kind, kind))
    db.executemany("INSERT INTO object VALUES (?, ?)", objects.items())
    db.executemany("INSERT INTO event VALUES (?, ?)", [(e["id"], e["type"]) for e in events])
    for kind, suffix in kinds.items():
        rows = [(e["id"], e["time"].isoformat(sep=" "), e["ch"]) for e in events if e["type"] == kind]
        db.executemany(f"INSERT INTO event_{suffix} VALUES (?, ?, ?)", rows)
    db.executemany(
        "INSERT INTO event_object VALUES (?, ?, '')", [(e["id"], r) for e in events for r in e["rel"]]
    )
    db.commit()
    db.close()
    with (folder / "flat.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["case:concept:name", "concept:name", "time:timestamp", "channel"])
        for e in events:
            for r in e["rel"]:
                if objects[r] == "order":
                    w.writerow([r, e["type"], e["time"].isoformat() + "Z", e["ch"]])


def _mapping(folder: Path, log: str, ocel: bool) -> Path:
    mapping = {
        "silomap-log": 1,
        "log": log,
        "columns": {"resource": None, "group": None, "channel": "channel"},
    }
    mapping.update({"steps": STEPS, **({"case_object": "order"} if ocel else {})})
    path = folder / f"{log}.yaml"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    return path


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "ocel")
    args = parser.parse_args()
    import silomap
    from silomap._observed import contact, engine, result

    args.out.mkdir(parents=True, exist_ok=True)
    events, objects = _events(args.events)
    _write(args.out, events, objects)
    model = silomap.load(MODEL)
    spent = [0.0]

    def timing(function):
        def timed(*a, **k):
            start = time.perf_counter()
            try:
                return function(*a, **k)
            finally:
                spent[0] += time.perf_counter() - start

        return timed

    engine.prepare_contact = timing(contact.prepare_contact)  # as the engine and the result call them
    result.contact_center = timing(contact.contact_center)
    flat = _timed(lambda: silomap.observe(model, _mapping(args.out, "flat.csv", False)))
    in_contact = spent[0]
    with tempfile.TemporaryDirectory() as scratch:  # a cold cache: the Parquet copies go here
        tempfile.tempdir = scratch
        ocel = _timed(lambda: silomap.observe(model, _mapping(args.out, "log.jsonocel", True)))
        cached = _timed(lambda: silomap.observe(model, _mapping(args.out, "log.jsonocel", True)))
        lite = _timed(lambda: silomap.observe(model, _mapping(args.out, "log.sqlite", True)))
        tempfile.tempdir = None
    print(f"{len(events):,} events, {sum(1 for t in objects.values() if t == 'order'):,} orders")
    print(f"csv {flat:.2f} s; ocel json {ocel:.2f} s (cached {cached:.2f} s); ocel sqlite {lite:.2f} s")
    print(f"ratios to csv: json {ocel / flat:.2f}, cached {cached / flat:.2f}, sqlite {lite / flat:.2f}")
    print(f"contact-center figures: {in_contact:.2f} s, {in_contact / flat:.2f} of the csv run")


if __name__ == "__main__":
    main()
