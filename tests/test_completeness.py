"""Completeness: how much of the customer layer rests on defaults, said beside the score (#23)."""

from __future__ import annotations

import json

import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, MODELS, ROOT, load_worked

SHARED = ROOT.parent / "shared" / "data"


def test_the_worked_example_by_hand():
    """docs/metrics.md, "Completeness", counts each check by hand."""
    found = silomap.analyze(load_worked(DATA / "worked.yaml")).completeness.to_dict()
    assert found == {
        "systems_without_kind": {"count": 3, "of": 4, "ids": ["app", "crm", "erp"]},  # sheet: spreadsheet
        "systems_without_holds": {"count": 0, "of": 4, "ids": []},
        "steps_without_systems": {"count": 3, "of": 8, "ids": ["order/s2", "browse/t2", "browse/t3"]},
        "steps_without_captures": {"count": 2, "of": 8, "ids": ["order/s2", "browse/t1"]},
        "questions_without_volume": {"count": 1, "of": 2, "ids": ["q2"]},
        "journeys_without_volume": {"count": 1, "of": 2, "ids": ["browse"]},
        "integrations_with_placeholders": {"count": 0, "of": 3, "ids": []},
        "not_measured": [],
    }


def test_the_summary_and_the_json_say_it_beside_the_score(capsys):
    assert main(["score", str(DATA / "worked.yaml")]) == 0
    out = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(out) if line.startswith("Silo score: 34.2"))
    assert out[at + 2] == (
        "  Rests on defaults: 3 of 4 systems have kind other, 3 of 8 steps name no system, 2 of 8 steps "
        "capture no data, 1 of 2 questions have no volume, 1 of 2 journeys have no volume"
    )
    assert main(["score", str(DATA / "worked.yaml"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["completeness"]["steps_without_systems"]["count"] == 3


MINIMAL = """\
silomap: 1
name: Placeholders
entities: [{id: data, tags: [placeholder]}, {id: address}]
systems:
  - {id: a, kind: crm, holds: [data, address]}
  - {id: b, kind: billing, holds: [data]}
  - {id: c, kind: erp, holds: [address]}
integrations:
  - {from: a, to: b, carries: [data]}
  - {from: a, to: c, carries: [address]}
"""


def test_placeholder_data_and_components_not_measured(write):
    """No questions, journeys or agent teams: only data sync is measured; one of the two links carries
    data an importer made up."""
    c = silomap.analyze(silomap.load(write(MINIMAL))).completeness
    assert c.gap("integrations_with_placeholders").to_dict() == {"count": 1, "of": 2, "ids": ["a->b"]}
    assert c.not_measured == ("fragmentation", "handoffs", "reentry", "desktop")
    assert c.line == (
        "rests on defaults: 1 of 2 integrations carry placeholder data; "
        "not measured: fragmentation, hand-offs, re-entry, desktop"
    )


def test_a_fully_declared_model_says_nothing_rests_on_defaults(write):
    text = MINIMAL.replace("{id: data, tags: [placeholder]}", "{id: data}")
    c = silomap.analyze(silomap.load(write(text))).completeness
    assert not [g for g in c.gaps if g.ids]
    assert c.line.startswith("nothing rests on defaults; not measured: ")


def test_the_reports_show_it_on_the_first_screen():
    model = silomap.load(MODELS / "retail-bank")
    line = "Rests on defaults: 5 of 19 systems have kind other, 5 of 19 systems hold no data"
    md = silomap.report(model, fmt="md")
    assert line in md.split("| Component |")[0]  # before the components table
    html = silomap.report(model)
    assert line in html.split('id="fixes"')[0]


@pytest.mark.skipif(not (SHARED / "bpmn").exists(), reason="../shared/data is not here")
def test_an_import_report_ends_with_what_rests_on_defaults():
    """BPMN C.4.0: three participants' systems with no kind and no data, no volumes, nothing typed."""
    report = silomap.import_model(SHARED / "bpmn" / "miwg_C.4.0.bpmn", "bpmn").report
    section = report.split("## Completeness")[1]
    assert "- 3 of 3 systems have kind other: employee-details, user-management, payroll-system" in section
    assert "- 4 of 4 journeys have no volume: money-bank, it, payroll, facilities" in section
    assert "- not measured: fragmentation, re-entry, data sync" in section
