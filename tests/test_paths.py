"""Paths as the user typed them: every location opens from where the user stands (issue 23, part 6).

A problem names its file from the path given on the command line (or to the library): relative
stays relative to the working directory, absolute stays absolute, ``./`` and a trailing slash are
dropped, ``-`` is ``<stdin>``; a model read from git is ``REV:PATH``, as ``git show`` reads it.
The expected lines are worked out by hand from the files written here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import silomap
from silomap._cli import main

from .conftest import MODELS, ROOT, run_silomap
from .test_observed import OBS

# Two files, two errors. systems.yaml line 5 is "    owner: nobody": the value starts at column 12.
# more/teams.yaml lines 2 and 3 are "  - id: ops": the id starts at column 9.
SYSTEMS = "silomap: 1\nname: Acme\nsystems:\n  - id: crm\n    owner: nobody\n"
TEAMS = "teams:\n  - id: ops\n  - id: ops\n"


def _errors(root: str) -> list[str]:
    """The two errors of the model, its files named from ``root`` (how its path is shown)."""
    return [
        f"{root}more/teams.yaml:3:9: error[SM030]: teams[1].id: duplicate team id 'ops' "
        f"(also defined at {root}more/teams.yaml:2:9)",
        f"{root}systems.yaml:5:12: error[SM031]: systems[0].owner: unknown team 'nobody'",
    ]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A repository: models/acme (the two errors), models/beta (the same), models/bank.yaml (one file)."""
    for name in ("acme", "beta"):
        (tmp_path / "models" / name / "more").mkdir(parents=True)
        (tmp_path / "models" / name / "systems.yaml").write_text(SYSTEMS)
        (tmp_path / "models" / name / "more" / "teams.yaml").write_text(TEAMS)
    (tmp_path / "models" / "bank.yaml").write_text(SYSTEMS)
    (tmp_path / "other").mkdir()
    return tmp_path


def _validate(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("cwd", "typed", "root"),
    [
        (".", "models/acme", "models/acme/"),  # a nested path
        ("models", "acme", "acme/"),  # a relative path
        ("models", "./acme/", "acme/"),  # ./ and the trailing slash dropped
        ("models", "acme//", "acme/"),
        ("models/acme", ".", ""),
        ("other", "../models/acme", "../models/acme/"),  # .. kept: a symlinked folder may differ
    ],
)
def test_text_locations_start_with_the_path_as_typed(work, capsys, monkeypatch, cwd, typed, root):
    monkeypatch.chdir(work / cwd)
    code, _, err = _validate(capsys, typed)
    assert code == 2
    assert err.splitlines() == [*_errors(root), f"{root.rstrip('/') or '.'}: 2 errors"]
    for line in err.splitlines()[:2]:  # each opens from here
        assert (work / cwd / line.split(":")[0]).is_file()


def test_an_absolute_path_gives_absolute_locations(work, capsys, monkeypatch):
    monkeypatch.chdir(work / "other")
    code, _, err = _validate(capsys, str(work / "models" / "acme"))
    assert code == 2
    assert err.splitlines()[:2] == _errors(f"{work}/models/acme/")


@pytest.mark.parametrize(
    ("typed", "shown"), [("models/bank.yaml", "models/bank.yaml"), ("./models/bank.yaml", "models/bank.yaml")]
)
def test_a_one_file_model_is_named_as_typed(work, capsys, monkeypatch, typed, shown):
    monkeypatch.chdir(work)
    code, _, err = _validate(capsys, typed)
    assert code == 2
    assert err.splitlines()[0] == f"{shown}:5:12: error[SM031]: systems[0].owner: unknown team 'nobody'"
    code, _, err = _validate(capsys, str(work / typed))
    assert err.splitlines()[0].startswith(f"{work}/models/bank.yaml:5:12: error[SM031]")


