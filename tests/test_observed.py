"""Observed journeys (observed.md): a tiny log worked out by hand, real public logs checked against
an independent computation in pandas (not the engine's SQL), and every bad input located."""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import random
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

import pandas as pd
import pytest

import silomap
from silomap._cli import main
from silomap._observed import fitness, lcs

from .conftest import DATA, MODELS, ROOT, SHARED, shared_file

OBS = DATA / "observed"
LOGS = SHARED / "eventlogs"


def _tiny():
    return silomap.observe(silomap.load(OBS / "tiny-model.yaml"), OBS / "tiny.yaml")


def test_the_tiny_log_by_hand():
    seen = _tiny()
    s = seen.summary
    # c1: resources bot ann bob ann bob ann -> 5 hand-offs; teams ss l1 l2 l1 l2 l1 -> 5 transfers, and
    # segments 4, 5, 6 equal segments 2, 3, 4: 3 ping-pongs; systems portal, crm, erp; channels web phone
    # phone email (internal left out) -> 2 switches. c2: cid, cid; l1, l1; crm -> 0, 0, 0, 1 system, 0.
    # c3: ann dan ann -> 2 hand-offs; teams l1 (null: '?' is missing) l1 -> 0 transfers; crm, erp.
    assert (s["cases"], s["events"]) == (3, 11)
    assert s["handoffs_per_case"] == pytest.approx(7 / 3)
    assert s["transfers_per_case"] == pytest.approx(5 / 3)
    assert (s["ping_pong_per_case"], s["systems_per_case"]) == (1.0, 2.0)
    assert s["channel_switches_per_case"] == pytest.approx(2 / 3)
    assert (s["transfer_rate"], s["ping_pong_rate"]) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    # u1's cases start 01-01 (c1) and 01-05 (c2): c2 is a repeat (4 days <= 7); c3 has no customer
    assert s["repeat_rate"] == 0.5
    # FCR: c1 transferred; c2 no transfer and no later case of u1; c3 no transfer, no customer
    assert s["fcr_rate"] == pytest.approx(2 / 3)
    assert seen.handoff_matrix == [("ann", "bob", 2), ("bob", "ann", 2), ("ann", "dan", 1), ("bot", "ann", 1),
                                   ("dan", "ann", 1)]  # fmt: skip
    assert seen.transfer_matrix == [("l1", "l2", 2), ("l2", "l1", 2), ("self-service", "l1", 1)]
    assert seen.unmapped == {"groups": 0, "activities": 0, "systems": 1}  # 'portal'
    cases = seen.cases().set_index("case_id")
    assert cases.loc["c2", "repeat_contact"] and not cases.loc["c1", "repeat_contact"]
    assert pd.isna(cases.loc["c3", "repeat_contact"]) and cases.loc["c3", "first_contact_resolution"]
    assert list(cases["ping_pong"]) == [3, 0, 0]


@pytest.mark.parametrize("zone", [None, "UTC", "Asia/Kolkata"])
def test_a_parquet_log_with_typed_times_gives_the_tiny_figures(tmp_path, zone):
    """Parquet timestamps, naive or instants in any zone, are read as their UTC time: the same
    figures, the same starts, as the tiny CSV."""
    frame = pd.read_csv(OBS / "tiny.csv", dtype=str, keep_default_na=False)
    times = pd.to_datetime(frame["time"])
    frame["time"] = times if zone is None else times.dt.tz_localize("UTC").dt.tz_convert(zone)
    frame.to_parquet(tmp_path / "tiny.parquet", index=False)
    mapping = (OBS / "tiny.yaml").read_text().replace("log: tiny.csv", "log: tiny.parquet")
    (tmp_path / "tiny.yaml").write_text(mapping)
    seen = silomap.observe(silomap.load(OBS / "tiny-model.yaml"), tmp_path / "tiny.yaml")
    tiny = _tiny()
    assert seen.to_dict() == tiny.to_dict()
    assert list(seen.cases()["start"]) == list(tiny.cases()["start"])  # 09:00 UTC, not 14:30 in Kolkata


