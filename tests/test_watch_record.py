"""The test of record of watch.md: at the end of input the final summary of ``silomap watch`` equals
``silomap observe --json`` on the same events, field by field, on generated logs (hypothesis) and
on the real public logs (helpdesk, receipt, ServiceNow). The watch's incremental rules and
observe's SQL are written apart; this is what keeps them one definition."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import silomap

from .conftest import DATA, shared_file

OBS = DATA / "observed"
# the fields watch.md names; observe's JSON may hold more (a parallel change adds some)
FIELDS = (
    "cases", "events", "handoffs_per_case", "transfers_per_case", "ping_pong_per_case", "systems_per_case",
    "channel_switches_per_case", "transfer_rate", "ping_pong_rate", "repeat_rate", "fcr_rate", "unmapped",
    "unmatched_cases", "handoff_matrix", "transfer_matrix", "handoff_pairs", "transfer_pairs", "not_measured",
)  # fmt: skip
JOURNEY_FIELDS = (
    "id", "cases", "fitness", "transfers_observed", "handoffs_declared", "skipped", "undeclared_teams",
    "undeclared_systems", "handoff_rates", "team_sequences",
)  # fmt: skip

TWO_JOURNEYS = """\
silomap: 1
name: Two journeys
teams: [{id: l1}, {id: l2}]
systems: [{id: crm}, {id: erp}]
journeys:
  - id: fix
    stage: after-sales
    steps:
      - {id: queue, actor: l1, channel: phone, systems: [crm]}
      - {id: work, actor: l2, channel: internal, systems: [erp]}
      - {id: close, actor: l1, channel: email, systems: [crm]}
  - id: ask
    stage: after-sales
    steps:
      - {id: queue, actor: l1, channel: phone, systems: [crm]}
      - {id: answer, actor: l1, channel: phone, systems: [crm]}
"""
HEADER = ("case", "activity", "time", "resource", "group", "channel", "system", "customer", "event")
MAPPING = """\
silomap-log: 1
log: {log}
columns: {{case: case, activity: activity, timestamp: time, resource: resource, group: group,
          channel: channel, system: system, customer: customer{event}}}
