"""A model drafted from a log, used (draft.md, "Output", "Round trip"): the loader skips the mapping
written beside it, ``silomap score`` gives its figures, and the completeness summary says what the
log gave and what is still placeholder. On tests/data/draft, written by hand as a draft is written;
every figure worked out below (and in docs/metrics.md, "A model drafted from a log").
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction

import pytest

import silomap
from silomap._cli import main
from silomap._metrics import LogEvidence, log_evidence

from .conftest import DATA, MODELS, ROOT

DRAFT = DATA / "draft"


def _copy(tmp_path):
    target = tmp_path / "draft"
    shutil.copytree(DRAFT, target)
    return target


def test_the_loader_skips_the_mapping_and_the_report_in_a_draft(tmp_path, capsys):
    """DIR holds the model's files, mapping.yaml (``silomap-log: 1``), log.csv and draft-report.md:
    validate and score read the six model files only."""
    assert (DRAFT / "mapping.yaml").read_text().startswith("silomap-log: 1")
    assert main(["validate", str(DRAFT)]) == 0
    out = capsys.readouterr()
    assert out.out == f"{DRAFT}: valid (2 systems, 0 integrations, 3 teams, 2 questions, 2 journeys)\n"
    assert out.err == ""  # no warning for the mapping either
    assert main(["score", str(DRAFT)]) == 0
    with_mapping = capsys.readouterr().out
    bare = _copy(tmp_path)
    for name in ("mapping.yaml", "log.csv", "draft-report.md"):
        (bare / name).unlink()
    assert main(["score", str(bare)]) == 0
    assert capsys.readouterr().out == with_mapping
    # the mapping given alone is still told apart from a model
    assert main(["validate", str(DRAFT / "mapping.yaml")]) == 2
    assert (
        "this is a log mapping, not a model: use silomap observe MODEL THIS-FILE" in capsys.readouterr().err
    )


def test_a_draft_scores_by_hand():
    """billing: level-1, level-2, level-1 (2 hand-offs), volume 3; outage: the customer in crm
    (self-service), unassigned, level-2 (2 hand-offs), volume 2. Each question needs crm-data (crm
    only) and erp-data (erp only): 2 systems. Desktops: level-1 crm, level-2 erp, unassigned erp."""
    a = silomap.analyze(silomap.load(DRAFT))
    assert {j.id: j.handoffs for j in a.journeys} == {"billing": 2, "outage": 2}
    assert {q.id: q.spq for q in a.questions} == {"billing": 2, "outage": 2}
    assert {t.id: t.desktop for t in a.teams} == {"level-1": 1, "level-2": 1, "unassigned": 1}
    parts = {c.name: c.value for c in a.components}
    # H = (3 f(3) + 2 f(3)) / 5 = 2/3; F = f(2) = 1/2; D = f(1) = 0; re-entry and sync not measured
    assert parts == {"fragmentation": Fraction(1, 2), "handoffs": Fraction(2, 3), "desktop": 0}
    assert a.score == 38.9  # 100 (1/2 + 2/3 + 0) / 3 = 38.89


def test_the_completeness_of_a_draft_says_what_is_placeholder():
    c = silomap.analyze(silomap.load(DRAFT)).completeness
    found = c.to_dict()
    # placeholders: both entities; both questions need them; triage's actor is unassigned
    assert found["entities_placeholder"] == {"count": 2, "of": 2, "ids": ["crm-data", "erp-data"]}
    assert found["questions_on_placeholders"] == {"count": 2, "of": 2, "ids": ["billing", "outage"]}
    assert found["steps_unassigned"] == {"count": 1, "of": 6, "ids": ["outage/triage"]}
    # every item of the six files carries x-evidence
    assert {k: (v["count"], v["of"]) for k, v in found["drafted"].items()} == {
        "journeys": (2, 2),
        "steps": (6, 6),
        "teams": (3, 3),
        "systems": (2, 2),
        "questions": (2, 2),
        "entities": (2, 2),
    }
    assert found["not_measured"] == ["reentry", "sync"]  # nothing captured, nothing held twice
    assert c.line == (
        "rests on defaults: 2 of 2 systems have kind other, 6 of 6 steps capture no data, 2 of 2 entities "
        "are placeholders, 2 of 2 questions need placeholder data, 1 of 6 steps have no team (unassigned); "
        "drafted from a log: 2 of 2 journeys, 6 of 6 steps, 3 of 3 teams, 2 of 2 systems, 2 of 2 questions, "
        "2 of 2 entities; not measured: re-entry, data sync"
    )


def test_the_summary_line_in_the_docs_is_the_real_one(capsys):
    """docs/metrics.md shows the draft's summary line (a block test_docs_values does not run: the
    model is under tests/data)."""
    page = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    shown = page.split("### A model drafted from a log", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    assert main(["score", str(DRAFT)]) == 0
    assert shown in capsys.readouterr().out.splitlines()


def test_a_partly_drafted_model_counts_what_has_evidence(tmp_path):
    """A draft the user has started to complete: a journey written by hand (no evidence) beside
    the drafted ones, and one entity no longer a placeholder."""
    target = _copy(tmp_path)
    journeys = (target / "journeys.yaml").read_text()
    journeys += (
        "  - id: by-hand\n    stage: sales\n    volume: 1\n    steps:\n"
        "      - {id: call, actor: level-1, channel: phone, systems: [crm]}\n"
    )
    (target / "journeys.yaml").write_text(journeys)
    entities = (
        (target / "entities.yaml")
        .read_text()
        .replace("{id: erp-data, name: Data in ERP, tags: [placeholder], ", "{id: erp-data, name: Invoice, ")
    )
    (target / "entities.yaml").write_text(entities)
    c = silomap.analyze(silomap.load(target)).completeness
    assert c.gap("drafted_journeys").text == "2 of 3 journeys"
    assert c.gap("drafted_steps").text == "6 of 7 steps"
    assert c.gap("entities_placeholder").ids == ("crm-data",)
    assert c.gap("questions_on_placeholders").ids == ("billing", "outage")  # both still need crm-data


def test_a_hand_written_model_says_nothing_of_drafts(capsys):
    """No x-evidence: no placeholder checks, no drafted counts, the JSON as before."""
    c = silomap.analyze(silomap.load(MODELS / "retail-bank")).completeness
    assert c.drafted == () and "drafted" not in c.to_dict() and "drafted from" not in c.line
    assert "entities_placeholder" not in c.to_dict()
    assert main(["score", str(MODELS / "retail-bank"), "--json"]) == 0
    assert "drafted" not in json.loads(capsys.readouterr().out)["completeness"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"cases": 4384, "share": 0.5}, LogEvidence(4384, 0.5)),
        ({"cases": 3}, LogEvidence(3, None)),
        ({"cases": 3, "share": 1.5}, LogEvidence(3, None)),  # a share above 1 is not shown
        ({"cases": -1}, None),
        ({"cases": True}, None),
        ({"cases": "12"}, None),
        ("many", None),
        ([1, 2], None),
    ],
)
def test_evidence_of_another_shape_is_no_evidence(raw, expected):
    """x- fields are the user's: a value of another shape is no evidence, never an error."""
    team = silomap.Team.model_validate({"id": "t", "x-evidence": raw})
    assert log_evidence(team) == expected
