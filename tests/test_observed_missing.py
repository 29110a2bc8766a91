"""No figure from a missing column (observed.md, "Not measured"): whatever the log's format (CSV,
Parquet, XES), a figure that needs a column the mapping does not give is null, never 0 % or 100 %;
a column the mapping asks for and the log lacks is a located error. Expected values by hand."""

from __future__ import annotations

import csv
import json
import re
import shutil
from xml.sax.saxutils import quoteattr

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT, shared_file

OBS = DATA / "observed"
MODEL = OBS / "tiny-model.yaml"  # journey fix: queue (l1), work (l2), close (l1): 2 declared hand-offs
FORMATS = ("csv", "parquet", "xes")
CASE, ACTIVITY, TIME, RESOURCE, GROUP = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "org:group",
)
STEPS = "steps: {Queue: fix/queue, Work: fix/work, Close: fix/close}\n"
NOWHERE = {"activities": {}, "teams": {}, "channels": {}}  # no case falls out after the step: no next

# c1: ann, bob, ann (2 hand-offs); c2: cid (0). No group anywhere.
NO_GROUP = [
    {CASE: "c1", ACTIVITY: "Queue", TIME: "2026-01-01T09:00:00", RESOURCE: "ann"},
    {CASE: "c1", ACTIVITY: "Work", TIME: "2026-01-01T10:00:00", RESOURCE: "bob"},
    {CASE: "c1", ACTIVITY: "Close", TIME: "2026-01-01T11:00:00", RESOURCE: "ann"},
    {CASE: "c2", ACTIVITY: "Queue", TIME: "2026-01-02T09:00:00", RESOURCE: "cid"},
]


