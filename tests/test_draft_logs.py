"""``silomap draft`` on real logs (``../shared/data/eventlogs``, pm4py's tests and Kaggle), each checked
against the rules of draft.md computed here in plain Python: the XES read with ElementTree, the CSV
with the csv module, LCS by its textbook table. Nothing here shares code or SQL with silomap.
Skipped, saying so, where ../shared/data is not here.
"""

from __future__ import annotations

import csv
import gzip
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

import silomap

from .conftest import ROOT

LOGS = ROOT.parent / "shared" / "data" / "eventlogs"
MONTH = Fraction(304375, 10_000)
_MINUTE = timedelta(minutes=1)


def _need(name: str) -> Path:
    log = LOGS / name
    if not log.exists():
        pytest.skip("../shared/data is not here")
    return log


def _lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def _half_up(value: Fraction, places: int) -> float:
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return whole / 10**places


def _reference(events, *, cover, max_journeys, min_cases, by_reason=False):
    """events: (case, activity, time, position, team, reason). The journeys draft.md gives, with
    each one's cases, volume, representative, M, and per step its actor (a team value, or None for
    no team) and minutes."""
    cases: dict[str, list] = {}
    for event in events:
        cases.setdefault(event[0], []).append(event)
    span = max(e[2] for e in events) - min(e[2] for e in events)
    months = max(Fraction(1), Fraction(int(span.total_seconds() * 1_000_000), 86_400_000_000) / MONTH)
    runs_of, groups = {}, {}
    for case, evs in cases.items():
        evs.sort(key=lambda e: (e[2], e[3]))
        runs = []
        for e in evs:
            if e[1] is None:
                continue
            if runs and runs[-1][0][1] == e[1]:
                runs[-1].append(e)
            else:
                runs.append([e])
        variant = tuple(r[0][1] for r in runs)
        runs_of[case] = runs
        if by_reason:
            key = next((e[5] for e in evs if e[5] is not None), None)
        else:
            key = (
                None
                if not variant
                else variant[0]
                if len(variant) == 1
                else f"{variant[0]} \u2026 {variant[-1]}"
            )
        if key is not None and variant:
            groups.setdefault(key, {}).setdefault(variant, []).append(case)
    ranked = sorted(groups, key=lambda k: (-sum(len(c) for c in groups[k].values()), k))
    out, held = [], 0
    for key in ranked:
        size = sum(len(c) for c in groups[key].values())
        if len(out) >= max_journeys or size < min_cases or held >= cover * len(cases):
            break
        held += size
        variants = groups[key]
        order = sorted(variants, key=lambda v: (-len(variants[v]), v))[:50]
        costs = [
            sum(len(cs) * (len(v) + len(u) - 2 * _lcs(v, u)) for u, cs in variants.items()) for v in order
        ]
        rep = order[costs.index(min(costs))]
        m = variants[rep]
        steps = []
        for k in range(len(rep)):
            teams: dict = {}
            for case in m:
                for e in runs_of[case][k]:
                    if e[4] is not None:
                        teams[e[4]] = teams.get(e[4], 0) + 1
            actor = min(teams, key=lambda t: (-teams[t], t)) if teams else None
            minutes = None
            if k + 1 < len(rep):
                gaps = sorted(Fraction((runs_of[c][k + 1][0][2] - runs_of[c][k][0][2]) / _MINUTE) for c in m)
                minutes = _half_up((gaps[(len(gaps) - 1) // 2] + gaps[len(gaps) // 2]) / 2, 1)
            steps.append((rep[k], actor, minutes))
        volume = max(_half_up(Fraction(size) / months, 1), 0.1)
        out.append((key, size, volume, len(m), steps))
    return out, len(cases)


def _drafted(drafted):
    teams = {t.id: t.name for t in drafted.model.teams}
    journeys = []
    for j in drafted.model.journeys:
        steps = [
            (s.name, teams.get(s.actor) if s.actor != "unassigned" else None, s.minutes) for s in j.steps
        ]
        m = j.steps[0].extensions["x-evidence"]["cases"]
        journeys.append((j.name, j.extensions["x-evidence"]["cases"], j.volume, m, steps))
    return journeys


def test_helpdesk_against_a_plain_parser(tmp_path):
    log = _need("helpdesk.xes.gz")
    events = []
    with gzip.open(log) as handle:
        root = ET.parse(handle).getroot()
    for trace in (t for t in root if t.tag.endswith("trace")):
        case = next(a.get("value") for a in trace if a.get("key") == "concept:name")
        for event in (e for e in trace if e.tag.endswith("event")):
            attrs = {a.get("key"): a.get("value") for a in event}
            ts = datetime.fromisoformat(attrs["time:timestamp"]).astimezone(UTC)
            events.append((case, attrs.get("concept:name"), ts, len(events), attrs.get("workgroup"), None))
    mapping = tmp_path / "m.yaml"
    mapping.write_text("silomap-log: 1\ncolumns: {group: workgroup, customer: customer}\n")
    drafted = silomap.draft(log, mapping)
    expected, n = _reference(events, cover=Fraction(8, 10), max_journeys=20, min_cases=30)
    assert _drafted(drafted) == expected
    # draft.md's figures
    (journey,) = drafted.model.journeys
    assert (journey.id, journey.volume, journey.extensions["x-evidence"]) == (
        "assign-seriousness-closed", 91.6, {"cases": 4365, "share": 0.9531}
    )  # fmt: skip
    assert [s.name for s in journey.steps] == [
        "Assign seriousness",
        "Take in charge ticket",
        "Resolve ticket",
        "Closed",
    ]
    assert n == 4580 and yaml.safe_load(drafted.files["mapping.yaml"])["steps"] == {
        "Assign seriousness": "assign-seriousness-closed/assign-seriousness",
        "Take in charge ticket": "assign-seriousness-closed/take-in-charge-ticket",
        "Resolve ticket": "assign-seriousness-closed/resolve-ticket",
        "Closed": "assign-seriousness-closed/closed",
    }


def _csv_events(rows, columns, when, missing=("",)):
    """columns: case, activity, time, team and reason (or None); ``when`` reads a time."""
    case, activity, time, team, reason = columns
    events = []
    for row in rows:
        value = {k: (None if v in missing else v) for k, v in row.items()}
        events.append((value[case], value[activity], when(value[time]), len(events), value[team],
                       value[reason] if reason else None))  # fmt: skip
    return events


def _iso(text):
    return datetime.fromisoformat(text).astimezone(UTC)


def test_receipt_against_the_csv_module(tmp_path):
    log = _need("receipt.csv")
    with open(log, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = ("case:concept:name", "concept:name", "time:timestamp", "org:group", None)
    events = _csv_events(rows, columns, _iso)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("silomap-log: 1\ncolumns: {channel: 'case:channel'}\n")
    drafted = silomap.draft(log, mapping, min_cases=5, cover="0.9")
    expected, n = _reference(events, cover=Fraction(9, 10), max_journeys=20, min_cases=5)
    assert _drafted(drafted) == expected and len(expected) >= 2 and n == 1434


def test_servicenow_by_reason_against_the_csv_module(tmp_path):
    archive = _need("ServiceNow-Kaggle.csv.zip")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    log = tmp_path / "incident_event_log.csv"
    with open(log, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    def when(text):
        return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=UTC)

    columns = ("number", "incident_state", "sys_updated_at", "assignment_group", "category")
    events = _csv_events(rows, columns, when, ("", "?"))
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "silomap-log: 1\ncolumns: {case: number, activity: incident_state, timestamp: sys_updated_at, "
        "resource: sys_updated_by, group: assignment_group, channel: contact_type, reason: category}\n"
        "timestamp_format: '%d/%m/%Y %H:%M'\nmissing: ['', '?']\n"
    )
    drafted = silomap.draft(log, mapping, max_journeys=8)
    expected, n = _reference(events, cover=Fraction(8, 10), max_journeys=8, min_cases=30, by_reason=True)
    assert _drafted(drafted) == expected and len(expected) == 8
    # one question a journey by reason, but no system in this log: none drafted, and the report says so
    assert (
        drafted.model.questions == ()
        and "no question for reasons whose journey uses no system" in drafted.report
    )


def test_helpdesk_round_trip_through_observe(tmp_path):
    """draft.md: observe on the draft as written matches 4,576 cases with a mean fitness of 0.9808."""
    log = _need("helpdesk.xes.gz")
    mapping = tmp_path / "m.yaml"
    mapping.write_text("silomap-log: 1\ncolumns: {group: workgroup, customer: customer}\n")
    out = silomap.draft(log, mapping).write(tmp_path / "draft")
    seen = silomap.observe(silomap.load(out), out / "mapping.yaml")
    (journey,) = seen.journeys
    assert (journey.id, journey.cases, round(journey.fitness, 4)) == (
        "assign-seriousness-closed",
        4576,
        0.9808,
    )
    assert seen.unmatched_cases == 4
