"""``frames(backend=...)`` in pandas, polars and pyarrow: every cell is the value of the result's JSON
(mapped to its column here, by hand, not by the code that builds the rows), every column has the
type docs/python.md gives it, and a missing library is an error naming what to install."""

from __future__ import annotations

import json
import math
import sys
from datetime import datetime

import pytest

import silomap
from silomap._metrics import tables

from .conftest import MODELS, ROOT

BACKENDS = ["pandas", "polars", "pyarrow"]
# docs/python.md: the type of each kind of column, backend by backend
TYPES = {
    "pandas": {"text": ("str", "object"), "integer": ("int64", "Int64"), "number": ("float64",),
               "boolean": ("bool", "boolean"), "time": ("datetime64[us]",)},
    "polars": {"text": ("String",), "integer": ("Int64",), "number": ("Float64",), "boolean": ("Boolean",),
               "time": ("Datetime(time_unit='us', time_zone=None)",)},
    "pyarrow": {"text": ("string",), "integer": ("int64",), "number": ("double",), "boolean": ("bool",),
                "time": ("timestamp[us]",)},
}  # fmt: skip


def _library(backend):
    return pytest.importorskip(backend, reason=f"{backend} is not installed: pip install {backend}")


def _records(frame, backend):
    """A frame's rows as dicts of plain Python values, every null as None."""
    if backend == "pyarrow":
        return frame.to_pylist()
    if backend == "polars":
        return frame.to_dicts()
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [
        {k: (v.to_pydatetime() if hasattr(v, "to_pydatetime") else v) for k, v in r.items()} for r in rows
    ]


def _types(frame, backend):
    if backend == "pyarrow":
        return {f.name: str(f.type) for f in frame.schema}
    if backend == "polars":
        return {name: repr(t) if "Datetime" in repr(t) else str(t) for name, t in frame.schema.items()}
    return {name: str(t) for name, t in frame.dtypes.items()}


def _same(rows, expected):
    """Whole tables, cell by cell: numbers to float precision, the rest exactly."""
    assert [list(r) for r in rows] == [list(e) for e in expected]  # the same columns, in order
    for row, want in zip(rows, expected, strict=True):
        for column, value in want.items():
            got = row[column]
            if isinstance(value, float) and not isinstance(got, bool):
                assert got == pytest.approx(value, rel=1e-12) and not math.isnan(got), (column, row)
            else:
                assert got == value and type(got) is type(value), (column, row)


def _kpis(item, names):
    values = {k: v["value"] for k, v in (item.get("kpis") or {}).items() if k != "measured"}
    return {name: values.get(name) for name in names}


def _analysis_expected(data):
    """The six tables, from ``score --json``: lists joined by ', ', KPIs a column each."""
    journey_kpis = sorted({k for j in data["journeys"] for k in (j["kpis"] or {}) if k != "measured"})
    question_kpis = sorted({k for q in data["questions"] for k in (q["kpis"] or {}) if k != "measured"})
    return {
        "questions": [
            {"id": q["id"], "spq": q["spq"], "exact": q["exact"], "cover": ", ".join(q["cover"]),
             "consulted": ", ".join(q["consulted"]), "needs": ", ".join(q["needs"]), "volume": q["volume"],
             "channels": ", ".join(q["channels"]), "channel_gap": ", ".join(q["channel_gap"]),
             "diverging": len(q["diverging"]), **_kpis(q, question_kpis)}
            for q in data["questions"]
        ],
        "journeys": [
            {"id": j["id"], "handoffs": j["handoffs"], "channel_switches": j["channel_switches"],
             "captures": j["captures"], "reentries": j["reentries"]["total"],
             "silo_reentries": j["reentries"]["silo"], "process_reentries": j["reentries"]["process"],
             "systems": j["systems"], "system_ids": ", ".join(j["system_ids"]), "minutes": j["minutes"],
             "agent_hours": j["agent_hours"], "agent_hours_complete": j["agent_hours_complete"],
             "replaced_systems": ", ".join(sorted({r["system"] for r in j["replaced_systems"]})),
             "volume": j["volume"], **_kpis(j, journey_kpis)}
            for j in data["journeys"]
        ],
        "teams": [{"id": t["id"], "desktop": t["desktop"], "systems": ", ".join(t["systems"]),
                   "agent_hours": t["agent_hours"]} for t in data["teams"]],
        "entities": [{"id": e["id"], "holders": ", ".join(e["holders"]), "copies": len(e["holders"]),
                      "unsynced": e["unsynced"], "possible": e["possible"]} for e in data["entities"]],
        "reentries": [{"journey": j["id"], **r} for j in data["journeys"] for r in j["reentry_at"]],
        "handoffs": [{"journey": j["id"], **h} for j in data["journeys"] for h in j["handoff_at"]],
    }  # fmt: skip


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_analysis_frames_are_the_json_cell_by_cell(name, backend):
    _library(backend)
    result = silomap.analyze(silomap.load(MODELS / name))
    frames, expected = result.frames(backend), _analysis_expected(result.to_dict())
    # the landscape's two tables are not in the JSON: their rows are worked by hand in test_frames.py,
    # and here each backend must hold them cell by cell
    expected |= {name: tables(result)[name] for name in ("systems", "integrations")}
    assert list(frames) == list(expected)
    for table, rows in expected.items():
        _same(_records(frames[table], backend), rows)


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_column_has_its_documented_type(backend):
    _library(backend)
    types = _types(silomap.analyze(silomap.load(MODELS / "retail-bank")).frames(backend)["journeys"], backend)
    kinds = TYPES[backend]
    assert types["id"] in kinds["text"] and types["handoffs"] in kinds["integer"]
    assert types["minutes"] in kinds["number"] and types["nps"] in kinds["number"]
    assert types["agent_hours_complete"] in kinds["boolean"]
    # a KPI no journey of a stage measures is null, never 0: check-balance has no CSAT
    rows = {r["id"]: r for r in _records(silomap.analyze(silomap.load(MODELS / "retail-bank")).frames(backend)[
        "journeys"], backend)}  # fmt: skip
    assert rows["check-balance"]["csat"] is None and rows["check-balance"]["nps"] == 15.0


