"""Observed journeys on hostile and faulty input (issue 24): times at the ends of the range, memory
and spill settings that are no settings, full disks, a huge XES attribute, and every log error at
its line and column as an editor counts them. Inputs made here; expected values by hand."""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import json
import os
import resource
import signal
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT

OBS = DATA / "observed"
MODEL = OBS / "tiny-model.yaml"  # journey fix: queue (l1), work (l2), close (l1)
COLUMNS = "{case: case, activity: activity, timestamp: time, resource: who, group: null}"


def _mapping(folder, log: str, columns: str = COLUMNS, extra: str = "") -> str:
    (folder / "m.yaml").write_text(f"silomap-log: 1\nlog: {log}\ncolumns: {columns}\n{extra}")
    return "m.yaml"


def _observe(folder, capsys, *args: str) -> tuple[int, str]:
    """``silomap observe`` run from ``folder`` (the mapping named as given, so is the log)."""
    with contextlib.chdir(folder):
        code = main(["observe", str(MODEL), "m.yaml", *args])
    return code, capsys.readouterr().err


# --- times at the ends of the range --------------------------------------------------------------

# u1: c1; c2 exactly 7 days later (a repeat: "at most" the window); c3 at the last instant DuckDB
# and Spark hold (294247-01-10 04:00:54.775806), 4 hours after c2. u2: c4 at the first instant,
# c5 a day later. Repeats: c2, c3, c5 (3 of 5). First-contact resolution (no case transfers):
# c1 and c2 have a case of their customer within 7 days after, c4 too: only c3 and c5 (2 of 5).
FAR = (
    "case,activity,time,who,team,cust\n"
    "c1,Queue,294247-01-03T00:00:00,ann,Level 1,u1\n"
    "c2,Queue,294247-01-10T00:00:00,ann,Level 1,u1\n"
    "c3,Queue,294247-01-10T04:00:54.775806,ann,Level 1,u1\n"
    "c4,Queue,-290308-12-22T00:00:00,ann,Level 1,u2\n"
    "c5,Queue,-290308-12-23T00:00:00,ann,Level 1,u2\n"
)
FAR_COLUMNS = "{case: case, activity: activity, timestamp: time, resource: who, group: team, customer: cust}"


def test_times_at_the_ends_of_the_range_with_repeat_contacts(tmp_path):
    (tmp_path / "log.csv").write_text(FAR)
    _mapping(tmp_path, "log.csv", FAR_COLUMNS, "teams: {Level 1: l1}\n")
    seen = silomap.observe(silomap.load(MODEL), tmp_path / "m.yaml")
    assert (seen.summary["repeat_rate"], seen.summary["fcr_rate"]) == (3 / 5, 2 / 5)
    cases = seen.cases()
    assert list(cases["case_id"]) == ["c1", "c2", "c3", "c4", "c5"]
    assert list(cases["repeat_contact"]) == [False, True, True, False, True]
    assert list(cases["first_contact_resolution"]) == [False, False, True, False, True]


# --- the engine's memory bound and spill folder ----------------------------------------------------

GOOD = "case,activity,time,who\nc1,Queue,2026-01-01T09:00:00,ann\nc1,Work,2026-01-01T10:00:00,bob\n"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("lots", "--memory-limit must be a size such as 500MB, 4GB or 60%, not 'lots'"),
        ("500", "--memory-limit must be a size such as 500MB, 4GB or 60%, not '500'"),
        ("150%", "--memory-limit must be a size such as 500MB, 4GB or 60%, not '150%'"),
        ("1MB", "--memory-limit must be at least 64MB, not '1MB'"),
    ],
)
def test_a_memory_limit_that_is_no_size_is_refused(tmp_path, capsys, given, message):
    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv")
    code, err = _observe(tmp_path, capsys, "--memory-limit", given)
    assert (code, err) == (2, message + "\n")


