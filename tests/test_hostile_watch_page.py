"""``silomap watch --html FILE`` never replaces an input with its page (docs/hostile-inputs: an input
is never overwritten): the log given on standard input (``--html log.csv < log.csv``) is refused
before the watch starts, exit 2, the log byte for byte as it was."""

from __future__ import annotations

import shutil

from .conftest import DATA, run_silomap

TINY = DATA / "observed"


def test_the_log_read_on_standard_input_is_not_replaced_by_the_page(tmp_path):
    for name in ("tiny-model.yaml", "tiny.yaml", "tiny.csv"):
        shutil.copy(TINY / name, tmp_path / name)
    log = tmp_path / "tiny.csv"
    before = log.read_bytes()
    with log.open("rb") as given:
        done = run_silomap(
            "watch", "tiny-model.yaml", "tiny.yaml", "--html", "tiny.csv", cwd=tmp_path, stdin=given
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[0] == (
        "error[SM050]: --html tiny.csv is the file standard input reads (the log); write elsewhere"
    )
    assert log.read_bytes() == before and done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny-model.yaml", "tiny.csv", "tiny.yaml"]


def test_a_page_beside_the_log_on_standard_input_is_written(tmp_path):
    """The positive control: another file of the same folder is the page."""
    for name in ("tiny-model.yaml", "tiny.yaml", "tiny.csv"):
        shutil.copy(TINY / name, tmp_path / name)
    with (tmp_path / "tiny.csv").open("rb") as given:
        done = run_silomap(
            "watch", "tiny-model.yaml", "tiny.yaml", "--html", "live.html", cwd=tmp_path, stdin=given
        )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "live.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_page_inside_the_watched_folder_is_refused(tmp_path):
    """A page written into the folder a watch reads would replace a log landed there, or be read back
    as one: refused before the watch starts, exit 2, the folder as it was."""
    for name in ("tiny-model.yaml", "tiny.yaml"):
        shutil.copy(TINY / name, tmp_path / name)
    (tmp_path / "in").mkdir()
    shutil.copy(TINY / "tiny.csv", tmp_path / "in" / "a.csv")
    before = (tmp_path / "in" / "a.csv").read_bytes()
    done = run_silomap(
        "watch", "tiny-model.yaml", "tiny.yaml", "--source", "in", "--html", "in/a.csv", cwd=tmp_path
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[0] == (
        "error[SM050]: --html in/a.csv lies in the watched folder in, where it would be read as a log "
        "or replace one; write elsewhere"
    )
    assert (tmp_path / "in" / "a.csv").read_bytes() == before
    assert [p.name for p in (tmp_path / "in").iterdir()] == ["a.csv"]