def _write_log(folder, kind: str, rows: list[dict[str, str]]) -> str:
    """The rows as a log of ``kind``: a key no row has is no column (CSV, Parquet) or on no event
    (XES); a key some rows lack is an empty cell, a null, or an attribute absent from the event."""
    keys = [k for k in (CASE, ACTIVITY, TIME, RESOURCE, GROUP) if any(k in r for r in rows)]
    name = f"log.{kind}"
    if kind == "csv":
        with open(folder / name, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerows([keys, *([r.get(k, "") for k in keys] for r in rows)])
    elif kind == "parquet":
        pq.write_table(pa.table({k: [r.get(k) for r in rows] for k in keys}), folder / name)
    else:
        traces: dict[str | None, list[str]] = {}
        for r in rows:
            tag = lambda k: "date" if k == TIME else "string"  # noqa: E731
            attrs = "".join(
                f"<{tag(k)} key={quoteattr(k)} value={quoteattr(v)}/>" for k, v in r.items() if k != CASE
            )
            traces.setdefault(r.get(CASE), []).append(f"<event>{attrs}</event>")
        body = "".join(
            "<trace>"
            + ("" if case is None else f'<string key="concept:name" value={quoteattr(case)}/>')
            + "".join(events)
            + "</trace>"
            for case, events in traces.items()
        )
        (folder / name).write_text(f'<?xml version="1.0"?>\n<log xes.version="1.0">{body}</log>\n')
    return name


def _mapping(folder, kind: str, rows: list[dict[str, str]], text: str = ""):
    """A mapping of the XES keys (the defaults), ``text`` added."""
    name = _write_log(folder, kind, rows)
    path = folder / "m.yaml"
    path.write_text(f"silomap-log: 1\nlog: {name}\n{text}")
    return path


@pytest.mark.parametrize("kind", FORMATS)
def test_no_team_column_is_not_measured_in_every_format(tmp_path, kind):
    seen = silomap.observe(
        silomap.load(MODEL), _mapping(tmp_path, kind, NO_GROUP, "columns: {group: null}\n" + STEPS)
    )
    not_given = "the mapping gives no {} column".format
    # fitness: c1 queue work close = 1; c2 queue: 2 * 1 / (1 + 3) = 0.5; mean 0.75. c2 skips work, close.
    assert seen.to_dict() == {
        "cases": 2,
        "events": 4,
        "handoffs_per_case": 1.0,
        "transfers_per_case": None,
        "ping_pong_per_case": None,
        "systems_per_case": None,
        "channel_switches_per_case": None,
        "transfer_rate": None,
        "ping_pong_rate": None,
        "repeat_rate": None,
        "fcr_rate": None,
        "unmapped": {"groups": None, "activities": 0, "systems": None},
        "not_measured": {
            "group": not_given("team"),
            "channel": not_given("channel"),
            "system": not_given("system"),
            "customer": not_given("customer"),
        },
        "journeys": [
            {
                "id": "fix",
                "cases": 2,
                "fitness": 0.75,
                "transfers_observed": None,
                "handoffs_declared": 2,
                "skipped": {"queue": 0.0, "work": 0.5, "close": 0.5},
                "undeclared_teams": None,
                "undeclared_systems": None,
                "team_sequences": None,
                "handoff_rates": [
                    {"from": "l1", "to": "l2", "share": None},
                    {"from": "l2", "to": "l1", "share": None},
                ],
            }
        ],
        "unmatched_cases": 0,
        "handoff_matrix": [
            {"from": "ann", "to": "bob", "count": 1},
            {"from": "bob", "to": "ann", "count": 1},
        ],
        "transfer_matrix": None,
        "handoff_pairs": 2,
        "transfer_pairs": None,
        # no customer step, so no self-service channel; no channel, duration nor lifecycle column.
        # Fallout: both cases reach queue, c1 work and close; c2 goes no further than queue: it ends
        "contact_center": {
            "self_service_channels": [],
            "containment_rate": None,
            "contained_cases": None,
            "average_handle_time_seconds": None,
            "handled_cases": None,
            "fallout": [
                {
                    "journey": "fix",
                    "cases": 2,
                    "steps": [
                        {"step": "queue", "reached": 2, "fell_out": 1, "ended": 1, "next": NOWHERE},
                        {"step": "work", "reached": 1, "fell_out": 0, "ended": 0, "next": NOWHERE},
                        {"step": "close", "reached": 1, "fell_out": 0, "ended": 0, "next": NOWHERE},
                    ],
                }
            ],
            "not_measured": {
                "containment": not_given("channel"),
                "average_handle_time": "the mapping gives no duration nor lifecycle column",
            },
        },
    }
    assert seen.summary["transfer_rate"] is None and seen.journeys[0].rates() == {
        ("l1", "l2"): None,
        ("l2", "l1"): None,
    }
    cases = seen.cases().set_index("case_id")
    assert list(cases["handoffs"]) == [2, 0]
    # without teams, systems, channels or customers: every other figure of a case is not measured
    assert cases.columns[cases.notna().any()].tolist() == ["events", "start", "handoffs"]


def test_the_cli_says_not_measured_in_text_json_and_the_cases_file(tmp_path, capsys):
    mapping = _mapping(tmp_path, "csv", NO_GROUP, "columns: {group: null}\n" + STEPS)
    target = tmp_path / "cases.csv"
    assert main(["observe", str(MODEL), str(mapping), "--cases", str(target)]) == 0
    out = capsys.readouterr().out
    assert (
        "  transferred not measured, ping-pong not measured, repeat contacts not measured, "
        "first-contact resolution not measured\n" in out
    )
    assert (
        "  not measured: the mapping gives no team column (transfers, ping-pong, first-contact resolution, "
        in out
    )
    assert "declared 2 hand-offs, observed transfers not measured; 50% skip work, 50% skip close" in out
    assert not re.search(r"transferred \d|resolution \d|transfers \d", out)
    with open(target, newline="") as handle:
        rows = list(csv.DictReader(handle))
    # c1: 3 events, 2 hand-offs; the figures of teams, systems, channels and customers: empty cells
    assert rows[0] == {
        "case_id": "c1",
        "events": "3",
        "start": "2026-01-01 09:00:00",
        "customer": "",
        "handoffs": "2",
        "transfers": "",
        "ping_pong": "",
        "systems": "",
        "channel_switches": "",
        "repeat_contact": "",
        "first_contact_resolution": "",
        "team_sequence": "",
    }
    assert main(["observe", str(MODEL), str(mapping), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["transfer_rate"], data["fcr_rate"], data["transfer_matrix"]) == (None, None, None)


# c1: l1, l2, (none) -> 1 transfer; c2: l1 -> 0. The group is on some events only.
SOME_GROUP = [dict(r) for r in NO_GROUP]
SOME_GROUP[0][GROUP], SOME_GROUP[1][GROUP], SOME_GROUP[3][GROUP] = "Level 1", "Level 2", "Level 1"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_group_on_some_events_only_is_a_missing_value(tmp_path, kind):
    """An XES attribute on some events is a missing value there, as an empty CSV cell is."""
    mapping = _mapping(tmp_path, kind, SOME_GROUP, "teams: {Level 1: l1, Level 2: l2}\n" + STEPS)
    seen = silomap.observe(silomap.load(MODEL), mapping)
    s = seen.summary
    # transfers 1 + 0 over 2 cases; transferred 1 of 2; no customer column: FCR is "no transfer", c2 only
    assert (s["transfers_per_case"], s["transfer_rate"], s["ping_pong_per_case"], s["fcr_rate"]) == (
        0.5,
        0.5,
        0.0,
        0.5,
    )
    assert seen.transfer_matrix == [("l1", "l2", 1)] and seen.unmapped["groups"] == 0
    assert set(seen.not_measured) == {"channel", "system", "customer"}
    assert list(seen.cases()["team_sequence"]) == ["l1 > l2", "l1"]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_column_without_a_value_is_not_measured(tmp_path, kind):
    """A group column (or attribute) whose every value is one of ``missing``: not measured, never 0 %."""
    rows = [{**r, GROUP: "?"} for r in NO_GROUP]
    seen = silomap.observe(
        silomap.load(MODEL), _mapping(tmp_path, kind, rows, 'missing: ["", "?"]\n' + STEPS)
    )
    assert seen.not_measured["group"] == "the team column 'org:group' has no value in the log"
    assert (seen.summary["transfer_rate"], seen.summary["fcr_rate"], seen.transfer_matrix) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("csv", "column {} is not in the header of log.csv"),
        ("parquet", "column {} is not in the schema of log.parquet"),
        ("xes", "attribute {} is on no event of log.xes"),
    ],
)
def test_a_column_the_log_lacks_is_located_in_every_format(tmp_path, capsys, monkeypatch, kind, where):
    mapping = _mapping(tmp_path, kind, NO_GROUP, "columns: {group: team, channel: chan}\n")
    monkeypatch.chdir(tmp_path)  # paths are named as typed: from here, m.yaml and log.csv
    assert main(["observe", str(MODEL), mapping.name]) == 2
    has = "; the log has 'case:concept:name', 'concept:name', " + (
        "'org:resource', 'time:timestamp'" if kind == "xes" else "'time:timestamp', 'org:resource'"
    )  # XES keys sorted; a header or schema in its order
    # every problem at once, each at its value in the mapping: line 3, 'team' at column 18, 'chan' at 33;
    # the log's columns listed once (a log's first line may be a secret)
    team, chan = where.format("'team'"), where.format("'chan'")
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"m.yaml:3:18: error[SM081]: columns.group: {team}{has}",
        f"m.yaml:3:33: error[SM081]: columns.channel: {chan}; the log's columns are listed at columns.group",
    ]