def test_a_log_with_more_systems_than_bits(tmp_path, monkeypatch):
    """Up to 62 systems a case's systems are the bits of a number; beyond, a distinct count and a list.
    Both give the same figures."""
    rows = ["case,activity,time,system"]
    rows += [f"a,Work,2026-01-01T09:{m:02d}:00,S{m % 70}" for m in range(60)]  # S0..S59
    rows += [f"a,Work,2026-01-01T10:{m:02d}:00,S{60 + m % 10}" for m in range(20)]  # S60..S69, twice
    rows += [f"b,Work,2026-01-02T09:0{m}:00,S1" for m in range(3)]  # one system, three times
    (tmp_path / "many.csv").write_text("\n".join(rows) + "\n")
    mapping = tmp_path / "many.yaml"
    mapping.write_text("silomap-log: 1\nlog: many.csv\ncolumns: {case: case, activity: activity, "
                       "timestamp: time, system: system, resource: null, group: null}\n")  # fmt: skip
    model = silomap.load(OBS / "tiny-model.yaml")
    seen = silomap.observe(model, mapping)
    # a: 70 distinct systems; b: 1. (70 + 1) / 2 = 35.5; 70 systems do not fit in 62 bits
    assert seen.summary["systems_per_case"] == 35.5 and seen.unmapped["systems"] == 70
    assert list(seen.cases()["systems"]) == [70, 1]
    # the bits path on the bank's example log, forced onto the list path: the same JSON and cases
    bank = silomap.load(MODELS / "retail-bank")
    bits = silomap.observe(bank, ROOT / "examples/observed/retail-bank.yaml")
    monkeypatch.setattr("silomap._observed.engine.SYSTEM_BITS", 0)
    listed = silomap.observe(bank, ROOT / "examples/observed/retail-bank.yaml")
    assert listed.to_dict() == bits.to_dict()
    pd.testing.assert_frame_equal(listed.cases(), bits.cases())


