"""The SQL of observed journeys, written once (``observed.md``).

The engine has loaded ``events(case_id, activity, ts, resource, grp, channel, sys, customer, ord,
pos)``, the log's own values. First each attribute the figures compare gets a **dictionary**: its
distinct values, mapped to the model's ids by the mapping file, each mapped value numbered
(``{name}_codes``), and every raw value with the number of its mapped value (``{name}_dict``).
The events then travel as small numbers (``coded``), so the one sort that orders each case moves
integers rather than text, and a case's steps and team sequence pack into a few numbers
(:func:`pack`); :mod:`.engine` turns the numbers back into names, for the few rows it fetches.

Then the statements of :func:`statements` leave ``tallies`` (a row per case, and the hand-off and
transfer matrices), the views ``case_base`` and ``cases`` over it, and ``variants``; ping-pong
depends on a case's team sequence alone, so :mod:`.engine` counts it in Python, once per distinct
sequence. The statements use plain window functions and aggregates; the few engine-specific
spellings are translated by :mod:`.backends`, so the same text runs on DuckDB and, through sqlglot,
on Spark SQL.
"""

from __future__ import annotations

from collections.abc import Collection

__all__ = ["DIMENSIONS", "coded", "dictionary", "pack", "statements", "unpack", "within"]

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


# The events without the repeats of an event id in a case: the first of each, in the case's order
_FIRST_OF_EACH = """(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY case_id, event_id
ORDER BY ts, ord NULLS LAST, pos) AS nth FROM events) AS d WHERE event_id IS NULL OR nth = 1)"""


def coded(team: str, event_ids: bool = False) -> str:
    """The events as numbers; ``team`` is the expression of the team's number (the self-service
    rule of the mapping decides it over the group's); with ``event_ids`` (``columns.event``), the
    first event of each id in a case only.

    >>> "LEFT JOIN step_dict" in coded("g.code"), "nth = 1" in coded("g.code", True)
    (True, True)
    """
    events = _FIRST_OF_EACH if event_ids else "events"
    return f"""
CREATE OR REPLACE TEMP VIEW coded AS
SELECT e.case_id, e.ts, e.ord, e.pos, e.customer, {team} AS team, r.code AS resource,
       CASE WHEN e.channel <> 'internal' THEN c.code END AS channel, y.code AS system, s.code AS step,
       e.activity, e.channel AS channel_raw
FROM {events} e
LEFT JOIN team_dict g ON g.raw = e.grp
LEFT JOIN resource_dict r ON r.raw = e.resource
LEFT JOIN channel_dict c ON c.raw = e.channel
LEFT JOIN system_dict y ON y.raw = e.sys
LEFT JOIN step_dict s ON s.raw = e.activity
"""


# Each case's events in order (timestamp, the tie-break column, the position in the file(s)), with
# the previous non-null resource, team and (non-internal) channel: one sort for every pair figure
_SEQ = """
SELECT case_id, ts, customer, team, resource, channel, system, step,
       row_number() OVER w AS k,
       {p_resource} AS p_resource,
       {p_team} AS p_team,
       {p_channel} AS p_channel
FROM coded
WINDOW w AS (PARTITION BY case_id ORDER BY ts, ord NULLS LAST, pos)
"""


def _previous(name: str, without: Collection[str]) -> str:
    """The previous non-null value of a column in a case; null for a column with no value at all.

    DuckDB looks back over each run of nulls for every event of it, a time that grows with the
    square of the run: a case of millions of events without a channel took minutes for nothing.

    >>> _previous("team", ()), _previous("team", {"team"})
    ('lag(team IGNORE NULLS) OVER w', 'CAST(NULL AS INTEGER)')
    """
    return "CAST(NULL AS INTEGER)" if name in without else f"lag({name} IGNORE NULLS) OVER w"


# A team segment starts where the team differs from the previous non-null team
_SEGMENT_START = "team IS NOT NULL AND (p_team IS NULL OR p_team <> team)"

# Systems per case: a bit per system when they fit in 62 bits, else a distinct count and a list
_SYSTEMS = {
    True: "CAST(coalesce(bit_count(bit_or(CAST(1 AS BIGINT) << system)), 0) AS BIGINT) AS systems, "
    "bit_or(CAST(1 AS BIGINT) << system) AS system_set",
    False: "count(DISTINCT system) AS systems, list(DISTINCT system) AS system_set",
}

