"""The figures as tables: ``Analysis.frames()`` and ``Fixes.frame()`` (pandas DataFrames) and
``silomap score --format csv`` (no pandas needed). Every cell is the figure the JSON contract gives."""

from __future__ import annotations

import csv
import io
import sys

import pytest

import silomap
from silomap._cli import main
from silomap._cli.history import _csv as history_csv
from silomap._metrics import TABLES, HistoryPoint

from .conftest import MODELS


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_frames_carry_the_figures_of_the_json(name):
    result = silomap.analyze(silomap.load(MODELS / name))
    frames, data = result.frames(), result.to_dict()
    assert sorted(frames) == sorted(TABLES)
    journeys = frames["journeys"].set_index("id")
    assert list(journeys.index) == [j["id"] for j in data["journeys"]]
    for j in data["journeys"]:
        row = journeys.loc[j["id"]]
        assert (row["handoffs"], row["channel_switches"], row["captures"]) == (
            j["handoffs"], j["channel_switches"], j["captures"])  # fmt: skip
        assert (row["reentries"], row["silo_reentries"], row["process_reentries"]) == (
            j["reentries"]["total"], j["reentries"]["silo"], j["reentries"]["process"])  # fmt: skip
        assert row["systems"] == j["systems"] and row["system_ids"] == ", ".join(j["system_ids"])
        # one row per hand-off and per re-entry in their own tables
        assert (frames["handoffs"]["journey"] == j["id"]).sum() == j["handoffs"]
        assert (frames["reentries"]["journey"] == j["id"]).sum() == j["reentries"]["total"]
        for kpi, value in (j["kpis"] or {}).items():
            if kpi != "measured":
                assert row[kpi] == value["value"]
    questions = frames["questions"].set_index("id")
    for q in data["questions"]:
        assert questions.loc[q["id"], "spq"] == q["spq"]
        assert questions.loc[q["id"], "cover"] == ", ".join(q["cover"])
    teams = frames["teams"].set_index("id")
    assert {t["id"]: t["desktop"] for t in data["teams"]} == teams["desktop"].to_dict()
    entities = frames["entities"].set_index("id")
    assert {e["id"]: e["unsynced"] for e in data["entities"]} == entities["unsynced"].to_dict()


def test_the_bank_by_hand():
    frames = silomap.analyze(silomap.load(MODELS / "retail-bank")).frames()
    lost = frames["journeys"].set_index("id").loc["report-lost-card"]
    # providers self-service (the bot), contact-center, contact-center, self-service (the website): 2
    # hand-offs; customer-profile and card-order typed again for the agent: 2 silo re-entries
    assert (lost["handoffs"], lost["silo_reentries"], lost["volume"], lost["nps"]) == (2, 2, 1500.0, -18.0)
    handed = frames["handoffs"].query("journey == 'report-lost-card'")
    assert list(zip(handed["from"], handed["to"], strict=True)) == [
        ("self-service", "contact-center"), ("contact-center", "self-service")]  # fmt: skip
    typed = frames["reentries"].query("journey == 'report-lost-card'")
    assert sorted(typed["entity"]) == ["card-order", "customer-profile"] and set(typed["kind"]) == {"silo"}


def test_an_empty_table_keeps_its_columns(write):
    model = silomap.load(write("silomap: 1\nname: Empty\nsystems: [{id: a}]\n"))
    frames = silomap.analyze(model).frames()
    assert frames["journeys"].empty and list(frames["journeys"].columns)[:3] == ["id", "handoffs",
                                                                                 "channel_switches"]  # fmt: skip
    assert list(frames["handoffs"].columns) == ["journey", "after", "before", "from", "to"]


def test_fixes_frame():
    found = silomap.fixes(silomap.load(MODELS / "retail-bank"), top=3, roadmap=0)
    frame = found.frame()
    assert list(frame["rank"]) == [f.rank for f in found.fixes]
    assert list(frame["score_after"]) == [f.score_after for f in found.fixes]
    assert frame.loc[0, "kind"] == found.fixes[0].change.kind


def test_without_pandas_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(silomap.ToolError, match=r"pip install 'silomap\[pandas\]'") as caught:
        silomap.analyze(silomap.load(MODELS / "university")).frames()
    assert caught.value.code == "SM044"


