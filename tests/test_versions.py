"""Versions from git and diffs to files: a deleted model, symlinked paths, odd file names, hostile authors.

Every repository is made here with ``git init`` in ``tmp_path``; commit dates are fixed, so hashes and
dates are the same on every run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import silomap
from silomap._cli import main
from silomap._model import load_at_revision

from .conftest import MODELS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str, author: str = "Ada Lovelace", day: int = 1) -> str:
    date = f"2026-03-{day:02d}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    identity = ["-c", f"user.name={author}", "-c", "user.email=a@b", "-c", "commit.gpgsign=false"]
    done = subprocess.run(
        ["git", "-C", str(repo), *identity, *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def _new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    return repo


def _commit(repo: Path, message: str, *, day: int, author: str = "Ada Lovelace") -> str:
    _git(repo, "add", "-A", ".", day=day, author=author)
    _git(repo, "commit", "-q", "--allow-empty", "-m", message, day=day, author=author)
    return _git(repo, "rev-parse", "--short", "HEAD").strip()


def _run(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _score(path: Path) -> float:
    return silomap.analyze(silomap.load(path)).score


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the telecom model in ``acme``."""
    root = tmp_path / "repo"
    shutil.copytree(MODELS / "telecom", root / "acme")
    _git(root, "init", "-q")
    return root


# 1. A commit that deleted the model is a point with an error, never fatal


@pytest.fixture
def deleted_and_restored(repo: Path) -> tuple[Path, list[str]]:
    """Five commits: base, a change, the model deleted, restored, changed again."""
    links = repo / "acme" / "integrations.yaml"
    good = links.read_text(encoding="utf-8")
    hashes = [_commit(repo, "base", day=1)]
    links.write_text(good.replace("mode: manual", "mode: realtime", 1), encoding="utf-8")
    hashes.append(_commit(repo, "automate one link", day=2))
    shutil.rmtree(repo / "acme")
    hashes.append(_commit(repo, "move the model away", day=3))
    shutil.copytree(MODELS / "telecom", repo / "acme")
    hashes.append(_commit(repo, "bring it back", day=4))
    links.write_text(good.replace("mode: manual", "mode: realtime", 1), encoding="utf-8")
    hashes.append(_commit(repo, "automate it again", day=5))
    return repo, hashes


def _deleted_error(commit: str) -> str:
    return (
        f"{commit}:acme: error[SM003]: no model in this revision: no *.yaml or *.yml file here "
        "(deleted, or not yet added)"
    )


def test_history_lists_a_commit_that_deleted_the_model_as_a_point_with_an_error(deleted_and_restored, capsys):
    repo, hashes = deleted_and_restored
    base = _score(MODELS / "telecom")
    automated = _score(repo / "acme")  # the work tree is the last commit
    code, out, err = _run(capsys, "history", repo / "acme", "--json")
    assert (code, err) == (0, "")
    points = json.loads(out)
    assert [p["commit"] for p in points] == hashes
    assert [p["date"][:10] for p in points] == [f"2026-03-0{d}" for d in range(1, 6)]
    assert [p["score"] for p in points] == [base, automated, None, base, automated]
    assert [p["errors"] for p in points] == [0, 0, 1, 0, 0]
    assert [p["error"] for p in points] == [None, None, _deleted_error(hashes[2]), None, None]
    assert points[2]["band"] is None and points[2]["components"] == {}

    code, out, err = _run(capsys, "history", repo / "acme")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[2] == f"{hashes[2]}  2026-03-03  Ada            -    1 error: {_deleted_error(hashes[2])}"
    assert lines[3].startswith(f"{hashes[3]}  2026-03-04  Ada          {base:5.1f}  ")


