"""The CLI's contracts: JSON on stdout always parses, --write --force does what the docs say, a
file given in another's place is named for what it is, options that cannot apply are refused,
CSV figures are rounded as the summary shows them, and a count has its noun in the right number."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import silomap
from silomap._cli import main

from .conftest import DATA, MODELS

BANK = MODELS / "retail-bank"
CHANGES = MODELS.parent / "examples" / "changes" / "connect-app.yaml"


def _git_model(folder: Path) -> Path:
    """A git repository with one commit of the telecom model."""
    shutil.copytree(MODELS / "telecom", folder / "m")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "m"]):
        subprocess.run(
            ["git", "-C", str(folder), "-c", "user.email=a@b", "-c", "user.name=A", *args], check=True
        )
    return folder / "m"


JSON_COMMANDS = {
    "score": lambda tmp: ["score", str(BANK), "--json"],
    "score-format": lambda tmp: ["score", str(BANK), "--format", "json"],
    "whatif-write": lambda tmp: ["whatif", str(BANK), str(CHANGES), "--json", "--write", str(tmp / "out")],
    "fixes": lambda tmp: ["fixes", str(BANK), "--json", "--top", "2", "--roadmap", "1"],
    "diff": lambda tmp: ["diff", str(BANK), str(MODELS / "telecom"), "--json"],
    "assess": lambda tmp: ["assess", str(BANK), str(BANK / "assessment.yaml"), "--json"],
    "validate-two-models": lambda tmp: [
        "validate",
        "--changed",
        str(BANK / "systems.yaml"),
        str(MODELS / "telecom" / "teams.yaml"),
        "--format",
        "json",
    ],
    "validate-no-model": lambda tmp: ["validate", "--changed", str(tmp / "notes.yaml"), "--format", "json"],
    "schema": lambda tmp: ["schema"],
}


@pytest.mark.parametrize("case", sorted(JSON_COMMANDS))
def test_json_on_stdout_always_parses(tmp_path, capsys, case):
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    assert main(JSON_COMMANDS[case](tmp_path)) == 0
    json.loads(capsys.readouterr().out)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_history_json_with_a_csv_parses_and_says_what_it_wrote_on_stderr(tmp_path, capsys):
    model = _git_model(tmp_path)
    assert main(["history", str(model), "--json", "-o", str(tmp_path / "trend.csv")]) == 0
    out, err = capsys.readouterr()
    assert [p["errors"] for p in json.loads(out)] == [0]
    assert err == f"wrote {tmp_path / 'trend.csv'}\n"


def test_whatif_json_says_what_it_wrote_on_stderr(tmp_path, capsys):
    assert main(["whatif", str(BANK), str(CHANGES), "--json", "--write", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["after"]["score"] == 38.9
    assert err == f"wrote {tmp_path / 'out'}: the changed model\n"


def _whatif(folder: Path, *more: str) -> int:
    return main(["whatif", str(BANK), str(CHANGES), "--write", str(folder), *more])


def test_force_replaces_a_model_written_before_and_keeps_other_files(tmp_path, capsys):
    out = tmp_path / "next"
    assert _whatif(out) == 0
    (out / "notes.md").write_text("ours\n")
    (out / "extra.yaml").write_text("systems: []\n")  # a model file of the earlier one: replaced
    assert _whatif(out) == 2
    assert "next is not empty; use --force to replace the model written there" in capsys.readouterr().err
    assert _whatif(out, "--force") == 0
    assert (out / "notes.md").read_text() == "ours\n"
    assert not (out / "extra.yaml").exists()
    assert silomap.load(out) == silomap.apply(silomap.load(BANK), silomap.load_changes(CHANGES))


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (
            {"report.docx": "x"},
            "is not a directory model (no model.yaml): --force replaces only a model written before",
        ),
        ({"model.yaml": "silomap: 1\nname: x\n", "changes.yaml": CHANGES.read_text()}, "holds an input"),
    ],
    ids=["not-a-model", "holds-the-change-file"],
)
def test_force_never_replaces_a_folder_of_something_else_or_an_input(tmp_path, capsys, layout, message):
    out = tmp_path / "out"
    out.mkdir()
    for name, text in layout.items():
        (out / name).write_text(text)
    changes = out / "changes.yaml" if "changes.yaml" in layout else CHANGES
    before = {p.name: p.read_text() for p in out.iterdir()}
    assert main(["whatif", str(BANK), str(changes), "--write", str(out), "--force"]) == 2
    assert message in capsys.readouterr().err
    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_force_never_replaces_the_folder_of_the_model(tmp_path, capsys):
    model = tmp_path / "m"
    shutil.copytree(BANK, model)
    before = sorted(p.relative_to(model) for p in model.rglob("*"))
    assert main(["whatif", str(model / ".." / "m"), str(CHANGES), "--write", str(model), "--force"]) == 2
    assert "would overwrite or live inside the model" in capsys.readouterr().err
    assert sorted(p.relative_to(model) for p in model.rglob("*")) == before


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            [str(CHANGES), str(BANK)],
            f"{CHANGES}:1:1: error[SM016]: this is a change file, not a model: use silomap whatif MODEL THIS-FILE",
        ),
        (
            [str(BANK), str(BANK / "model.yaml")],
            f"{BANK}/model.yaml:4:1: error[SM016]: this is a model, not a change file: a change file starts "
            "with silomap-changes: 1, and comes second (silomap whatif MODEL CHANGES)",
        ),
        (
            [str(BANK), str(BANK / "systems.yaml")],
            f"{BANK}/systems.yaml:2:1: error[SM016]: this is a file of a model, not a change file: a change "
            "file starts with silomap-changes: 1, and comes second (silomap whatif MODEL CHANGES)",
        ),
        (
            [str(BANK), str(BANK)],
            f"{BANK}: error[SM016]: this is a folder, not a change file: a change file starts with "
            "silomap-changes: 1, and comes second (silomap whatif MODEL CHANGES)",
        ),
        (
            [str(BANK), str(BANK / "assessment.yaml")],
            f"{BANK}/assessment.yaml:3:1: error[SM016]: this is an assessment file, not a change file: a "
            "change file starts with silomap-changes: 1, and comes second (silomap whatif MODEL CHANGES)",
        ),
        (
            [str(DATA / "observed" / "tiny.yaml"), str(CHANGES)],
            f"{DATA}/observed/tiny.yaml:1:1: error[SM016]: this is a log mapping, not a model: use silomap "
            "observe MODEL THIS-FILE",
        ),
    ],
    ids=[
        "changes-as-model",
        "model-as-changes",
        "model-part-as-changes",
        "folder-as-changes",
        "assessment-as-changes",
        "mapping-as-model",
    ],
)
def test_a_file_in_anothers_place_is_named_for_what_it_is(capsys, argv, expected):
    assert main(["whatif", *argv]) == 2
    assert capsys.readouterr().err.splitlines() == [expected, "1 error; nothing was computed"]


def test_a_change_file_kept_in_a_directory_model_is_not_part_of_it(tmp_path):
    shutil.copytree(BANK, tmp_path / "bank")
    shutil.copy(CHANGES, tmp_path / "bank" / "next.yaml")
    assert silomap.load(tmp_path / "bank") == silomap.load(BANK)


HINT = "hint: {given} is part of the directory model '{model}': give the folder"


@pytest.mark.parametrize(
    ("cwd", "given", "model"),
    [
        (".", "bank/systems.yaml", "bank"),
        (".", "bank/journeys", "bank"),
        ("bank", "systems.yaml", "."),
        ("bank/journeys", "move-house.yaml", ".."),
    ],
)
def test_one_file_of_a_directory_model_names_the_folder(tmp_path, capsys, monkeypatch, cwd, given, model):
    shutil.copytree(BANK, tmp_path / "bank")
    monkeypatch.chdir(tmp_path / cwd)
    assert main(["validate", given]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-2] == HINT.format(given=given, model=model)
    with pytest.raises(silomap.ModelError) as info:
        silomap.load(given)
    assert info.value.hint == HINT.format(given=given, model=model).removeprefix("hint: ")


@pytest.mark.parametrize(
    "files",
    [
        {"m.yaml": "silomap: 1\nname: M\nsystems: [{id: crm, owner: nobody}]\n"},  # no model.yaml above
        {
            "model.yaml": "silomap: 1\nname: M\n",
            "systems.yaml": "systems: [{id: crm, ownr: x}]\n",
        },  # not resolvable
        {
            "model.yaml": "name: M\n",
            "systems.yaml": "systems: [{id: crm, owner: nobody}]\n",
        },  # no silomap: above
    ],
    ids=["alone", "schema-error", "folder-is-no-model"],
)
def test_no_hint_where_the_folder_could_not_help(tmp_path, capsys, monkeypatch, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    given = "systems.yaml" if "systems.yaml" in files else "m.yaml"
    assert main(["validate", given]) == 2
    assert "hint:" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--table", "teams"], "silomap score: --table teams goes with --format csv"),
        (["--json", "--table", "teams"], "silomap score: --table teams goes with --format csv"),
        (
            ["--format", "csv", "--table", "teams", "-o", "OUT"],
            "silomap score: --table teams prints one table; -o DIR writes them all",
        ),
    ],
)
def test_score_refuses_a_table_it_would_ignore(tmp_path, capsys, argv, message):
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    assert main(["score", str(BANK), *argv]) == 2
    assert capsys.readouterr() == ("", message + "\n")
    assert not (tmp_path / "out").exists()


TINY = {
    "silomap": 1,
    "name": "Tiny",
    "teams": [{"id": "agents"}],
    "entities": [{"id": "address"}],
    "systems": [{"id": "crm", "holds": ["address"]}],
    "journeys": [
        {
            "id": "move",
            "stage": "after-sales",
            "volume": 7,
            "steps": [
                {"id": "ask", "actor": "customer", "channel": "web", "systems": ["crm"], "minutes": 1.25},
                {"id": "check", "actor": "agents", "channel": "phone", "systems": ["crm"], "minutes": 1.3},
            ],
        },
    ],
}


def test_csv_minutes_and_hours_are_rounded_half_up_as_the_summary_shows_them(tmp_path, capsys):
    (tmp_path / "m.yaml").write_text(yaml.safe_dump(TINY))
    # minutes 1.25 + 1.3 = 2.55 -> 2.6; the agents' hours 1.3 min x 7 a month / 60 = 0.1516... -> 0.2
    assert main(["score", str(tmp_path / "m.yaml"), "--format", "csv", "--table", "journeys"]) == 0
    row = capsys.readouterr().out.splitlines()[1].split(",")
    assert (row[0], row[9], row[10]) == ("move", "2.6", "0.2")
    assert main(["score", str(tmp_path / "m.yaml"), "--format", "csv", "--table", "teams"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "agents,1,crm,0.2"
    assert main(["score", str(tmp_path / "m.yaml")]) == 0
    assert "  move                          1 system, 1 hand-off,   2.6 min, agents      0.2 h: crm" in (
        capsys.readouterr().out.splitlines()
    )


def test_one_of_a_kind_is_singular_in_the_summary_and_the_messages(tmp_path, capsys):
    # the worked example: browse has 0 hand-offs, 1 silo re-entry (t3 types the address t2 gave),
    # web -> web -> chat is 1 channel switch, no volume: 1 friction; q1 needs address and profile,
    # which crm holds: 1 system
    assert main(["score", str(DATA / "worked.yaml")]) == 0  # its warnings go to stderr
    lines = capsys.readouterr().out.splitlines()
    assert (
        "  browse                       1 friction: 0 hand-offs, 1 re-entry (1 silo, 0 process), 1 channel switch"
        in lines
    )
    assert "  q1                           1 system, 0 extra: crm" in lines
    assert "  browse                        1 system, 0 hand-offs,         -, agents          -: app" in lines
    (tmp_path / "bad.yaml").write_text("silomap: 1\nname: M\nsystems: [{id: crm, owner: nobody}]\n")
    assert main(["validate", str(tmp_path / "bad.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"{tmp_path / 'bad.yaml'}: 1 error"
    assert main(["score", str(tmp_path / "bad.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "1 error; nothing was computed"


def test_a_nameless_change_file_of_one_change_says_1_change(tmp_path, capsys):
    (tmp_path / "c.yaml").write_text(
        "silomap-changes: 1\nchanges:\n  - set-mode: {from: crm-northwind, to: crm-harbor, mode: realtime}\n"
    )
    assert main(["whatif", str(BANK), str(tmp_path / "c.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "silomap what-if: Northwind Retail Bank, 1 change"


def test_the_report_says_badges_where_the_blueprint_draws_badges():
    bank = silomap.load(BANK)
    page = silomap.report(bank, renderer="embedded")
    note = page[page.index("In each blueprint") :].split("</p>")[0]
    assert "dashed" not in note and "a badge under a step lists the data typed again there" in note
    dot = silomap.diagram(bank, "journey", journey="move-house").dot
    badges = [line for line in dot.splitlines() if "typed again" in line and "->" not in line]
    assert len(badges) == 2  # move-house: the address typed again at steps 3 and 4, one badge each