def test_score_csv_prints_one_table_and_writes_all(tmp_path, capsys):
    assert main(["score", str(MODELS / "retail-bank"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    frame = silomap.analyze(silomap.load(MODELS / "retail-bank")).frames()["journeys"]
    assert [r["id"] for r in rows] == list(frame["id"])
    lost = next(r for r in rows if r["id"] == "report-lost-card")
    assert (lost["handoffs"], lost["nps"], lost["agent_hours"]) == (
        "2",
        "-18.0",
        "325.0",
    )  # numbers stay numbers
    assert main(["score", str(MODELS / "retail-bank"), "--format", "csv", "--table", "questions"]) == 0
    assert capsys.readouterr().out.startswith("id,spq,exact,cover,")
    out = tmp_path / "tables"
    assert main(["score", str(MODELS / "retail-bank"), "--format", "csv", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    assert (out / "reentries.csv").read_text().startswith("journey,step,entity,kind,first,source\n")


def test_score_csv_refuses_a_folder_in_the_model_and_contradictions(tmp_path, capsys):
    model = tmp_path / "m"
    model.mkdir()
    (model / "m.yaml").write_text("silomap: 1\nname: M\n")
    assert main(["score", str(model), "--format", "csv", "-o", str(model / "out")]) == 2
    assert "inside the model" in capsys.readouterr().err and not (model / "out").exists()
    (tmp_path / "file").write_text("x")
    assert main(["score", str(model), "--format", "csv", "-o", str(tmp_path / "file")]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert main(["score", str(model), "--json", "--format", "csv"]) == 2
    assert main(["score", str(model), "-o", str(tmp_path / "x")]) == 2
    assert not (tmp_path / "x").exists()


def test_history_csv_keeps_a_formula_author_as_text():
    point = HistoryPoint("abc123", "2026-11-01", '=HYPERLINK("http://x")', 40.0, "partly integrated", {}, 0)
    text = history_csv([point]).decode()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


SMALL = """\
silomap: 1
name: Small
teams: [{id: desk}]
entities: [{id: address}, {id: order}]
systems:
  - {id: web, kind: web, channels: [web], holds: [address]}
  - {id: crm, name: "=HYPERLINK(1)", kind: crm, owner: desk, holds: [address, order]}
  - {id: sheet, kind: spreadsheet, lifecycle: phasing-out}
integrations:
  - {from: web, to: crm, carries: [address], description: "-sends it"}
  - {from: crm, to: sheet, carries: [order], mode: manual}
journeys:
  - id: move
    stage: after-sales
    steps:
      - {id: ask, actor: customer, channel: web, systems: [web]}
      - {id: fix, actor: desk, channel: internal, systems: [crm, sheet]}
  - id: order
    stage: sales
    steps:
      - {id: call, actor: desk, channel: phone, systems: [crm]}
"""


def test_systems_and_integrations_tables_by_hand(write, capsys):
    path = write(SMALL)
    assert main(["score", str(path), "--format", "csv", "--table", "systems"]) == 0
    # by hand: web has 1 link out (to crm), 0 in, is used by step ask of move: 1 journey, 1 step, no
    # team desktop (the customer's); crm: 1 out (to sheet), 1 in; steps fix and call in 2 journeys,
    # on desk's desktop; sheet: 0 out, 1 in, but its only link is manual, so it is isolated
    # (figures.isolated_systems: no non-manual link); step fix, journey move, desk's desktop.
    # The name of crm starts with '=': written with a leading "'" so no spreadsheet runs it.
    assert capsys.readouterr().out == (
        "id,name,kind,external,owner,lifecycle,holds,channels,integrations_out,integrations_in,isolated,"
        "journeys,steps,teams\n"
        "web,web,web,False,,active,address,web,1,0,False,1,1,\n"
        'crm,\'=HYPERLINK(1),crm,False,desk,active,"address, order",,1,1,False,2,2,desk\n'
        "sheet,sheet,spreadsheet,False,,phasing-out,,,0,1,True,1,1,desk\n"
    )
    assert main(["score", str(path), "--format", "csv", "--table", "integrations"]) == 0
    assert capsys.readouterr().out == (
        "from,to,carries,mode,name,description,source_id\n"
        "web,crm,address,realtime,,'-sends it,\n"
        "crm,sheet,order,manual,,,\n"
    )
