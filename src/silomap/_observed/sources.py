"""Finding a log's files and reading them into DuckDB, every bad input a located problem.

CSV files are read with the header silomap reads itself and no sniffing, so a ragged row fails
at its line; cells stay text (``all_varchar``) until silomap parses them. Parquet is read as
typed. The position of each event in the file(s) is kept (``pos``): file name order, then row.

A log's files are listed here, once, and handed to the engine by their exact names: the engines
take ``*``, ``?`` and ``[`` as patterns, so each is escaped (:func:`engine_path`). Only regular
files are read (a FIFO would block, a device never end), a relative log only inside the mapping's
folder, and a CSV header only up to :data:`HEADER_BYTES`.
"""

from __future__ import annotations

import csv
import glob
import gzip
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import shown
from .._text import quote_value, safe_text
from .lines import Record, bad_byte, locate
from .mapping import LogMapping
from .resources import SPILL_FILES

__all__ = [
    "CSV",
    "HEADER_BYTES",
    "KINDS",
    "OCEL",
    "PARQUET",
    "PATTERN",
    "XES",
    "describe",
    "engine_path",
    "header",
    "kind_of",
    "log_files",
    "read_events",
    "read_raw",
    "refuse_input",
    "unique",
]

CSV, PARQUET, XES, OCEL = "csv", "parquet", "xes", "ocel"
_SUFFIXES = {
    ".csv": CSV,
    ".csv.gz": CSV,
    ".parquet": PARQUET,
    ".xes": XES,
    ".xes.gz": XES,
    ".jsonocel": OCEL,
    ".xmlocel": OCEL,
    ".sqlite": OCEL,
}
KINDS = ".csv, .csv.gz, .parquet, .xes or .xes.gz; or one .jsonocel, .xmlocel or .sqlite (OCEL)"


def kind_of(path: Path) -> str | None:
    """``csv``, ``parquet``, ``xes`` or ``ocel`` from a file's name, or ``None``.

    >>> kind_of(Path("p2p.jsonocel")), kind_of(Path("log.CSV.gz")), kind_of(Path("notes.txt"))
    ('ocel', 'csv', None)
    """
    name = path.name.lower()
    return next((kind for suffix, kind in _SUFFIXES.items() if name.endswith(suffix)), None)


def _problem(file: Path | str, message: str, line: int = 0, col: int = 0, code: str = "SM080") -> ModelError:
    return ModelError([Problem(shown(file), line, col, code, message)])


PATTERN = "*?"  # the characters that make a log's name a pattern; ``[`` and ``]`` are part of a name
NOT_REGULAR = "not a regular file (a FIFO or a device): silomap reads a log from files"
HEADER_BYTES = 1 << 20  # a CSV header longer than this is refused, so a file of no line end costs nothing


def _matches(path: Path) -> list[Path]:
    """The files a pattern names (``*`` and ``?``; a ``[`` is the character itself)."""
    return sorted(Path(p) for p in glob.glob(str(path).replace("[", "[[]")))


def _regular(file: Path) -> bool:
    """Whether ``file`` is a regular file (a FIFO would block, a device never end); ``stat`` opens nothing."""
    try:
        return stat.S_ISREG(os.stat(file).st_mode)
    except OSError:
        return False


def log_files(mapping: LogMapping) -> tuple[str, list[Path]]:
    """The files of a log (a file, a folder or a pattern), sorted by name, all of one kind: regular
    files, and (for a log named relative to the mapping) inside the mapping's folder.

    A name that exists is that file or folder, whatever its characters; otherwise ``*`` and ``?``
    make it a pattern. The files are given to the engine as they are (:func:`engine_path`).
    """
    path = mapping.path
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if kind_of(p) and not p.is_dir())
    elif path.exists() or not any(ch in str(path) for ch in PATTERN):
        files = [path] if path.exists() else []
    else:
        files = [p for p in _matches(path) if kind_of(p) and not p.is_dir()]
    if not files:
        raise _problem(
            path, "no log found: give a .csv, .csv.gz, .parquet, .xes or .xes.gz file, a folder or a pattern"
        )
    if path.exists() and not _inside(mapping, path):  # the folder, or the file, at once
        raise ModelError([_outside(mapping, path)])
    problems = [_outside(mapping, f) for f in files if not _inside(mapping, f)]
    problems += [
        Problem(shown(f), 0, 0, "SM080", NOT_REGULAR)
        for f in files
        if _inside(mapping, f) and not _regular(f)
    ]
    if problems:
        raise ModelError(problems)
    kinds = {kind_of(p) for p in files}
    if None in kinds:
        raise _problem(files[0], f"not a log silomap reads: {KINDS}")
    if len(kinds) > 1:
        raise _problem(
            path, f"the log mixes kinds of files ({', '.join(sorted(str(k) for k in kinds))}); use one"
        )
    if OCEL in kinds and len(files) > 1:  # two files would share their objects' ids
        raise _problem(path, f"an object-centric log is one file; this names {len(files):,}: name one")
    return str(kinds.pop()), files