missing: ["", "?"]
repeat_window_days: 1
teams: {{Level 1: l1, Level 2: l2}}
self_service: [bot]
systems: {{CRM: crm, ERP: erp}}
steps: {{Queue: [fix/queue, ask/queue], Work: fix/work, Answer: ask/answer, Close: fix/close}}
{close}"""


def compare(final: dict, seen: dict) -> None:
    """Every field watch.md lists equal, and every field of every journey."""
    for key in FIELDS:
        assert final[key] == seen[key], key
    assert len(final["journeys"]) == len(seen["journeys"])
    for mine, theirs in zip(final["journeys"], seen["journeys"], strict=True):
        for key in JOURNEY_FIELDS:
            assert mine[key] == theirs[key], (mine["id"], key)


def write_csv(path: Path, header, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def watch_final(model, mapping, text: str, **options) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    found = list(
        silomap.watch(
            model, mapping, source=io.StringIO(text), every=0, on_warning=warnings.append, **options
        )
    )
    assert found[-1].final and all(not o.final for o in found[:-1] if hasattr(o, "final"))
    return found[-1].to_json(), warnings


def csv_text(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# A generated log: cases of a few events each, interleaved in time order (each case's events in its
# order; equal times keep the order they were made in), values drawn so that every rule meets nulls,
# self-service, unmapped values, repeats within and beyond the one-day window, and duplicates
_EVENT = st.tuples(
    st.sampled_from(["Queue", "Work", "Answer", "Close", "Other", ""]),
    st.integers(0, 50),  # minutes after the case's previous event
    st.sampled_from(["ann", "bob", "bot", "dan", ""]),
    st.sampled_from(["Level 1", "Level 2", "Desk", "?", ""]),
    st.sampled_from(["web", "phone", "internal", ""]),
    st.sampled_from(["CRM", "ERP", "portal", ""]),
    st.sampled_from(["u1", "u2", "u3", "", ""]),
    st.booleans(),  # followed by a duplicate of itself
)
_CASE = st.tuples(st.integers(0, 4 * 24 * 60), st.lists(_EVENT, min_size=1, max_size=8))
START = datetime.datetime(2026, 3, 1)


def generated(cases: list) -> tuple[list[tuple], list[tuple]]:
    """The events in arrival order, with and without the duplicates."""
    made = []
    for n, (start, events) in enumerate(cases):
        at = start
        for i, (activity, step, resource, group, channel, system, customer, again) in enumerate(events):
            at += step
            when = (START + datetime.timedelta(minutes=at)).isoformat()
            row = (f"c{n}", activity, when, resource, group, channel, system, customer, f"e{n}-{i}")
            made.append((at, len(made), row))
            if again:
                made.append((at, len(made), row))
    made.sort(key=lambda x: (x[0], x[1]))
    every = [row for _, _, row in made]
    unique, seen = [], set()
    for row in every:
        if row[-1] not in seen:
            seen.add(row[-1])
            unique.append(row)
    return every, unique


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two")
    (folder / "model.yaml").write_text(TWO_JOURNEYS)
    return folder, silomap.load(folder / "model.yaml")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_CASE, min_size=1, max_size=25))
def test_the_final_summary_equals_observe_on_generated_logs(two, cases):
    folder, model = two
    every, unique = generated(cases)
    mapping = folder / "m.yaml"
    mapping.write_text(MAPPING.format(log="accepted.csv", event=", event: event", close=""))
    final, warnings = watch_final(model, mapping, csv_text(HEADER, every), idle="off")
    assert final["duplicates"] == len(every) - len(unique) == sum(w.count("SM095") for w in warnings)
    assert final["late"] == final["reopened"] == final["open_cases"] == 0
    write_csv(folder / "accepted.csv", HEADER, unique)  # the accepted events, in arrival order
    compare(final, silomap.observe(model, mapping).to_dict())
    # observe keeps the first event of each id per case: on every event read, the same figures
    write_csv(folder / "all.csv", HEADER, every)
    mapping.write_text(MAPPING.format(log="all.csv", event=", event: event", close=""))
    compare(final, silomap.observe(model, mapping).to_dict())


def renamed(rows: list[tuple], idle: datetime.timedelta, close: set[str]) -> tuple[list[tuple], bool]:
    """The events with each case's k-th reopening named ``ID#k``, worked out here from watch.md's
    rules: a case closes at a close activity, or when stream time passes its last event by more
    than ``idle``; a later event of a closed id (remembered for ``idle`` after it closed) opens ``ID#k``.
    And whether an id was forgotten (a new case of the same name, which observe cannot tell apart)."""
    now = None
    state: dict[str, dict] = {}  # id: k, last, open, closed (stream time)
    out, forgot = [], False
    for row in rows:
        when = datetime.datetime.fromisoformat(row[2])
        now = when if now is None or when > now else now
        s = state.get(row[0])
        if s is not None and s["open"] and now - s["last"] > idle:
            s.update(open=False, closed=s["last"] + idle)  # closed before this event, at most now
        if s is not None and not s["open"] and now - s["closed"] > idle:
            s, forgot = None, True  # forgotten: a new case of the id
        if s is None:
            s = state[row[0]] = {"k": 0, "last": when, "open": True}
        elif not s["open"]:
            s.update(k=s["k"] + 1, open=True, last=when)
        s["last"] = max(s["last"], when)
        out.append((row[0] + (f"#{s['k']}" if s["k"] else ""), *row[1:]))
        if row[1] in close:
            s.update(open=False, closed=now)
    return out, forgot


# Cases whose events may come up to 100 minutes apart: idle (60 or 120 minutes) closes some, and a
# later event reopens them, as a close activity does
_GAPPY = st.tuples(
    st.integers(0, 4 * 24 * 60),
    st.lists(_EVENT.map(lambda e: (e[0], e[1] * 2, *e[2:7], False)), min_size=1, max_size=8),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_GAPPY, min_size=1, max_size=20), st.sampled_from([60, 120]))
def test_with_closes_the_final_summary_equals_observe_on_renamed_cases(two, cases, idle_minutes):
    folder, model = two
    _, rows = generated(cases)
    mapping = folder / "closes.yaml"
    mapping.write_text(MAPPING.format(log="renamed.csv", event="", close="close: [Close]\n"))
    final, _ = watch_final(model, mapping, csv_text(HEADER, rows), idle=f"{idle_minutes}m")
    names, forgot = renamed(rows, datetime.timedelta(minutes=idle_minutes), {"Close"})
    assume(not forgot)
    assert final["reopened"] == len({r[0] for r in names if "#" in r[0]})
    write_csv(folder / "renamed.csv", HEADER, names)
    compare(final, silomap.observe(model, mapping).to_dict())


def _time_ordered(header: list[str], rows: list[list[str]], ts: str, key=str) -> list[list[str]]:
    """A log's events in time order (ties: as in the file), as a stream would bring them."""
    at = header.index(ts)
    return sorted(rows, key=lambda r: key(r[at]))