def test_long_cases_keep_their_order(tmp_path, monkeypatch):
    """A case's steps and team sequence are packed into a few numbers by the rank of each event, and
    ranks beyond those numbers into a tail: an 80-event case, written shuffled with tied times, keeps
    its order. A case with an unmapped event between its steps is the same variant as one without."""
    rng = random.Random(14)
    groups, activities = ["Level 1", "Level 2", ""], ["Queue", "Work", "Close", "Other"]
    rows = [
        ("long", rng.choice(activities), f"2026-01-01T09:{i // 2:02d}:00", rng.choice(groups))
        for i in range(80)
    ]  # two events a minute: file order breaks the ties
    rows += [
        ("s1", a, f"2026-01-02T09:0{i}:00", g)
        for i, (a, g) in enumerate([("Queue", "Level 1"), ("Work", "Level 2"), ("Close", "Level 1")])
    ]
    rows += [
        ("s2", a, f"2026-01-03T09:0{i}:00", g)
        for i, (a, g) in enumerate(
            [("Queue", "Level 1"), ("Other", "Level 1"), ("Work", "Level 2"), ("Close", "Level 1")]
        )
    ]
    order = list(range(len(rows)))
    rng.shuffle(order)  # the file is shuffled; within a case, ties keep their order in the file
    pos = {i: k for k, i in enumerate(order)}  # each row's place in the file
    lines = ["case,activity,time,group"] + [",".join(rows[i]) for i in order]
    (tmp_path / "long.csv").write_text("\n".join(lines) + "\n")
    mapping = tmp_path / "long.yaml"
    mapping.write_text("silomap-log: 1\nlog: long.csv\ncolumns: {case: case, activity: activity, timestamp: time, "
                       "group: group, resource: null, system: null, channel: null}\n"
                       "teams: {Level 1: l1, Level 2: l2}\nsteps: {Queue: fix/queue, Work: fix/work, Close: fix/close}\n")  # fmt: skip
    seen_variants = []
    real_compare = silomap._observed.result.compare
    monkeypatch.setattr("silomap._observed.result.compare",
                        lambda m, a, v: seen_variants.extend(v) or real_compare(m, a, v))  # fmt: skip
    seen = silomap.observe(silomap.load(OBS / "tiny-model.yaml"), mapping)
    expected = {}
    for case in ("long", "s1", "s2"):  # independently: by time, then by place in the file
        mine = sorted((i for i, r in enumerate(rows) if r[0] == case), key=lambda i: (rows[i][2], pos[i]))
        teams = [{"Level 1": "l1", "Level 2": "l2"}[rows[i][3]] for i in mine if rows[i][3]]
        runs = [t for k, t in enumerate(teams) if k == 0 or teams[k - 1] != t]
        steps = [rows[i][1].lower() for i in mine if rows[i][1] != "Other"]
        expected[case] = (tuple(runs), sum(1 for k in range(2, len(runs)) if runs[k] == runs[k - 2]),
                          len(runs) - 1, tuple(("fix", s) for s in steps))  # fmt: skip
    assert len(expected["long"][0]) > 20  # ranks beyond 62: the tail is reached
    cases = seen.cases().set_index("case_id")
    for case, (sequence, pings, transfers, _) in expected.items():
        shown = " > ".join(sequence)  # the per-case file shows the teams joined, to be read
        assert (cases.loc[case, "team_sequence"], cases.loc[case, "ping_pong"]) == (shown, pings), case
        assert cases.loc[case, "transfers"] == transfers
    # s1 and s2 are one variant: steps queue, work, close, teams l1, l2, l1, 2 cases
    steps = (("fix", "queue"), ("fix", "work"), ("fix", "close"))
    assert sorted((v[0], v[1], v[2]) for v in seen_variants) == sorted(
        [(expected["long"][3], expected["long"][0], 1), (steps, ("l1", "l2", "l1"), 2)]
    )


def test_declared_against_observed_by_hand():
    (fix,) = _tiny().journeys
    # c1 sigma: queue work queue work close (repeats collapsed), LCS 3 with queue work close: 6/8 = 0.75;
    # c2: queue close: 4/5 = 0.8; c3: queue work close: 1. Mean 0.85
    assert (fix.cases, fix.fitness) == (3, pytest.approx(0.85))
    assert (fix.transfers_observed, fix.handoffs_declared) == (pytest.approx(5 / 3), 2)
    assert dict(fix.skipped) == {"queue": 0, "work": pytest.approx(1 / 3), "close": 0}
    assert (fix.undeclared_teams, fix.undeclared_systems) == (("self-service",), ("portal",))
    assert fix.sequences == ((("l1",), 2), (("self-service", "l1", "l2", "l1", "l2", "l1"), 1))


def test_lcs_and_fitness():
    assert lcs(["a", "b", "c"], ["a", "c"]) == 2 and lcs([], ["a"]) == 0
    assert fitness(["queue", "close"], ["queue", "work", "close"]) == Fraction(4, 5)
    assert fitness(["other"], ["queue"]) == 0


