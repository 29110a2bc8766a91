"""The public API: every capability of the CLI, and errors phrased for the library's users."""

from __future__ import annotations

import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, MODELS


@pytest.fixture(scope="module")
def bank() -> silomap.Model:
    return silomap.load(MODELS / "retail-bank")


def test_import_model_returns_a_valid_model_and_its_report(tmp_path):
    result = silomap.import_model(DATA / "bpmn" / "miwg_C.5.0.bpmn", "bpmn")
    assert (len(result.model.journeys), sum(len(j.steps) for j in result.model.journeys)) == (2, 19)
    assert result.report.startswith("# Import report: miwg\\_C.5.0\n")  # escaped: names are data
    assert result.files["import-report.md"] == result.report
    written = result.write(tmp_path / "model")
    assert silomap.load(written) == result.model
    with pytest.raises(silomap.UsageError) as info:
        result.write(tmp_path / "model")  # not empty now
    assert info.value.code == "SM050" and info.value.param == "force"
    assert "use force= to overwrite" in str(info.value)


def test_import_model_and_the_cli_write_the_same_files(tmp_path, capsys):
    source = DATA / "archimate" / "archi_Archisurance_OEF.xml"
    assert main(["import", "archimate", str(source), "-o", str(tmp_path / "cli")]) == 0
    files = silomap.import_model(source, "archimate").files
    assert {p.name: p.read_text() for p in (tmp_path / "cli").iterdir()} == files


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # an earlier spelling: it still works, named so
def test_unknown_import_kind_names_the_argument():
    with pytest.raises(silomap.UsageError) as info:
        silomap.import_model("visio", DATA / "bpmn" / "miwg_C.5.0.bpmn")
    assert (
        str(info.value) == "kind= must be one of archimate, structurizr, bpmn, backstage, calm, not 'visio'"
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # an earlier spelling: it still works, named so
def test_report_is_what_the_cli_writes(bank, tmp_path, capsys):
    assert main(["report", str(MODELS / "retail-bank"), "-o", str(tmp_path / "r.md")]) == 0
    assert silomap.report(bank, format="md") == (tmp_path / "r.md").read_text()
    with pytest.raises(silomap.UsageError) as info:
        silomap.report(bank, format="docx")
    assert str(info.value) == "format= must be one of html, md, pdf, not 'docx'"


def test_library_errors_name_arguments_and_the_cli_names_flags(bank, tmp_path, capsys):
    with pytest.raises(silomap.UsageError) as info:
        silomap.diagram(bank, "journey")
    assert info.value.param == "journey" and info.value.code is None
    assert str(info.value).startswith("the journey view needs journey=; one of: ")
    assert "--journey" not in str(info.value)
    code = main(["render", str(MODELS / "retail-bank"), "--view", "journey", "-o", str(tmp_path / "j.svg")])
    assert code == 2
    assert capsys.readouterr().err.startswith("the journey view needs --journey ID; one of: ")


@pytest.mark.parametrize(
    ("call", "library"),
    [
        (
            {"group_by": "team"},
            "group_by= must be one of auto, owner, kind, domain, cluster, none, not 'team'",
        ),
        ({"overlay": "teams"}, "overlay= must be questions, not 'teams'"),
        ({"renderer": "inkscape"}, "renderer= must be one of auto, system, embedded, not 'inkscape'"),
    ],
)
def test_bad_arguments_are_named_as_arguments(bank, call, library):
    with pytest.raises(silomap.UsageError) as info:
        silomap.diagram(bank, "landscape", **call).render("svg")
    assert str(info.value) == library


def test_unknown_extension_names_the_path_argument(bank, tmp_path, capsys):
    with pytest.raises(silomap.UsageError) as info:
        silomap.diagram(bank, "landscape").save(tmp_path / "l.jpg")
    assert (
        str(info.value)
        == "unknown output extension '.jpg' for path=; use one of .svg, .png, .pdf, .dot, .gv, .mmd"
    )
    assert main(["render", str(MODELS / "retail-bank"), "-o", str(tmp_path / "l.jpg")]) == 2
    assert "unknown output extension '.jpg' for -o; use one of" in capsys.readouterr().err


def test_tool_errors_carry_their_code():
    err = silomap.ToolError("Graphviz not found", code="SM041")
    assert (err.code, err.exit_code, str(err)) == ("SM041", 3, "error[SM041]: Graphviz not found")


def test_rank_is_the_one_ranking(bank):
    ranked = silomap.rank(silomap.analyze(bank))
    # by hand from models/retail-bank: report-lost-card (2 hand-offs + 2 re-entries) x 1,500 a month
    # = 6,000; move-house (3 + 2) x 800 = 4,000
    assert [(j.id, impact) for j, impact in ranked.journeys[:2]] == [("report-lost-card", 6000.0),
                                                                     ("move-house", 4000.0)]  # fmt: skip
    assert ranked.journeys_weighted and ranked.questions_weighted
