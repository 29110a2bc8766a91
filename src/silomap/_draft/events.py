"""What a draft reads of the log, on the engine (``draft.md``, "Events"): one pass over the events
gives each case's variant and key, and the teams and systems with their cases; a second, over the
cases that follow each journey's representative, gives the runs of its steps. Python receives
distinct values only: variants, teams, systems, and per step its teams, channels and systems
counted, and the middle durations of its median. The SQL is DuckDB's; observe's engine reads the
log (:func:`silomap._observed.prepare`: its files, errors, memory bound and progress).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._observed import Engine, LogMapping, literal

__all__ = ["Log", "Runs", "read_log", "read_runs"]


def _team(mapping: LogMapping) -> str:
    """The expression that says an event is the customer's: its resource is self-service or its
    channel a customer channel."""
    tests = [
        f"e.{column} IN ({', '.join(literal(v) for v in values)})"
        for column, values in (
            ("resource", mapping.file.self_service),
            ("channel", mapping.file.customer_channels),
        )
        if values
    ]
    return f"coalesce({' OR '.join(tests)}, false)" if tests else "false"


# The activities numbered, so that events, variants and runs carry small numbers
_ACTIVITIES = """
CREATE OR REPLACE TEMP TABLE d_act AS
SELECT v, CAST(row_number() OVER (ORDER BY v) AS INTEGER) AS code
FROM (SELECT DISTINCT activity AS v FROM events WHERE activity IS NOT NULL) AS a
"""

# Every event in order, as numbers (observe's dictionaries: a team or system through the maps, a
# channel as it is): its team (null for the customer's) and the previous activity of its case
# (events without activity are in no run)
_EVENTS = """
CREATE OR REPLACE TEMP TABLE d_events AS
SELECT e.case_id, a.code AS act, e.ts, e.reason, c.code AS channel, {cust} AS cust,
       CASE WHEN {cust} THEN NULL ELSE g.code END AS team, y.code AS sys,
       row_number() OVER w AS k, lag(a.code IGNORE NULLS) OVER w AS prev
FROM events e
LEFT JOIN d_act a ON a.v = e.activity
LEFT JOIN team_dict g ON g.raw = e.grp
LEFT JOIN system_dict y ON y.raw = e.sys
LEFT JOIN channel_dict c ON c.raw = e.channel
WINDOW w AS (PARTITION BY e.case_id ORDER BY e.ts, e.ord NULLS LAST, e.pos)
"""

_START = "act IS NOT NULL AND (prev IS NULL OR prev <> act)"  # an event that starts a run

_CASES = f"""
CREATE OR REPLACE TEMP TABLE d_cases AS
SELECT case_id, list(act ORDER BY k) FILTER (WHERE {_START}) AS variant,
       arg_min(reason, k) FILTER (WHERE reason IS NOT NULL) AS reason