def _independent(events: pd.DataFrame) -> dict[str, object]:
    """The same figures in plain pandas and Python: ordered by case, timestamp, then file position."""
    events = events.assign(pos=range(len(events))).sort_values(["case", "ts", "pos"], kind="stable")
    handoffs = transfers = pingpong = switches = 0
    pairs: dict[tuple[str, str], int] = {}
    for _, group in events.groupby("case", sort=False):
        res = [r for r in group["resource"] if isinstance(r, str)]
        handoffs += sum(1 for a, b in itertools.pairwise(res) if a != b)
        for a, b in itertools.pairwise(res):
            if a != b:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
        teams = [t for t in group["team"] if isinstance(t, str)]
        transfers += sum(1 for a, b in itertools.pairwise(teams) if a != b)
        runs = [t for i, t in enumerate(teams) if i == 0 or teams[i - 1] != t]
        pingpong += sum(1 for k in range(2, len(runs)) if runs[k] == runs[k - 2])
        chans = [c for c in group["channel"] if isinstance(c, str) and c != "internal"]
        switches += sum(1 for a, b in itertools.pairwise(chans) if a != b)
    cases = events["case"].nunique()
    return {"cases": cases, "events": len(events), "handoffs": handoffs / cases, "transfers": transfers / cases,
            "ping_pong": pingpong / cases, "switches": switches / cases, "top": max(pairs.items(), key=lambda kv: (kv[1], kv[0]))}  # fmt: skip


def _check(seen, expected):
    s = seen.summary
    assert (s["cases"], s["events"]) == (expected["cases"], expected["events"])
    assert s["handoffs_per_case"] == pytest.approx(expected["handoffs"])
    assert s["transfers_per_case"] == pytest.approx(expected["transfers"])
    assert s["ping_pong_per_case"] == pytest.approx(expected["ping_pong"])
    if expected["switches"] is None:  # the mapping gives no channel column: not measured, not 0
        assert s["channel_switches_per_case"] is None
    else:
        assert s["channel_switches_per_case"] == pytest.approx(expected["switches"])
    (a, b), n = expected["top"]
    assert (a, b, n) in seen.handoff_matrix


@pytest.fixture
def any_model():
    return silomap.load(OBS / "tiny-model.yaml")


def test_a_real_csv_log_against_pandas(tmp_path, any_model):
    """receipt.csv (pm4py's tests, GPL-3.0; read from ../shared/data, not copied)."""
    log = shared_file("eventlogs", "receipt.csv")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"silomap-log: 1\nlog: {log}\ncolumns: {{channel: 'case:channel'}}\n")
    seen = silomap.observe(any_model, mapping)
    raw = pd.read_csv(log, dtype=str, keep_default_na=False).replace("", None)
    events = pd.DataFrame({"case": raw["case:concept:name"], "ts": pd.to_datetime(raw["time:timestamp"], utc=True,
                           format="ISO8601"), "resource": raw["org:resource"], "team": raw["org:group"],
                           "channel": raw["case:channel"]})  # fmt: skip
    _check(seen, _independent(events))
    assert seen.summary["transfers_per_case"] > 0 and seen.summary["repeat_rate"] is None


def test_a_real_xes_gz_log_against_a_plain_parser(tmp_path, any_model):
    """helpdesk.xes.gz (pm4py's tests, GPL-3.0): converted to Parquet by silomap's streaming reader,
    checked against ElementTree in this test. It has no org:group: its teams are ``workgroup``."""
    log = shared_file("eventlogs", "helpdesk.xes.gz")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"silomap-log: 1\nlog: {log}\ncolumns: {{group: workgroup}}\n")
    seen = silomap.observe(any_model, mapping)
    rows = []
    with gzip.open(log) as handle:
        root = ET.parse(handle).getroot()
    for trace in root:
        if trace.tag.endswith("trace"):
            case = next(a.get("value") for a in trace if a.get("key") == "concept:name")
            for event in (e for e in trace if e.tag.endswith("event")):
                attrs = {a.get("key"): a.get("value") for a in event}
                rows.append(
                    (case, attrs.get("time:timestamp"), attrs.get("org:resource"), attrs.get("workgroup"))
                )
    events = pd.DataFrame(rows, columns=["case", "ts", "resource", "team"]).assign(channel=None)
    events["ts"] = pd.to_datetime(events["ts"], utc=True, format="ISO8601")
    _check(seen, _independent(events) | {"switches": None})
    assert seen.summary["transfers_per_case"] > 0