# What a case's events give, once in order
_PER_CASE = """
SELECT 0 AS part, case_id, count(*) AS events, min(ts) AS start, max(ts) AS finish,
       arg_min(customer, k) FILTER (WHERE customer IS NOT NULL) AS customer,
       count(*) FILTER (WHERE resource <> p_resource) AS handoffs,
       count(*) FILTER (WHERE team <> p_team) AS transfers,
       count(*) FILTER (WHERE channel <> p_channel) AS channel_switches,
       {systems},
       {steps},
       {teams},
       CAST(NULL AS INTEGER) AS a, CAST(NULL AS INTEGER) AS b, CAST(NULL AS BIGINT) AS n
FROM seq GROUP BY case_id
"""
# The columns of a case's row (the matrices' rows leave them null)
_BASE_COLUMNS = (
    "case_id, events, start, finish, customer, handoffs, transfers, channel_switches, systems, system_set, "
    "s0, s1, s_tail, t0, t1, t_tail"
)

# The ordered events are one statement's common table, read by the per-case aggregate (part 0)
# and by the two matrices (part 1: hand-off pairs of resources, part 2: transfer pairs of teams).
# Written to a table of their own, the 10M ordered events of the benchmark log cost 0.8 s more.
_TALLIES = """
CREATE OR REPLACE TEMP TABLE tallies AS
WITH seq AS MATERIALIZED ({seq})
{per_case}
UNION ALL
SELECT 1, {nulls}, p_resource, resource, count(*) FROM seq WHERE resource <> p_resource
GROUP BY p_resource, resource
UNION ALL
SELECT 2, {nulls}, p_team, team, count(*) FROM seq WHERE team <> p_team GROUP BY p_team, team
"""

_CASE_BASE = f"CREATE OR REPLACE TEMP VIEW case_base AS SELECT {_BASE_COLUMNS} FROM tallies WHERE part = 0"

CHUNKS = 2  # numbers a sequence is packed into before its tail, ``_fields(bits)`` ranks each


def _fields(bits: int) -> int:
    """The codes of ``bits`` bits a BIGINT holds, its sign bit spare."""
    return 62 // bits


# Field j of chunk i of a sequence holds the code of the event of rank i * per + j + 1 (0: none)
_CHUNK = (
    "coalesce(bit_or(CAST({value} AS BIGINT) << ({bits} * ((k - 1) % {per}))) "
    "FILTER (WHERE {where} AND k > {low} AND k <= {high}), 0) AS {name}{i}"
)
# Ranks beyond the chunks: each packed with its rank into one number, the numbers sorted
_TAIL = (
    "list_sort(list(CAST(k AS BIGINT) * {shift} + {value}) FILTER (WHERE {where} AND k > {high})) "
    "AS {name}_tail"
)


def pack(value: str, where: str, bits: int, name: str) -> str:
    """The aggregates that pack a case's ``value`` codes (of ``bits`` bits, none zero) in the order of
    its events, over the events where ``where`` holds, into ``{name}0``, ``{name}1`` and ``{name}_tail``.

    A case's sequence in a few numbers, not a list: the rank ``k`` of each event says where its code
    goes, so no ordered aggregate is needed, and cases group by sequence as numbers (0.5 s less than
    sorted lists on a 10M-event log). :func:`unpack` reads them back.

    >>> pack("step", "step IS NOT NULL", 5, "s").count(" AS s")
    3
    """
    per = _fields(bits)
    parts = [
        _CHUNK.format(
            value=value, bits=bits, per=per, where=where, low=i * per, high=(i + 1) * per, name=name, i=i
        )
        for i in range(CHUNKS)
    ]
    return ", ".join(
        [*parts, _TAIL.format(shift=1 << bits, value=value, where=where, high=CHUNKS * per, name=name)]
    )