def test_the_csv_of_history_has_the_error_of_a_deleted_model(deleted_and_restored, tmp_path, capsys):
    repo, hashes = deleted_and_restored
    target = tmp_path / "trend.csv"
    code, out, _ = _run(capsys, "history", repo / "acme", "-o", target)
    assert code == 0 and out.endswith(f"wrote {target}\n")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["commit"] for r in rows] == hashes
    assert (rows[2]["score"], rows[2]["band"], rows[2]["errors"]) == ("", "", "1")
    assert rows[2]["error"] == _deleted_error(hashes[2])
    assert [r["error"] for r in rows[:2] + rows[3:]] == ["", "", "", ""]
    assert rows[2]["handoffs"] == "" and rows[1]["handoffs"] != ""


def _score_line_moves(svg: bytes) -> int:
    """How many separate pieces the thick score line of a trend chart is drawn in."""
    paths = re.findall(r'<path d="([^"]*)"[^>]*stroke-width: 2\.2', svg.decode("utf-8"), re.S)
    assert len(paths) == 1, paths
    return paths[0].count("M")


def test_the_trend_chart_leaves_a_gap_at_a_deleted_model(deleted_and_restored, tmp_path, capsys):
    repo, _ = deleted_and_restored
    target = tmp_path / "trend.svg"
    assert _run(capsys, "history", repo / "acme", "-o", target)[0] == 0
    assert _score_line_moves(target.read_bytes()) == 2  # commits 1-2, then 4-5


def test_history_ending_with_the_model_deleted(repo, tmp_path, capsys):
    """The newest commit deleted the model: the path is gone from the work tree, the trend is still drawn."""
    first = _commit(repo, "base", day=1)
    shutil.rmtree(repo / "acme")
    last = _commit(repo, "retire the model", day=2)
    code, out, _ = _run(capsys, "history", repo / "acme", "--json", "-o", tmp_path / "trend.svg")
    points = json.loads(out)  # "wrote" goes to stderr: the JSON on stdout parses whole
    assert code == 0
    assert [(p["commit"], p["score"], p["error"]) for p in points] == [
        (first, _score(MODELS / "telecom"), None),
        (last, None, _deleted_error(last)),
    ]
    assert (tmp_path / "trend.svg").read_bytes().startswith(b"<?xml")


def test_a_one_file_model_deleted_and_restored(tmp_path, capsys):
    repo = _new_repo(tmp_path)
    model = repo / "bank.yaml"
    model.write_text("silomap: 1\nname: Bank\nsystems: [{id: crm}]\n", encoding="utf-8")
    first = _commit(repo, "add", day=1)
    model.unlink()
    gone = _commit(repo, "delete", day=2)
    model.write_text("silomap: 1\nname: Bank\nsystems: [{id: crm}]\n", encoding="utf-8")
    back = _commit(repo, "restore", day=3)
    points = silomap.history(model)
    assert [(p.commit, p.errors) for p in points] == [(first, 0), (gone, 1), (back, 0)]
    assert points[1].error == (
        f"{gone}:bank.yaml: error[SM003]: no model in this revision: no *.yaml or *.yml file here "
        "(deleted, or not yet added)"
    )


def test_diff_at_a_revision_without_the_model_is_a_located_error(deleted_and_restored, capsys):
    repo, hashes = deleted_and_restored
    code, out, err = _run(capsys, "diff", repo / "acme", "--rev", hashes[2])
    assert (code, out) == (2, "")
    assert err.splitlines() == [_deleted_error(hashes[2]), f"base ({hashes[2]}): 1 error in the model"]


# 2. A repository reached through a symlinked path


@pytest.fixture
def linked(repo: Path, tmp_path: Path) -> Path:
    """Two commits of the model; the repository reached through ``tmp_path/link``."""
    _commit(repo, "base", day=1)
    links = repo / "acme" / "integrations.yaml"
    links.write_text(links.read_text(encoding="utf-8").replace("mode: manual", "mode: realtime", 1))
    _commit(repo, "automate", day=2)
    (tmp_path / "link").symlink_to(repo, target_is_directory=True)
    return tmp_path / "link"


def test_history_through_a_symlinked_path(linked, capsys):
    code, out, err = _run(capsys, "history", linked / "acme", "--json")
    assert (code, err) == (0, "")
    points = json.loads(out)
    assert [p["score"] for p in points] == [_score(MODELS / "telecom"), _score(linked / "acme")]
    assert points == json.loads(_run(capsys, "history", linked.resolve() / "acme", "--json")[1])