def test_observe_cli_json_and_cases_file(tmp_path, capsys):
    target = tmp_path / "cases.parquet"
    code = main(
        ["observe", str(OBS / "tiny-model.yaml"), str(OBS / "tiny.yaml"), "--json", "--cases", str(target)]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"cases", "events", "handoffs_per_case", "transfers_per_case", "ping_pong_per_case",
                         "systems_per_case", "channel_switches_per_case", "transfer_rate", "ping_pong_rate",
                         "repeat_rate", "fcr_rate", "unmapped", "journeys", "unmatched_cases"}  # fmt: skip
    assert data["journeys"][0]["skipped"] == {"queue": 0.0, "work": 1 / 3, "close": 0.0}
    frame = pd.read_parquet(target)
    assert list(frame["case_id"]) == ["c1", "c2", "c3"] and list(frame["handoffs"]) == [5, 0, 2]
    csv = tmp_path / "cases.csv"
    assert main(["observe", str(OBS / "tiny-model.yaml"), str(OBS / "tiny.yaml"), "--cases", str(csv)]) == 0
    assert "wrote" in capsys.readouterr().out and csv.read_text().startswith("case_id,events,start")
    # the per-case file never overwrites the log or the mapping
    assert (
        main(
            [
                "observe",
                str(OBS / "tiny-model.yaml"),
                str(OBS / "tiny.yaml"),
                "--cases",
                str(OBS / "tiny.csv"),
            ]
        )
        == 2
    )


def test_the_readme_example_runs(capsys):
    assert (
        main(["observe", str(MODELS / "retail-bank"), str(ROOT / "examples/observed/retail-bank.yaml")]) == 0
    )
    out = capsys.readouterr().out
    assert "Declared against observed" in out and "check-balance" in out


def _bad(tmp_path, capsys, log_text: bytes | str, name: str = "log.csv", extra: str = ""):
    log = tmp_path / name
    log.write_bytes(log_text if isinstance(log_text, bytes) else log_text.encode())
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        f"silomap-log: 1\nlog: {name}\ncolumns: {{case: case, activity: activity, timestamp: time, resource: who, "
        f"group: null}}\n{extra}"
    )
    target = tmp_path / "cases.csv"
    with contextlib.chdir(tmp_path):  # the mapping named as given (m.yaml), so is the log beside it
        code = main(["observe", str(OBS / "tiny-model.yaml"), mapping.name, "--cases", str(target)])
    assert not target.exists()  # nothing written
    return code, capsys.readouterr().err


GOOD = "case,activity,time,who\nc1,Queue,2026-01-01T09:00:00,ann\n"


@pytest.mark.parametrize(
    ("text", "name", "extra", "expected"),
    [
        ("case,activity,when,who\nc1,Queue,2026-01-01,ann\n", "log.csv", "",
         "m.yaml:3:{col}: error[SM081]: columns.timestamp: column 'time' is not in the header of log.csv; the log "
         "has 'case', 'activity', 'when', 'who'"),
        (GOOD + "c1,Work,2026-13-45T00:00:00,bob\n", "log.csv", "",
         "log.csv:3:9: error[SM082]: column 'time': not a timestamp in ISO 8601 (or set timestamp_format): "
         "'2026-13-45T00:00:00'"),  # line 3 (the header is line 1), after 'c1,Work,'
        (GOOD + ",Work,2026-01-02T00:00:00,bob\n", "log.csv", "",
         "log.csv:3:1: error[SM083]: column 'case': the case id is missing"),
        ("case,activity,time,who\n", "log.csv", "", "log.csv: error[SM084]: the log has no events"),
        (GOOD + "c1,Work,2026-01-02T00:00:00\n", "log.csv", "",
         "log.csv:3:1: error[SM080]: row has 3 fields; the header has 4"),
    ],
    ids=["missing-column", "bad-timestamp", "null-case", "empty", "ragged"],
)  # fmt: skip
def test_bad_logs_are_located_and_nothing_is_written(tmp_path, capsys, text, name, extra, expected):
    code, err = _bad(tmp_path, capsys, text, name, extra)
    assert code == 2
    if expected is not None:
        assert err.splitlines()[0] == expected.format(col=err.split(":")[2] if "SM081" in expected else "")