def _inside(mapping: LogMapping, file: Path) -> bool:
    return mapping.root is None or file.resolve().is_relative_to(mapping.root)


def _outside(mapping: LogMapping, file: Path) -> Problem:
    """A file of a log named relative to the mapping that leads out of its folder (``..``, a symlink)."""
    where = "" if file == mapping.path else f" (its file {quote_value(shown(file), 80)})"
    message = (
        f"the log {quote_value(mapping.file.log, 80)}{where} leads outside the mapping's folder, through "
        "'..' or a symlink: silomap reads a relative log only inside that folder; write its absolute path "
        "if you mean to read it"
    )
    if mapping.doc is None:
        return Problem(shown(file), 0, 0, "SM080", message)
    return mapping.doc.problem(("log",), "SM080", message)


def refuse_input(target: Path, mapping: LogMapping) -> None:
    """Refuse an output (the per-case file) that is a file of the log, lies in the log's folder, or
    matches the log's pattern (it would be read as part of the log next time): SM050, exit 2."""
    path, log = mapping.path, quote_value(mapping.file.log, 80)
    where = [target.absolute(), target.absolute().parent.resolve() / target.name]
    if path.is_dir():
        hit = target.resolve().is_relative_to(path.resolve())
    elif path.exists() or not any(ch in str(path) for ch in PATTERN):
        hit = _same(target, path)
    else:
        pattern = str(path.absolute()).replace("[", "[[]")
        hit = any(w.match(pattern) for w in where) or any(_same(target, f) for f in _matches(path))
    if hit:
        raise UsageError(
            f"{{param}} {safe_text(str(target))} would overwrite the log {log} or be read as part of it; "
            "write it elsewhere",
            param="cases",
            code="SM050",
        )


def _same(target: Path, file: Path) -> bool:
    """Whether ``target`` is ``file`` (the same path once resolved, or the same file by a hard link)."""
    if target.resolve() == file.resolve():
        return True
    try:
        return os.path.samefile(target, file)
    except OSError:
        return False


def engine_path(file: Path) -> str:
    """A file's name as DuckDB reads it exactly: ``*``, ``?`` and ``[`` would be a pattern (``[[]`` is
    a ``[`` itself), and a leading ``~`` the home folder (``./`` before a relative name).

    >>> engine_path(Path("logs/a[1]*.csv")), engine_path(Path("~q3.csv")), engine_path(Path("/srv/x.csv"))
    ('./logs/a[[]1][*].csv', './~q3.csv', '/srv/x.csv')
    """
    name = re.sub(r"([*?\[])", r"[\1]", str(file))
    return name if file.is_absolute() else "./" + name


