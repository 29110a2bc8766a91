"""The command line: exit codes, the JSON contract, the gate, the schema."""

from __future__ import annotations

import json
import re

import pytest

from silomap._cli import main
from silomap._metrics import figures as _figures

from .conftest import DATA, MODELS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys):
    code, out, _ = run(capsys, "validate", str(MODELS / "retail-bank"))
    assert code == 0
    assert "valid (19 systems, 21 integrations" in out


def test_score_json_contract(capsys):
    code, out, _ = run(capsys, "score", str(DATA / "worked.yaml"), "--json")
    assert code == 0
    data = json.loads(out)
    assert {
        "name",
        "score",
        "band",
        "components",
        "weights",
        "questions",
        "journeys",
        "teams",
        "entities",
        "isolated",
        "unbacked",
        "stages",
        "digital_channels",
        "replaced_dependencies",
        "kpis",
        "kpi_correlation",
    } <= set(data)
    assert (data["score"], data["band"]) == (34.2, "integrated")
    assert set(data["components"]) == {"fragmentation", "handoffs", "reentry", "desktop", "sync"}
    q2 = data["questions"][1]
    assert (q2["id"], q2["spq"], q2["exact"], q2["cover"], q2["consulted"]) == (
        "q2",
        2,
        True,
        ["crm", "erp"],
        ["crm"],
    )
    order = data["journeys"][0]
    assert (order["handoffs"], order["channel_switches"], order["captures"]) == (3, 2, 6)
    assert order["reentries"] == {"total": 3, "silo": 1, "process": 2}
    assert data["teams"] == [
        {"id": "agents", "desktop": 1, "systems": ["crm"], "agent_hours": None},
        {"id": "back-office", "desktop": 2, "systems": ["erp", "sheet"], "agent_hours": None},
    ]
    assert [(e["id"], e["holders"], e["unsynced"], e["possible"]) for e in data["entities"]] == [
        ("address", ["app", "crm", "erp"], 0, 2),
        ("order", ["erp", "sheet"], 1, 1),
    ]
    assert data["isolated"] == ["sheet"]
    assert data["unbacked"] == [{"question": "q2", "journey": "order", "step": "s3", "missing": ["order"]}]


def test_score_summary_shows_score_and_evidence(capsys):
    code, out, _ = run(capsys, "score", str(DATA / "worked.yaml"))
    assert code == 0
    assert "Silo score: 34.2 / 100  (integrated)" in out
    assert "order typed again at s5 (silo; first at s4)" in out
    # the one ranking, by hand: order 3 hand-offs + 3 re-entries = 6, browse 0 + 1 = 1 (no journey
    # volume: unweighted); q2 needs 2 systems, 1 extra; q1 needs 1, 0 extra
    ranked = [line.split()[:3] for line in out.splitlines() if re.search(r" frictions?: | extra: ", line)]
    assert ranked == [["q2", "2", "systems,"], ["q1", "1", "system,"], ["order", "6", "frictions:"],
                      ["browse", "1", "friction:"]]  # fmt: skip
    assert "  q2                           2 systems, 1 extra: crm, erp\n" in out
    assert "frictions = hand-offs + re-entries (unweighted: not every journey has a volume)" in out


@pytest.mark.parametrize(("limit", "expected"), [("34.1", 1), ("34.2", 0), ("50", 0)])
def test_fail_above_gate(capsys, limit, expected):
    code, _, err = run(capsys, "score", str(DATA / "worked.yaml"), "--fail-above", limit)
    assert code == expected
    if expected:
        assert "silo score 34.2 is above" in err


def test_invalid_model_exits_2_for_score(write, capsys):
    code, out, err = run(capsys, "score", str(write("silomap: 1\n")))
    assert code == 2
    assert "missing required field 'name'" in err
    assert out == ""


def test_usage_error_exits_2(capsys):
    code, _, err = run(capsys, "score")
    assert code == 2
    assert "see --help" in err


def test_missing_path_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nope"))
    assert code == 2
    assert "error[SM003]" in err


def test_internal_error_exits_4_without_traceback(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(_figures, "team_figures", broken)
    monkeypatch.setattr("silomap._metrics.analysis.team_figures", broken)
    code, out, err = run(capsys, "score", str(DATA / "worked.yaml"))
    assert code == 4
    assert "internal error (ZeroDivisionError)" in err and "--debug" in err
    assert "Traceback" not in out + err


def test_validate_json_format(write, capsys):
    path = write("silomap: 1\nname: x\nsytems: []\n")
    code, out, _ = run(capsys, "validate", str(path), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["status"] == "fail"
    assert data["errors"][0] | {"message": ""} == {
        "file": str(path),  # an absolute model path gives absolute locations
        "line": 3,
        "col": 1,
        "code": "SM020",
        "path": "sytems",
        "message": "",
    }


def test_github_annotations_escape_data(write, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    path = write('silomap: 1\nname: x\n"x\\n::error file=README.md,line=1::forged": 1\n', "a,b:c.yaml")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 1  # the newline in the key forged no second annotation
    assert lines[0].startswith("::error file=a%2Cb%3Ac.yaml,line=3,col=1,title=SM020::")
    assert "x\\n::error file=README.md,line=1::forged" in lines[0]


def test_github_annotation_paths_are_from_the_repository_root(write, capsys, monkeypatch, tmp_path):
    """So that GitHub attaches them to the changed line of a pull request."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    write("silomap: 1\nname: x\nsystems: [{id: a, owner: nobody}]\n", "models/acme/systems.yaml")
    monkeypatch.chdir(tmp_path / "models")
    code, out, _ = run(capsys, "validate", "acme", "--format", "github")
    assert code == 2
    assert out.startswith("::error file=models/acme/systems.yaml,line=3,col=")


def test_github_annotation_file_names_are_escaped(write, capsys, monkeypatch, tmp_path):
    """An ESC, a BEL or a bidi control in a file name reaches the log as visible text."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    write("silomap: 1\nname: x\nsystems: [{id: a, owner: nobody}]\n", "m/\x1b]8;;x\x07b\u202ec.yaml")
    code, out, _ = run(capsys, "validate", str(tmp_path / "m"), "--format", "github")
    assert code == 2
    assert out.startswith("::error file=m/\\x1b]8;;x\\x07b\\u202ec.yaml,line=3,")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_schema_is_json_schema_with_aliases(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "silomap model"
    assert set(data["required"]) == {"silomap", "name"}
    assert {"from", "to", "carries", "mode"} <= set(data["$defs"]["Integration"]["properties"])
    assert data["$defs"]["System"]["additionalProperties"] is False


def test_schema_validates_the_example_models(capsys):
    import jsonschema
    import yaml

    part = json.loads(run(capsys, "schema", "--part")[1])
    paths = sorted(p for p in MODELS.glob("*/**/*.yaml") if p.name != "assessment.yaml")
    assert len(paths) >= 18
    for path in paths:
        # as an editor reads YAML (1.2): a date such as 2026-09-30 is a string
        data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
        jsonschema.validate(data, part)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"systems": [{"id": "a", "ownr": "x"}]}, part)


def test_help_explains_commands(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    out = capsys.readouterr().out
    assert "--fail-above" in out and "exit codes" in out
