"""The embedded engine: DuckDB, with bounded memory that spills to disk, running :mod:`.queries`.

``prepare`` turns the raw log into ``events``: missing values made null, columns mapped,
timestamps parsed (a timestamp that cannot be read, or a null case id, is an error naming the
file and the row), groups and systems mapped to the model's ids, activities to steps.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._suggest import did_you_mean
from .._text import quote_value
from .mapping import LogMapping
from .queries import statements
from .sources import log_files, read_raw

__all__ = ["Run", "connect", "prepare", "run"]

SHOWN = 5  # bad rows named in an error before "and N more"


def connect(
    memory_limit: str | None = None, temp_directory: str | None = None, progress: bool = False
) -> Any:
    """A DuckDB connection with bounded memory, a spill folder, UTC, and the file order kept."""
    try:
        import duckdb
    except ImportError:
        raise UsageError(
            "observed journeys need DuckDB: pip install 'silomap[observe]'", code="SM085"
        ) from None
    con = duckdb.connect(config={"preserve_insertion_order": True})
    con.execute("SET TimeZone = 'UTC'")
    limit = memory_limit or os.environ.get("SILOMAP_MEMORY_LIMIT", "60%")
    con.execute(f"SET memory_limit = {_literal(limit)}")
    con.execute(f"SET temp_directory = {_literal(temp_directory or tempfile.gettempdir())}")
    con.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")
    return con


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_columns(mapping: LogMapping, found: list[str]) -> None:
    problems = []
    for key, name in mapping.file.columns.model_dump().items():
        if name is not None and name not in found:
            hint = (
                did_you_mean(name, found) or f"; the log has {', '.join(quote_value(c) for c in found[:12])}"
            )
            message = f"column {quote_value(name)} is not in the log{hint}"
            doc = mapping.doc
            problems.append(
                doc.problem(("columns", key), "SM081", message)
                if doc
                else Problem(str(mapping.path), 0, 0, "SM081", message)
            )
    if problems:
        raise ModelError(problems)


def _bad_rows(con: Any, where: str, column: str, what: str, code: str) -> None:
    """Raise with the file and row of the first rows matching ``where`` (row 1 = the first data row)."""
    rows = con.execute(
        "SELECT __file, pos - min(pos) OVER (PARTITION BY __file) + 1 AS row, "
        f"CAST(raw.{_ident(column)} AS VARCHAR) "
        f"FROM raw QUALIFY {where} ORDER BY pos"
    ).fetchall()
    if not rows:
        return
    problems = [
        Problem(
            Path(f).name,
            int(row),
            0,
            code,
            f"row {row}, column {quote_value(column)}: {what} "
            f"{'' if value is None else quote_value(value)}".rstrip(),
        )
        for f, row, value in rows[:SHOWN]
    ]
    if len(rows) > SHOWN:
        problems.append(
            Problem(Path(rows[0][0]).name, 0, 0, code, f"and {len(rows) - SHOWN:,} more rows like these")
        )
    raise ModelError(problems)


def _col(name: str | None) -> str:
    """A log column as text, the values listed in ``missing`` made null."""
    if name is None:
        return "CAST(NULL AS VARCHAR)"
    c = f"CAST(raw.{_ident(name)} AS VARCHAR)"
    return f"CASE WHEN {c} IN (SELECT mv FROM missing_values) THEN NULL ELSE {c} END"


def _timestamp(con: Any, mapping: LogMapping) -> str:
    """The expression that reads the timestamp column: typed, by ``timestamp_format``, or ISO 8601."""
    name = mapping.file.columns.timestamp
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE raw)").fetchall())
    if types.get(name, "VARCHAR").startswith("TIMESTAMP"):
        return f"CAST(raw.{_ident(name)} AS TIMESTAMP)"
    if mapping.file.timestamp_format:
        return f"try_strptime({_col(name)}, {_literal(mapping.file.timestamp_format)})"
    return f"CAST(TRY_CAST({_col(name)} AS TIMESTAMPTZ) AS TIMESTAMP)"


def _validate(con: Any, mapping: LogMapping, ts: str) -> None:
    """A null case id, or a timestamp missing or unreadable, is an error with its file and row."""
    cols = mapping.file.columns
    expected = mapping.file.timestamp_format or "ISO 8601 (or set timestamp_format)"
    ts_raw = _col(cols.timestamp)
    checks = (
        (f"{_col(cols.case)} IS NULL", cols.case, "the case id is missing", "SM083"),
        (
            f"{ts_raw} IS NOT NULL AND {ts} IS NULL",
            cols.timestamp,
            f"not a timestamp in {expected}:",
            "SM082",
        ),
        (f"{ts_raw} IS NULL", cols.timestamp, "the timestamp is missing", "SM082"),
    )
    # one scan counts the bad rows of every kind; only a log with some pays for locating them
    counts = con.execute(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {where})" for where, *_ in checks) + " FROM raw"
    ).fetchone()
    for (where, column, what, code), count in zip(checks, counts, strict=True):
        if count:
            _bad_rows(con, where, column, what, code)


def _unmapped(con: Any, mapping: LogMapping) -> dict[str, int]:
    """How many distinct groups, activities and systems of the log the mapping does not map."""
    cols = mapping.file.columns
    values = (
        f"SELECT DISTINCT {_col(cols.group)} AS g, {_col(cols.activity)} AS a, "
        f"{_col(cols.system)} AS y FROM raw"
    )
    found = con.execute(
        "SELECT count(DISTINCT CASE WHEN tm.t_raw IS NULL THEN g END), "
        "count(DISTINCT CASE WHEN st.st_activity IS NULL THEN a END), "
        f"count(DISTINCT CASE WHEN sm.s_raw IS NULL THEN y END) FROM ({values}) "
        "LEFT JOIN team_map tm ON tm.t_raw = g LEFT JOIN step_map st ON st.st_activity = a "
        "LEFT JOIN system_map sm ON sm.s_raw = y"
    ).fetchone()
    return dict(zip(("groups", "activities", "systems"), (int(n) for n in found), strict=True))


def prepare(con: Any, mapping: LogMapping) -> dict[str, int]:
    """Load the log into ``events``; return the counts of unmapped values."""
    kind, files = log_files(mapping.path)
    if kind == "xes":
        from .xes import xes_to_parquet

        files = [xes_to_parquet(f, mapping) for f in files]
        kind = "parquet"
    _check_columns(mapping, read_raw(con, kind, files))
    if con.execute("SELECT count(*) FROM raw").fetchone()[0] == 0:
        raise ModelError([Problem(files[0].name, 0, 0, "SM084", "the log has no events")])
    con.execute("CREATE OR REPLACE TEMP TABLE missing_values (mv VARCHAR)")
    con.executemany("INSERT INTO missing_values VALUES (?)", [[v] for v in mapping.file.missing])
    ts = _timestamp(con, mapping)
    _validate(con, mapping, ts)
    _maps(con, mapping)
    c = mapping.file.columns
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE events AS
        SELECT {_col(c.case)} AS case_id, {_col(c.activity)} AS activity, {ts} AS ts,
               {_col(c.resource)} AS resource,
               CASE WHEN {_col(c.resource)} IN (SELECT ss_v FROM self_service) THEN 'self-service'
                    ELSE coalesce(tm.t_id, {_col(c.group)}) END AS team,
               {_col(c.channel)} AS channel, coalesce(sm.s_id, {_col(c.system)}) AS system,
               {_col(c.customer)} AS customer, TRY_CAST({_col(c.order)} AS DOUBLE) AS ord, pos,
               st.st_target AS step
        FROM raw
        LEFT JOIN team_map tm ON tm.t_raw = {_col(c.group)}
        LEFT JOIN system_map sm ON sm.s_raw = {_col(c.system)}
        LEFT JOIN step_map st ON st.st_activity = {_col(c.activity)}
    """)
    unmapped = _unmapped(con, mapping)
    con.execute("DROP TABLE raw")  # the events hold all that is needed from here
    return unmapped