FROM d_events GROUP BY case_id
"""


@dataclass
class Log:
    """The log as a draft needs it: its size and span, its variants with their first reason, the
    teams and systems with the cases that have an event of each; and the names of the numbers."""

    cases: int
    events: int
    span_us: int
    first: str
    last: str
    variants: list[tuple[str | None, tuple[str, ...], int]]
    teams: dict[str, int]  # team value -> cases
    unassigned: int  # cases with an event without team
    groups: dict[str, str]  # group value of a non-customer event -> its team value
    systems: dict[str, int]  # system value -> cases
    system_values: dict[str, str]  # raw system value -> system value
    names: dict[str, dict[int, str]] = field(default_factory=dict)  # d_act, team, system, channel


def _names(db: Engine, table: str) -> dict[int, str]:
    return {int(code): str(v) for batch in db.batches(f"SELECT code, v FROM {table}") for code, v in batch}


def _distinct(db: Engine, column: str, where: str = "true") -> list[str]:
    sql = f"SELECT DISTINCT {column} FROM events e WHERE {column} IS NOT NULL AND {where}"
    return [str(v) for batch in db.batches(sql) for (v,) in batch]


def read_log(db: Engine, mapping: LogMapping) -> Log:
    """The first pass, after the log is loaded (:func:`silomap._observed.prepare`)."""
    cust, file = _team(mapping), mapping.file
    db.execute(_ACTIVITIES)
    groups = {raw: file.teams.get(raw, raw) for raw in _distinct(db, "e.grp", f"NOT {cust}")}
    systems = {raw: file.systems.get(raw, raw) for raw in _distinct(db, "e.sys")}
    db.execute(_EVENTS.format(cust=cust))
    db.release_events()
    db.execute(_CASES)
    ((events, first, last, span, unassigned),) = db.rows(
        "SELECT count(*), CAST(min(ts) AS VARCHAR), CAST(max(ts) AS VARCHAR), "
        "epoch_us(max(ts)) - epoch_us(min(ts)), "
        "count(DISTINCT case_id) FILTER (WHERE team IS NULL AND NOT cust) FROM d_events"
    )
    names = {t: _names(db, f"{t}_codes") for t in ("team", "system", "channel")} | {
        "act": _names(db, "d_act")
    }
    acts = names["act"]
    variants = [
        (reason, tuple(acts[a] for a in variant or ()), int(n))
        for batch in db.batches("SELECT reason, variant, count(*) FROM d_cases GROUP BY ALL")
        for reason, variant, n in batch
    ]
    return Log(
        cases=sum(n for _, _, n in variants),
        events=int(events),
        span_us=int(span),
        first=str(first),
        last=str(last),
        variants=variants,
        teams=_counts(db, "team", names["team"]),
        unassigned=int(unassigned),
        groups=groups,
        systems=_counts(db, "sys", names["system"]),
        system_values=systems,
        names=names,
    )


def _counts(db: Engine, column: str, names: dict[int, str]) -> dict[str, int]:
    """Each value of a column of ``d_events``, and the cases with an event of it."""
    sql = f"SELECT {column}, count(DISTINCT case_id) FROM d_events WHERE {column} IS NOT NULL GROUP BY ALL"
    return {names[int(v)]: int(n) for v, n in db.rows(sql)}


@dataclass
class Runs:
    """The runs of each journey's representative, over its cases M, by (journey, position k):
    events by team (``None``: the customer's), by raw channel, cases by system, and the median
    duration to the next run (exact, in microseconds)."""

    teams: dict[tuple[int, int], dict[str | None, int]] = field(default_factory=dict)
    channels: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    systems: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)
    medians: dict[tuple[int, int], Fraction] = field(default_factory=dict)


# The events of the runs of the cases that follow their journey's representative, each with its run
_RUNS = f"""
CREATE OR REPLACE TEMP TABLE d_runs AS
SELECT m.j, e.case_id, e.ts, e.team, e.cust, e.channel, e.sys,
       CAST(sum(CASE WHEN {_START} THEN 1 ELSE 0 END)
            OVER (PARTITION BY e.case_id ORDER BY e.k ROWS UNBOUNDED PRECEDING) AS INTEGER) AS r
FROM d_events e
JOIN (SELECT c.case_id, r.j FROM d_cases c JOIN d_rep r
      ON c.variant = r.variant AND (r.reason IS NULL OR c.reason = r.reason)) AS m
  ON m.case_id = e.case_id
WHERE e.act IS NOT NULL
"""

# The middle one or two durations from each run to the next (a run's time: its first event's)
_MIDDLE = """
WITH f AS (SELECT j, case_id, r, min(ts) AS t FROM d_runs GROUP BY ALL),
d AS (SELECT j, r, epoch_us(lead(t) OVER (PARTITION BY case_id ORDER BY r)) - epoch_us(t) AS us FROM f),
o AS (SELECT j, r, us, row_number() OVER (PARTITION BY j, r ORDER BY us) AS rn,
             count(*) OVER (PARTITION BY j, r) AS n FROM d WHERE us IS NOT NULL)
SELECT j, r, sum(us), count(*) FROM o WHERE rn = (n + 1) // 2 OR rn = n // 2 + 1 GROUP BY j, r
"""


def read_runs(
    db: Engine,
    representatives: Sequence[tuple[str | None, tuple[str, ...]]],
    names: dict[str, dict[int, str]],
) -> Runs:
    """The second pass: ``representatives`` by journey number, each with its reason (the key, when
    the reason is mapped) and its variant; ``names``: the names of the numbers (:class:`Log`)."""
    rows = [(str(j), str(k), a) for j, (_, v) in enumerate(representatives) for k, a in enumerate(v)]
    db.table("d_rep_steps", ("j", "k", "activity"), rows)
    reasons = [(str(j), reason) for j, (reason, _) in enumerate(representatives) if reason is not None]
    db.table("d_rep_reasons", ("j", "reason"), reasons)
    db.execute(
        "CREATE OR REPLACE TEMP TABLE d_rep AS SELECT CAST(s.j AS INTEGER) AS j, x.reason, "
        "list(a.code ORDER BY CAST(s.k AS INTEGER)) AS variant FROM d_rep_steps s "
        "JOIN d_act a ON a.v = s.activity LEFT JOIN d_rep_reasons x ON x.j = s.j GROUP BY s.j, x.reason"
    )
    db.execute(_RUNS)
    runs = Runs()
    for j, r, team, cust, n in db.rows(
        "SELECT j, r, team, cust, count(*) FROM d_runs WHERE team IS NOT NULL OR cust GROUP BY ALL"
    ):
        runs.teams.setdefault((int(j), int(r) - 1), {})[None if cust else names["team"][int(team)]] = int(n)
    channels = db.rows("SELECT j, r, channel, count(*) FROM d_runs WHERE channel IS NOT NULL GROUP BY ALL")
    _fill(runs.channels, channels, names["channel"])
    systems = db.rows(
        "SELECT j, r, sys, count(DISTINCT case_id) FROM d_runs WHERE sys IS NOT NULL GROUP BY ALL"
    )
    _fill(runs.systems, systems, names["system"])
    for j, r, total, n in db.rows(_MIDDLE):
        runs.medians[(int(j), int(r) - 1)] = Fraction(int(total), int(n))
    return runs


def _fill(
    out: dict[tuple[int, int], dict[str, int]], rows: list[tuple[Any, ...]], names: dict[int, str]
) -> None:
    for j, r, value, n in rows:
        out.setdefault((int(j), int(r) - 1), {})[names[int(value)]] = int(n)