def test_a_memory_limit_from_python_or_the_environment(tmp_path, capsys, monkeypatch):
    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv")
    model = silomap.load(MODEL)
    with pytest.raises(silomap.UsageError) as caught:
        silomap.observe(model, tmp_path / "m.yaml", memory_limit="lots")
    assert caught.value.param == "memory_limit" and caught.value.exit_code == 2
    assert str(caught.value) == "memory_limit= must be a size such as 500MB, 4GB or 60%, not 'lots'"
    with pytest.raises(silomap.UsageError, match=r"^memory_limit= must be a size .* not 500$"):
        silomap.observe(model, tmp_path / "m.yaml", memory_limit=500)  # type: ignore[arg-type]
    for good in ("64MB", "1.5 GiB", "60%"):
        assert silomap.observe(model, tmp_path / "m.yaml", memory_limit=good).summary["events"] == 2
    monkeypatch.setenv("SILOMAP_MEMORY_LIMIT", "lots")
    code, err = _observe(tmp_path, capsys)
    assert (code, err) == (2, "SILOMAP_MEMORY_LIMIT must be a size such as 500MB, 4GB or 60%, not 'lots'\n")


def test_a_spill_folder_that_is_no_folder_is_refused(tmp_path, capsys):
    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv")
    (tmp_path / "afile").write_text("x")
    code, err = _observe(tmp_path, capsys, "--temp-directory", "afile")
    assert (code, err) == (2, "error[SM050]: --temp-directory must be a folder; afile is not one\n")
    code, err = _observe(tmp_path, capsys, "--temp-directory", "no/such")
    assert (code, err) == (2, "error[SM050]: --temp-directory no/such: its folder does not exist\n")
    with pytest.raises(silomap.UsageError) as caught:
        silomap.observe(silomap.load(MODEL), tmp_path / "m.yaml", temp_directory=str(tmp_path / "afile"))
    assert caught.value.param == "temp_directory"
    # a new folder in an existing one is made by the engine when it spills
    code, _ = _observe(tmp_path, capsys, "--temp-directory", "spill")
    assert code == 0


class _Failing:
    """A DuckDB connection whose statements matching ``when`` fail as DuckDB fails on a full disk or
    out of memory (its messages as DuckDB words them)."""

    def __init__(self, con, when: str, error: Exception) -> None:
        self._con, self._when, self._error = con, when, error

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, sql, *args):
        if self._when in sql:
            raise self._error
        return self._con.execute(sql, *args)


def _failing(monkeypatch, when: str, error: Exception) -> None:
    import duckdb

    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Failing(real(*a, **k), when, error))


def test_a_full_spill_disk_and_running_out_of_memory_are_exit_3(tmp_path, capsys, monkeypatch):
    import duckdb

    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv")
    spill = tmp_path / "spill"
    full = duckdb.IOException(
        f'IO Error: Could not write file "{spill}/duckdb_temp_storage_S32K-0.tmp": No space left on device'
    )
    _failing(monkeypatch, "TEMP TABLE tallies", full)
    code, err = _observe(tmp_path, capsys, "--temp-directory", str(spill))
    assert (code, err) == (
        3,
        f"error[SM051]: cannot spill to {spill}: No space left on device; free room there, or give "
        "--temp-directory on another disk\n",
    )
    out = duckdb.OutOfMemoryException(
        "Out of Memory Error: could not allocate block of size 256.0 KiB (61.0 MiB/61.0 MiB used)"
    )
    _failing(monkeypatch, "TEMP TABLE tallies", out)
    code, err = _observe(tmp_path, capsys, "--memory-limit", "64MB", "--temp-directory", "spill")
    assert (code, err) == (
        3,
        "error[SM086]: the engine ran out of memory within its bound of 64MB (spilling to spill): raise "
        "--memory-limit\n",
    )


def test_cases_onto_a_full_disk_is_exit_3_and_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    """The Parquet file is written by the engine (the CSV one by silomap, tested on a real failed
    write below)."""
    import duckdb

    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv")
    (tmp_path / "cases.parquet").write_text("old\n")
    full = duckdb.IOException(
        'IO Error: Could not write file ".cases.parquet.1.tmp": No space left on device'
    )
    _failing(monkeypatch, "COPY (", full)
    code, err = _observe(tmp_path, capsys, "--cases", "cases.parquet")
    assert (code, err) == (3, "error[SM051]: cannot write cases.parquet: No space left on device\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.parquet", "log.csv", "m.yaml"]
    assert (tmp_path / "cases.parquet").read_text() == "old\n"