def test_an_xes_without_the_default_group_is_an_error(tmp_path, capsys, monkeypatch):
    """The case of the issue: an XES with no org:group gave "transferred 0%", exit 0."""
    mapping = _mapping(tmp_path, "xes", NO_GROUP)
    monkeypatch.chdir(tmp_path)
    assert main(["observe", str(MODEL), mapping.name]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "m.yaml:1:1: error[SM081]: columns.group: attribute 'org:group' is on no event of log.xes; the log has "
        "'case:concept:name', 'concept:name', 'org:resource', 'time:timestamp' ('org:group' is the default of "
        "columns.group: name the log's, or write null)"
    )


def test_a_bad_xes_event_is_located_in_the_xes_file(tmp_path, capsys, monkeypatch):
    """A trace without a case id: the error names the XES file and the event, not the Parquet copy."""
    rows = [*NO_GROUP[:3], {k: v for k, v in NO_GROUP[3].items() if k != CASE}]
    mapping = _mapping(tmp_path, "xes", rows, "columns: {group: null}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["observe", str(MODEL), mapping.name]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "log.xes: error[SM083]: event 4, attribute 'case:concept:name': the case id is missing"
    )


def test_a_damaged_parquet_copy_of_an_xes_is_made_again(tmp_path, monkeypatch):
    """The keys of an XES file live in its cached Parquet copy; a damaged copy is made again."""
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr("silomap._observed.xes.tempfile.gettempdir", lambda: str(cache))
    mapping = _mapping(tmp_path, "xes", NO_GROUP, "columns: {group: null}\n" + STEPS)
    first = silomap.observe(silomap.load(MODEL), mapping).to_dict()
    (copy,) = cache.glob("silomap-xes-*.parquet")
    copy.write_bytes(b"damaged")
    assert silomap.observe(silomap.load(MODEL), mapping).to_dict() == first
    assert (
        pq.read_metadata(copy).metadata[b"silomap:keys"]
        == b'["case:concept:name", "concept:name", "org:resource", "time:timestamp"]'
    )


