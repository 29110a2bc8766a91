"""Observed journeys, what goes in and what comes out (issue 24): the log's files read as named,
never written over, never outside the mapping's folder, never a FIFO or a device; log values kept
apart (no joined strings), inert in every output; JSON on stdout that always parses."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT, run_on_a_terminal, run_silomap

OBS = DATA / "observed"
MODEL = OBS / "tiny-model.yaml"
HEADER = ("case", "activity", "time", "who", "group", "system", "customer")
MAPPING = (
    "silomap-log: 1\nlog: {log}\ncolumns: {{case: case, activity: activity, timestamp: time, resource: who, "
    "group: group, system: system, customer: customer}}\nsteps: {{Queue: fix/queue, Work: fix/work, "
    "Close: fix/close}}\n"
)


def _log(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A CSV log of ``rows`` (case, activity, time, who, group, system, customer)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER, *rows])
    return path


def _mapping(folder: Path, log: str, name: str = "m.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MAPPING.format(log=json.dumps(log)), encoding="utf-8")
    return path


def _case(
    case: str, group: str = "Level 1", system: str = "CRM", customer: str = "u1"
) -> list[tuple[str, ...]]:
    """A case of two events, Queue then Close, by ann, in one group and one system."""
    return [
        (case, "Queue", "2026-01-01T09:00:00", "ann", group, system, customer),
        (case, "Close", "2026-01-01T10:00:00", "ann", group, system, customer),
    ]


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _observe(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """``silomap observe MODEL ...`` in a fresh process, bounded: a FIFO must not hang the test run, nor
    /dev/zero fill the machine's memory."""
    done = run_silomap("observe", str(MODEL), *args, cwd=cwd or Path.cwd(), timeout=30, preexec_fn=_bounded)
    return done.returncode, done.stdout, done.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# 1. The per-case file never replaces a file of the log, nor joins it


@pytest.mark.parametrize(
    ("log", "target"),
    [
        ("logs/*.csv", "logs/a.csv"),  # a file the pattern matches: it was replaced
        ("logs/*.csv", "logs/new.csv"),  # a file it would match: read as part of the log next time
        ("logs/?.csv", "logs/../logs/b.csv"),
        ("logs", "logs/cases.csv"),  # a folder of logs
        ("logs/a.csv", "hard.csv"),  # a hard link to the log
    ],
    ids=["pattern-match", "pattern-new", "pattern-dotdot", "folder", "hard-link"],
)
def test_the_cases_file_is_never_an_input(tmp_path, capsys, log, target):
    _log(tmp_path / "logs/a.csv", _case("c1"))
    _log(tmp_path / "logs/b.csv", _case("c2"))
    os.link(tmp_path / "logs/a.csv", tmp_path / "hard.csv")
    _mapping(tmp_path, log)
    before = _snapshot(tmp_path)
    with contextlib.chdir(tmp_path):
        code = main(["observe", str(MODEL), "m.yaml", "--cases", target])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"error[SM050]: --cases {target} would overwrite the log '{log}' or be read as part of it; write it "
        "elsewhere\n"
    )
    assert _snapshot(tmp_path) == before  # nothing written, the log intact


def test_the_api_refuses_to_write_cases_over_the_log(tmp_path):
    _log(tmp_path / "logs/a.csv", _case("c1"))
    seen = silomap.observe(silomap.load(MODEL), _mapping(tmp_path, "logs/*.csv"))
    before = _snapshot(tmp_path)
    with pytest.raises(silomap.UsageError, match=r"^error\[SM050\]: cases= .*a\.csv would overwrite the log"):
        seen.write_cases(tmp_path / "logs/a.csv")
    assert _snapshot(tmp_path) == before
    seen.write_cases(tmp_path / "cases.csv")  # elsewhere: written
    assert (tmp_path / "cases.csv").read_text().startswith("case_id,")


# 2. File names are names: only `*` and `?` make a pattern, and only in what the mapping says


def _cases(mapping: Path, engine: str = "duckdb") -> list[str]:
    seen = silomap.observe(silomap.load(MODEL), mapping, engine=engine)
    return list(seen.cases()["case_id"])