def test_diff_at_a_revision_through_a_symlinked_path(linked, capsys, monkeypatch):
    links = linked / "acme" / "integrations.yaml"
    links.write_text("integrations: [{from: nowhere, to: crm, carries: [address]}]\n", encoding="utf-8")
    code, out, err = _run(capsys, "diff", linked / "acme", "--rev", "HEAD~1", "--json")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "head (working tree): 1 error in the model"
    _git(linked, "checkout", "-q", "--", ".")
    code, out, err = _run(capsys, "diff", linked / "acme", "--rev", "HEAD~1", "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert (found["base"]["score"], found["head"]["score"]) == (
        _score(MODELS / "telecom"),
        _score(linked / "acme"),
    )
    monkeypatch.chdir(linked)  # the working folder itself reached through the link
    with (linked / "acme" / "teams.yaml").open("a", encoding="utf-8") as teams:
        teams.write("  - {id: digital, name: Digital again}\n")
    _commit(linked, "break it", day=3)
    code, _, err = _run(capsys, "diff", "acme", "--rev", "HEAD")
    assert code == 2
    assert err.splitlines() == [  # named as git show reads it
        "HEAD:acme/teams.yaml:11:10: error[SM030]: teams[8].id: duplicate team id 'digital' "
        "(also defined at HEAD:acme/teams.yaml:10:10)",
        "base (HEAD): 1 error in the model",
    ]


def test_report_baseline_through_a_symlinked_path(linked, tmp_path, capsys):
    target = tmp_path / "r.md"
    code, out, err = _run(capsys, "report", linked / "acme", "--baseline", "HEAD~1", "-o", target)
    assert (code, err) == (0, "")
    text = target.read_text(encoding="utf-8")
    before, after = _score(MODELS / "telecom"), _score(linked / "acme")
    assert "Since the last review" in text
    assert f"{before:.1f} → {after:.1f}" in text


def test_report_baseline_without_the_model_says_it_is_the_baseline(deleted_and_restored, tmp_path, capsys):
    repo, hashes = deleted_and_restored
    target = tmp_path / "r.md"
    code, out, err = _run(capsys, "report", repo / "acme", "--baseline", hashes[2], "-o", target)
    assert (code, out) == (2, "")
    assert err.splitlines() == [_deleted_error(hashes[2]), f"baseline ({hashes[2]}): 1 error in the model"]
    assert not target.exists()


