"""Observed journeys on long sequences (observed.md, "What the memory bound bounds"): a case of
thousands of events keeps every figure, worked out by hand, while Python holds its steps and
teams as numbers, compares them with the journey one step at a time and names only what it shows."""

from __future__ import annotations

import datetime
import tracemalloc
from fractions import Fraction

import pytest

import silomap
from silomap._observed import compare as compare_module
from silomap._observed import fitness, lcs
from silomap._observed.duckdb_engine import _arrow
from silomap._observed.engine import ping_pong
from silomap._observed.interface import BATCH

from .conftest import DATA

MODEL = DATA / "observed" / "tiny-model.yaml"
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
ZIGZAG = 3_000  # events of the case that alternates, before its last


def _write(folder, cases):
    lines = ["case,activity,time,group"]
    for case, events in cases.items():
        lines += [
            f"{case},{activity},{(START + datetime.timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%S')},{group}"
            for i, (activity, group) in enumerate(events)
        ]
    (folder / "log.csv").write_text("\n".join(lines) + "\n")
    (folder / "log.yaml").write_text(
        "silomap-log: 1\nlog: log.csv\ncolumns: {case: case, activity: activity, timestamp: time, group: group, "
        "resource: null, system: null, channel: null}\nteams: {Level 1: l1, Level 2: l2}\n"
        "steps: {Queue: fix/queue, Work: fix/work, Close: fix/close}\n"
    )
    return folder / "log.yaml"


def _zigzag(events):
    """Queue by level 1 and Work by level 2, in turn, then Close by level 1."""
    pairs = [("Queue", "Level 1") if i % 2 == 0 else ("Work", "Level 2") for i in range(events)]
    return [*pairs, ("Close", "Level 1")]


def test_long_cases_by_hand(tmp_path):
    # zigzag: 3,001 events; steps queue work ... close: sigma of 3,001 (nothing collapses), LCS 3 with
    # queue work close: fitness 6/3004, unmatched. Teams l1 l2 ... l2 l1: 3,001 segments, 3,000
    # transfers, 2,999 ping-pongs (each segment from the third on equals the one two before).
    # blocks: 1,000 Queue by l1, 1,000 Work by l2, 1,000 Close by l1: sigma queue work close
    # (repeats collapsed), fitness 1; teams l1 l2 l1: 2 transfers, 1 ping-pong.
    blocks = [("Queue", "Level 1")] * 1_000 + [("Work", "Level 2")] * 1_000 + [("Close", "Level 1")] * 1_000
    mapping = _write(tmp_path, {"zigzag": _zigzag(ZIGZAG), "blocks": blocks})
    seen = silomap.observe(silomap.load(MODEL), mapping)
    s = seen.summary
    assert (s["cases"], s["events"]) == (2, 6_001)
    assert (s["transfers_per_case"], s["ping_pong_per_case"]) == (1_501.0, 1_500.0)
    assert (s["transfer_rate"], s["ping_pong_rate"]) == (1.0, 1.0)
    assert seen.unmatched_cases == 1
    (fix,) = seen.journeys
    assert (fix.cases, fix.fitness, fix.transfers_observed) == (1, 1.0, 2.0)
    assert dict(fix.skipped) == {"queue": 0.0, "work": 0.0, "close": 0.0}
    assert fix.sequences == ((("l1", "l2", "l1"), 1),)
    assert fix.rates() == {("l1", "l2"): 1.0, ("l2", "l1"): 1.0}
    assert seen.transfer_matrix == [("l1", "l2", 1_501), ("l2", "l1", 1_501)]
    cases = seen.cases().set_index("case_id")
    assert cases.loc["zigzag", "ping_pong"] == 2_999 and cases.loc["blocks", "ping_pong"] == 1
    assert cases.loc["zigzag", "team_sequence"] == " > ".join(["l1", "l2"] * 1_500 + ["l1"])
    assert cases.loc["blocks", "team_sequence"] == "l1 > l2 > l1"


def test_the_longest_common_subsequence_of_a_long_case():
    sigma = ["queue", "work"] * 50_000 + ["close"]
    assert lcs(sigma, ["queue", "work", "close"]) == 3
    assert lcs(iter(sigma), ["close", "queue"]) == 1  # any iterable: the case is never held as a table
    assert fitness(sigma, ["queue", "work", "close"]) == Fraction(6, 100_004)
    assert ping_pong([1, 2] * 500_000) == 999_998


def test_variants_that_share_their_steps_are_matched_once(tmp_path, monkeypatch):
    # 50 cases, each with its own team pair but the same steps: 50 variants, one step sequence
    cases = {f"c{i}": [("Queue", f"T{i}"), ("Work", f"T{i + 1}")] for i in range(50)}
    mapping = _write(tmp_path, cases)
    calls = []
    real = compare_module._best
    monkeypatch.setattr(compare_module, "_best", lambda steps, *a: calls.append(steps) or real(steps, *a))
    seen = silomap.observe(silomap.load(MODEL), mapping)
    assert len(calls) == 1  # queue, work: once for the 50 variants
    (fix,) = seen.journeys
    assert (fix.cases, fix.fitness) == (50, pytest.approx(0.8))  # queue work against queue work close
    assert len(fix.sequences) == 5 and fix.sequences[0] == (("T0", "T1"), 1)  # ties: by the names


def test_rows_reach_the_engine_a_batch_at_a_time():
    taken = []

    def rows():
        for i in range(2 * BATCH + 1):
            taken.append(i)
            yield (str(i), "x")

    table = _arrow(("a", "b"), rows())
    assert table.num_rows == 2 * BATCH + 1 and len(table.to_batches()) == 3
    assert table.column("a")[-1].as_py() == str(2 * BATCH)


def test_python_holds_a_long_case_as_numbers(tmp_path):
    """What Python allocates for one case of 100,000 events: its steps and teams as numbers, about 40
    bytes an event (naming each step as (journey, step) took 217 bytes an event)."""
    model = silomap.load(MODEL)
    (tmp_path / "warm").mkdir()
    silomap.observe(model, _write(tmp_path / "warm", {"short": _zigzag(10)}))  # the engine's modules loaded
    mapping = _write(tmp_path, {"long": _zigzag(100_000)})
    tracemalloc.start()
    try:
        seen = silomap.observe(model, mapping)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen.summary["ping_pong_per_case"] == 99_999
    assert peak < 100 * 100_000, f"{peak / 100_000:.0f} bytes an event"
