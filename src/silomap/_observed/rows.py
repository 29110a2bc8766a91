"""A log's rows checked (``observed.md``, "Bad input"): a case id and a readable timestamp on each,
and each bad row named at its place: in a CSV file its line and the column where its value
starts, counted from 1 as editors do (:mod:`.lines`); in a Parquet file its row; in an XES file
its event. Only a log with bad rows is read again to place them, and only the first few.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from .._errors import ModelError, Problem
from .._model import shown
from .._text import quote_value, safe_text
from .interface import Engine, ident
from .lines import Record, field_start, locate
from .mapping import LogMapping
from .sources import CSV

__all__ = ["SHOWN", "Log", "check_format", "validate"]

SHOWN = 5  # bad rows named in an error before "and N more"


class Log(NamedTuple):
    """What names a bad row: the log's kind, its CSV header, and for XES (read through Parquet
    copies) the name of the XES file of each copy."""

    kind: str
    header: list[str]
    xes: dict[str, str]


def _bad_rows(db: Engine, where: str, column: str, what: str, code: str, log: Log) -> None:
    """Raise with the place of the first rows matching ``where`` (row 1 = the first data row)."""
    rows = db.rows(
        "SELECT f, r, v, count(*) OVER () AS n FROM (SELECT __file AS f, "
        "pos - min(pos) OVER (PARTITION BY __file) + 1 AS r, "
        f"CAST(raw.{ident(column)} AS VARCHAR) AS v, pos AS p, ({where}) AS bad FROM raw) AS t "
        f"WHERE bad ORDER BY p LIMIT {SHOWN}"
    )
    records = _records(rows, log)
    problems = [
        _bad_row(f, int(r), column, f"{what} {_shown(v)}".rstrip(), code, log, records.get((f, int(r))))
        for f, r, v, _ in rows
    ]
    if rows and (more := int(rows[0][3]) - len(rows)) > 0:
        first = log.xes.get(rows[0][0], shown(rows[0][0]))
        problems.append(
            Problem(first, 0, 0, code, f"and {more:,} more {'events' if log.xes else 'rows'} like these")
        )
    raise ModelError(problems)


def _records(rows: list[tuple[Any, ...]], log: Log) -> dict[tuple[str, int], Record]:
    """The records of the bad rows of a CSV log, read from its file(s) to place them."""
    if log.kind != CSV:
        return {}
    wanted: dict[str, set[int]] = {}
    for f, r, *_ in rows:
        wanted.setdefault(f, set()).add(int(r))
    return {(f, r): rec for f, rs in wanted.items() for r, rec in locate(Path(f), rs, blank=False).items()}


def _bad_row(
    file: str, row: int, column: str, what: str, code: str, log: Log, record: Record | None
) -> Problem:
    """A bad row: in a CSV file at its line and the column where its value starts; in a Parquet
    file (no lines) by its number; in an XES file (read through its Parquet copy, a key of
    ``log.xes``) the bad event by its number in the file."""
    if file in log.xes:
        return Problem(log.xes[file], 0, 0, code, f"event {row}, attribute {quote_value(column)}: {what}")
    if record is None:
        return Problem(shown(file), 0, 0, code, f"row {row}, column {quote_value(column)}: {what}")
    line, col = field_start(record, log.header.index(column))
    return Problem(shown(file), line, col, code, f"column {quote_value(column)}: {what}")


def _shown(value: Any) -> str:
    return "" if value is None else quote_value(value)


def validate(db: Engine, mapping: LogMapping, col: Callable[[str | None], str], ts: str, log: Log) -> None:
    """A null case id, or a timestamp missing or unreadable, is an error with its file and row."""
    cols = mapping.file.columns
    expected = mapping.file.timestamp_format or "ISO 8601 (or set timestamp_format)"
    ts_raw = col(cols.timestamp)
    checks = (
        (f"{col(cols.case)} IS NULL", cols.case, "the case id is missing", "SM083"),
        (
            f"{ts_raw} IS NOT NULL AND {ts} IS NULL",
            cols.timestamp,
            f"not a timestamp in {expected}:",
            "SM082",
        ),
        (f"{ts_raw} IS NULL", cols.timestamp, "the timestamp is missing", "SM082"),
    )
    # one scan counts the bad rows of every kind; only a log with some pays for locating them
    (counts,) = db.rows(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {w})" for w, *_ in checks) + " FROM raw"
    )
    for (where, column, what, code), count in zip(checks, counts, strict=True):
        if count:
            _bad_rows(db, where, column, what, code, log)


def check_format(mapping: LogMapping) -> None:
    """A ``timestamp_format`` DuckDB's strptime cannot read is an error in the mapping, at the format
    (the same check for both engines: Spark's pattern is translated from it)."""
    written = mapping.file.timestamp_format
    if written is None:
        return
    import duckdb

    try:
        duckdb.connect().execute("SELECT try_strptime('', ?)", [written])
    except duckdb.Error as exc:
        why = str(exc).splitlines()[0].partition(": ")[2] or "DuckDB cannot read it"
        message = f"not a strptime format: {quote_value(written)} ({safe_text(why[:200])})"
        if mapping.doc is None:
            raise ModelError(
                [Problem(shown(mapping.path), 0, 0, "SM022", message, "timestamp_format")]
            ) from None
        raise ModelError([mapping.doc.problem(("timestamp_format",), "SM022", message)]) from None