def header(file: Path) -> list[str]:
    """The column names of a CSV file, from its first record, reading at most :data:`HEADER_BYTES`
    of it; a byte that is not UTF-8 there is an error at its line and column (one further on is the
    engine's to find, at its row)."""
    opener: Any = gzip.open if file.name.lower().endswith(".gz") else open
    try:
        with opener(file, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            lines: list[str] = []
            row = next(csv.reader(_kept(_bounded(handle, HEADER_BYTES), lines)), None)
    except _TooLong:
        size = f"{HEADER_BYTES >> 20} MiB" if HEADER_BYTES >= 1 << 20 else f"{HEADER_BYTES >> 10} KiB"
        message = f"no end to the header row in its first {size}: is this a CSV log?"
        raise _problem(file, message, 1, 1) from None
    except (OSError, EOFError, csv.Error) as exc:
        raise _problem(file, f"cannot read the header: {safe_text(str(exc))[:200]}") from None
    if not row:
        raise _problem(file, "the log has no header row", 1, 1, "SM084")
    if (bad := bad_byte(Record(1, row, "".join(lines)))) is not None:
        raise _problem(file, _not_utf8(bad[2]), bad[0], bad[1])
    return row


class _TooLong(Exception):
    """The header goes on beyond the bound."""


def _bounded(handle: Any, limit: int) -> Iterator[str]:
    """The lines of ``handle`` until ``limit`` characters are read; :class:`_TooLong` beyond."""
    total = 0
    while line := handle.readline(limit - total + 1):
        total += len(line)
        if total > limit:
            raise _TooLong
        yield line


def _kept(handle: Any, lines: list[str]) -> Iterator[str]:
    for line in handle:
        lines.append(line)
        yield line


def _not_utf8(byte: int) -> str:
    return f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"


_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COUNTS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def _csv_error(file: Path, exc: Exception) -> ModelError:
    """A CSV file the engine cannot read, at the line and column of the record it names (DuckDB
    counts records, a blank line as one, from 2 for the first after the header)."""
    text = str(exc)
    if "GZIP" in text.upper():
        return _problem(file, "the gzip file is damaged or truncated")
    number = int(m.group(1)) - 1 if (m := _LINE.search(text)) else 0
    record = locate(file, {number}, blank=True).get(number) if number > 0 else None
    line, col = (record.line, 1) if record else (0, 0)
    if (counts := _COUNTS.search(text)) is not None:
        want, found = counts.groups()
        return _problem(file, f"row has {found} fields; the header has {want}", line, col)
    if record is not None and (bad := bad_byte(record)) is not None:
        return _problem(file, _not_utf8(bad[2]), bad[0], bad[1])
    if "unterminated quote" in text:
        return _problem(file, "a quoted value is not closed: a quote is missing", line, col)
    first = text.splitlines()[0] if text else type(exc).__name__
    return _problem(file, f"cannot read the CSV: {safe_text(first[:200])}", line, col)


def _read_error(kind: str, file: Path, exc: Exception) -> ModelError:
    """The engine cannot read a log file: located in a CSV file; a Parquet file has no lines."""
    if kind == CSV:
        return _csv_error(file, exc)
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return _problem(file, f"cannot read the Parquet file: {safe_text(first[:200])}")


def unique(names: list[str]) -> list[str]:
    """Column names made unique for the engine, which compares them without case: a later one
    gets ``_2``, ``_3``… (a mapped column named twice is refused before, :mod:`.engine`).

    >>> unique(["case", "Case", "who", "case_2"])
    ['case', 'Case_3', 'who', 'case_2']
    """
    taken = {n.casefold() for n in names}
    seen: set[str] = set()
    out = []
    for name in names:
        new, n = name, 1
        while new.casefold() in seen or (new != name and new.casefold() in taken):
            n += 1
            new = f"{name}_{n}"
        seen.add(new.casefold())
        out.append(new)
    return out


def _reader(kind: str, files: list[Path], with_file: bool) -> str:
    """The table function that reads the log (its files as the parameter ``?``); CSV headers checked."""
    named = ", filename='__file'" if with_file else ""
    if kind != CSV:
        return f"read_parquet(?{named})"
    first = header(files[0])
    for other in files[1:]:
        if header(other) != first:
            raise _problem(other, f"its header differs from that of {shown(files[0])}", 1, 1)
    columns = "{" + ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in unique(first)) + "}"
    return (
        f"read_csv(?, header=true, auto_detect=false, columns={columns}, strict_mode=true, delim=',', "
        f"quote='\"', escape='\"'{named})"
    )


def _run(con: Any, sql: str, kind: str, files: list[Path]) -> None:
    """Run a statement that reads the log; a reading error names its file (and line, for CSV)."""
    import duckdb

    try:
        con.execute(sql, [[engine_path(f) for f in files]])
    except duckdb.Error as exc:
        if isinstance(exc, duckdb.OutOfMemoryException) or SPILL_FILES in str(exc):
            raise  # the machine's memory or disk, not the log (:mod:`.resources`)
        bad = next((f for f in files if str(f) in str(exc)), files[0])
        raise _read_error(kind, bad, exc) from None


def describe(con: Any, kind: str, files: list[Path]) -> dict[str, str]:
    """The log's columns and their types, read from the header or the Parquet schema."""
    import duckdb

    reader = _reader(kind, files, False)
    if kind == CSV:
        return dict.fromkeys(header(files[0]), "VARCHAR")
    try:
        return dict(
            con.execute(
                f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {reader})",
                [[engine_path(f) for f in files]],
            ).fetchall()
        )
    except duckdb.Error as exc:
        raise _read_error(kind, files[0], exc) from None


def read_events(con: Any, kind: str, files: list[Path], select: str) -> None:
    """Read the log straight into ``events`` (``select``: the columns, over ``raw``); the position of
    each event is the table's row id, which follows the file(s) in the order given."""
    reader = _reader(kind, files, False)
    _run(con, f"CREATE OR REPLACE TEMP TABLE events_t AS SELECT {select} FROM {reader} AS raw", kind, files)
    con.execute("CREATE OR REPLACE TEMP VIEW events AS SELECT *, rowid AS pos FROM events_t")


def read_raw(con: Any, kind: str, files: list[Path]) -> list[str]:
    """Load the log into the table ``raw`` (columns as in the log, plus ``__file`` and ``pos``), to
    locate bad rows; return the log's column names."""
    _run(con, f"CREATE OR REPLACE TEMP TABLE raw0 AS SELECT * FROM {_reader(kind, files, True)}", kind, files)
    # rowid follows insertion order, which DuckDB keeps from the file(s) in the order given
    con.execute("CREATE OR REPLACE TEMP TABLE raw AS SELECT *, rowid AS pos FROM raw0")
    con.execute("DROP TABLE raw0")
    return [row[0] for row in con.execute("DESCRIBE raw").fetchall() if row[0] not in ("__file", "pos")]


def _literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