def test_a_model_that_leads_out_of_the_work_tree_is_refused(tmp_path, capsys):
    repo = _new_repo(tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text("silomap: 1\nname: Out\nsystems: [{id: crm}]\n", encoding="utf-8")
    (repo / "bank.yaml").symlink_to(outside)
    _commit(repo, "a link", day=1)
    code, out, err = _run(capsys, "history", repo / "bank.yaml")
    assert (code, out) == (2, "")
    assert err == (
        f"{repo / 'bank.yaml'} leads to {outside}, outside the git work tree {repo.resolve()}; "
        "give a path inside it\n"
    )


# 3. A committed file name with a line break


def test_a_file_name_with_a_line_break_is_read_from_git(repo, capsys):
    (repo / "acme" / "teams.yaml").rename(repo / "acme" / "te\nams.yaml")
    first = _commit(repo, "odd name", day=1)
    score = _score(MODELS / "telecom")
    points = json.loads(_run(capsys, "history", repo / "acme", "--json")[1])
    assert [(p["commit"], p["score"], p["errors"]) for p in points] == [(first, score, 0)]
    code, out, _ = _run(capsys, "diff", repo / "acme", "--rev", "HEAD", "--json")
    assert code == 0 and json.loads(out)["base"]["score"] == score
    with (repo / "acme" / "te\nams.yaml").open("a", encoding="utf-8") as teams:
        teams.write("  - {id: digital, name: Digital again}\n")  # line 11; the id starts at column 10
    broken = _commit(repo, "a duplicate team", day=2)
    points = silomap.history(repo / "acme")
    assert points[-1].errors == 1
    assert points[-1].error == (  # the line break shown as \n
        f"{broken}:acme/te\\nams.yaml:11:10: error[SM030]: teams[8].id: duplicate team id 'digital' "
        f"(also defined at {broken}:acme/te\\nams.yaml:10:10)"
    )
    code, _, err = _run(capsys, "diff", repo / "acme", "--rev", "HEAD")
    assert (
        code == 2 and err.startswith("HEAD:acme/te\\nams.yaml:11:10: error[SM030]") and "te\nams" not in err
    )


# 4. Git authors are untrusted text


def test_git_authors_are_neutralised_everywhere(repo, tmp_path, capsys):
    _commit(repo, "base", day=1, author="\u202eAnn\x1b[2J Lee")
    links = repo / "acme" / "integrations.yaml"
    links.write_text(links.read_text(encoding="utf-8").replace("mode: manual", "mode: realtime", 1))
    _commit(repo, "automate", day=2, author="=cmd|' /C calc'!A0 Smith")
    shown = ["\\u202eAnn\\x1b[2J", "=cmd|'"]  # escaped as the terminal shows them; first names only
    assert [p.author for p in silomap.history(repo / "acme")] == shown
    code, out, _ = _run(capsys, "history", repo / "acme", "--json", "-o", tmp_path / "t.csv")
    assert code == 0
    assert [p["author"] for p in json.loads(out)] == shown
    raw = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert [r["author"] for r in csv.DictReader(io.StringIO(raw))] == ["\\u202eAnn\\x1b[2J", "'=cmd|'"]
    code, out, _ = _run(capsys, "history", repo / "acme")
    for text in (out, raw):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", text)


# 5. diff -o FILE


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    """The telecom model, and a copy with one link automated."""
    head = tmp_path / "head"
    shutil.copytree(MODELS / "telecom", head)
    links = head / "integrations.yaml"
    links.write_text(links.read_text(encoding="utf-8").replace("mode: manual", "mode: realtime", 1))
    return MODELS / "telecom", head


WRITTEN = [
    ("d.md", None, "md"),
    ("d.markdown", None, "md"),
    ("d.txt", None, "text"),
    ("d.json", None, "json"),
    ("d.out", "md", "md"),
    ("D.MD", "md", "md"),
    ("comment", "text", "text"),
]


@pytest.mark.parametrize(("name", "asked", "shown"), WRITTEN)
def test_diff_writes_what_it_would_print(two, tmp_path, capsys, name, asked, shown):
    base, head = two
    printed = _run(capsys, "diff", base, head, "--format", shown)[1]
    target = tmp_path / name
    code, out, err = _run(capsys, "diff", base, head, "-o", target, *(["--format", asked] if asked else []))
    assert (code, out, err) == (0, f"wrote {target}\n", "")
    assert target.read_text(encoding="utf-8") == printed


def test_diff_output_refused_before_any_work(two, tmp_path, capsys):
    base, head = two
    cases = {
        "d.html": "silomap diff: -o takes .txt, .md, .markdown, .json (or give --format), not '.html'",
        "inside": "error[SM050]: output {head}/x.md would overwrite or live inside the model; write it elsewhere",
    }
    code, out, err = _run(capsys, "diff", base, head, "-o", tmp_path / "d.html")
    assert (code, out) == (2, "") and err == f"{cases['d.html']}\n"
    code, out, err = _run(capsys, "diff", base, head, "-o", head / "x.md")
    assert (code, out) == (2, "") and err == cases["inside"].format(head=head) + "\n"
    assert not (head / "x.md").exists()
    code, _, err = _run(capsys, "diff", base, head, "-o", tmp_path / "d.md", "--format", "json")
    assert code == 2 and err == "silomap diff: --format json but -o ends in .md; use .json\n"
    (tmp_path / "real.md").write_text("kept\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    code, _, err = _run(capsys, "diff", base, head, "-o", tmp_path / "link.md")
    assert code == 2 and "refusing to write through symlink" in err
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "kept\n"


def test_diff_output_is_never_a_one_file_model(tmp_path, capsys):
    model = tmp_path / "bank.yaml"
    text = "silomap: 1\nname: Bank\nsystems: [{id: crm}]\n"
    model.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "diff", model, model, "-o", model, "--format", "text")
    assert code == 2 and "would overwrite or live inside the model" in err
    assert model.read_text(encoding="utf-8") == text


def test_diff_writes_the_file_and_then_fails_the_gate(two, tmp_path, capsys):
    base, head = two
    target = tmp_path / "comment.md"
    code, out, err = _run(capsys, "diff", head, base, "-o", target, "--fail-if-worse")
    assert code == 1 and out == f"wrote {target}\n"
    assert "more than 0 points worse" in err
    assert target.read_text(encoding="utf-8").startswith("## Silo diff: Brightwave Telecom\n")


def test_diff_with_an_invalid_side_writes_nothing(two, tmp_path, capsys):
    base, head = two
    (head / "integrations.yaml").write_text("integrations: [{from: x, to: crm, carries: [address]}]\n")
    code, out, err = _run(capsys, "diff", base, head, "-o", tmp_path / "d.md")
    assert (code, out) == (2, "") and err.splitlines()[-1] == "head: 1 error in the model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["head"]  # no file, no temporary file


# Budgets at a revision: checked on git's listing, before any file is read


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (silomap.Limits(files=3), "error[SM002]: more than 3 files in the model"),
        (silomap.Limits(total_bytes=1_000), "error[SM002]: the model exceeds 0.000953674 MiB in all"),
    ],
)
def test_a_revision_over_a_budget_is_a_point_with_an_error(repo, limits, message):
    """Before, files past the budget were left out without a word and the rest scored."""
    commit = _commit(repo, "base", day=1)
    files = sorted(p for p in (repo / "acme").rglob("*.yaml"))
    assert len(files) > 3 and sum(p.stat().st_size for p in files) > 1_000
    points = silomap.history(repo / "acme", limits=limits)
    assert [(p.commit, p.score, p.errors, p.error) for p in points] == [
        (commit, None, 1, f"{commit}:acme: {message}")
    ]
    with pytest.raises(silomap.ModelError) as caught:
        load_at_revision(repo / "acme", "HEAD", limits)
    assert [str(p) for p in caught.value.errors] == [f"HEAD:acme: {message}"]


