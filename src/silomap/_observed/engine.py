"""Running observed journeys on an engine: the log into ``events``, then :mod:`.queries`.

``prepare`` turns the raw log into ``events``: missing values made null, columns mapped,
timestamps parsed (a timestamp that cannot be read, or a null case id, is an error naming the
file and the row), groups and systems mapped to the model's ids, activities to steps. The SQL is
DuckDB's dialect; :mod:`.backends` runs it on DuckDB or, transpiled, on Spark.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem
from .._suggest import did_you_mean
from .._text import quote_value
from .backends import literal
from .mapping import LogMapping
from .queries import statements
from .sources import log_files

__all__ = ["Run", "prepare", "run"]

SHOWN = 5  # bad rows named in an error before "and N more"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_columns(mapping: LogMapping, found: list[str]) -> None:
    problems = []
    for key, name in mapping.file.columns.model_dump().items():
        if name is not None and name not in found:
            hint = did_you_mean(name, found) or "; the log has " + ", ".join(
                quote_value(c) for c in found[:12]
            )
            message = f"column {quote_value(name)} is not in the log{hint}"
            doc = mapping.doc
            problems.append(doc.problem(("columns", key), "SM081", message) if doc
                            else Problem(str(mapping.path), 0, 0, "SM081", message))  # fmt: skip
    if problems:
        raise ModelError(problems)


class _Columns:
    """The SQL that reads each mapped column as text, the ``missing`` values made null."""

    def __init__(self, mapping: LogMapping) -> None:
        self.missing = ", ".join(literal(v) for v in mapping.file.missing)

    def __call__(self, name: str | None) -> str:
        if name is None:
            return "CAST(NULL AS VARCHAR)"
        text = f"CAST(raw.{_ident(name)} AS VARCHAR)"
        return f"CASE WHEN {text} IN ({self.missing}) THEN NULL ELSE {text} END" if self.missing else text


def _timestamp(db: Any, mapping: LogMapping, col: _Columns) -> str:
    """The expression that reads the timestamp column: typed, by ``timestamp_format``, or ISO 8601."""
    name = mapping.file.columns.timestamp
    if db.types().get(name, "VARCHAR").startswith("TIMESTAMP"):
        return f"CAST(raw.{_ident(name)} AS TIMESTAMP)"
    if mapping.file.timestamp_format:
        return f"try_strptime({col(name)}, {literal(mapping.file.timestamp_format)})"
    return f"CAST(TRY_CAST({col(name)} AS TIMESTAMPTZ) AS TIMESTAMP)"


def _bad_rows(db: Any, where: str, column: str, what: str, code: str) -> None:
    """Raise with the file and row of the first rows matching ``where`` (row 1 = the first data row)."""
    rows = db.rows(
        "SELECT f, r, v FROM (SELECT __file AS f, pos - min(pos) OVER (PARTITION BY __file) + 1 AS r, "
        f"CAST(raw.{_ident(column)} AS VARCHAR) AS v, pos AS p, ({where}) AS bad FROM raw) AS t "
        "WHERE bad ORDER BY p"
    )
    problems = [
        Problem(
            Path(f).name,
            int(r),
            0,
            code,
            f"row {r}, column {quote_value(column)}: {what} {_shown(v)}".rstrip(),
        )
        for f, r, v in rows[:SHOWN]
    ]
    if len(rows) > SHOWN:
        problems.append(
            Problem(Path(rows[0][0]).name, 0, 0, code, f"and {len(rows) - SHOWN:,} more rows like these")
        )
    raise ModelError(problems)


def _shown(value: Any) -> str:
    return "" if value is None else quote_value(value)


def _validate(db: Any, mapping: LogMapping, col: _Columns, ts: str) -> None:
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
            _bad_rows(db, where, column, what, code)


def _unmapped(db: Any, mapping: LogMapping, col: _Columns) -> dict[str, int]:
    """How many distinct groups, activities and systems of the log the mapping does not map."""
    cols = mapping.file.columns
    values = (
        f"SELECT DISTINCT {col(cols.group)} AS g, {col(cols.activity)} AS a, {col(cols.system)} AS y FROM raw"
    )
    (found,) = db.rows(
        "SELECT count(DISTINCT CASE WHEN tm.t_raw IS NULL THEN g END), "
        "count(DISTINCT CASE WHEN st.st_activity IS NULL THEN a END), "
        f"count(DISTINCT CASE WHEN sm.s_raw IS NULL THEN y END) FROM ({values}) AS v "
        "LEFT JOIN team_map tm ON tm.t_raw = g LEFT JOIN step_map st ON st.st_activity = a "
        "LEFT JOIN system_map sm ON sm.s_raw = y"
    )
    return dict(zip(("groups", "activities", "systems"), (int(n) for n in found), strict=True))


def prepare(db: Any, mapping: LogMapping) -> dict[str, int]:
    """Load the log into ``events``; return the counts of unmapped values."""
    kind, files = log_files(mapping.path)
    if kind == "xes":
        from .xes import xes_to_parquet

        files = [xes_to_parquet(f, mapping) for f in files]
        kind = "parquet"
    _check_columns(mapping, db.load_raw(kind, files))
    if db.rows("SELECT count(*) FROM raw")[0][0] == 0:
        raise ModelError([Problem(files[0].name, 0, 0, "SM084", "the log has no events")])
    col = _Columns(mapping)
    ts = _timestamp(db, mapping, col)
    _validate(db, mapping, col, ts)
    f = mapping.file
    db.table("team_map", ("t_raw", "t_id"), list(f.teams.items()))
    db.table("system_map", ("s_raw", "s_id"), list(f.systems.items()))
    db.table("step_map", ("st_activity", "st_target"), list(f.steps.items()))
    c = f.columns
    portal = ", ".join(literal(v) for v in f.self_service)
    team = f"coalesce(tm.t_id, {col(c.group)})"
    if portal:
        team = f"CASE WHEN {col(c.resource)} IN ({portal}) THEN 'self-service' ELSE {team} END"
    db.execute(f"""
        CREATE OR REPLACE TEMP TABLE events AS
        SELECT {col(c.case)} AS case_id, {col(c.activity)} AS activity, {ts} AS ts,
               {col(c.resource)} AS resource, {team} AS team,
               {col(c.channel)} AS channel, coalesce(sm.s_id, {col(c.system)}) AS system,
               {col(c.customer)} AS customer, TRY_CAST({col(c.order)} AS DOUBLE) AS ord, pos,
               st.st_target AS step
        FROM raw
        LEFT JOIN team_map tm ON tm.t_raw = {col(c.group)}
        LEFT JOIN system_map sm ON sm.s_raw = {col(c.system)}
        LEFT JOIN step_map st ON st.st_activity = {col(c.activity)}
    """)
    unmapped = _unmapped(db, mapping, col)
    db.execute("DROP TABLE raw")  # the events hold all that is needed from here
    return unmapped


@dataclass(frozen=True)
class Run:
    """What the engine computed: the summary row, the matrices and the variants."""

    summary: dict[str, Any]
    handoff_matrix: list[tuple[str, str, int]]
    transfer_matrix: list[tuple[str, str, int]]
    variants: list[tuple[str, str, int, int, str]]
    unmapped: dict[str, int]


# sums and counts only: the means and rates are divided exactly in Python, the same on every engine
_SUMS = """
SELECT count(*), sum(events), sum(handoffs), sum(transfers), sum(ping_pong), sum(systems),
       sum(channel_switches), count(*) FILTER (WHERE transfers >= 1), count(*) FILTER (WHERE ping_pong >= 1),
       count(*) FILTER (WHERE repeat_contact), count(*) FILTER (WHERE customer IS NOT NULL),
       count(*) FILTER (WHERE first_contact_resolution)