def _pattern_rows() -> list[tuple[list[str], str, list[str]]]:
    """The table of docs/observed.md after ``<!-- log-patterns -->``: the files, ``log:``, what is read."""
    text = (ROOT / "docs/observed.md").read_text(encoding="utf-8").split("<!-- log-patterns -->\n", 1)[1]
    rows = []
    for line in text.splitlines()[2:]:
        if not line.startswith("|"):
            break
        files, log, read = (
            [m.strip('"') for m in re.findall(r"`([^`]+)`", cell)] for cell in line.split(" | ")
        )
        rows.append((files, log[0], read))
    return rows


PATTERN_ROWS = [
    *_pattern_rows(),
    (["~q3.csv"], "~q3.csv", ["~q3.csv"]),  # never the home folder
    (["x?.csv", "x1.csv", "x[.csv"], "x[.csv", ["x[.csv"]),
]


def test_the_docs_show_each_kind_of_log_name():
    assert len(PATTERN_ROWS) == 9


@pytest.mark.parametrize(("files", "log", "expected"), PATTERN_ROWS, ids=[row[1] for row in PATTERN_ROWS])
def test_each_file_is_read_once_as_named(tmp_path, files, log, expected):
    for name in files:  # each file holds one case, named as the file
        _log(tmp_path / name, _case(name))
    _mapping(tmp_path, log)
    with contextlib.chdir(tmp_path):  # the log named relative to here, as the engine is given it
        if not expected:
            with pytest.raises(silomap.ModelError, match="no log found"):
                _cases(Path("m.yaml"))
        else:
            assert _cases(Path("m.yaml")) == expected  # in order of case id: each file once


def test_brackets_are_no_pattern(tmp_path, capsys):
    _log(tmp_path / "a1.csv", _case("c1"))
    _mapping(tmp_path, "a[12].csv")
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "a[12].csv: error[SM080]: no log found: give a .csv, .csv.gz, .parquet, .xes or .xes.gz file, a folder "
        "or a pattern"
    )


@pytest.mark.needs("spark", "java")
def test_spark_reads_each_file_as_named(tmp_path):
    # Hadoop reads *?[]{} as a pattern and a colon as a URI's scheme; a quoted line break needs
    # Spark's multi-line reader, which matches the names it listed once more
    names = {"a[1].csv": "c1", "a1.csv": "c2", "b{x}.csv": "c3", "c*.csv": "c4", "d 10:30.csv": "c5"}
    for name, case in names.items():
        _log(tmp_path / name, _case(case))
    assert _cases(_mapping(tmp_path, "*.csv"), "spark") == ["c1", "c2", "c3", "c4", "c5"]


# 4. A log named relative to the mapping stays in the mapping's folder; file content never echoed

SECRET = "TOKEN=hunter2-do-not-print"