def test_the_worked_example_of_docs_versions_md(tmp_path, capsys, monkeypatch):
    """docs/versions.md shows a model, four commits of it and what history says, line for line."""
    page = (ROOT / "docs" / "versions.md").read_text(encoding="utf-8")
    section = page[page.index("### A commit without the model") : page.index("### What git gives")]
    models = re.findall(r"```yaml\n(.*?)```", section, re.S)
    outputs = re.findall(r"```text\n(.*?)```", section, re.S)
    assert (len(models), len(outputs)) == (1, 1)
    model, shown = models[0], outputs[0]
    repo = _new_repo(tmp_path)
    (repo / "acme.yaml").write_text(model, encoding="utf-8")
    _commit(repo, "add the model", day=1)
    (repo / "acme.yaml").write_text(model.replace("mode: manual", "mode: realtime"), encoding="utf-8")
    _commit(repo, "automate app to crm", day=2)
    _git(repo, "rm", "-q", "acme.yaml")
    _commit(repo, "delete the model", day=3)
    _git(repo, "checkout", "HEAD~1", "--", "acme.yaml")
    _commit(repo, "bring it back", day=4)
    monkeypatch.chdir(repo)
    code, out, err = _run(capsys, "history", "acme.yaml")
    assert (code, err) == (0, "")
    assert out == shown
    # the scores the page works out by hand: 25 points a component, weights 1
    assert [p.score for p in silomap.history("acme.yaml")] == [50.0, 25.0, None, 25.0]