def unpack(chunks: tuple[int | None, ...], tail: list[int] | None, bits: int) -> list[int]:
    """The codes :func:`pack` packed, in order; ``tail``: the codes of the tail, in order (the
    engine takes the ranks off, ``[x & mask FOR x IN tail]``, so a case of millions of events
    reaches Python as small numbers).

    >>> unpack((3 | 2 << 5 << 5, 0), None, 5)  # ranks 1 and 3; rank 2 was an event without a code
    [3, 2]
    >>> unpack((1, 1 << 55), [4], 5)  # rank 1, rank 24 (chunk 2, field 12), then the tail's code 4
    [1, 1, 4]
    """
    per, mask = _fields(bits), (1 << bits) - 1
    out = [(chunk or 0) >> (bits * j) & mask for chunk in chunks for j in range(per)]
    return [c for c in out if c] + [int(x) for x in tail or []]


# Repeat contacts and first-contact resolution: cases of one customer in order of start, then case
# id (a view: the summary reads it once, the per-case file once more)
_CASES = """
CREATE OR REPLACE TEMP VIEW cases AS
SELECT case_id, events, start, customer, handoffs, transfers, systems, channel_switches,
       CASE WHEN customer IS NULL THEN NULL
            ELSE coalesce({repeat}, false) END AS repeat_contact,
       CASE WHEN transfers > 0 THEN false
            WHEN customer IS NULL THEN true
            ELSE coalesce(NOT {resolved}, true) END
           AS first_contact_resolution,
       CASE WHEN customer IS NULL THEN NULL ELSE coalesce({resolved}, false) END AS followed_up,
       {tkey} AS tkey
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
SELECT s0, s1, s_tail, t0, t1, t_tail, {tkey} AS tkey,
       count(*) AS cases, sum(transfers) AS transfers, {systems} AS systems
FROM case_base GROUP BY s0, s1, s_tail, t0, t1, t_tail
"""

# A team sequence as text, the same in ``variants`` and ``cases`` (the per-case file looks its names
# and ping-pong up by it)
_TKEY = "concat_ws(' ', CAST(t0 AS VARCHAR), CAST(t1 AS VARCHAR), CAST(t_tail AS VARCHAR))"


_MICROS = 1_000_000
_LOWEST = -(2**63 - 1)  # the lowest BIGINT of both engines (and the sign of the one below it spared)


def within(earlier: str, later: str, window_seconds: int) -> str:
    """Whether ``later`` (not before ``earlier``) starts at most ``window_seconds`` after it.

    Compared as microseconds since 1970, never as a time plus an interval: a time near the end of
    the range (year 294247) plus the window would be out of range. ``later`` minus the window
    stays a number unless ``later`` is within the window of the lowest one, and then ``earlier``,
    not before the lowest, is within the window too. ``CASE`` decides before anything overflows.

    >>> within("a", "b", 60).split(" THEN ")[1:]
    ['NULL WHEN epoch_us(b) < -9223372036794775807', 'true ELSE epoch_us(a) >= epoch_us(b) - 60000000 END']
    """
    window = int(window_seconds) * _MICROS
    return (
        f"CASE WHEN {earlier} IS NULL THEN NULL WHEN epoch_us({later}) < {_LOWEST + window} THEN true "
        f"ELSE epoch_us({earlier}) >= epoch_us({later}) - {window} END"
    )


def statements(window_seconds: int, system_bits: bool, bits: int, without: Collection[str] = ()) -> list[str]:
    """The statements in order, with the repeat window (in whole seconds) in place;
    ``system_bits`` when the log's systems are 62 or fewer; ``bits`` the bits of the largest team or
    step code (how sequences are packed); ``without``: those of ``resource``, ``team`` and
    ``channel`` that have no value in the log.

    >>> len(statements(604800, True, 5))
    4
    """
    seq = _SEQ.format(**{f"p_{n}": _previous(n, without) for n in ("resource", "team", "channel")})
    steps = pack("step", "step IS NOT NULL", bits, "s")
    teams = pack("team", _SEGMENT_START, bits, "t")
    per_case = _PER_CASE.format(systems=_SYSTEMS[system_bits], steps=steps, teams=teams)
    nulls = ", ".join(["NULL"] * (_BASE_COLUMNS.count(",") + 1))
    return [
        _TALLIES.format(seq=seq, per_case=per_case, nulls=nulls),
        _CASE_BASE,
        _CASES.format(
            repeat=within("prev_start", "start", window_seconds),
            resolved=within("start", "next_start", window_seconds),
            tkey=_TKEY,
        ),
        _VARIANTS.format(
            tkey=_TKEY, systems="bit_or(system_set)" if system_bits else "flatten(list(system_set))"
        ),
    ]
