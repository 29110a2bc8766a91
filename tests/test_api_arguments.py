"""Every public function checks its arguments: a wrong one is a UsageError naming it, never a
TypeError or an AttributeError from deep inside."""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pytest

import silomap

from .conftest import DATA, MODELS

BANK = MODELS / "retail-bank"
CHANGES = MODELS.parent / "examples" / "changes" / "connect-app.yaml"
MAPPING = DATA / "observed" / "tiny.yaml"
DRAFT_LOG, DRAFT_MAP = DATA / "draft" / "rules.csv", DATA / "draft" / "rules.yaml"
RATES = MODELS.parent / "examples" / "rates.yaml"


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(BANK)


# (function, the call with one wrong argument, the parameter the error must name)
CALLS = [
    ("analyze", lambda m: silomap.analyze(str(BANK)), "model"),
    ("apply", lambda m: silomap.apply(BANK, silomap.load_changes(CHANGES)), "model"),
    ("apply", lambda m: silomap.apply(m, str(CHANGES)), "changes"),
    ("apply", lambda m: silomap.apply(m, [{"hold": {}}]), "changes"),
    ("assess", lambda m: silomap.assess(str(BANK)), "model"),
    ("assess", lambda m: silomap.assess(m, assessment=str(BANK / "assessment.yaml")), "assessment"),
    ("assess", lambda m: silomap.assess(m, analysis=m), "analysis"),
    ("diagram", lambda m: silomap.diagram(None), "model"),
    ("diagram", lambda m: silomap.diagram(m, view=3), "view"),
    ("diagram", lambda m: silomap.diagram(m, "journey", journey=5), "journey"),
    ("diagram", lambda m: silomap.diagram(m, "question", question=["q"]), "question"),
    ("diagram", lambda m: silomap.diagram(m, "group", group=1), "group"),
    ("diagram", lambda m: silomap.diagram(m, group_by=None), "group_by"),
    ("diagram", lambda m: silomap.diagram(m, overlay=1), "overlay"),
    ("diagram", lambda m: silomap.diagram(m, expand="yes"), "expand"),
    ("diagram", lambda m: silomap.diagram(m, page=4), "page"),
    ("diagram", lambda m: silomap.diagram(m, renderer=None), "renderer"),
    ("diagram", lambda m: silomap.diagram(m, analysis="x"), "analysis"),
    ("diagram", lambda m: silomap.diagram(m, transfer_rates=[0.5]), "transfer_rates"),
    ("diff", lambda m: silomap.diff(BANK, m), "base"),
    ("diff", lambda m: silomap.diff(m, str(BANK)), "head"),
    ("draft", lambda m: silomap.draft(None, DRAFT_MAP), "log"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, 3), "mapping"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, cover=1.5), "cover"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, cover=True), "cover"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, max_journeys=0), "max_journeys"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, min_cases=2.0), "min_cases"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, key="last"), "key"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, memory_limit=500), "memory_limit"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, temp_directory=3), "temp_directory"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, progress="yes"), "progress"),
    ("draft", lambda m: silomap.draft(DRAFT_LOG, DRAFT_MAP, limits={"bytes": 1}), "limits"),
    ("diff", lambda m: silomap.diff(m, m, rates=1), "rates"),
    ("export", lambda m: silomap.export(None, "archimate"), "model"),
    ("export", lambda m: silomap.export(m, None), "target"),
    ("cost", lambda m: silomap.cost(str(BANK), RATES), "model"),
    ("cost", lambda m: silomap.cost(m, 42.5), "rates"),
    ("cost", lambda m: silomap.cost(m, RATES, observed=3), "observed"),
    ("cost", lambda m: silomap.cost(m, RATES, seed=-1), "seed"),
    ("cost", lambda m: silomap.cost(m, RATES, resamples=2.5), "resamples"),
    ("cost", lambda m: silomap.cost(m, RATES, analysis=m), "analysis"),
    ("cost", lambda m: silomap.cost(m, RATES, limits="small"), "limits"),
    ("fixes", lambda m: silomap.fixes(str(BANK)), "model"),
    ("fixes", lambda m: silomap.fixes(m, rates=3), "rates"),
    ("fixes", lambda m: silomap.fixes(m, rates=RATES, by=["money"]), "by"),
    ("fixes", lambda m: silomap.fixes(m, top=math.nan), "top"),
    ("fixes", lambda m: silomap.fixes(m, top=2.0), "top"),
    ("fixes", lambda m: silomap.fixes(m, top=True), "top"),
    ("fixes", lambda m: silomap.fixes(m, roadmap=-2), "roadmap"),
    ("fixes", lambda m: silomap.fixes(m, effort=1), "effort"),
    ("fixes", lambda m: silomap.fixes(m, keep="crm-harbor"), "keep"),
    ("fixes", lambda m: silomap.fixes(m, without=[None]), "without"),
    ("fixes", lambda m: silomap.fixes(m, progress="yes"), "progress"),
    ("graph", lambda m: silomap.graph(str(BANK)), "model"),
    ("history", lambda m: silomap.history(None), "path"),
    ("history", lambda m: silomap.history(BANK, since=2026), "since"),
    ("history", lambda m: silomap.history(BANK, limit=math.inf), "limit"),
    ("history", lambda m: silomap.history(BANK, limits="small"), "limits"),
    ("history", lambda m: silomap.history(BANK, progress=1), "progress"),
    ("import_model", lambda m: silomap.import_model(None, BANK), "kind"),
    ("import_model", lambda m: silomap.import_model("bpmn", None), "path"),
    ("import_model", lambda m: silomap.import_model("bpmn", DATA / "bpmn" / "x.bpmn", limits=5), "limits"),
    ("load", lambda m: silomap.load(None), "path"),
    ("load", lambda m: silomap.load(BANK, limits={"files": 2}), "limits"),
    ("load_assessment", lambda m: silomap.load_assessment(3), "path"),
    ("load_assessment", lambda m: silomap.load_assessment(BANK / "assessment.yaml", limits=1), "limits"),
    ("load_changes", lambda m: silomap.load_changes(["a.yaml"]), "path"),
    ("load_rates", lambda m: silomap.load_rates(None), "path"),
    ("load_rates", lambda m: silomap.load_rates(RATES, limits=1), "limits"),
    ("load_changes", lambda m: silomap.load_changes(CHANGES, limits="none"), "limits"),
    ("observe", lambda m: silomap.observe(str(BANK), MAPPING), "model"),
    ("observe", lambda m: silomap.observe(m, 3), "mapping"),
    ("observe", lambda m: silomap.observe(m, MAPPING, engine="polars"), "engine"),
    ("observe", lambda m: silomap.observe(m, MAPPING, engine=["duckdb"]), "engine"),
    ("observe", lambda m: silomap.observe(m, MAPPING, memory_limit=500), "memory_limit"),
    ("observe", lambda m: silomap.observe(m, MAPPING, temp_directory=3), "temp_directory"),
    ("observe", lambda m: silomap.observe(m, MAPPING, progress="yes"), "progress"),
    ("observe", lambda m: silomap.observe(m, MAPPING, limits={"bytes": 1}), "limits"),
    ("rank", lambda m: silomap.rank(m), "analysis"),
    ("report", lambda m: silomap.report(None), "model"),
    ("report", lambda m: silomap.report(m, format=None), "format"),
    ("report", lambda m: silomap.report(m, fmt=None), "fmt"),
    ("report", lambda m: silomap.report(m, "docx"), "fmt"),
    ("import_model", lambda m: silomap.import_model(DATA / "bpmn" / "x.bpmn", None), "kind"),
    ("import_model", lambda m: silomap.import_model(None, "bpmn"), "path"),
    ("report", lambda m: silomap.report(m, renderer=2), "renderer"),
    ("report", lambda m: silomap.report(m, analysis=m), "analysis"),
    ("report", lambda m: silomap.report(m, baseline=m), "baseline"),
    ("report", lambda m: silomap.report(m, assessment=str(BANK)), "assessment"),
    ("report", lambda m: silomap.report(m, observed="x"), "observed"),
    ("watch", lambda m: silomap.watch(str(BANK), MAPPING), "model"),
    ("watch", lambda m: silomap.watch(m, 3), "mapping"),
    ("watch", lambda m: silomap.watch(m, MAPPING, source=3), "source"),
    ("watch", lambda m: silomap.watch(m, MAPPING, on_warning="stderr"), "on_warning"),
    ("watch", lambda m: silomap.watch(m, MAPPING, stop=True), "stop"),
    ("watch", lambda m: silomap.watch(m, MAPPING, limits={"bytes": 1}), "limits"),
    ("watch", lambda m: silomap.watch(m, MAPPING, idel="1h"), "options"),
    ("watch", lambda m: silomap.watch(m, MAPPING, idle="soon"), "idle"),
    ("watch", lambda m: silomap.watch(m, MAPPING, rolling=0), "rolling"),
    ("report", lambda m: silomap.report(m, rates=3), "rates"),
    ("schema", lambda m: silomap.schema(part="yes"), "part"),
    ("validate", lambda m: silomap.validate(str(BANK)), "model"),
    ("whatif", lambda m: silomap.whatif(m, silomap.load_changes(CHANGES), rates=[RATES]), "rates"),
    ("whatif", lambda m: silomap.whatif(BANK, silomap.load_changes(CHANGES)), "model"),
    ("whatif", lambda m: silomap.whatif(m, Path(CHANGES)), "changes"),
]


def _row(row: object) -> tuple[str, object, str]:
    values = row.values if hasattr(row, "values") else row
    return values[0], values[1], values[2]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # an earlier spelling: it still works, named so
@pytest.mark.parametrize(("name", "call", "param"), CALLS, ids=[f"{_row(r)[0]}-{_row(r)[2]}" for r in CALLS])
def test_a_wrong_argument_is_a_usage_error_naming_it(bank, name, call, param):
    with pytest.raises(silomap.UsageError) as info:
        call(bank)
    assert info.value.param == param
    assert str(info.value).startswith(f"{param}=") or f" {param}=" in str(info.value), str(info.value)


def test_every_parameter_of_every_public_function_is_called_wrong():
    """The table covers every public function and each of its parameters."""
    asked = {
        (name, param)
        for name in silomap.__all__
        if inspect.isfunction(getattr(silomap, name))
        for param in inspect.signature(getattr(silomap, name)).parameters
    }
    checked = {(_row(row)[0], _row(row)[2]) for row in CALLS}
    assert asked - checked == set()