FROM cases
"""


def _summary(row: tuple[Any, ...], has_customer: bool) -> dict[str, Any]:
    cases, events, h, t, p, s, sw, transferred, pinged, repeats, with_customer, fcr = (
        int(v or 0) for v in row
    )

    def mean(total: int, over: int) -> float | None:
        return float(Fraction(total, over)) if over else None

    return {
        "cases": cases, "events": events,
        "handoffs_per_case": mean(h, cases), "transfers_per_case": mean(t, cases),
        "ping_pong_per_case": mean(p, cases), "systems_per_case": mean(s, cases),
        "channel_switches_per_case": mean(sw, cases), "transfer_rate": mean(transferred, cases),
        "ping_pong_rate": mean(pinged, cases),
        "repeat_rate": mean(repeats, with_customer) if has_customer else None,
        "fcr_rate": mean(fcr, cases),
    }  # fmt: skip


def run(db: Any, mapping: LogMapping, unmapped: dict[str, int]) -> Run:
    """Run the statements and fetch the summary, the matrices and the variants."""
    for sql in statements(round(mapping.file.repeat_window_days * 86_400)):
        db.execute(sql)
    matrix = "SELECT a, b, count(*) AS n FROM {t} GROUP BY a, b ORDER BY n DESC, a, b"
    return Run(
        summary=_summary(db.rows(_SUMS)[0], mapping.file.columns.customer is not None),
        handoff_matrix=db.rows(matrix.format(t="handoffs")),
        transfer_matrix=db.rows(matrix.format(t="transfers")),
        variants=db.rows(
            "SELECT steps, team_sequence, cases, transfers, systems FROM variants "
            "ORDER BY cases DESC, steps, team_sequence"
        ),
        unmapped=unmapped,
    )