def test_json_locations_are_the_same_as_the_text(work, capsys, monkeypatch):
    monkeypatch.chdir(work / "models")
    code, out, _ = _validate(capsys, "./acme", "--format", "json")
    assert code == 2
    rows = [(e["file"], e["line"], e["col"], e["code"]) for e in json.loads(out)["errors"]]
    assert rows == [("acme/more/teams.yaml", 3, 9, "SM030"), ("acme/systems.yaml", 5, 12, "SM031")]


@pytest.mark.parametrize("typed", ["acme", "./acme/", "ABSOLUTE"])
def test_github_annotations_stay_relative_to_the_repository(work, capsys, monkeypatch, typed):
    """Under GitHub Actions the annotation's file is from the workspace, however the path was typed."""
    monkeypatch.setenv("GITHUB_WORKSPACE", str(work))
    monkeypatch.chdir(work / "models")
    code, out, _ = _validate(
        capsys, str(work / "models" / "acme") if typed == "ABSOLUTE" else typed, "--format", "github"
    )
    assert code == 2
    assert [line.split("::")[1] for line in out.splitlines()] == [
        "error file=models/acme/more/teams.yaml,line=3,col=9,title=SM030",
        "error file=models/acme/systems.yaml,line=5,col=12,title=SM031",
    ]


def test_the_model_on_stdin_is_named_stdin(work):
    done = run_silomap("validate", "-", input=SYSTEMS, cwd=work / "other")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "<stdin>:5:12: error[SM031]: systems[0].owner: unknown team 'nobody'",
        "-: 1 error",
    ]


