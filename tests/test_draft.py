"""``silomap draft`` (draft.md) on small logs whose every figure is worked by hand here.

``tests/data/draft/rules.csv`` (10 cases; no reason column, so a case's key is its first and last
activity) exercises ids, teams, channels, systems, minutes and the journey cut;
``examples/draft/tickets.csv`` (8 cases, a reason column) the questions, ``needs``, ``holds`` and
placeholders. The arithmetic is in the comments.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
import yaml

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT

RULES = DATA / "draft"
TICKETS = ROOT / "examples" / "draft"


def _rules(**options):
    return silomap.draft(RULES / "rules.csv", RULES / "rules.yaml", min_cases=1, **options)


def _ev(cases, share):
    return {"cases": cases, "share": share}


def test_teams_by_hand():
    # values in code-point order: "Back office" < "Customer" < "OPS!" < "Ops" < "Ops 2"; "customer" is
    # taken first, so Customer -> customer-2; "Ops" -> ops taken -> ops-2; "Ops 2" -> ops-2 taken -> ops-2-2
    # cases with an event of each (N = 10): Back office a1-a5; Customer b1; OPS! a1 a2; Ops a3 a4 a6;
    # Ops 2 b1 b2; without team (not the customer's): a1-a6, c1, d1 = 8 (a5's portal event is the customer's)
    teams = yaml.safe_load(_rules().files["teams.yaml"])["teams"]
    assert teams == [
        {"id": "back-office", "name": "Back office", "x-evidence": _ev(5, 0.5)},
        {"id": "customer-2", "name": "Customer", "x-evidence": _ev(1, 0.1)},
        {"id": "ops", "name": "OPS!", "x-evidence": _ev(2, 0.2)},
        {"id": "ops-2", "name": "Ops", "x-evidence": _ev(3, 0.3)},
        {"id": "ops-2-2", "name": "Ops 2", "x-evidence": _ev(2, 0.2)},
        {"id": "unassigned", "name": "Unassigned", "x-evidence": _ev(8, 0.8)},
    ]


START_END = {
    # 6 cases: a1-a5 Start, Work, End (a5's two Work events are one run), a6 Start, End; M = a1-a5.
    # volume: the log spans 2026-03-01 to 2026-05-01, 61 days: 6 / (61 / 30.4375) = 2.9939 -> 3.0
    "id": "start-end",
    "name": "Start \u2026 End",
    "stage": "after-sales",
    "volume": 3.0,
    "x-evidence": _ev(6, 0.6),
    "steps": [
        # Start: events by team OPS! (a1, a2) 2, Ops (a3, a4) 2, the customer (a5) 1: a tie, the smaller
        # id, ops; channels phone 2 (Telephone), chat 2 (WhatsApp), internal 1 (Fax): a tie, chat;
        # systems: ERP in 2 of 5 cases (4 x 2 >= 5), CRM in 1 (4 x 1 < 5); minutes to Work:
        # 10, 20, 40, 100, 5 -> 20. Evidence: 5 of the journey's 6 cases, 0.8333
        {"id": "start", "name": "Start", "actor": "ops", "channel": "chat", "systems": ["erp"],
         "minutes": 20.0, "x-evidence": _ev(5, 0.8333)},
        # Work: no event has a team -> unassigned; no channel -> internal; to End: 60, 60, 60, 60 and
        # 90 (a5, from its first Work event) -> 60
        {"id": "work", "name": "Work", "actor": "unassigned", "channel": "internal", "minutes": 60.0,
         "x-evidence": _ev(5, 0.8333)},
        {"id": "end", "name": "End", "actor": "back-office", "channel": "internal",
         "x-evidence": _ev(5, 0.8333)},
    ],
}  # fmt: skip

OPEN_STOP = {
    # b1, b2: Open, Open!, Stop; volume 2 / (61 / 30.4375) = 0.998 -> 1.0
    "id": "open-stop",
    "name": "Open \u2026 Stop",
    "stage": "after-sales",
    "volume": 1.0,
    "x-evidence": _ev(2, 0.2),
    "steps": [
        # Open: Customer 1, Ops 2 1: a tie, customer-2 < ops-2-2; Counter -> branch (the word table);
        # minutes 10 and 25: an even count, (10 + 25) / 2 = 17.5
        {"id": "open", "name": "Open", "actor": "customer-2", "channel": "branch", "minutes": 17.5,
         "x-evidence": _ev(2, 1.0)},
        # "Open!" slugs to open, taken in this journey: open-2
        {"id": "open-2", "name": "Open!", "actor": "ops-2-2", "channel": "internal", "minutes": 5.0,
         "x-evidence": _ev(2, 1.0)},
        {"id": "stop", "name": "Stop", "actor": "ops-2-2", "channel": "internal", "x-evidence": _ev(2, 1.0)},
    ],
}  # fmt: skip


def test_journeys_steps_and_cover_by_hand():
    # groups: Start … End 6, Open … Stop 2, Alpha 1 (c1: Alpha twice, one run), Beta 1. cover 0.8 of
    # N = 10 is 8 cases, exactly: 6, then 6 + 2 = 8 >= 8 stops (0.8 as a binary float is a little
    # more than 8/10 and would keep Alpha too)
    drafted = _rules(cover=0.8)
    assert yaml.safe_load(drafted.files["journeys.yaml"])["journeys"] == [START_END, OPEN_STOP]
    assert yaml.safe_load(drafted.files["systems.yaml"])["systems"] == [
        {"id": "crm", "name": "CRM", "kind": "other", "x-evidence": _ev(1, 0.1)},
        {"id": "erp", "name": "ERP", "kind": "other", "x-evidence": _ev(2, 0.2)},
    ]
    assert "questions.yaml" not in drafted.files and "entities.yaml" not in drafted.files
    assert "- channels left internal (no word known): Fax" in drafted.report.splitlines()
    assert "- groups not drafted: 2 (2 cases, 20.00 %): Alpha, Beta" in drafted.report.splitlines()


@pytest.mark.parametrize(
    ("options", "kept"),
    [
        (
            {"cover": "1", "max_journeys": 3},
            ["start-end", "open-stop", "alpha"],
        ),  # Alpha and Beta tie: by key
        ({"cover": Decimal(1), "min_cases": 2}, ["start-end", "open-stop"]),  # Alpha has 1 case < 2
        ({"cover": 0.6}, ["start-end"]),  # 6 >= 6
        ({"cover": 0.61}, ["start-end", "open-stop"]),
        ({"cover": 1, "max_journeys": 1}, ["start-end"]),
    ],
)
def test_the_journey_cut(options, kept):
    options = {"min_cases": 1} | options
    drafted = silomap.draft(RULES / "rules.csv", RULES / "rules.yaml", **options)
    assert [j.id for j in drafted.model.journeys] == kept


def test_key_first():
    # first activity alone: Start 6, Open 2, Alpha 1, Beta 1
    drafted = _rules(cover=1, key="first")
    assert [(j.id, j.name) for j in drafted.model.journeys] == [
        ("start", "Start"), ("open", "Open"), ("alpha", "Alpha"), ("beta", "Beta")
    ]  # fmt: skip


def test_mapping_written_for_observe():
    mapping = yaml.safe_load(_rules().files["mapping.yaml"])
    assert mapping["teams"] == {"Back office": "back-office", "Customer": "customer-2", "OPS!": "ops",
                                "Ops": "ops-2", "Ops 2": "ops-2-2"}  # fmt: skip
    assert mapping["systems"] == {"CRM": "crm", "ERP": "erp"}
    assert mapping["steps"] == {"Start": "start-end/start", "Work": "start-end/work", "End": "start-end/end",
                                "Open": "open-stop/open", "Open!": "open-stop/open-2", "Stop": "open-stop/stop"}  # fmt: skip
    assert mapping["self_service"] == ["portal"] and mapping["silomap-log"] == 1


def test_questions_needs_holds_and_placeholders_by_hand():
    # tickets.csv: Billing 4 cases (b1-b4), Outage 3 (o1-o3), x1 no reason; N = 8, the log spans 15 days
    # (< a month: volume = cases). Billing needs invoice (the mapping), held by SAP; Outage needs
    # nothing in the mapping: a placeholder per system of its steps (Open: CRM in o1, o2 of 3, 4 x 2 >= 3;
    # Dispatch, Resolve: Netops), each held by its system
    drafted = silomap.draft(TICKETS / "tickets.csv", TICKETS / "tickets.yaml", min_cases=1)
    files = {name: yaml.safe_load(text) for name, text in drafted.files.items() if name.endswith(".yaml")}
    assert files["questions.yaml"]["questions"] == [
        {"id": "billing", "text": "Billing", "needs": ["invoice"], "volume": 4.0, "x-evidence": _ev(4, 0.5)},
        {"id": "outage", "text": "Outage", "needs": ["crm-data", "netops-data"], "volume": 3.0,
         "x-evidence": _ev(3, 0.375)},
    ]  # fmt: skip
    assert files["entities.yaml"]["entities"] == [
        {"id": "crm-data", "name": "Data in CRM", "tags": ["placeholder"], "x-evidence": _ev(3, 0.375)},
        {"id": "invoice", "x-evidence": _ev(4, 0.5)},
        {"id": "netops-data", "name": "Data in Netops", "tags": ["placeholder"], "x-evidence": _ev(3, 0.375)},
    ]
    holds = {s["id"]: s.get("holds") for s in files["systems.yaml"]["systems"]}
    assert holds == {"crm": ["crm-data"], "netops": ["netops-data"], "sap": ["invoice"]}
    billing = files["journeys.yaml"]["journeys"][0]
    # Billing: b1-b3 Open, Check invoice, Resolve (b2's two Check invoice events one run), b4 Open, Resolve:
    # M = 3. Open: Front desk 2 events, the customer 1 (b3, self-service 'web'); Telephone 2, Portal 1;
    # minutes 10, 20, 40 -> 20; Check invoice -> Resolve: 30, 45, 60 -> 45
    assert [(s["id"], s["actor"], s["channel"], s.get("minutes")) for s in billing["steps"]] == [
        ("open", "front-desk", "phone", 20.0), ("check-invoice", "billing", "internal", 45.0),
        ("resolve", "billing", "email", None),
    ]  # fmt: skip
    assert "- cases without key (no activity, or no reason): 1" in drafted.report.splitlines()


def test_the_model_validates_and_scores(tmp_path):
    out = _rules().write(tmp_path / "draft")
    model = silomap.load(out)  # mapping.yaml is skipped: a log mapping, not part of the model
    assert [j.id for j in model.journeys] == ["start-end", "open-stop"]
    assert silomap.analyze(model).score is not None


def test_an_entity_needed_and_held_by_none_is_located(tmp_path, capsys):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "silomap-log: 1\ncolumns: {case: case, activity: activity, timestamp: time, reason: reason}\n"
        "needs:\n  Billing: [invoice, meter]\n  Outage: [grid]\nholds: {SAP: [invoice]}\n"
    )
    code = main(["draft", str(TICKETS / "tickets.csv"), str(mapping), "-o", str(tmp_path / "out")])
    assert code == 2 and not (tmp_path / "out").exists()
    what = "is held by no system: add it to a 'holds' entry (log system value -> entity ids), or leave it out"
    assert capsys.readouterr().err.splitlines() == [
        f"{mapping}:4:22: error[SM087]: needs.Billing[1]: entity 'meter' {what}",
        f"{mapping}:5:12: error[SM087]: needs.Outage[0]: entity 'grid' {what}",
        "2 errors; nothing was computed",
    ]


def test_a_channel_that_silomap_does_not_know_is_located(tmp_path, capsys):
    mapping = tmp_path / "m.yaml"
    mapping.write_text((RULES / "rules.yaml").read_text() + "channels: {Fax: telex}\n")
    code = main(["draft", str(RULES / "rules.csv"), str(mapping), "-o", str(tmp_path / "out")])
    assert code == 2 and capsys.readouterr().err.splitlines()[0] == (
        f"{mapping}:4:17: error[SM022]: channels.Fax: expected one of web, mobile, ios, android, phone, ivr, "
        "chat, email, branch, social, mail, field, internal; got 'telex'"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cover", "0"], "--cover must be a number in (0, 1], not the string '0'"),
        (["--cover", "1.5"], "--cover must be a number in (0, 1], not the string '1.5'"),
        (["--cover", "most"], "--cover must be a number in (0, 1], not the string 'most'"),
        (["--max-journeys", "0"], "--max-journeys must be a whole number of at least 1, not 0"),
        (["--min-cases", "-1"], "--min-cases must be a whole number of at least 1, not -1"),
    ],
)
def test_option_checks(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    code = main(["draft", str(RULES / "rules.csv"), str(RULES / "rules.yaml"), "-o", str(out), *args])
    assert code == 2 and not out.exists()
    assert capsys.readouterr().err.strip() == message


def test_a_bad_timestamp_is_located(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text((RULES / "rules.csv").read_text().replace("2026-03-02T08:20:00", "2026-13-45T08:20:00"))
    code = main(["draft", str(log), str(RULES / "rules.yaml"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    assert code == 2 and not (tmp_path / "out").exists()
    assert err[0] == (
        f"{log}:7:9: error[SM082]: column 'time': not a timestamp in ISO 8601 (or set timestamp_format): "
        "'2026-13-45T08:20:00'"
    )


def test_an_empty_log(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("case,activity,time,who,group,channel,system\n")
    code = main(["draft", str(log), str(RULES / "rules.yaml"), "-o", str(tmp_path / "out")])
    assert (
        code == 2 and capsys.readouterr().err.splitlines()[0] == f"{log}: error[SM084]: the log has no events"
    )


def test_a_reason_column_the_log_lacks(tmp_path, capsys):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        (RULES / "rules.yaml").read_text().replace("system: system}", "system: system, reason: why}")
    )
    code = main(["draft", str(RULES / "rules.csv"), str(mapping), "-o", str(tmp_path / "out")])
    column = mapping.read_text().splitlines()[1].index("why") + 1
    assert code == 2 and capsys.readouterr().err.splitlines()[0] == (
        f"{mapping}:2:{column}: error[SM081]: columns.reason: column 'why' is not in the header of "
        f"{RULES / 'rules.csv'}; the log has 'case', 'activity', 'time', 'who', 'group', 'channel', 'system'"
    )


def test_a_non_empty_folder_needs_force(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "old.yaml").write_text("teams: []\n")
    args = ["draft", str(RULES / "rules.csv"), str(RULES / "rules.yaml"), "-o", str(out), "--min-cases", "1"]
    assert main(args) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"error[SM050]: {out} is not empty; use --force to overwrite its files"
    )
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "old.yaml"]
    assert main([*args, "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "draft-report.md", "journeys.yaml", "mapping.yaml", "model.yaml", "notes.txt", "systems.yaml", "teams.yaml"
    ]  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        f"replaced {out} (--force): removed 1 earlier file: old.yaml",
        f"wrote {out}: 2 journeys, 6 teams, 2 systems, 0 questions; see draft-report.md",
    ]
    # the log lies outside the folder: observe reads a relative log only inside it, so the path is absolute
    assert yaml.safe_load((out / "mapping.yaml").read_text())["log"] == str((RULES / "rules.csv").absolute())


def test_same_input_same_bytes_in_another_process(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-m", "silomap", "draft", str(TICKETS / "tickets.csv"),
                str(TICKETS / "tickets.yaml"), "-o", str(out), "--min-cases", "1"]  # fmt: skip
        subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True)
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1] and len(outs[0]) == 8


def test_observe_reads_the_draft_as_written(tmp_path, capsys):
    # Open and Resolve became a step of each journey: mapping.yaml lists both, and observe reads it
    out = tmp_path / "draft"
    args = [str(TICKETS / "tickets.csv"), str(TICKETS / "tickets.yaml"), "-o", str(out), "--min-cases", "1"]
    assert main(["draft", *args]) == 0
    assert main(["observe", str(out), str(out / "mapping.yaml"), "--json"]) == 0


def test_names_from_the_log_make_no_markup_in_the_report(tmp_path):
    log = tmp_path / "log.csv"
    rows = ["case,activity,time"]
    rows += [f"c{n},<img src=x>|[a](javascript:1),2026-01-0{n}T08:00:00" for n in (1, 2)]
    rows += ["c3,**Bold** @org #1,2026-01-03T08:00:00"]
    log.write_text("\n".join(rows) + "\n")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "silomap-log: 1\ncolumns: {case: case, activity: activity, timestamp: time, resource: null, group: null}\n"
    )
    drafted = silomap.draft(log, mapping, min_cases=2)
    # the one journey kept (2 cases) is named by its slug; the group left out is listed, escaped
    assert [j.id for j in drafted.model.journeys] == ["img-src-x-a-javascript-1"]
    assert drafted.model.journeys[0].name == "<img src=x>|[a](javascript:1)"
    assert "- groups not drafted: 1 (1 case, 33.33 %): \\*\\*Bold\\*\\* @\u2060org #\u20601" in drafted.report
    assert "<img" not in drafted.report


def test_customer_channels_and_channels_map(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        (RULES / "rules.yaml").read_text() + "customer_channels: [WhatsApp]\nchannels: {Fax: social}\n"
    )
    drafted = silomap.draft(RULES / "rules.csv", mapping, min_cases=1)
    start = drafted.model.journeys[0].steps[0]
    # a2 and a3 start on WhatsApp: the customer's, with a5's portal event: customer 3, OPS! 1, Ops 1;
    # channels phone 2, chat 2 (WhatsApp is still chat), social 1 (Fax, through the map): chat
    assert (start.actor, start.channel) == ("customer", "chat")
    teams = {t.id: t.extensions["x-evidence"]["cases"] for t in drafted.model.teams}
    assert (teams["ops"], teams["ops-2"]) == (1, 2)  # OPS! on a1 alone; Ops on a4 and a6
    assert "channels left internal" not in drafted.report