def test_a_column_of_the_wrong_type_is_located(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"case": ["c1", "c2"], "activity": ["Queue", "Work"], "time": [1767258000, 1767261600],
                      "who": ["ann", "bob"]})  # fmt: skip
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer)
    code, err = _bad(tmp_path, capsys, buffer.getvalue().to_pybytes(), "log.parquet")
    assert code == 2
    assert err.splitlines()[0] == (
        "log.parquet: error[SM082]: row 1, column 'time': not a timestamp in ISO 8601 (or set "
        "timestamp_format): '1767258000'"  # a Parquet file has no lines: the row, and no line
    )


def test_a_truncated_gzip_is_refused(tmp_path, capsys):
    whole = gzip.compress(
        (GOOD + "".join(f"c{i},Work,2026-01-02T00:00:00,bob\n" for i in range(20000))).encode()
    )
    code, err = _bad(tmp_path, capsys, whole[: len(whole) // 2], "log.csv.gz")
    assert code == 2 and "SM080" in err and "gzip" in err


def test_an_xes_entity_bomb_is_refused(tmp_path, capsys):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
            '<log><trace><string key="concept:name" value="&b;"/></trace></log>\n')  # fmt: skip
    log = tmp_path / "bomb.xes"
    log.write_text(bomb)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("silomap-log: 1\nlog: bomb.xes\n")
    assert main(["observe", str(OBS / "tiny-model.yaml"), str(mapping)]) == 2
    assert "error[SM061]" in capsys.readouterr().err


def test_mapping_ids_are_checked_against_the_model(tmp_path, capsys):
    shutil.copy(OBS / "tiny.csv", tmp_path / "tiny.csv")
    text = (
        (OBS / "tiny.yaml").read_text().replace("Level 2: l2", "Level 2: l3").replace("fix/work", "fix/wrok")
    )
    (tmp_path / "m.yaml").write_text(text)
    assert main(["observe", str(OBS / "tiny-model.yaml"), str(tmp_path / "m.yaml")]) == 2
    err = capsys.readouterr().err
    assert "m.yaml:15:31: error[SM031]: teams.Level 2: unknown team 'l3'" in err
    assert "error[SM031]: steps.Work: unknown step 'fix/wrok'; did you mean 'fix/work'?" in err


def test_the_report_gains_an_observed_section(tmp_path, capsys):
    out = tmp_path / "r.html"
    args = [
        "report",
        str(OBS / "tiny-model.yaml"),
        "--observed",
        str(OBS / "tiny.yaml"),
        "--renderer",
        "embedded",
    ]
    assert main([*args, "-o", str(out)]) == 0
    page = out.read_text()
    assert 'id="observed"' in page and "3 cases and 11 events" in page
    # the heat map: l1 -> l2 2, l2 -> l1 2, self-service -> l1 1
    assert page.count('<table class="heat">') == 1 and ">2</td>" in page
    assert "work 33%" in page and '<span class="tag">self-service</span>' in page
    md = tmp_path / "r.md"
    assert (
        main(["report", str(OBS / "tiny-model.yaml"), "--observed", str(OBS / "tiny.yaml"), "-o", str(md)])
        == 0
    )
    assert "| fix | 3 | 0.85 | 2 | 1.7 | work 33% |" in md.read_text()
    # the report never overwrites the mapping
    assert main(["report", str(OBS / "tiny-model.yaml"), "--observed", str(OBS / "tiny.yaml"), "-o",
                 str(OBS / "tiny.yaml")]) == 2  # fmt: skip


@pytest.mark.needs("spark", "java")
def test_spark_gives_the_same_figures_as_duckdb(tmp_path, monkeypatch):
    """The same queries, transpiled by sqlglot, on Spark in local mode: identical JSON on the tiny log, the
    bank's synthetic log and two real public logs (CSV and XES.gz)."""
    logs = [
        (OBS / "tiny-model.yaml", OBS / "tiny.yaml"),
        (MODELS / "retail-bank", ROOT / "examples/observed/retail-bank.yaml"),
    ]
    for name, text in (("receipt", f"log: {LOGS / 'receipt.csv'}\ncolumns: {{channel: 'case:channel'}}\n"),
                       ("helpdesk", f"log: {LOGS / 'helpdesk.xes.gz'}\ncolumns: {{group: workgroup}}\n")):  # fmt: skip
        if LOGS.exists():
            (tmp_path / f"{name}.yaml").write_text("silomap-log: 1\n" + text)
            logs.append((OBS / "tiny-model.yaml", tmp_path / f"{name}.yaml"))
    for model_path, mapping in logs:
        model = silomap.load(model_path)
        duck = silomap.observe(model, mapping)
        spark = silomap.observe(model, mapping, engine="spark")
        assert spark.engine == "spark" and spark.to_dict() == duck.to_dict(), mapping
    assert len(logs) == 4 or not LOGS.exists()
    frame = spark.cases()
    assert len(frame) == spark.summary["cases"]
    # more systems than bits: the list path on Spark too, and the per-case figures named alike
    bank = silomap.load(MODELS / "retail-bank")
    mapping = ROOT / "examples/observed/retail-bank.yaml"
    duck = silomap.observe(bank, mapping)
    monkeypatch.setattr("silomap._observed.engine.SYSTEM_BITS", 0)
    spark = silomap.observe(bank, mapping, engine="spark")
    assert spark.to_dict() == duck.to_dict()
    for column in ("case_id", "team_sequence", "ping_pong", "transfers", "systems"):
        assert list(spark.cases()[column]) == list(duck.cases()[column]), column
    assert duck.cases()["ping_pong"].max() >= 1  # the comparison covers cases that ping-pong


@pytest.mark.needs("spark")
def test_what_spark_ships_to_executors_needs_no_silomap():
    """On a cluster, executors run a Python of their own where silomap need not be installed: the one
    function silomap ships to them (numbering each file's rows in order) carries its own code."""
    from pyspark import cloudpickle

    from silomap._observed.spark_engine import _numbered

    shipped = cloudpickle.dumps(_numbered("a.csv", 5 << 40))
    code = ("import pickle, sys; sys.modules['silomap'] = None; "  # importing silomap now fails
            "print(pickle.loads(sys.stdin.buffer.read())((('x', 'y'), 3)))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], input=shipped, capture_output=True, check=True)
    assert out.stdout.decode().strip() == str(("x", "y", "a.csv", (5 << 40) + 3))


def test_handoff_rates_and_the_blueprint_overlay(tmp_path, capsys):
    (fix,) = _tiny().journeys
    # declared hand-offs l1 -> l2 -> l1; only c1 (1 of 3 cases) transfers between them
    assert fix.rates() == {("l1", "l2"): pytest.approx(1 / 3), ("l2", "l1"): pytest.approx(1 / 3)}
    target = tmp_path / "fix.dot"
    args = ["render", str(OBS / "tiny-model.yaml"), "--journey", "fix", "--observed", str(OBS / "tiny.yaml")]
    assert main([*args, "-o", str(target)]) == 0
    dot = target.read_text()
    assert dot.count('xlabel="observed 33%"') == 2  # on both hand-off arrows
    svg = silomap.diagram(silomap.load(OBS / "tiny-model.yaml"), "journey", journey="fix",
                          transfer_rates=fix.rates(), renderer="embedded")  # fmt: skip
    assert "observed N%" in svg.svg()  # the legend names it
    assert main([*args[:2], "--observed", str(OBS / "tiny.yaml"), "-o", str(tmp_path / "l.dot")]) == 2
    assert "--observed goes with a journey view" in capsys.readouterr().err