def _record_on(tmp_path, model, header, rows, columns: str, extra: str = "") -> dict:
    """The test of record on a real log's events, streamed as CSV; returns the final summary."""
    write_csv(tmp_path / "log.csv", header, rows)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"silomap-log: 1\nlog: log.csv\ncolumns: {columns}\n{extra}")
    final, _ = watch_final(model, mapping, csv_text(header, rows), idle="off")
    compare(final, silomap.observe(model, mapping).to_dict())
    return final


def test_record_on_receipt(tmp_path):
    """receipt.csv (pm4py's tests, GPL-3.0; read from ../shared/data, not copied)."""
    with open(shared_file("eventlogs", "receipt.csv"), newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    rows = _time_ordered(header, rows, "time:timestamp", datetime.datetime.fromisoformat)
    final = _record_on(
        tmp_path, silomap.load(OBS / "tiny-model.yaml"), header, rows, "{channel: 'case:channel'}"
    )
    assert final["cases"] == 1434 and final["transfers_per_case"] > 0


def test_record_on_helpdesk(tmp_path):
    """helpdesk.xes.gz (pm4py's tests, GPL-3.0): its events as observe's XES reader gives them."""
    pq = pytest.importorskip("pyarrow.parquet")
    from silomap._observed.mapping import MappingFile
    from silomap._observed.xes import xes_to_parquet

    log = shared_file("eventlogs", "helpdesk.xes.gz")
    file = MappingFile.model_validate(
        {"silomap-log": 1, "log": str(log), "columns": {"group": "workgroup", "customer": "customer"}}
    )
    copy, _ = xes_to_parquet(log, silomap._observed.LogMapping(log, file))
    table = pq.read_table(copy).to_pylist()
    header = ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "workgroup", "customer"]
    rows = [["" if r.get(k) is None else str(r[k]) for k in header] for r in table]
    rows = _time_ordered(header, rows, "time:timestamp", datetime.datetime.fromisoformat)
    columns = "{group: workgroup, customer: customer}"
    final = _record_on(tmp_path, silomap.load(OBS / "tiny-model.yaml"), header, rows, columns)
    assert final["cases"] > 4000 and final["repeat_rate"] is not None


def test_record_on_servicenow(tmp_path):
    """The ServiceNow incident log (Kaggle, CC BY 4.0; ../shared/data): 141,712 events, a time format."""
    with zipfile.ZipFile(shared_file("eventlogs", "ServiceNow-Kaggle.csv.zip")) as z:
        z.extractall(tmp_path / "zip")
    with open(tmp_path / "zip" / "incident_event_log.csv", newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))

    def when(text: str) -> datetime.datetime:
        return datetime.datetime.strptime(text, "%d/%m/%Y %H:%M")

    rows = _time_ordered(header, rows, "sys_updated_at", when)
    columns = (
        "{case: number, activity: incident_state, timestamp: sys_updated_at, resource: sys_updated_by, "
        "group: assignment_group, channel: contact_type, customer: caller_id}"
    )
    extra = "timestamp_format: '%d/%m/%Y %H:%M'\nmissing: ['', '?']\n"
    final = _record_on(tmp_path, silomap.load(OBS / "tiny-model.yaml"), header, rows, columns, extra)
    assert final["cases"] > 20_000 and final["events"] == len(rows)
