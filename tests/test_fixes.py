"""What-if changes and ranked fixes: every figure exact, every error located."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import yaml
from hypothesis import given

import silomap
from silomap._changes.apply import apply_one
from silomap._changes.candidates import candidates, link_change
from silomap._changes.evaluate import Base
from silomap._changes.fixes import _prefill
from silomap._changes.links import LinkSearch
from silomap._cli import main
from silomap._metrics.score import round_half_up, silo_score

from .conftest import DATA, MODELS, load_worked
from .test_properties import SETTINGS, models

pytestmark = pytest.mark.filterwarnings("ignore::silomap.SilomapWarning")


def from_scratch(model: silomap.Model) -> Fraction | None:
    """The exact score of a changed model, by the same code as ``silomap score``."""
    return silo_score(list(silomap.analyze(model).components))


def every_candidate(model: silomap.Model):
    base = Base(model)
    links, others = candidates(base)
    return base, LinkSearch(base), [link_change(link) for link in links] + others


@SETTINGS
@given(model=models())
def test_incremental_figures_equal_full_recomputation(model):
    base, search, changes = every_candidate(model)
    for change in changes:
        truth = from_scratch(apply_one(model, change))
        assert base.evaluate(change).exact == truth, change.text
        assert base.evaluate(change, evidence=False).exact == truth, change.text
        if change.kind == "add-integration":
            fast = search.exact(change.body.source, change.body.target, change.body.carries[0])
            assert fast is None or fast == truth, change.text
        prefill = _prefill(base, change)
        assert prefill is None or prefill[0] == truth, change.text


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_every_candidate_of_the_bundled_models_is_exact(name):
    model = silomap.load(MODELS / name)
    base, _, changes = every_candidate(model)
    assert changes
    for change in changes:
        assert base.evaluate(change).exact == from_scratch(apply_one(model, change)), change.text


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_a_fix_written_and_scored_gives_its_score_after(name, tmp_path, capsys):
    """The contract: the change of a fix, in a change file, through whatif --write and score."""
    found = silomap.fixes(silomap.load(MODELS / name), top=4)
    assert found.fixes
    for fix in found.fixes:
        changes = tmp_path / f"fix{fix.rank}.yaml"
        changes.write_text(yaml.safe_dump({"silomap-changes": 1, "changes": [fix.change.to_dict()]}))
        out = tmp_path / f"m{fix.rank}"
        assert main(["whatif", str(MODELS / name), str(changes), "--write", str(out)]) == 0
        capsys.readouterr()
        assert main(["score", str(out), "--json"]) == 0
        exact = from_scratch(silomap.load(out))
        assert json.loads(capsys.readouterr().out)["score"] == round_half_up(exact, 1)
        assert fix.score_after == round_half_up(exact, 2)
        assert fix.delta == round(fix.score_after - found.score, 2)  # the figures shown add up
        for other in fix.alternatives:  # the same effect: the same exact score
            assert from_scratch(apply_one(silomap.load(MODELS / name), other.change)) == exact


def test_fixes_are_ranked_and_each_lowers_the_score():
    model = silomap.load(MODELS / "telecom")
    found = silomap.fixes(model, top=10)
    scores = [fix.score_after for fix in found.fixes]
    assert scores == sorted(scores) and all(s <= found.score for s in scores)
    assert all(fix.delta < 0 for fix in found.fixes)
    assert [fix.rank for fix in found.fixes] == list(range(1, len(found.fixes) + 1))
    quick = silomap.fixes(model, top=10, effort="quick", roadmap=3)
    assert {fix.effort for fix in quick.fixes} == {"quick"}
    assert {step.effort for step in quick.roadmap} == {"quick"}
    assert {step["effort"] for step in quick.to_dict()["roadmap"]} == {"quick"}
    big = silomap.fixes(model, top=3, effort="big", roadmap=2)
    assert {f.effort for f in big.fixes} | {s.effort for s in big.roadmap} == {"big"}


def test_the_search_over_single_integrations_is_complete():
    """No integration carrying one entity between two systems beats the best one reported."""
    model = silomap.load(MODELS / "retail-bank")
    best = min(
        from_scratch(apply_one(model, link_change((a.id, b.id, e.id))))
        for a in model.systems
        for b in model.systems
        if a.id != b.id
        for e in model.entities
    )
    found = silomap.fixes(model, top=50)
    reported = [f for f in found.fixes if f.change.kind == "add-integration"]
    assert reported and reported[0].score_after == round_half_up(best, 2)
    base = Base(model)
    assert base.evaluate(reported[0].change).exact == best


# --- the worked example of docs/fixes.md, by hand ------------------------------------------------

WORKED = [
    # (change, score after, delta): docs/fixes.md shows the arithmetic; the score now is
    # 100 * 41/120 = 34.1666... -> 34.17, and each delta is the difference of the two as shown
    ({"edit-step": {"journey": "order", "step": "s3", "captures": ["profile"]}}, 32.74, -1.43, "quick"),
    ({"set-mode": {"from": "erp", "to": "sheet", "mode": "realtime"}}, 27.5, -6.67, "quick"),
    ({"add-integration": {"from": "erp", "to": "crm", "carries": ["order"]}}, 29.17, -5.0, "quick"),
]


@pytest.mark.parametrize(
    ("change", "after", "delta", "effort"), WORKED, ids=[next(iter(c)) for c, *_ in WORKED]
)
def test_one_fix_of_each_kind_by_hand(change, after, delta, effort):
    model = load_worked(DATA / "worked.yaml")
    found = silomap.fixes(model, top=50)
    assert found.score == 34.17
    fix = next(f for f in found.fixes if f.change == silomap.Change.model_validate(change))
    assert (fix.score_after, fix.delta, fix.effort) == (after, delta, effort)
    assert silomap.whatif(model, fix.change).after.score == round(after, 1)


def test_the_worked_merge_is_measured_by_whatif_but_never_proposed():
    """crm and erp are both of the default kind: nothing says they do the same job."""
    model = load_worked(DATA / "worked.yaml")
    merge = silomap.Change.model_validate({"merge-systems": {"into": "crm", "systems": ["crm", "erp"]}})
    assert silomap.whatif(model, merge).after.score == 32.5  # docs/fixes.md works it out
    assert all(f.change.kind != "merge-systems" for f in silomap.fixes(model, top=50).fixes)


def test_a_pre_fill_removes_a_friction_and_says_where():
    model = load_worked(DATA / "worked.yaml")
    fix = next(f for f in silomap.fixes(model, top=50).fixes if f.change.kind == "edit-step")
    assert fix.frictions_removed == 1.0  # no journey volume in the example: each counts 1
    assert fix.resolves[0] == {
        "kind": "process re-entry",
        "journey": "order",
        "step": "s3",
        "entity": "address",
    }
    assert "the customer stops giving address again at s3 (order)" in fix.summary


def test_the_roadmap_applies_the_best_fix_and_measures_again():
    model = silomap.load(MODELS / "retail-bank")
    found = silomap.fixes(model, top=3, roadmap=3)
    scores = [step.score_after for step in found.roadmap]
    assert scores == sorted(scores, reverse=True)
    changed = model
    for step in found.roadmap:
        changed = silomap.apply(changed, step.change)
        assert round_half_up(from_scratch(changed), 2) == step.score_after
    assert found.roadmap[0].change == found.fixes[0].change


# --- change files: located errors, nothing written ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  - add-integration: {from: mobile-backend, to: core-bankng, carries: [address]}\n",
            "changes.yaml:3:49: error[SM070]: changes[0].add-integration.to: add-integration: unknown system "
            "'core-bankng'; did you mean 'core-banking'?",
        ),
        (
            "  - hold: {system: crm-northwind, entities: [address]}\n    retire-system: {system: chatbot}\n",
            "changes.yaml:3:5: error[SM022]: changes[0]: a change is a mapping with exactly one key",
        ),
        (
            "  - add-integraton: {from: a, to: b, carries: [c]}\n",
            "changes.yaml:3:5: error[SM020]: changes[0].add-integraton: unknown field 'add-integraton' in "
            "changes[0]; did you mean 'add-integration'?",
        ),
        (
            "  - retire-system: {system: courier-portal}\n",
            "changes.yaml:3:20: error[SM071]: changes[0].retire-system: retire-system breaks the model: "
            "questions[",
        ),
        (
            "  - set-mode: {from: crm-northwind, to: chatbot, mode: realtime}\n",
            "changes.yaml:3:41: error[SM070]: changes[0].set-mode.to: set-mode: no integration from "
            "'crm-northwind' to 'chatbot'",
        ),
    ],
    ids=["unknown-id", "two-kinds", "unknown-kind", "breaks-the-model", "no-such-integration"],
)
def test_bad_change_files_are_located_errors_and_nothing_is_written(
    tmp_path, capsys, monkeypatch, body, expected
):
    (tmp_path / "changes.yaml").write_text("silomap-changes: 1\nchanges:\n" + body)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)  # the change file named as given: changes.yaml
    assert main(["whatif", str(MODELS / "retail-bank"), "changes.yaml", "--write", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert not out.exists()


def test_whatif_never_touches_the_model_and_writes_a_valid_model(tmp_path, capsys):
    before = {p: p.read_bytes() for p in (MODELS / "retail-bank").rglob("*.yaml")}
    changes = silomap.load_changes(MODELS.parent / "examples/changes/connect-app.yaml")
    assert main(["whatif", str(MODELS / "retail-bank"), str(MODELS.parent / "examples/changes/connect-app.yaml"),
                 "--write", str(tmp_path / "m")]) == 0  # fmt: skip
    assert "Silo score: 40.0 -> 38.9 (-1.1)" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (MODELS / "retail-bank").rglob("*.yaml")} == before
    written = silomap.load(tmp_path / "m")
    assert written == silomap.apply(silomap.load(MODELS / "retail-bank"), changes)
    assert (
        main(["whatif", str(MODELS / "retail-bank"), "x.yaml", "--write", str(MODELS / "retail-bank" / "o")])
        == 2
    )


def test_fixes_and_whatif_on_an_imported_model(tmp_path):
    imported = silomap.import_model(DATA / "archimate" / "archi_Archisurance_OEF.xml", "archimate")
    found = silomap.fixes(imported.model, top=3, roadmap=2)
    assert found.score is not None
    for fix in found.fixes:
        assert silomap.whatif(imported.model, fix.change).after.score == fix.score_after


def test_the_roadmap_chart_is_static_escaped_and_the_same_every_time():
    from silomap._charts import roadmap_chart
    from silomap._reports.svg import clean_svg

    steps = [("<script>alert(1)</script> & merge", 40.0), ("connect A to B", 38.5)]
    svg = roadmap_chart(44.0, steps)
    assert svg == roadmap_chart(44.0, steps)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert str(clean_svg(svg)).startswith("<svg")  # nothing active: it may enter the report


def test_without_matplotlib_the_report_says_so_and_keeps_the_table(tmp_path, monkeypatch):
    from silomap._charts import ChartUnavailable

    def missing(*args, **kwargs):
        raise ChartUnavailable("charts need matplotlib: pip install 'silomap[charts]'", code="SM043")

    monkeypatch.setattr("silomap._reports.sections.fixes.roadmap_chart", missing)
    page = silomap.report(silomap.load(MODELS / "retail-bank"), renderer="embedded")
    assert "The chart needs matplotlib" in page and "pip install &#39;silomap[charts]&#39;" in page
    assert "The roadmap: the best fix, then the best after it" in page