def test_a_separate_process_in_another_folder_names_files_from_there(work):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = run_silomap("validate", "../models/beta", cwd=work / "other", env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines()[:2] == _errors("../models/beta/")


def test_the_pre_commit_hook_names_each_models_files(work):
    """The hook as pre-commit runs it, from the repository's root with the changed files: with two
    models alike, each problem says which model it is in."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    changed = ["models/acme/systems.yaml", "models/beta/more/teams.yaml", "README.md"]
    files = [f for f in changed if re.search(hook["files"], f)]
    (work / "models" / "acme" / "model.yaml").write_text("silomap: 1\n")  # directory models
    (work / "models" / "beta" / "model.yaml").write_text("silomap: 1\n")
    command = [sys.executable, "-m", *hook["entry"].split(), *files]
    assert command[2] == "silomap"
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        *_errors("models/acme/"),
        "models/acme: 2 errors",
        *_errors("models/beta/"),
        "models/beta: 2 errors",
    ]
    assert f"```text\n{done.stderr}```" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def test_the_library_names_files_from_the_path_given(work, monkeypatch):
    monkeypatch.chdir(work / "models")
    for given, root in (
        ("acme", "acme/"),
        ("./acme/", "acme/"),
        (work / "models" / "acme", f"{work}/models/acme/"),
    ):
        with pytest.raises(silomap.ModelError) as info:
            silomap.load(given)
        assert [p.file for p in info.value.problems] == [f"{root}more/teams.yaml", f"{root}systems.yaml"]


def test_a_missing_model_is_named_as_typed(work, capsys, monkeypatch):
    monkeypatch.chdir(work)
    code, _, err = _validate(capsys, "./models/nothing/")
    assert code == 2
    assert err.splitlines()[0] == "models/nothing:1:1: error[SM003]: no such file or directory: no model here"


@pytest.mark.parametrize("command", ["whatif", "observe", "cost", "assess"])
def test_a_missing_file_beside_the_model_is_not_called_a_model(work, capsys, monkeypatch, command):
    """A change, log mapping, rates or assessment file that is not there: named as typed, and never
    "no model here", which would send the user looking at the model."""
    monkeypatch.chdir(work)
    assert main([command, str(MODELS / "telecom"), "./nothing.yaml"]) == 2
    assert (
        capsys.readouterr().err.splitlines()[0] == "nothing.yaml:1:1: error[SM003]: no such file or directory"
    )


def test_a_file_name_is_escaped_in_the_terminal(work, capsys, monkeypatch):
    """A folder name with ESC and a newline cannot repaint the screen or forge a problem line."""
    evil = "m\x1b[2J\nx.yaml:1:1: error[SM999]: forged"
    shutil.copytree(work / "models" / "acme", work / evil)
    monkeypatch.chdir(work)
    code, _, err = _validate(capsys, evil)
    assert code == 2
    shown = "m\\x1b[2J\\nx.yaml:1:1: error[SM999]: forged/"
    assert err.splitlines()[:2] == _errors(shown)


# --- the other files a command reads -----------------------------------------------------------


def test_a_change_file_is_named_as_typed(work, capsys, monkeypatch):
    (work / "changes").mkdir()
    body = "  - add-integration: {from: mobile-backend, to: core-bankng, carries: [address]}\n"
    (work / "changes" / "c.yaml").write_text("silomap-changes: 1\nchanges:\n" + body)
    monkeypatch.chdir(work)
    assert main(["whatif", str(MODELS / "retail-bank"), "./changes/c.yaml"]) == 2
    # "  - add-integration: {from: mobile-backend, to: " is 48 characters: the id starts at 49
    assert capsys.readouterr().err.splitlines()[0] == (
        "changes/c.yaml:3:49: error[SM070]: changes[0].add-integration.to: add-integration: unknown system "
        "'core-bankng'; did you mean 'core-banking'?"
    )


MAPPING = "silomap-log: 1\nlog: {log}\ncolumns: {{case: case, activity: activity, timestamp: time, resource: who, group: null}}\n"


@pytest.mark.parametrize(
    ("log", "header", "expected"),
    [
        # the mapping's third line: "columns: {case: case, activity: activity, timestamp: " is 53 characters
        (
            "log.csv",
            "case,activity,when,who",
            "obs/m.yaml:3:54: error[SM081]: columns.timestamp: column 'time'",
        ),
        # the log's line 2, after "c1,Queue,"
        ("log.csv", "case,activity,time,who", "obs/log.csv:2:10: error[SM082]: column 'time'"),
        ("nope.csv", "case,activity,time,who", "obs/nope.csv: error[SM080]: no log found"),
    ],
    ids=["mapping", "log", "no-log"],
)
def test_a_mapping_and_its_log_are_named_from_the_mapping_as_typed(
    work, capsys, monkeypatch, log, header, expected
):
    (work / "obs").mkdir()
    (work / "obs" / "m.yaml").write_text(MAPPING.format(log=log))
    (work / "obs" / "log.csv").write_text(f"{header}\nc1,Queue,2026-13-45T00:00:00,ann\n")
    monkeypatch.chdir(work)
    assert main(["observe", str(OBS / "tiny-model.yaml"), "obs/m.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0].startswith(expected)


XES = """<?xml version="1.0"?>
<log><trace><string key="concept:name" value="c1"/>
<event><string key="concept:name" value="Queue"/><date key="time:timestamp" value="2026-01-01T09:00:00"/></event>
<event><string key="concept:name" value="Work"/><date key="time:timestamp" value="garbage"/></event>
</trace></log>
"""


def test_an_xes_logs_bad_event_names_the_xes_file_not_its_parquet_copy(work, capsys, monkeypatch):
    """The XES log is read from a Parquet copy in the temp folder; the error names the XES file, at no
    line (row 2 is the second event, not a line of the XML)."""
    (work / "obs").mkdir()
    (work / "obs" / "m.yaml").write_text(
        "silomap-log: 1\nlog: bad.xes\ncolumns: {resource: null, group: null}\n"
    )
    (work / "obs" / "bad.xes").write_text(XES)
    monkeypatch.chdir(work)
    assert main(["observe", str(OBS / "tiny-model.yaml"), "obs/m.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "obs/bad.xes: error[SM082]: event 2, attribute 'time:timestamp': not a timestamp in ISO 8601 (or set "
        "timestamp_format): 'garbage'"
    )


def test_an_assessment_file_is_named_as_typed(work, capsys, monkeypatch):
    (work / "a").mkdir()
    (work / "a" / "x.yaml").write_text("silomap-assessment: 1\nassessed: 2026-13-45\nanswers: {}\n")
    monkeypatch.chdir(work)
    assert main(["assess", str(MODELS / "telecom"), "./a/x.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "a/x.yaml:2:11: error[SM022]: assessed: expected a date (YYYY-MM-DD); got '2026-13-45'"
    )


@pytest.mark.parametrize(
    ("kind", "name", "data", "expected"),
    [
        ("bpmn", "p.bpmn", b"<model>\n  <name>x</nme>\n</model>", "in/p.bpmn:2:"),
        ("archimate", "a.xml", b"<model>\n  <name>x</nme>\n</model>", "in/a.xml:2:"),
        # json: "Expecting value: line 1 column 11"
        ("structurizr", "w.json", b'{"model": ', "in/w.json:1:11: error[SM060]"),
    ],
)
def test_an_imported_file_is_named_as_typed(work, capsys, monkeypatch, kind, name, data, expected):
    (work / "in").mkdir()
    (work / "in" / name).write_bytes(data)
    monkeypatch.chdir(work)
    assert main(["import", kind, f"./in/{name}", "-o", "out"]) == 2
    assert capsys.readouterr().err.startswith(expected)
    assert not (work / "out").exists()


def test_a_backstage_catalogs_files_are_named_from_the_catalog_as_typed(work, capsys, monkeypatch):
    (work / "cat" / "sub").mkdir(parents=True)
    entity = "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: 'bad name!'\n"
    (work / "cat" / "sub" / "x.yaml").write_text(entity)
    monkeypatch.chdir(work)
    assert main(["import", "backstage", "cat", "-o", "out"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "cat/sub/x.yaml:1:1: error[SM020]: [0].metadata.name: not a Backstage entity name: 'bad name!'"
    )


def test_diff_names_the_side_as_typed(work, capsys, monkeypatch):
    monkeypatch.chdir(work / "models")
    assert main(["diff", "acme", str(MODELS / "telecom")]) == 2
    assert capsys.readouterr().err.splitlines() == [*_errors("acme/"), "base: 2 errors in the model"]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=a@b", "-c", "user.name=A", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("cwd", "typed"), [(".", "models/acme"), ("models", "./acme/"), ("other", "ABSOLUTE")]
)
def test_a_model_at_a_git_revision_is_named_as_git_show_reads_it(work, capsys, monkeypatch, cwd, typed):
    """REV:PATH, PATH from the repository's root, whatever the folder: ``git show`` opens it."""
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "invalid")
    shutil.rmtree(work / "models" / "acme")
    shutil.copytree(MODELS / "telecom", work / "models" / "acme")  # the working tree is valid
    monkeypatch.chdir(work / cwd)
    assert (
        main(["diff", str(work / "models" / "acme") if typed == "ABSOLUTE" else typed, "--rev", "HEAD"]) == 2
    )
    err = capsys.readouterr().err.splitlines()
    assert err == [*_errors("HEAD:models/acme/"), "base (HEAD): 2 errors in the model"]
    assert _git(work, "show", err[1].split(":5:12:")[0]) == SYSTEMS


def test_the_worked_example_of_docs_errors_md(work, capsys, monkeypatch):
    """docs/errors.md shows this model's two files and what silomap says of them, line for line."""
    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    section = page[page.index("### Where FILE starts") :]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    assert blocks[:3] == [
        ("yaml", SYSTEMS),
        ("yaml", TEAMS),
        ("text", "\n".join(_errors("acme/")) + "\nacme: 2 errors\n"),
    ]
    monkeypatch.chdir(work / "models")
    code, _, err = _validate(capsys, "acme")
    assert (code, err) == (2, blocks[2][1])
