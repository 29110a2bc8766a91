"""The SQL of observed journeys, written once (``observed.md``).

Statements run in order over a table ``events(case_id, activity, ts, resource, team, channel,
system, customer, ord, pos, step)`` that the engine has loaded, and leave the tables ``cases``,
``handoffs``, ``transfers`` and ``variants``. They use plain window functions and aggregates;
the few engine-specific spellings live in :data:`DIALECT`, so the same text runs on DuckDB and,
through sqlglot, on Spark SQL.
"""

from __future__ import annotations

__all__ = ["statements"]

# Events in case order: timestamp, then the tie-break column, then the position in the file(s).
_SEQ = """
CREATE OR REPLACE TEMP TABLE seq AS
SELECT *, row_number() OVER (PARTITION BY case_id ORDER BY ts, ord NULLS LAST, pos) AS k
FROM events
"""

# Adjacent pairs of an attribute's non-null values that differ: hand-offs (resources), transfers (teams)
_PAIRS = """
CREATE OR REPLACE TEMP TABLE {name} AS
SELECT case_id, k, prev AS a, {column} AS b FROM (
    SELECT case_id, k, {column}, lag({column}) OVER (PARTITION BY case_id ORDER BY k) AS prev
    FROM seq WHERE {column} IS NOT NULL{extra}
) WHERE prev IS NOT NULL AND prev <> {column}
"""

# Team segments (maximal runs of one team), the ping-pongs among them, and the case's team sequence
_SEGMENTS = """
CREATE OR REPLACE TEMP TABLE segments AS
SELECT case_id, count(*) AS segments,
       sum(CASE WHEN back2 = team THEN 1 ELSE 0 END) AS pingpong,
       string_agg(team, ' > ' ORDER BY k) AS team_sequence
FROM (
    SELECT case_id, k, team, lag(team, 2) OVER (PARTITION BY case_id ORDER BY k) AS back2
    FROM (
        SELECT case_id, k, team, lag(team) OVER (PARTITION BY case_id ORDER BY k) AS prev
        FROM seq WHERE team IS NOT NULL
    ) WHERE prev IS NULL OR prev <> team
) GROUP BY case_id
"""

_PER_CASE = """
CREATE OR REPLACE TEMP TABLE case_base AS
SELECT s.case_id,
       count(*) AS events,
       min(s.ts) AS start,
       arg_min(s.customer, s.k) FILTER (WHERE s.customer IS NOT NULL) AS customer,
       count(DISTINCT s.system) AS systems,
       string_agg(s.step, '|' ORDER BY s.k) FILTER (WHERE s.step IS NOT NULL) AS steps,
       string_agg(DISTINCT s.system, '|') AS system_set
FROM seq s GROUP BY s.case_id
"""

_CASES = """
CREATE OR REPLACE TEMP TABLE cases_raw AS
SELECT b.case_id, b.events, b.start, b.customer,
       coalesce(h.n, 0) AS handoffs,
       coalesce(t.n, 0) AS transfers,
       coalesce(g.pingpong, 0) AS ping_pong,
       b.systems,
       coalesce(c.n, 0) AS channel_switches,
       coalesce(g.team_sequence, '') AS team_sequence,
       coalesce(b.steps, '') AS steps,
       coalesce(b.system_set, '') AS system_set
FROM case_base b
LEFT JOIN (SELECT case_id, count(*) AS n FROM handoffs GROUP BY case_id) h ON h.case_id = b.case_id
LEFT JOIN (SELECT case_id, count(*) AS n FROM transfers GROUP BY case_id) t ON t.case_id = b.case_id
LEFT JOIN (SELECT case_id, count(*) AS n FROM switches GROUP BY case_id) c ON c.case_id = b.case_id
LEFT JOIN segments g ON g.case_id = b.case_id
"""

# Repeat contacts and first-contact resolution: cases of one customer in order of start, then case id
_REPEATS = """
CREATE OR REPLACE TEMP TABLE cases AS
SELECT case_id, events, start, customer, handoffs, transfers, ping_pong, systems, channel_switches,
       CASE WHEN customer IS NULL THEN NULL
            ELSE coalesce(start <= prev_start + INTERVAL '{window}' SECOND, false) END AS repeat_contact,
       CASE WHEN transfers > 0 THEN false
            WHEN customer IS NULL THEN true
            ELSE coalesce(next_start > start + INTERVAL '{window}' SECOND, true) END
           AS first_contact_resolution,
       team_sequence, steps, system_set
FROM (
    SELECT *, lag(start) OVER (PARTITION BY customer ORDER BY start, case_id) AS prev_start,
              lead(start) OVER (PARTITION BY customer ORDER BY start, case_id) AS next_start
    FROM cases_raw
)
"""

# Cases grouped by what the comparison with the model needs: the mapped steps and the team sequence
_VARIANTS = """
CREATE OR REPLACE TEMP TABLE variants AS
SELECT steps, team_sequence, count(*) AS cases, sum(transfers) AS transfers,
       string_agg(system_set, '|') AS systems
FROM cases GROUP BY steps, team_sequence
"""


def statements(window_seconds: int) -> list[str]:
    """The statements in order, with the repeat window (in whole seconds) in place.

    >>> len(statements(604800))
    9
    """
    return [
        _SEQ,
        _PAIRS.format(name="handoffs", column="resource", extra=""),
        _PAIRS.format(name="transfers", column="team", extra=""),
        _PAIRS.format(name="switches", column="channel", extra=" AND channel <> 'internal'"),
        _SEGMENTS,
        _PER_CASE,
        _CASES,
        _REPEATS.format(window=int(window_seconds)),
        _VARIANTS,
    ]
