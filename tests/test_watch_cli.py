"""silomap watch on the command line: JSON lines, a folder files land in, SIGTERM's final summary,
--strict, and the replay helper."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys

import pytest

from silomap._cli import main

from .conftest import DATA, ROOT

OBS = DATA / "observed"
MODEL, MAPPING = str(OBS / "tiny-model.yaml"), str(OBS / "tiny.yaml")
HEADER = "case,activity,time,resource,group,channel,system,customer\n"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _watch(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "silomap", "watch", MODEL, MAPPING, *args],
        input=stdin, capture_output=True, text=True, timeout=timeout, env=ENV, check=False,
    )  # fmt: skip


def test_json_lines_parse_and_the_final_summary_equals_observe(capsys):
    text = (OBS / "tiny.csv").read_text()
    done = _watch("--json", "--every", "0", "--every-events", "4", "--idle", "off", stdin=text)
    assert done.returncode == 0 and done.stderr == ""
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["events_read"] for o in objects] == [4, 8, 11]  # every 4 accepted events, and the final
    assert [o["final"] for o in objects] == [False, False, True]
    assert main(["observe", MODEL, MAPPING, "--json"]) == 0
    seen = json.loads(capsys.readouterr().out)
    # the whole of observe's JSON, tiny log in time order, but the contact-center figures: a watch does not
    # measure them live (null: not measured; docs/watch.md says so)
    assert objects[-1]["contact_center"] is None and seen["contact_center"] is not None
    del seen["contact_center"]
    assert {k: objects[-1][k] for k in seen} == seen


def test_a_folder_read_once_in_name_order(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    land = tmp_path / "land"
    land.mkdir()
    lines = (OBS / "tiny.csv").read_text().splitlines(keepends=True)
    (land / "a.csv").write_text(HEADER + "".join(lines[1:7]))  # c1
    with gzip.open(land / "b.csv.gz", "wt") as out:
        out.write(HEADER + "".join(lines[7:9]))  # c2
    names = HEADER.strip().split(",")
    rows = [dict(zip(names, line.strip().split(","), strict=True)) for line in lines[9:]]
    (land / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:1]))
    pq.write_table(pa.Table.from_pylist(rows[1:]), land / "d.parquet")
    (land / ".e.csv").write_text(HEADER + "x,Queue,2026-03-01T00:00:00,,,,,\n")  # being written: ignored
    (land / "_f.csv").write_text(HEADER + "x,Queue,2026-03-01T00:00:00,,,,,\n")
    (land / "notes.txt").write_text("not a log")
    done = _watch("--source", str(land), "--once", "--json", "--every", "0", "--idle", "off")
    assert done.returncode == 0, done.stderr
    (final,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (final["files_read"], final["cases"], final["events"]) == (4, 3, 11)
    assert final["repeat_rate"] == 0.5 and final["fcr_rate"] == 2 / 3  # as observe on the tiny log


def test_sigterm_gives_a_final_summary(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "silomap", "watch", MODEL, MAPPING, "--json", "--every", "0", "--every-events", "2"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    lines = (OBS / "tiny.csv").read_text().splitlines(keepends=True)
    process.stdin.write("".join(lines[:3]))  # the header and two events; the input stays open
    process.stdin.flush()
    first = json.loads(process.stdout.readline())  # after two events: the watch waits for more
    assert (first["final"], first["events_read"]) == (False, 2)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    final = json.loads(out.splitlines()[-1])
    assert process.returncode == 0 and "Traceback" not in err
    assert (final["final"], final["events_read"], final["cases"], final["events"]) == (True, 2, 1, 2)


def test_strict_makes_a_malformed_line_an_error():
    done = _watch("--strict", "--every", "0", stdin=HEADER + "c1,Queue,2026-01-01T09:00:00\n")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("-:2:1: error[SM089]: row has 3 fields; the header has 8")
    lenient = _watch("--every", "0", stdin=HEADER + "c1,Queue,2026-01-01T09:00:00\n")
    assert lenient.returncode == 0 and lenient.stderr.startswith("-:2:1: warning[SM089]: row has 3 fields")
    assert "final summary at no event yet: 0 events read" in lenient.stdout


def test_a_source_that_is_no_folder_and_a_bad_idle(tmp_path):
    done = _watch("--source", str(tmp_path / "nowhere"))
    assert done.returncode == 2 and "--source must be - (standard input) or a folder" in done.stderr
    done = _watch("--idle", "soon")
    assert done.returncode == 2 and "--idle must be a duration such as 72h" in done.stderr


def test_the_replay_paces_a_log_by_its_timestamps(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "b,Work,2026-01-01T09:00:02,,,,,\n" + "a,Queue,2026-01-01T09:00:00,,,,,\n")
    done = subprocess.run(
        [sys.executable, "-m", "silomap._watch.replay", str(log), "--time", "time", "--speed", "2"],
        capture_output=True, text=True, env=ENV, check=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.splitlines() == [
        HEADER.strip(),
        "a,Queue,2026-01-01T09:00:00,,,,,",
        "b,Work,2026-01-01T09:00:02,,,,,",
    ]


def test_the_session_of_the_docs_is_what_the_pipeline_prints():
    """docs/watch.md's session: the replay of examples/watch/desk.csv piped into silomap watch."""
    page = (ROOT / "docs" / "watch.md").read_text(encoding="utf-8")
    shown = page.split("```text\n", 1)[1].split("```", 1)[0]
    replay = subprocess.Popen(
        [sys.executable, "-m", "silomap._watch.replay", "examples/watch/desk.csv", "--time", "time", "--speed", "0"],
        stdout=subprocess.PIPE, cwd=ROOT, env=ENV,
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "silomap", "watch", "examples/watch/model.yaml", "examples/watch/desk.yaml",
         "--every", "0", "--every-events", "9"],
        stdin=replay.stdout, capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=60, check=False,
    )  # fmt: skip
    replay.wait(timeout=60)
    replay.stdout.close()
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == shown


def test_a_mapping_without_log_serves_watch_and_observe_asks_for_it(tmp_path, capsys):
    # a watch reads its source, not the mapping's log: the tiny mapping without its log: line
    lines = (OBS / "tiny.yaml").read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("log:")]
    assert len(kept) == len(lines) - 1
    nolog = tmp_path / "nolog.yaml"
    nolog.write_text("".join(kept))
    text = (OBS / "tiny.csv").read_text()
    done = subprocess.run(
        [sys.executable, "-m", "silomap", "watch", MODEL, str(nolog), "--json", "--every", "0", "--idle", "off"],
        input=text, capture_output=True, text=True, timeout=60, env=ENV, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    named = _watch("--json", "--every", "0", "--idle", "off", stdin=text)
    assert json.loads(done.stdout.splitlines()[-1]) == json.loads(named.stdout.splitlines()[-1])
    assert json.loads(done.stdout.splitlines()[-1])["cases"] == 3  # tiny.csv: c1, c2, c3
    # observe still needs it: exit 2, placed where the mapping's keys start (its first line is a comment)
    first = next(n for n, line in enumerate(kept, 1) if line.startswith("silomap-log"))
    assert main(["observe", MODEL, str(nolog), "--json"]) == 2
    err = capsys.readouterr().err
    assert f"{nolog}:{first}:1: error[SM021]: missing required field 'log'" in err
