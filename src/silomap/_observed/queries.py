"""The SQL of observed journeys, written once (``observed.md``).

The engine has loaded ``events(case_id, activity, ts, resource, grp, channel, sys, customer, ord,
pos)``, the log's own values. First each attribute the figures compare gets a **dictionary**: its
distinct values, mapped to the model's ids by the mapping file, each mapped value numbered
(``{name}_codes``), and every raw value with the number of its mapped value (``{name}_dict``).
The events then travel as small numbers (``coded``), so the one sort that orders each case, and
the ordered aggregates after it, move integers rather than text; :mod:`.engine` turns the numbers
back into names, for the few rows it fetches.

Then the statements of :func:`statements` leave ``cases``, ``seq`` (for the hand-off and transfer
matrices) and ``variants``; ping-pong depends on a case's team sequence alone, so :mod:`.engine`
counts it in Python, once per distinct sequence. The statements use plain window functions and
aggregates; the few engine-specific spellings are translated by :mod:`.backends`, so the same text
runs on DuckDB and, through sqlglot, on Spark SQL.
"""

from __future__ import annotations

__all__ = ["DIMENSIONS", "coded", "dictionary", "statements"]

# name: (column of events, the mapped value, whether the raw value is unmapped, the join to the map)
DIMENSIONS: dict[str, tuple[str, str, str, str]] = {
    "team": ("grp", "coalesce(m.t_id, d.raw)", "m.t_id IS NULL",
             " LEFT JOIN team_map m ON m.t_raw = d.raw"),
    "resource": ("resource", "d.raw", "false", ""),
    "channel": ("channel", "d.raw", "false", ""),
    "system": ("sys", "coalesce(m.s_id, d.raw)", "m.s_id IS NULL",
               " LEFT JOIN system_map m ON m.s_raw = d.raw"),
    "step": ("activity", "m.st_target", "m.st_target IS NULL",
             " LEFT JOIN step_map m ON m.st_activity = d.raw"),
}  # fmt: skip

_VALUES = """
CREATE OR REPLACE TEMP TABLE {name}_values AS
SELECT d.raw, {mapped} AS v, {unmapped} AS unmapped
FROM (SELECT DISTINCT {column} AS raw FROM events WHERE {column} IS NOT NULL) AS d{join}
"""

_CODES = """
CREATE OR REPLACE TEMP TABLE {name}_codes AS
SELECT v, CAST(row_number() OVER (ORDER BY v) AS INTEGER) AS code
FROM (SELECT DISTINCT v FROM (SELECT v FROM {name}_values{extra}) AS a WHERE v IS NOT NULL) AS u
"""

_DICT = """
CREATE OR REPLACE TEMP TABLE {name}_dict AS
SELECT x.raw, c.code FROM {name}_values x LEFT JOIN {name}_codes c ON c.v = x.v
"""


def dictionary(name: str, extra_value: str | None = None) -> list[str]:
    """The statements that make the dictionary of one attribute (``extra_value``: a value the
    log may not hold but the figures use, a SQL literal).

    >>> [s.split()[5] for s in dictionary("team")]
    ['team_values', 'team_codes', 'team_dict']
    """
    column, mapped, unmapped, join = DIMENSIONS[name]
    extra = f" UNION ALL SELECT {extra_value}" if extra_value else ""
    return [
        _VALUES.format(name=name, column=column, mapped=mapped, unmapped=unmapped, join=join),
        _CODES.format(name=name, extra=extra),
        _DICT.format(name=name),
    ]


def coded(team: str) -> str:
    """The events as numbers; ``team`` is the expression of the team's number (the self-service
    rule of the mapping decides it over the group's).

    >>> "LEFT JOIN step_dict" in coded("g.code")
    True
    """
    return f"""
CREATE OR REPLACE TEMP VIEW coded AS
SELECT e.case_id, e.ts, e.ord, e.pos, e.customer, {team} AS team, r.code AS resource,
       CASE WHEN e.channel <> 'internal' THEN c.code END AS channel, y.code AS system, s.code AS step
FROM events e
LEFT JOIN team_dict g ON g.raw = e.grp
LEFT JOIN resource_dict r ON r.raw = e.resource
LEFT JOIN channel_dict c ON c.raw = e.channel
LEFT JOIN system_dict y ON y.raw = e.sys
LEFT JOIN step_dict s ON s.raw = e.activity
"""


