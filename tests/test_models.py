"""The bundled example models: valid, big enough, and showing real silo patterns."""

from __future__ import annotations

import json

import pytest

import silomap
from silomap._reports import summary

from .conftest import MODELS

NAMES = ["retail-bank", "telecom", "university"]


@pytest.mark.parametrize("name", NAMES)
def test_example_model_is_rich_enough(name):
    model = silomap.load(MODELS / name)
    assert len(model.systems) >= 15
    assert len(model.integrations) >= 15
    assert len(model.journeys) >= 4
    assert len(model.questions) >= 8
    assert {j.stage for j in model.journeys} == {"discovery", "sales", "after-sales"}
    result = silomap.analyze(model)
    assert result.score is not None and 0 <= result.score <= 100
    assert len(result.components) == 5
    # patterns the examples exist to show
    assert any(j.silo_reentries for j in result.journeys)
    assert any(e.unsynced for e in result.entities)
    assert any(s.kind == "spreadsheet" for s in model.systems)
    assert sum(1 for s in model.systems if s.kind == "crm") >= 2


def test_graph_of_the_bank():
    model = silomap.load(MODELS / "retail-bank")
    g = silomap.graph(model)
    kinds = {data["kind"] for _, data in g.nodes(data=True)}
    assert kinds == {"system", "entity", "team", "question", "journey", "step"}
    edge_kinds = {data["kind"] for _, _, data in g.edges(data=True)}
    assert {
        "integration",
        "holds",
        "uses",
        "captures",
        "reads",
        "answers",
        "performs",
        "needs",
        "next",
    } <= edge_kinds
    integrations = [(u, v) for u, v, k in g.edges(data="kind") if k == "integration"]
    assert len(integrations) == len(model.integrations)
    steps = sum(len(j.steps) for j in model.journeys)
    assert sum(1 for _, d in g.nodes(data=True) if d["kind"] == "step") == steps
    assert sum(1 for *_, k in g.edges(data="kind") if k == "next") == steps - len(model.journeys)


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_golden_outputs(golden, name):
    """The score JSON, the summary and the Markdown report of each bundled model, byte for byte.

    These were checked identical to the outputs before the layout change of issue 8 (with
    tests/snapshot_outputs.py), except the summary's ranking, which is now the report's."""
    model = silomap.load(MODELS / name)
    result = silomap.analyze(model)
    golden(f"{name}-score.json", json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    golden(f"{name}-summary.txt", summary(result))
    golden(f"{name}-report.md", silomap.report(model, fmt="md"))