def _small_files() -> None:
    """In the child: no file may grow past 300 bytes; the write fails (EFBIG) rather than kill it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))


def test_cases_onto_a_disk_that_refuses_the_write(tmp_path):
    """A real failed write, not a simulated one: the per-case file of the tiny log (over 300 bytes)
    in a process that may write no file larger than 300 bytes."""
    (tmp_path / "tiny.csv").write_bytes((OBS / "tiny.csv").read_bytes())
    (tmp_path / "m.yaml").write_bytes((OBS / "tiny.yaml").read_bytes())
    (tmp_path / "cases.csv").write_text("old\n")
    run = "import sys; from silomap._cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", run, "observe", str(MODEL), "m.yaml", "--cases", "cases.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        preexec_fn=_small_files,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert (done.returncode, done.stderr) == (3, "error[SM051]: cannot write cases.csv: File too large\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv", "m.yaml", "tiny.csv"]
    assert (tmp_path / "cases.csv").read_text() == "old\n"


@pytest.mark.skipif(
    importlib.util.find_spec("ipywidgets") is not None, reason="ipywidgets is installed (the notebook extra)"
)
def test_observe_runs_in_a_jupyter_kernel_without_ipywidgets():
    """DuckDB refuses any change of its progress-bar setting in a Jupyter kernel without
    ipywidgets; silomap never needs one."""
    import nbformat
    from nbclient import NotebookClient

    code = (
        "import importlib.util, silomap\n"
        "print('ipywidgets:', importlib.util.find_spec('ipywidgets') is not None)\n"
        f"seen = silomap.observe(silomap.load({str(MODEL)!r}), {str(OBS / 'tiny.yaml')!r})\n"
        "print('cases:', seen.summary['cases'])\n"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(notebook, timeout=180, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "".join(o.get("text", "") for o in outputs) == "ipywidgets: False\ncases: 3\n"


def test_matrices_list_their_most_frequent_pairs_and_say_how_many_there_are(tmp_path, monkeypatch):
    """A matrix has a pair for each two teams (or resources) that follow each other: a million teams
    can give a million pairs. The most frequent are listed (10,000; 2 here), and the count of all.
    The tiny log (observed.md): hand-offs ann->bob 2, bob->ann 2, ann->dan 1, bot->ann 1, dan->ann 1;
    transfers l1->l2 2, l2->l1 2, self-service->l1 1."""
    monkeypatch.setattr("silomap._observed.engine.MATRIX_PAIRS", 2)
    seen = silomap.observe(silomap.load(MODEL), OBS / "tiny.yaml")
    assert seen.handoff_matrix == [("ann", "bob", 2), ("bob", "ann", 2)]
    assert seen.transfer_matrix == [("l1", "l2", 2), ("l2", "l1", 2)]
    data = seen.to_dict()
    assert (data["handoff_pairs"], data["transfer_pairs"]) == (5, 3)
    report = tmp_path / "r.html"
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            [
                "report",
                str(MODEL),
                "--observed",
                str(OBS / "tiny.yaml"),
                "-o",
                "r.html",
                "--renderer",
                "embedded",
            ]
        )
        == 0
    )
    assert "Built from the 2 most frequent of 3 pairs of teams" in report.read_text()


def test_no_look_back_over_a_column_without_values(tmp_path, monkeypatch):
    """DuckDB's ``lag(x IGNORE NULLS)`` looks back over each run of nulls for every event of it: on
    one case of 4M events without a channel that took over 100 s. A column with no value (or only
    'internal' channels) is not looked back over at all."""
    from silomap._observed import engine

    (tmp_path / "log.csv").write_text(
        "case,activity,time,who,chan\nc1,Queue,2026-01-01T09:00:00,ann,internal\nc1,Work,2026-01-01T10:00:00,bob,internal\n"
    )
    _mapping(
        tmp_path,
        "log.csv",
        "{case: case, activity: activity, timestamp: time, resource: null, group: null, channel: chan}",
    )
    given = []
    real = engine.statements
    monkeypatch.setattr(engine, "statements", lambda *args: given.append(args[3]) or real(*args))
    seen = silomap.observe(silomap.load(MODEL), tmp_path / "m.yaml")
    assert given == [{"resource", "team", "channel"}]
    assert seen.summary["channel_switches_per_case"] == 0.0
    text = " ".join(real(604800, True, 5, {"resource", "team", "channel"}))
    assert "IGNORE NULLS" not in text and text.count("CAST(NULL AS INTEGER) AS p_") == 3


# --- a huge XES attribute ------------------------------------------------------------------------


def _xes(value: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log>\n<trace><string key="concept:name" value="c1"/>\n'
        f'<event><string key="concept:name" value="{value}"/>'
        '<date key="time:timestamp" value="2026-01-01T00:00:00"/></event></trace></log>\n'
    ).encode()


def test_a_32_mb_xes_attribute_is_read_in_a_few_reads(tmp_path, monkeypatch):
    """Expat reads a token again from its start each time it gets more of it: fed 16 KB at a time,
    a 32 MB attribute was read 2,000 times (over 20 s). Chunks that double while no element ends
    read it whole in a dozen reads: 64 KB, 128 KB, … 32 MB."""
    (tmp_path / "log.xes.gz").write_bytes(gzip.compress(_xes("a" * (32 << 20)), 9))
    _mapping(tmp_path, "log.xes.gz", "{resource: null, group: null}")
    reads = []
    real = gzip.open

    class Counted:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

        def read(self, size=-1):
            reads.append(size)
            return self._handle.read(size)

    monkeypatch.setattr("silomap._observed.xes.gzip.open", lambda *a, **k: Counted(real(*a, **k)))
    seen = silomap.observe(silomap.load(MODEL), tmp_path / "m.yaml")
    assert (seen.summary["cases"], seen.summary["events"], seen.unmapped["activities"]) == (1, 1, 1)
    assert len(reads) < 20, len(reads)


def test_an_xes_element_longer_than_the_bound_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("silomap._observed.xes.LONGEST", 1 << 20)  # 1 MiB here; 64 MiB as shipped
    (tmp_path / "log.xes").write_bytes(_xes("a" * (2 << 20)))
    _mapping(tmp_path, "log.xes", "{resource: null, group: null}")
    code, err = _observe(tmp_path, capsys)
    # the <string …> element starts on line 4 (after the declaration, <log> and the trace's line),
    # after '<event>'
    assert (code, err.splitlines()[0]) == (
        2,
        "log.xes:4:8: error[SM080]: an XML element longer than 1 MiB: no log value is that long",
    )
    (tmp_path / "log.xes").write_bytes(_xes("a" * (1 << 19)))  # half of it is read
    assert _observe(tmp_path, capsys)[0] == 0


# --- every log error at its line and column --------------------------------------------------------

HEADER = "case,activity,time,who\n"
ROW = "c1,Queue,2026-01-01T09:00:00,ann\n"
QUOTED = 'c1,"Que\nue",2026-01-01T09:00:00,ann\n'  # one record on lines 2 and 3


@pytest.mark.parametrize(
    ("log", "expected"),
    [
        # a byte that is not UTF-8 on a data row: its line and column, not the header
        (
            HEADER + ROW + "c2,Qu\xe9ue,2026-01-01T09:00:00,ann\n",
            "log.csv:3:6: error[SM080]: not valid UTF-8 (byte 0xE9); save the file as UTF-8",
        ),
        (
            "ca\xffse,activity,time,who\n" + ROW,
            "log.csv:1:3: error[SM080]: not valid UTF-8 (byte 0xFF); save the file as UTF-8",
        ),
        # a bad timestamp on line 3, at its value (after 'c1,Work,')
        (
            HEADER + ROW + "c1,Work,2026-13-45T00:00:00,bob\n",
            "log.csv:3:9: error[SM082]: column 'time': not a timestamp in ISO 8601 (or set timestamp_format): "
            "'2026-13-45T00:00:00'",
        ),
        # after a value with a line break the record is on line 4 (DuckDB counts it its 3rd line)
        (
            HEADER + QUOTED + "c1,Work,2026-13-45T00:00:00,bob\n",
            "log.csv:4:9: error[SM082]: column 'time': not a timestamp in ISO 8601 (or set timestamp_format): "
            "'2026-13-45T00:00:00'",
        ),
        (
            HEADER + QUOTED + "\nc1,Work,2026-01-01T10:00:00\n",
            "log.csv:5:1: error[SM080]: row has 3 fields; the header has 4",
        ),
        # CRLF ends, a blank line, a value that starts on line 4 and holds a CRLF
        (
            "case,activity,time,who\r\n"
            + ROW.replace("\n", "\r\n")
            + '\r\nc2,Work,"2026-01-01\r\nT00:00",bob\r\n',
            "log.csv:4:9: error[SM082]: column 'time': not a timestamp in ISO 8601 (or set timestamp_format): "
            "'2026-01-01\\r\\nT00:00'",
        ),
        (
            HEADER + ",Work,2026-01-02T00:00:00,bob\n",
            "log.csv:2:1: error[SM083]: column 'case': the case id is missing",
        ),
        (
            HEADER + 'c1,"Queue,2026-01-01T09:00:00,ann\n' + ROW,
            "log.csv:2:1: error[SM080]: a quoted value is not closed: a quote is missing",
        ),
    ],
    ids=[
        "bad-byte",
        "bad-byte-header",
        "bad-time",
        "after-line-break",
        "ragged",
        "crlf",
        "no-case",
        "open-quote",
    ],
)
def test_log_errors_at_their_line_and_column(tmp_path, capsys, log, expected):
    (tmp_path / "log.csv").write_bytes(log.encode("latin-1"))  # \xe9 and \xff: one byte each, not UTF-8
    _mapping(tmp_path, "log.csv")
    code, err = _observe(tmp_path, capsys, "--cases", "cases.csv")
    assert (code, err.splitlines()[0]) == (2, expected)
    assert not (tmp_path / "cases.csv").exists()


def _parquet(folder, times: list[object]) -> None:
    table = pa.table(
        {
            "case": ["c1"] * len(times),
            "activity": ["Queue"] * len(times),
            "time": times,
            "who": ["ann"] * len(times),
        }
    )
    pq.write_table(table, folder / "log.parquet")


def test_parquet_errors_name_the_row_and_no_line(tmp_path, capsys):
    _parquet(tmp_path, ["2026-01-01T09:00:00", "nope"])
    _mapping(tmp_path, "log.parquet")
    code, err = _observe(tmp_path, capsys)
    assert (code, err.splitlines()[0]) == (
        2,
        "log.parquet: error[SM082]: row 2, column 'time': not a timestamp in ISO 8601 (or set "
        "timestamp_format): 'nope'",
    )
    (tmp_path / "log.parquet").write_bytes(b"PAR1 not a Parquet file")
    code, err = _observe(tmp_path, capsys)
    assert code == 2 and err.startswith("log.parquet: error[SM080]: cannot read the Parquet file: ")
    assert "CSV" not in err


def test_a_bad_timestamp_format_is_placed_in_the_mapping(tmp_path, capsys):
    (tmp_path / "log.csv").write_text(GOOD)
    _mapping(tmp_path, "log.csv", extra="timestamp_format: '%Q'\n")
    code, err = _observe(tmp_path, capsys)
    assert code == 2
    assert err.startswith("m.yaml:4:19: error[SM022]: timestamp_format: not a strptime format: '%Q' (")
    assert "log.csv" not in err


def test_a_column_named_twice_in_the_header(tmp_path, capsys):
    """DuckDB compares column names without case: 'case' and 'Case' are one name to it."""
    (tmp_path / "log.csv").write_text("case,activity,time,Case,who\nc1,Queue,2026-01-01T09:00:00,x,ann\n")
    _mapping(tmp_path, "log.csv")
    code, err = _observe(tmp_path, capsys)
    assert (code, err.splitlines()[0]) == (
        2,
        "m.yaml:3:17: error[SM081]: columns.case: columns 1 and 4 of the header of log.csv are named 'case' "
        "(names compared without case): rename one of them",
    )
    # a column named twice that the mapping does not use is read (the second one renamed)
    (tmp_path / "log.csv").write_text(
        "case,activity,time,who,note,Note\nc1,Queue,2026-01-01T09:00:00,ann,a,b\n"
    )
    assert _observe(tmp_path, capsys)[0] == 0


def test_a_renamed_case_column_lists_the_columns_not_the_activity(tmp_path, capsys):
    """The default case column is 'case:concept:name', one edit from the activity's 'concept:name':
    suggesting the activity column for the case would be wrong."""
    (tmp_path / "log.csv").write_text(
        "case_id,concept:name,time:timestamp,org:resource\nc1,Queue,2026-01-01T09:00:00,ann\n"
    )
    _mapping(tmp_path, "log.csv", "{group: null}")
    code, err = _observe(tmp_path, capsys)
    assert (code, err.splitlines()[0]) == (
        2,
        "m.yaml:3:10: error[SM081]: columns.case: column 'case:concept:name' is not in the header of log.csv; "
        "the log has 'case_id', 'concept:name', 'time:timestamp', 'org:resource' ('case:concept:name' is the "
        "default of columns.case: name the log's, or write null)",
    )


def test_an_empty_xes_names_the_users_file(tmp_path, capsys):
    for text in (
        "<log/>",
        '<log><global scope="event"><string key="concept:name" value="x"/></global></log>',
    ):
        (tmp_path / "log.xes").write_text(text)
        _mapping(tmp_path, "log.xes", "{resource: null, group: null}")
        code, err = _observe(tmp_path, capsys)
        assert (code, err.splitlines()[0]) == (2, "log.xes: error[SM084]: the log has no events")


# --- Spark agrees ---------------------------------------------------------------------------------


@pytest.mark.needs("spark", "java")
def test_spark_reads_what_duckdb_reads_and_refuses_what_it_refuses(tmp_path):
    """A quoted value with a line break and a doubled quote, times at the ends of the range: the same
    figures; a ragged row after a line break: the same error, at the same line."""
    model = silomap.load(MODEL)
    (tmp_path / "log.csv").write_text(
        HEADER + 'c1,"Que\nue",2026-01-01T09:00:00,ann\nc1,"Wo""rk",2026-01-01T10:00:00,bob\n'
    )
    _mapping(tmp_path, "log.csv", extra="missing: ['']\n")
    duck = silomap.observe(model, tmp_path / "m.yaml")
    assert duck.summary["events"] == 2 and duck.handoff_matrix == [("ann", "bob", 1)]
    assert silomap.observe(model, tmp_path / "m.yaml", engine="spark").to_dict() == duck.to_dict()
    (tmp_path / "far.csv").write_text(FAR)
    _mapping(tmp_path, "far.csv", FAR_COLUMNS, "teams: {Level 1: l1}\n")
    duck = silomap.observe(model, tmp_path / "m.yaml")
    assert silomap.observe(model, tmp_path / "m.yaml", engine="spark").to_dict() == duck.to_dict()
    (tmp_path / "log.csv").write_text(HEADER + QUOTED + "\nc1,Work,2026-01-01T10:00:00\n")
    _mapping(tmp_path, "log.csv")
    errors = []
    for engine in ("duckdb", "spark"):
        with pytest.raises(silomap.ModelError) as caught:
            silomap.observe(model, tmp_path / "m.yaml", engine=engine)
        errors.append([str(p) for p in caught.value.problems])
    assert (
        errors[0]
        == errors[1]
        == [f"{tmp_path}/log.csv:5:1: error[SM080]: row has 3 fields; the header has 4"]
    )


@pytest.mark.needs("spark", "java")
def test_spark_prints_no_pandas_warning(tmp_path):
    code = (
        "import silomap\n"
        f"seen = silomap.observe(silomap.load({str(MODEL)!r}), {str(OBS / 'tiny.yaml')!r}, engine='spark')\n"
        "print(json.dumps(seen.summary['cases']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "always", "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == 3
    assert "FutureWarning" not in done.stderr