def _maps(con: Any, mapping: LogMapping) -> None:
    f = mapping.file
    for name, columns, rows in (
        ("team_map", "t_raw VARCHAR, t_id VARCHAR", list(f.teams.items())),
        ("system_map", "s_raw VARCHAR, s_id VARCHAR", list(f.systems.items())),
        ("step_map", "st_activity VARCHAR, st_target VARCHAR", list(f.steps.items())),
        ("self_service", "ss_v VARCHAR", [(v,) for v in f.self_service]),
    ):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
        if rows:
            con.executemany(
                f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", [list(r) for r in rows]
            )


@dataclass(frozen=True)
class Run:
    """What the engine computed: the summary row, the matrices and the variants."""

    summary: dict[str, Any]
    handoff_matrix: list[tuple[str, str, int]]
    transfer_matrix: list[tuple[str, str, int]]
    variants: list[tuple[str, str, int, int, str]]
    unmapped: dict[str, int]


_SUMMARY = """
SELECT count(*) AS cases, sum(events) AS events,
       avg(handoffs) AS handoffs_per_case, avg(transfers) AS transfers_per_case,
       avg(ping_pong) AS ping_pong_per_case, avg(systems) AS systems_per_case,
       avg(channel_switches) AS channel_switches_per_case,
       avg(CASE WHEN transfers >= 1 THEN 1.0 ELSE 0.0 END) AS transfer_rate,
       avg(CASE WHEN ping_pong >= 1 THEN 1.0 ELSE 0.0 END) AS ping_pong_rate,
       avg(CASE WHEN repeat_contact THEN 1.0 WHEN repeat_contact IS NULL THEN NULL ELSE 0.0 END)
           AS repeat_rate,
       avg(CASE WHEN first_contact_resolution THEN 1.0 ELSE 0.0 END) AS fcr_rate
FROM cases
"""


def run(con: Any, mapping: LogMapping, unmapped: dict[str, int]) -> Run:
    """Run the statements and fetch the summary, the matrices and the variants."""
    for sql in statements(mapping.file.repeat_window_days * 86_400):
        con.execute(sql)
    cursor = con.execute(_SUMMARY)
    names = [d[0] for d in cursor.description]
    summary = dict(zip(names, cursor.fetchone(), strict=True))
    if mapping.file.columns.customer is None:
        summary["repeat_rate"] = None
    matrix = "SELECT a, b, count(*) AS n FROM {t} GROUP BY a, b ORDER BY n DESC, a, b"
    return Run(
        summary={
            k: (float(v) if isinstance(v, float | int) and k not in ("cases", "events") else v)
            for k, v in summary.items()
        },
        handoff_matrix=[tuple(r) for r in con.execute(matrix.format(t="handoffs")).fetchall()],
        transfer_matrix=[tuple(r) for r in con.execute(matrix.format(t="transfers")).fetchall()],
        variants=[
            tuple(r)
            for r in con.execute(
                "SELECT steps, team_sequence, cases, transfers, systems FROM variants "
                "ORDER BY cases DESC, steps, team_sequence"
            ).fetchall()
        ],
        unmapped=unmapped,
    )