def _outside(tmp_path: Path) -> Path:
    """``outside/``: a secret (a one-line file) and a good log, next to the mapping's folder ``m/``."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.csv").write_text(SECRET + "\n")
    _log(tmp_path / "outside/good.csv", _case("c1"))
    (tmp_path / "m").mkdir()
    return tmp_path / "m"


@pytest.mark.parametrize(
    ("setup", "log", "expected"),
    [
        (lambda m: (m / "log.csv").symlink_to("../outside/secret.csv"), "log.csv",
         "m.yaml:2:6: error[SM080]: log: the log 'log.csv' leads outside the mapping's folder, through '..' or "
         "a symlink: silomap reads a relative log only inside that folder; write its absolute path if you mean "
         "to read it"),
        (lambda m: None, "../outside/secret.csv",
         "m.yaml:2:6: error[SM080]: log: the log '../outside/secret.csv' leads outside the mapping's folder, "
         "through '..' or a symlink: silomap reads a relative log only inside that folder; write its absolute "
         "path if you mean to read it"),
        (lambda m: (m / "logs").symlink_to("../outside", target_is_directory=True), "logs",
         "m.yaml:2:6: error[SM080]: log: the log 'logs' leads outside the mapping's folder, through '..' or a "
         "symlink: silomap reads a relative log only inside that folder; write its absolute path if you mean to "
         "read it"),
        (lambda m: [_log(m / "logs/a.csv", _case("c1")), (m / "logs/b.csv").symlink_to("../../outside/secret.csv")],
         "logs/*.csv",
         "m.yaml:2:6: error[SM080]: log: the log 'logs/*.csv' (its file 'logs/b.csv') leads outside the mapping's "
         "folder, through '..' or a symlink: silomap reads a relative log only inside that folder; write its "
         "absolute path if you mean to read it"),
    ],
    ids=["symlinked-file", "dotdot", "symlinked-folder", "symlink-in-pattern"],
)  # fmt: skip
def test_a_relative_log_stays_in_the_mappings_folder(tmp_path, capsys, setup, log, expected):
    folder = _outside(tmp_path)
    setup(folder)
    (folder / "m.yaml").write_text(f"silomap-log: 1\nlog: {json.dumps(log)}\n")  # the XES keys: all missing
    with contextlib.chdir(folder):
        code = main(["observe", str(MODEL), "m.yaml"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [expected, "1 error; nothing was computed"]
    assert "hunter2" not in err


def test_an_absolute_log_is_the_users_choice(tmp_path, capsys):
    folder = _outside(tmp_path)
    _mapping(folder, str(tmp_path / "outside/good.csv"))
    (folder / "inside.csv").symlink_to("../outside/good.csv")
    _mapping(folder, "../m/inside.csv", "n.yaml")  # a '..' that comes back, to a symlink that stays: inside
    (folder / "in-folder.csv").symlink_to(folder / "inside.csv")
    _mapping(folder, "in-folder.csv", "o.yaml")
    assert _cases(folder / "m.yaml") == ["c1"]
    with pytest.raises(silomap.ModelError, match="leads outside the mapping's folder"):
        _cases(folder / "n.yaml")  # inside.csv itself points outside
    with pytest.raises(silomap.ModelError, match="leads outside the mapping's folder"):
        _cases(folder / "o.yaml")
    _log(folder / "real.csv", _case("c2"))
    (folder / "alias.csv").symlink_to("real.csv")
    _mapping(folder, "sub/../alias.csv", "p.yaml")
    (folder / "sub").mkdir()
    assert _cases(folder / "p.yaml") == ["c2"]


def test_the_logs_columns_are_listed_once(tmp_path, capsys):
    (tmp_path / "log.csv").write_text(f"{SECRET},b\n1,2\n")
    (tmp_path / "m.yaml").write_text("silomap-log: 1\nlog: log.csv\ncolumns: {group: null}\n")
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml"]) == 2
    err = capsys.readouterr().err
    # four default columns missing (case, activity, timestamp, resource): the header listed once
    assert err.count("hunter2") == 1
    assert err.count("error[SM081]") == 4 and err.count("the log's columns are listed at columns.case") == 3


# 5. Only regular files are read: a FIFO would block, a device never end; the header read is bounded

NOT_REGULAR = "error[SM080]: not a regular file (a FIFO or a device): silomap reads a log from files"


@pytest.mark.parametrize("name", ["log.csv", "log.csv.gz", "log.parquet", "log.xes", "logs/b.csv"])
def test_a_fifo_log_is_refused_at_once(tmp_path, name):
    if "/" in name:  # a FIFO among the files of a folder
        _log(tmp_path / "logs/a.csv", _case("c1"))
    os.mkfifo(tmp_path / name)
    _mapping(tmp_path, name.split("/")[0])
    code, out, err = _observe("m.yaml", "--json", cwd=tmp_path)  # blocked for ever before
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{name}: {NOT_REGULAR}", "1 error; nothing was computed"]


def test_a_log_linked_to_a_device_is_refused(tmp_path):
    (tmp_path / "zero.csv").symlink_to("/dev/zero")  # named by its absolute path: the user's choice
    _mapping(tmp_path, str(tmp_path / "zero.csv"))
    code, out, err = _observe("m.yaml", cwd=tmp_path)  # grew by 0.6 GiB a second before
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"{tmp_path / 'zero.csv'}: {NOT_REGULAR}"


def test_the_header_read_is_bounded(tmp_path, capsys, monkeypatch):
    from silomap._observed import sources

    monkeypatch.setattr(sources, "HEADER_BYTES", 1 << 10)  # 1 KiB here, 1 MiB in use
    (tmp_path / "log.csv").write_text("x" * 2_000 + "\n1\n")
    _mapping(tmp_path, "log.csv")
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "log.csv:1:1: error[SM080]: no end to the header row in its first 1 KiB: is this a CSV log?"
    )
    (tmp_path / "log.csv").write_text(",".join(HEADER) + "\n")  # a header of under 1 KiB is read
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == "log.csv: error[SM084]: the log has no events"


# 3. Names stay apart: never joined into a string and split back


def test_a_team_or_system_named_with_a_separator_stays_one(tmp_path):
    # one case, worked by one unmapped group 'l1 > l2' in one unmapped system 'SAP | ISU': no transfer
    rows = [
        ("c1", activity, f"2026-01-01T0{i}:00:00", "ann", "l1 > l2", "SAP | ISU", "u1")
        for i, activity in enumerate(["Queue", "Work", "Close"])
    ]
    _log(tmp_path / "log.csv", rows)
    seen = silomap.observe(silomap.load(MODEL), _mapping(tmp_path, "log.csv"))
    (fix,) = seen.journeys
    assert fix.transfers_observed == 0.0
    # the declared hand-offs l1 -> l2 and l2 -> l1 were never made: 0 %, not 100 %
    assert fix.handoff_rates == (("l1", "l2", 0.0), ("l2", "l1", 0.0))
    assert fix.undeclared_teams == ("l1 > l2",) and fix.undeclared_systems == ("SAP | ISU",)
    assert fix.sequences == ((("l1 > l2",), 1),)
    assert seen.to_dict()["journeys"][0]["team_sequences"] == [{"sequence": ["l1 > l2"], "cases": 1}]
    assert seen.summary["systems_per_case"] == 1.0


def test_two_teams_are_two_in_the_json(tmp_path):
    rows = [
        ("c1", "Queue", "2026-01-01T01:00:00", "ann", "Level 1", "CRM", "u1"),
        ("c1", "Work", "2026-01-01T02:00:00", "bob", "l2", "ERP", "u1"),
    ]
    _log(tmp_path / "log.csv", rows)
    (tmp_path / "m.yaml").write_text(MAPPING.format(log="log.csv") + "teams: {Level 1: l1}\n")
    seen = silomap.observe(silomap.load(MODEL), tmp_path / "m.yaml")
    assert seen.to_dict()["journeys"][0]["team_sequences"] == [{"sequence": ["l1", "l2"], "cases": 1}]
    assert seen.journeys[0].handoff_rates == (("l1", "l2", 1.0), ("l2", "l1", 0.0))


def _xes(path: Path, events: list[dict[str, str]]) -> None:
    body = "".join(
        "<event>" + "".join(f'<string key="{k}" value="{v}"/>' for k, v in e.items()) + "</event>"
        for e in events
    )
    path.write_text(
        f'<?xml version="1.0"?><log><trace><string key="concept:name" value="c1"/>{body}</trace></log>'
    )


def test_the_xes_copy_is_made_for_the_columns_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # a cache of its own
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    events = [
        {"concept:name": "Queue", "time:timestamp": "2026-01-01T01:00:00", "a": "ann", "a|b": "x", "c": "y",
         "b|c": "Level 2"},
        {"concept:name": "Work", "time:timestamp": "2026-01-01T02:00:00", "a": "bob", "a|b": "x", "c": "y",
         "b|c": "Level 1"},
    ]  # fmt: skip
    _xes(tmp_path / "log.xes", events)
    base = "silomap-log: 1\nlog: log.xes\nteams: {Level 1: l1, Level 2: l2}\ncolumns: "
    (tmp_path / "one.yaml").write_text(base + '{resource: "a|b", group: c}\n')
    (tmp_path / "two.yaml").write_text(base + '{resource: a, group: "b|c"}\n')
    model = silomap.load(MODEL)
    first = silomap.observe(model, tmp_path / "one.yaml")  # the columns a|b and c: one resource, one group
    assert (first.handoff_matrix, first.transfer_matrix) == ([], [])
    second = silomap.observe(model, tmp_path / "two.yaml")  # a and b|c: ann -> bob, l2 -> l1
    assert (second.handoff_matrix, second.transfer_matrix) == ([("ann", "bob", 1)], [("l2", "l1", 1)])


# 6. The per-case CSV is written by silomap's one CSV writer: formulas and control characters inert

HOSTILE_CASES = [  # case id, customer
    ('=HYPERLINK("http://x","y")', "=2+5"),
    ("+1", "u2"),
    ("-2", "u3"),
    ("@SUM(A1)", "u4"),
    ("\x1b]8;;http://evil\x07click\x1b]8;;\x07", "u5"),
    ("a\u202eexe.txt", "u6"),
]


def test_the_cases_csv_makes_formulas_and_controls_inert(tmp_path, capsys):
    rows = [
        (case, "Queue", "2026-01-01T09:00:00", "ann", "Level 1", "CRM", who) for case, who in HOSTILE_CASES
    ]
    _log(tmp_path / "log.csv", rows)
    _mapping(tmp_path, "log.csv")
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml", "--cases", "cases.csv"]) == 0
    # one event a case: no hand-off, no transfer, one system, a customer of its own (no repeat; resolved
    # at first contact); no channel column: channel switches not measured, an empty cell. In order of
    # case id, by code point: ESC, '+', '-', '=', '@', 'a'
    same = "1,2026-01-01 09:00:00,{},0,0,0,1,,false,true,Level 1"
    assert (tmp_path / "cases.csv").read_text(encoding="utf-8").splitlines() == [
        "case_id,events,start,customer,handoffs,transfers,ping_pong,systems,channel_switches,repeat_contact,"
        "first_contact_resolution,team_sequence",
        "\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07," + same.format("u5"),
        "'+1," + same.format("u2"),
        "'-2," + same.format("u3"),
        '"\'=HYPERLINK(""http://x"",""y"")",' + same.format("'=2+5"),
        "'@SUM(A1)," + same.format("u4"),
        "a\\u202eexe.txt," + same.format("u6"),
    ]
    # the Parquet file is data, not a spreadsheet: the values as they are
    with contextlib.chdir(tmp_path):
        assert main(["observe", str(MODEL), "m.yaml", "--cases", "cases.parquet"]) == 0
    import pandas as pd

    frame = pd.read_parquet(tmp_path / "cases.parquet")
    assert sorted(frame["case_id"]) == sorted(case for case, _ in HOSTILE_CASES)


@pytest.mark.needs("spark", "java")
def test_both_engines_write_the_same_cases_csv(tmp_path):
    rows = [
        (case, "Queue", "2026-01-01T09:00:00", "ann", "Level 1", "CRM", who) for case, who in HOSTILE_CASES
    ]
    _log(tmp_path / "log.csv", rows)
    model = silomap.load(MODEL)
    for mapping in (OBS / "tiny.yaml", _mapping(tmp_path, "log.csv")):
        for engine in ("duckdb", "spark"):
            silomap.observe(model, mapping, engine=engine).write_cases(tmp_path / f"{engine}.csv")
        assert (tmp_path / "spark.csv").read_text() == (tmp_path / "duckdb.csv").read_text(), mapping


# 7. Log values are untrusted text: inert in the text, the report, Markdown and JSON

RAW = ("\x1b", "\x07", "\u202e")
HOSTILE_TEAMS = ("L1\x1b]8;;http://evil\x07link\x1b]8;;\x07", "L2\u202eexe.txt")


def _hostile_log(tmp_path: Path) -> Path:
    """A case bounced between two unmapped groups with hostile names, in a system named alike."""
    a, b = HOSTILE_TEAMS
    rows = [
        ("c1", "Queue", "2026-01-01T01:00:00", "ann", a, "CRM\x1b[2J", "u1"),
        ("c1", "Work", "2026-01-01T02:00:00", "bob", b, "CRM\x1b[2J", "u1"),
        ("c1", "Close", "2026-01-01T03:00:00", "ann", a, "ERP\u202e", "u1"),
    ]
    _log(tmp_path / "log.csv", rows)
    return _mapping(tmp_path, "log.csv")


def test_log_values_are_inert_in_the_text_and_the_reports(tmp_path, capsys):
    mapping = _hostile_log(tmp_path)
    assert main(["observe", str(MODEL), str(mapping)]) == 0
    text = capsys.readouterr().out
    for name in ("report.html", "report.md"):
        assert main(["report", str(MODEL), "--observed", str(mapping), "--renderer", "embedded", "-o",
                     str(tmp_path / name)]) == 0  # fmt: skip
    html, markdown = ((tmp_path / n).read_text(encoding="utf-8") for n in ("report.html", "report.md"))
    for out in (text, html, markdown):
        assert not any(c in out for c in RAW)
    # shown escaped: the teams the journey does not declare, the most frequent transfers
    assert (
        "teams the model does not declare: L1\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07, L2\\u202eexe.txt"
        in text
    )
    assert "L1\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07 -> L2\\u202eexe.txt: 1" in text
    assert "systems it does not declare: CRM\\x1b[2J, ERP\\u202e" in text
    # the report: the tags, the team sequence, the heat map's headers
    assert (
        '<span class="tag">L2\\u202eexe.txt</span>' in html and '<span class="tag">ERP\\u202e</span>' in html
    )
    a = "L1\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07"
    assert f'<div class="note">{a} &gt; L2\\u202eexe.txt &gt; {a}: 1</div>' in html
    assert '<th class="num">L2\\u202eexe.txt</th>' in html


def test_log_values_are_exact_and_inert_in_the_json(tmp_path, capsys):
    mapping = _hostile_log(tmp_path)
    assert main(["observe", str(MODEL), str(mapping), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in RAW)  # as \u escapes
    assert "\\u202e" in out and "\\u001b" in out
    (fix,) = json.loads(out)["journeys"]
    a, b = HOSTILE_TEAMS
    assert fix["undeclared_teams"] == sorted(HOSTILE_TEAMS)  # parsed back: the log's very values
    assert fix["team_sequences"] == [{"sequence": [a, b, a], "cases": 1}]
    assert fix["undeclared_systems"] == ["CRM\x1b[2J", "ERP\u202e"]


# 8. JSON on stdout always parses: the progress goes to stderr, and only in a terminal

# DuckDB draws its bar at once (not after 2 s), so that even the tiny log would draw it
QUICK_BAR = textwrap.dedent("""
    import sys
    from silomap._observed import backends
    start = backends.DuckDB.__init__
    def quick(self, *args, **kwargs):
        start(self, *args, **kwargs)
        self.con.execute("SET progress_bar_time = 0")
    backends.DuckDB.__init__ = quick
    from silomap._cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _run_with_stderr_on_a_terminal(args: list[str]) -> tuple[int, bytes, bytes]:
    """Run silomap with stdout piped and stderr on a pseudo-terminal (as ``observe --json > out.json``
    typed in a terminal); return the exit code, stdout and what the terminal showed."""
    return run_on_a_terminal(QUICK_BAR, args)


def test_json_on_stdout_parses_with_stderr_on_a_terminal():
    args = ["observe", str(MODEL), str(OBS / "tiny.yaml"), "--json"]
    code, out, shown = _run_with_stderr_on_a_terminal(args)
    assert code == 0
    assert json.loads(out) == silomap.observe(silomap.load(MODEL), OBS / "tiny.yaml").to_dict()
    assert b"%" not in out and b"\r" not in out  # no progress bar in the JSON
    piped = subprocess.run([sys.executable, "-c", QUICK_BAR, *args], capture_output=True, check=False)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, out, b"")  # not a terminal: no progress