@pytest.mark.parametrize("backend", BACKENDS)
def test_fixes_and_roadmap_frames_are_the_json(backend):
    _library(backend)
    found = silomap.fixes(silomap.load(MODELS / "retail-bank"), top=3, roadmap=2)
    data, frames = found.to_dict(), found.frames(backend)

    def change(c):
        ((kind, body),) = c.items()
        return kind, json.dumps(body, ensure_ascii=False)

    _same(_records(frames["fixes"], backend), [
        {"rank": f["rank"], "effort": f["effort"], "kind": change(f["change"])[0], "change": change(f["change"])[1],
         "score_after": f["score_after"], "delta": f["delta"], "frictions_removed": f["frictions_removed"],
         "summary": f["summary"], "alternatives": len(f["alternatives"])} for f in data["fixes"]])  # fmt: skip
    _same(_records(frames["roadmap"], backend), [
        {"step": n, "effort": s["effort"], "kind": change(s["change"])[0], "change": change(s["change"])[1],
         "score_after": s["score_after"], "summary": s["summary"]}
        for n, s in enumerate(data["roadmap"], 1)])  # fmt: skip
    # the roadmap by hand (docs/fixes.md): 40.04 -> 37.68 -> 35.6
    assert [r["score_after"] for r in _records(frames["roadmap"], backend)] == [37.68, 35.6]


@pytest.mark.parametrize("backend", BACKENDS)
def test_cost_frames_are_the_json(backend):
    _library(backend)
    costed = silomap.cost(silomap.load(MODELS / "retail-bank"), ROOT / "examples" / "rates.yaml")
    data, frames = costed.to_dict(), costed.frames(backend)
    for table in ("journeys", "questions", "teams"):
        expected = [{k: float(v) if k == "volume" else v for k, v in row.items()} for row in data[table]]
        _same(_records(frames[table], backend), expected)
    move = next(r for r in _records(frames["journeys"], backend) if r["id"] == "move-house")
    assert move["money"] == pytest.approx(
        800 * 11 * 42.5 / 60
    )  # 800 a month, 11 agent minutes, €42.50 an hour


@pytest.mark.parametrize("backend", BACKENDS)
def test_history_frames_are_the_json(backend):
    _library(backend)
    from silomap._metrics import History, HistoryPoint

    points = History([
        HistoryPoint("abc1234", "2026-11-01", "Ann", 40.0, "partly integrated",
                     {"fragmentation": 0.0, "handoffs": 0.5, "reentry": 0.25, "desktop": 0.125, "sync": 1.0}, 0),
        HistoryPoint("def5678", "2026-11-02", "Bob", None, None, {}, 2, "m.yaml:1:1: error: bad"),
    ])  # fmt: skip
    rows = _records(points.frames(backend)["history"], backend)
    components = ("fragmentation", "handoffs", "reentry", "desktop", "sync")
    expected = [{**{k: v for k, v in p.to_dict().items() if k != "components"},
                 **{c: p.components.get(c) for c in components}} for p in points]  # fmt: skip
    assert sorted(rows[0]) == sorted(expected[0])
    _same([{k: r[k] for k in expected[0]} for r in rows], expected)
    assert rows[1]["score"] is None and rows[1]["handoffs"] is None  # invalid then: not measured, not 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_observed_cases_in_each_backend(backend):
    _library(backend)
    seen = silomap.observe(silomap.load(ROOT / "tests/data/observed/tiny-model.yaml"),
                           ROOT / "tests/data/observed/tiny.yaml")  # fmt: skip
    rows = _records(seen.cases(backend), backend)
    # the tiny log (docs/observed.md): c1 ping-pongs l1 > l2 > l1 > l2 (3), c2 is a repeat contact
    assert [(r["case_id"], r["ping_pong"], r["repeat_contact"]) for r in rows] == [
        ("c1", 3, False), ("c2", 0, True), ("c3", 0, None)]  # fmt: skip
    assert isinstance(rows[0]["start"], datetime) and len(rows) == seen.summary["cases"]
    reference = _records(seen.cases("pandas"), "pandas")
    assert rows == reference
    assert list(seen.frames(backend)) == ["cases"]
    types = _types(seen.cases(backend), backend)
    assert types["start"] in TYPES[backend]["time"] and types["ping_pong"] in TYPES[backend]["integer"]


def test_an_unknown_backend_is_refused_by_name():
    result = silomap.analyze(silomap.load(MODELS / "university"))
    with pytest.raises(silomap.UsageError) as caught:
        result.frames("panda")
    assert (caught.value.param, str(caught.value)) == (
        "backend",
        "backend= must be one of pandas, polars, pyarrow, not 'panda'; did you mean 'pandas'?",
    )


@pytest.mark.parametrize(("backend", "install"), [("polars", "pip install polars"),
                                                  ("pyarrow", "pip install pyarrow")])  # fmt: skip
def test_a_missing_library_names_its_install(monkeypatch, backend, install):
    monkeypatch.setitem(sys.modules, backend, None)  # import now raises ImportError
    with pytest.raises(silomap.ToolError) as caught:
        silomap.analyze(silomap.load(MODELS / "university")).frames(backend)
    assert (caught.value.code, str(caught.value)) == (
        "SM044",
        f"error[SM044]: DataFrames need {backend}: {install}",
    )