# Each case's events in order (timestamp, the tie-break column, the position in the file(s)), with
# the previous non-null resource, team and (non-internal) channel: one sort for every pair figure
_SEQ = """
CREATE OR REPLACE TEMP TABLE seq AS
SELECT case_id, ts, customer, team, resource, channel, system, step,
       row_number() OVER w AS k,
       lag(resource IGNORE NULLS) OVER w AS p_resource,
       lag(team IGNORE NULLS) OVER w AS p_team,
       lag(channel IGNORE NULLS) OVER w AS p_channel
FROM coded
WINDOW w AS (PARTITION BY case_id ORDER BY ts, ord NULLS LAST, pos)
"""

# A team segment starts where the team differs from the previous non-null team
_SEGMENT_START = "team IS NOT NULL AND (p_team IS NULL OR p_team <> team)"

# Systems per case: a bit per system when they fit in 62 bits, else a distinct count and a list
_SYSTEMS = {
    True: "CAST(coalesce(bit_count(bit_or(CAST(1 AS BIGINT) << system)), 0) AS BIGINT) AS systems, "
    "bit_or(CAST(1 AS BIGINT) << system) AS system_set",
    False: "count(DISTINCT system) AS systems, list(DISTINCT system) AS system_set",
}

_PER_CASE = """
CREATE OR REPLACE TEMP TABLE case_base AS
SELECT case_id, count(*) AS events, min(ts) AS start,
       arg_min(customer, k) FILTER (WHERE customer IS NOT NULL) AS customer,
       count(*) FILTER (WHERE resource <> p_resource) AS handoffs,
       count(*) FILTER (WHERE team <> p_team) AS transfers,
       count(*) FILTER (WHERE channel <> p_channel) AS channel_switches,
       {systems},
       {steps} AS steps,
       {teams} AS team_sequence
FROM seq GROUP BY case_id
"""

# A case's values in the order of its events: each packed with its rank into one number
# (k * shift + value, shift a power of two above every code), the numbers sorted, the values taken
# back. Unordered lists sorted as integers cost less than half an ordered aggregate (0.8 s against
# 1.8 s for the two lists of a 10M-event log).
_IN_ORDER = (
    "list_transform(list_sort(list(CAST(k AS BIGINT) * {shift} + {value}) FILTER (WHERE {where})), "
    "lambda x: x % {shift})"
)

# Repeat contacts and first-contact resolution: cases of one customer in order of start, then case
# id (a view: the summary reads it once, the per-case file once more)
_CASES = """
CREATE OR REPLACE TEMP VIEW cases AS
SELECT case_id, events, start, customer, handoffs, transfers, systems, channel_switches,
       CASE WHEN customer IS NULL THEN NULL
            ELSE coalesce(start <= prev_start + INTERVAL '{window}' SECOND, false) END AS repeat_contact,
       CASE WHEN transfers > 0 THEN false
            WHEN customer IS NULL THEN true
            ELSE coalesce(next_start > start + INTERVAL '{window}' SECOND, true) END
           AS first_contact_resolution,
       team_sequence, steps, system_set
FROM (
    SELECT b.*,
           lag(b.start) OVER (PARTITION BY b.customer ORDER BY b.start, b.case_id) AS prev_start,
           lead(b.start) OVER (PARTITION BY b.customer ORDER BY b.start, b.case_id) AS next_start
    FROM case_base b
) AS r
"""

# Cases grouped by what the comparison with the model needs: the mapped steps and the team sequence
_VARIANTS = """
CREATE OR REPLACE TEMP TABLE variants AS
SELECT steps, team_sequence, count(*) AS cases, sum(transfers) AS transfers, {systems} AS systems
FROM case_base GROUP BY steps, team_sequence
"""


def statements(window_seconds: int, system_bits: bool, codes: int) -> list[str]:
    """The statements in order, with the repeat window (in whole seconds) in place;
    ``system_bits`` when the log's systems are 62 or fewer; ``codes`` the most codes of the team and
    step dictionaries (the packing of ordered lists shifts ranks above them).

    >>> len(statements(604800, True, 30))
    4
    """
    shift = 1 << max(codes, 1).bit_length()  # ranks up to 2**(63 - bits): no case is that long
    steps = _IN_ORDER.format(shift=shift, value="step", where="step IS NOT NULL")
    teams = _IN_ORDER.format(shift=shift, value="team", where=_SEGMENT_START)
    return [
        _SEQ,
        _PER_CASE.format(systems=_SYSTEMS[system_bits], steps=steps, teams=teams),
        _CASES.format(window=int(window_seconds)),
        _VARIANTS.format(systems="bit_or(system_set)" if system_bits else "flatten(list(system_set))"),
    ]