def test_journeys_without_a_mapped_step_are_not_measured(tmp_path, capsys):
    mapping = _mapping(tmp_path, "csv", SOME_GROUP, "teams: {Level 1: l1, Level 2: l2}\n")
    data = silomap.observe(silomap.load(MODEL), mapping).to_dict()
    assert data["journeys"] == [
        {
            "id": "fix",
            "cases": None,
            "fitness": None,
            "transfers_observed": None,
            "handoffs_declared": 2,
            "skipped": None,
            "undeclared_teams": None,
            "undeclared_systems": None,
            "team_sequences": None,
            "handoff_rates": None,
        }
    ]
    assert data["unmatched_cases"] is None and data["transfer_rate"] == 0.5  # the summary needs no step
    assert data["not_measured"]["steps"] == "the mapping maps no log activity to a step of the model"
    assert main(["observe", str(MODEL), str(mapping)]) == 0
    out = capsys.readouterr().out
    assert (
        "  fix                          not measured: the mapping maps no log activity to its steps\n" in out
    )
    assert "  unmatched cases: not measured\n" in out


def test_the_report_says_not_measured(tmp_path):
    mapping = str(OBS / "tiny-no-team.yaml")
    page_path, md_path = tmp_path / "r.html", tmp_path / "r.md"
    assert (
        main(["report", str(MODEL), "--observed", mapping, "--renderer", "embedded", "-o", str(page_path)])
        == 0
    )
    page = page_path.read_text()
    # 7 hand-offs and 6 distinct systems over 3 cases (docs/observed.md); no team: no transfer figure
    assert (
        "Per case: 2.33 hand-offs, transfers between teams not measured, ping-pongs not measured, 2.00 systems. "
        "Transfers: not measured, 50% are repeat contacts, first-contact resolution: not measured."
    ) in page
    assert "<li>not measured: the mapping gives no team column (transfers, ping-pong" in page
    assert '<table class="heat">' not in page and "Not measured: the mapping gives no team column." in page
    assert "% of cases are transferred" not in page
    assert main(["report", str(MODEL), "--observed", mapping, "-o", str(md_path)]) == 0
    text = md_path.read_text()
    assert "| fix | 3 | 0.85 | 2 | not measured | work 33% |" in text
    assert (
        "- not measured: the mapping gives no team column (transfers, ping-pong, first-contact resolution,"
        in text
    )


