"""silomap diff: two versions compared, figures equal to score on each side, gates, git revisions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given

import silomap
from silomap._cli import main

from .conftest import MODELS
from .test_properties import SETTINGS, models


def _json(capsys, *argv) -> dict:
    capsys.readouterr()
    code = main(list(map(str, argv)))
    assert code == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def better_bank(tmp_path, capsys):
    """The bank after its best fix, written as a model directory."""
    fix = silomap.fixes(silomap.load(MODELS / "retail-bank"), top=1).fixes[0]
    changed = silomap.apply(silomap.load(MODELS / "retail-bank"), fix.change)
    from silomap._io import write_directory
    from silomap._model import model_files

    write_directory(model_files(changed), tmp_path / "head", force=False)
    return tmp_path / "head"


def test_diff_figures_equal_score_on_each_side(capsys, better_bank):
    found = _json(capsys, "diff", MODELS / "retail-bank", better_bank, "--json")
    base = _json(capsys, "score", MODELS / "retail-bank", "--json")
    head = _json(capsys, "score", better_bank, "--json")
    assert found["base"] == {"score": base["score"], "band": base["band"]}
    assert found["head"] == {"score": head["score"], "band": head["band"]}
    assert found["delta"] == round(head["score"] - base["score"], 1)
    for name, row in found["components"].items():
        assert (row["base"], row["head"]) == (base["components"].get(name), head["components"].get(name))
    assert found["integrations"]["removed"] or found["integrations"]["added"] or found["systems"]["removed"]


def test_fail_if_worse_gates_a_pull_request(capsys, better_bank):
    assert main(["diff", str(better_bank), str(MODELS / "retail-bank"), "--fail-if-worse"]) == 1
    assert "more than 0 points worse" in capsys.readouterr().err
    assert (
        main(["diff", str(better_bank), str(MODELS / "retail-bank"), "--fail-if-worse", "--tolerance", "5"])
        == 0
    )
    assert main(["diff", str(MODELS / "retail-bank"), str(better_bank), "--fail-if-worse"]) == 0
    assert main(["diff", str(MODELS / "retail-bank"), str(better_bank), "--tolerance=nan"]) == 2


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _telecom_repo(repo, folder):
    """A new git repository holding a copy of the telecom model in ``folder``."""
    shutil.copytree(MODELS / "telecom", repo / folder)
    _git(repo, "init", "-q")
    return repo / folder


def _commit(repo, message, author="A"):
    _git(repo, "-c", "user.email=a@b", "-c", f"user.name={author}", "add", ".")
    _git(repo, "-c", "user.email=a@b", "-c", f"user.name={author}", "commit", "-q", "-m", message)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_against_a_git_revision_reads_no_checkout(tmp_path, capsys):
    repo = tmp_path / "repo"
    _telecom_repo(repo, "models/acme")
    _commit(repo, "base")
    links = repo / "models" / "acme" / "integrations.yaml"
    links.write_text(links.read_text().replace("mode: manual", "mode: realtime"))
    found = _json(capsys, "diff", repo / "models" / "acme", "--rev", "HEAD", "--json")
    assert found["delta"] < 0 and found["integrations"]["added"]
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout.strip() == "M models/acme/integrations.yaml"  # the work tree is as it was
    links.write_text("integrations: [{from: nowhere, to: crm, carries: [address]}]\n")
    assert main(["diff", str(repo / "models" / "acme"), "--rev", "HEAD"]) == 2
    assert "head (working tree): 1 error in the model" in capsys.readouterr().err


def test_hostile_names_are_inert_in_the_markdown_diff(write, capsys):
    text = "silomap: 1\nname: '<script>x</script> | [a](javascript:1) @team'\nsystems: [{id: a}]\n"
    path = write(text)
    from silomap._reports.diff import diff_markdown

    out = diff_markdown(silomap.diff(silomap.load(path), silomap.load(path)))
    assert (
        "<script>" not in out and "[a](" not in out and "@team" not in out
    )  # escaped: no tag, link, mention
    assert "&lt;script&gt;" in out and "@\u2060team" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_history_scores_each_commit_and_survives_an_invalid_one(tmp_path, capsys):
    repo = tmp_path / "repo"
    model = _telecom_repo(repo, "acme")
    links = model / "integrations.yaml"
    good = links.read_text()
    versions = [good, "integrations: [{from: nowhere, to: crm, carries: [address]}]\n",
                good.replace("mode: manual", "mode: realtime")]  # fmt: skip
    for i, text in enumerate(versions):
        links.write_text(text)
        _commit(repo, f"v{i}", author="Ada Lovelace")
    (model / "notes.md").write_text("not a model file")  # the work tree is never touched
    points = _json(capsys, "history", model, "--json")
    assert [p["errors"] for p in points] == [0, 1, 0]
    assert points[0]["score"] == silomap.analyze(silomap.load(MODELS / "telecom")).score
    assert points[1]["score"] is None and points[2]["score"] < points[0]["score"]
    assert {p["author"] for p in points} == {"Ada"}
    assert main(["history", str(model), "-o", str(tmp_path / "trend.svg")]) == 0
    assert (tmp_path / "trend.svg").read_bytes().startswith(b"<?xml")
    assert main(["history", str(model), "-o", str(tmp_path / "trend.csv"), "--max", "2"]) == 0
    assert len((tmp_path / "trend.csv").read_text().splitlines()) == 3  # a header and the two newest
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout.strip() == "?? acme/notes.md"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pre_commit_hook_validates_the_models_of_changed_files(tmp_path):
    """pre-commit try-repo installs silomap from this repository and runs the hook, as a team would."""
    import sys

    from .conftest import ROOT

    repo = tmp_path / "repo"
    links = _telecom_repo(repo, "acme") / "integrations.yaml"
    links.write_text(links.read_text().replace("to: crm,", "to: crn,", 1))
    _git(repo, "add", ".")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "silomap-validate", "--all-files"]
    done = subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    # named from the repository's root, where pre-commit runs: "  - {from: mobile-billing, to: " is 31 long
    located = "acme/integrations.yaml:4:32: error[SM031]: integrations[1].to: unknown system 'crn'; did you mean 'crm'?"
    assert located in done.stdout.splitlines(), done.stdout
    links.write_text(links.read_text().replace("to: crn,", "to: crm,", 1))
    _git(repo, "add", ".")
    done = subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_report_says_what_changed_since_the_last_review(tmp_path, capsys):
    repo = tmp_path / "repo"
    model = _telecom_repo(repo, "acme")
    for message in ("base", "automate"):
        _commit(repo, message, author="Ada")
        links = model / "integrations.yaml"
        links.write_text(links.read_text().replace("mode: manual", "mode: realtime", 1))
    before = silomap.analyze(silomap.load(MODELS / "telecom")).score
    now = silomap.analyze(silomap.load(model)).score
    assert (
        main(
            [
                "report",
                str(model),
                "--baseline",
                "HEAD~1",
                "--renderer",
                "embedded",
                "-o",
                str(tmp_path / "r.html"),
            ]
        )
        == 0
    )
    page = (tmp_path / "r.html").read_text()
    assert f"silo score {before} → {now} ({now - before:+.1f})" in page
    # the roadmap, the NPS chart and the trend chart: two commits changed the model; then, for paper,
    # the landscape fitted to A3, where telecom's 19 systems read whole (docs/diagrams.md): one more
    assert page.count("<svg") == 5 + 5 + 1 + 1 + 1 + 1 + 1
    assert (
        main(["report", str(model), "--baseline", str(MODELS / "telecom"), "-o", str(tmp_path / "r.md")]) == 0
    )
    assert f"Silo score {before} → {now}" in (tmp_path / "r.md").read_text()


@SETTINGS
@given(base=models(), head=models())
def test_diff_figures_equal_each_side_on_generated_pairs(base, head):
    found = silomap.diff(base, head).to_dict()
    for side, model in (("base", base), ("head", head)):
        result = silomap.analyze(model)
        assert found[side] == {"score": result.score, "band": result.band}
        for name, row in found["components"].items():
            assert row[side] == (None if (v := result.component(name)) is None else float(v))
    assert {j["id"] for j in found["journeys"]} == {j.id for j in base.journeys} | {
        j.id for j in head.journeys
    }