def test_the_blueprint_overlay_says_not_measured(tmp_path, capsys):
    target = tmp_path / "fix.dot"
    args = [
        "render",
        str(MODEL),
        "--journey",
        "fix",
        "--observed",
        str(OBS / "tiny-no-team.yaml"),
        "-o",
        str(target),
    ]
    assert main(args) == 0
    assert target.read_text().count('xlabel="observed: not measured"') == 2  # both declared hand-offs
    assert "observed 0%" not in target.read_text()
    assert capsys.readouterr().out.splitlines()[1] == (
        "observed shares of the hand-offs: not measured: the mapping gives no team column"
    )


def test_a_real_xes_without_a_group_attribute(tmp_path, capsys, monkeypatch):
    """helpdesk.xes.gz (pm4py's tests, GPL-3.0, read from ../shared/data): 4,580 cases, no org:group.
    Mapped without a team, nothing about teams is measured; asked for org:group, an error."""
    log = shared_file("eventlogs", "helpdesk.xes.gz")
    shutil.copy(log, tmp_path / log.name)  # beside the mapping, as the docs have it
    monkeypatch.chdir(tmp_path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"silomap-log: 1\nlog: {log.name}\ncolumns: {{group: null}}\n")
    assert main(["observe", str(MODEL), "m.yaml", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"] == 4580 and data["handoffs_per_case"] > 0
    assert (data["transfer_rate"], data["fcr_rate"], data["ping_pong_rate"]) == (None, None, None)
    mapping.write_text(f"silomap-log: 1\nlog: {log.name}\n")
    assert main(["observe", str(MODEL), "m.yaml"]) == 2
    err = capsys.readouterr().err.splitlines()[0]
    docs = (ROOT / "docs" / "observed.md").read_text()
    assert err == _block(docs, "must say `group: null`").strip()  # as docs/observed.md shows it


def _block(docs: str, after: str) -> str:
    """The first ``text`` code block of the docs after ``after``."""
    return docs.split(after, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]


def test_the_docs_show_the_real_not_measured_output(tmp_path, capsys):
    docs = (ROOT / "docs" / "observed.md").read_text()
    target = tmp_path / "cases.csv"
    assert main(["observe", str(MODEL), str(OBS / "tiny-no-team.yaml"), "--cases", str(target)]) == 0
    out = capsys.readouterr().out
    assert _block(docs, "<!-- not-measured-output -->") + f"wrote {target}: per-case figures\n" == out
    header, c1 = _block(docs, "The per-case file leaves").splitlines()
    assert target.read_text().splitlines()[:2] == [header, c1]
    assert main(["observe", str(MODEL), str(OBS / "tiny-no-team.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    named = ("transfers_per_case", "ping_pong_per_case", "transfer_rate", "ping_pong_rate", "fcr_rate")
    assert [data[k] for k in named] == [None] * 5 and (
        data["unmapped"]["groups"],
        data["transfer_matrix"],
    ) == (None, None)
    (fix,) = data["journeys"]
    assert (fix["transfers_observed"], fix["undeclared_teams"], fix["team_sequences"]) == (None, None, None)
    assert [r["share"] for r in fix["handoff_rates"]] == [None, None]
    assert data["not_measured"] == {"group": "the mapping gives no team column"}


@pytest.mark.needs("spark", "java")
def test_spark_leaves_the_same_figures_unmeasured(tmp_path):
    model = silomap.load(MODEL)
    for kind, rows, text in (
        ("xes", NO_GROUP, "columns: {group: null}\n" + STEPS),
        ("csv", SOME_GROUP, "teams: {Level 1: l1, Level 2: l2}\n"),
    ):
        mapping = _mapping(tmp_path, kind, rows, text)
        duck, spark = silomap.observe(model, mapping), silomap.observe(model, mapping, engine="spark")
        assert spark.to_dict() == duck.to_dict()
        assert _rows(spark.cases()) == _rows(duck.cases())


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    """A frame's rows, every kind of null (None, NaN, NA) as None."""
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
