"""Running observed journeys on an engine: the log into ``events``, then :mod:`.queries`.

``prepare`` checks the mapping's columns against the log (:mod:`.columns`) and reads the log into
``events``: missing values made null, columns picked, timestamps parsed. A null case id, or a
timestamp missing or unreadable, is an error at its place (:mod:`.rows`; only then is the log read
again, as it is, to find them). It counts the values of each optional
column: a figure whose column the mapping does not give, or that has no value, is not measured.
:mod:`.codes` then maps groups, systems and activities to the model's ids and numbers every value.
The SQL is DuckDB's dialect; :mod:`.backends` runs it on DuckDB or, transpiled, on Spark.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

from .._errors import ModelError, Problem
from .._model import shown
from .codes import SYSTEM_BITS, Names, encode
from .columns import CASE_NEEDS, blank, check_columns, not_measured
from .compare import Codes, Variant
from .contact import prepare_contact
from .interface import Engine, ident, literal
from .mapping import LogMapping
from .queries import statements, unpack
from .rows import Log, check_format, validate
from .sources import CSV, OCEL, XES, header, log_files

__all__ = [
    "MATRIX_PAIRS",
    "Loaded",
    "Run",
    "cases_sql",
    "packing_bits",
    "ping_pong",
    "prepare",
    "run",
    "summary_figures",
]

MATRIX_PAIRS = 10_000  # pairs of a matrix fetched, the most frequent: its size is the square of the teams
TEAMS_SHOWN = " > "  # between the teams of a sequence in the per-case file, for reading (never split)


class _Columns:
    """The SQL that reads each mapped column as text, the ``missing`` values made null."""

    def __init__(self, mapping: LogMapping) -> None:
        self.missing = ", ".join(literal(v) for v in mapping.file.missing)
        self.one = literal(mapping.file.missing[0]) if len(mapping.file.missing) == 1 else None

    def __call__(self, name: str | None) -> str:
        if name is None:
            return "CAST(NULL AS VARCHAR)"
        text = f"CAST(raw.{ident(name)} AS VARCHAR)"
        if self.one is not None:
            return f"nullif({text}, {self.one})"
        return f"CASE WHEN {text} IN ({self.missing}) THEN NULL ELSE {text} END" if self.missing else text


def _timestamp(db: Engine, mapping: LogMapping, col: _Columns) -> str:
    """The expression that reads the timestamp column: typed, by ``timestamp_format``, or ISO 8601."""
    name = mapping.file.columns.timestamp
    kind = db.types().get(name, "VARCHAR")
    # an instant becomes UTC time through its microseconds: a cast would ask ICU for each value
    if kind.startswith("TIMESTAMP WITH TIME ZONE"):
        return f"make_timestamp(epoch_us(raw.{ident(name)}))"
    if kind.startswith("TIMESTAMP"):
        return f"CAST(raw.{ident(name)} AS TIMESTAMP)"
    if mapping.file.timestamp_format:
        return f"try_strptime({col(name)}, {literal(mapping.file.timestamp_format)})"
    return f"make_timestamp(epoch_us(TRY_CAST({col(name)} AS TIMESTAMPTZ)))"


def _select(mapping: LogMapping, col: _Columns, ts: str) -> str:
    """The columns of ``events``, as the log has them (missing values made null, times parsed)."""
    c = mapping.file.columns
    return (
        f"{col(c.case)} AS case_id, {col(c.activity)} AS activity, {ts} AS ts, "
        f"{col(c.resource)} AS resource, {col(c.group)} AS grp, {col(c.channel)} AS channel, "
        f"{col(c.system)} AS sys, {col(c.customer)} AS customer, TRY_CAST({col(c.order)} AS DOUBLE) AS ord, "
        f"{col(c.reason)} AS reason, {col(c.event)} AS event_id, {col(c.lifecycle)} AS lifecycle, "
        f"{col(c.duration)} AS duration"
    )


# The column of ``events`` that holds each optional column of the mapping
_EVENT_COLUMNS = {
    "resource": "resource",
    "group": "grp",
    "channel": "channel",
    "system": "sys",
    "customer": "customer",
}


class Loaded(NamedTuple):
    """What :func:`prepare` found: the values the mapping leaves unmapped (groups, activities,
    systems), and the columns the figures cannot use, with why (:func:`.columns.not_measured`);
    for an object-centric log, what it tells of its objects (:mod:`.ocel`)."""

    unmapped: dict[str, int]
    not_measured: dict[str, str]
    ocel: dict[str, Any] | None = None


def _only_ocel(mapping: LogMapping, key: str) -> Problem:
    message = f"{key} is for an object-centric log (.jsonocel, .xmlocel, .sqlite); leave it out"
    if mapping.doc is None:
        return Problem(shown(mapping.path), 0, 0, "SM081", message, key)
    return mapping.doc.problem((key,), "SM081", message)


def _open(db: Engine, mapping: LogMapping) -> tuple[list[Path], Log]:
    """Open the log, its columns checked first (for CSV, against the header as the file has it,
    whatever the engine makes of names given twice); return its files and what names a bad row."""
    kind, files = log_files(mapping)
    log = shown(files[0]) if len(files) == 1 else f"{shown(mapping.path)} ({len(files):,} files)"
    if kind == CSV:
        names = header(files[0])
        check_columns(mapping, kind, names, log)
        db.open(kind, files)
        return files, Log(kind, names, {})
    if kind not in (XES, OCEL):
        check_columns(mapping, kind, db.open(kind, files), log)
        return files, Log(kind, [], {})
    from .ocel import ocel_to_parquet
    from .xes import xes_to_parquet

    copies = [(ocel_to_parquet if kind == OCEL else xes_to_parquet)(f, mapping) for f in files]
    keys = sorted({key for _, keys in copies for key in keys})
    if not keys:  # no trace or event has an attribute: no event to read
        raise ModelError([Problem(shown(files[0]), 0, 0, "SM084", "the log has no events")])
    check_columns(mapping, kind, keys, log)
    db.open("parquet", [copy for copy, _ in copies])
    return files, Log(kind, [], {str(copy): shown(f) for f, (copy, _) in zip(files, copies, strict=True)})


def prepare(db: Engine, mapping: LogMapping) -> Loaded:
    """Load the log into ``events`` and ``coded``; return the counts of unmapped values and the
    columns not measured."""
    check_format(mapping)
    files, log = _open(db, mapping)
    if log.kind != OCEL:
        wrong = [k for k in ("case_object", "object_types") if getattr(mapping.file, k)]
        if wrong:
            raise ModelError([_only_ocel(mapping, k) for k in wrong])
    try:
        return _load(db, mapping, files, log)
    except ModelError as err:  # a problem of an XES log's Parquet copy is the XES file's
        if not log.xes:
            raise
        named = [dataclasses.replace(p, file=log.xes.get(p.file, p.file)) for p in err.problems]
        raise ModelError(named) from None


def _load(db: Engine, mapping: LogMapping, files: list[Path], log: Log) -> Loaded:
    col = _Columns(mapping)
    ts = _timestamp(db, mapping, col)
    db.load_events(_select(mapping, col, ts))
    filled = ", ".join(f"count({c})" for c in _EVENT_COLUMNS.values())
    ((events, bad, *counts),) = db.rows(
        f"SELECT count(*), count(*) FILTER (WHERE case_id IS NULL OR ts IS NULL), {filled} FROM events"
    )
    if events == 0:
        raise ModelError([Problem(shown(files[0]), 0, 0, "SM084", "the log has no events")])
    if bad:  # only a log with bad rows pays for reading it again to name them
        db.load_raw()
        validate(db, mapping, col, ts, log)
    gaps = not_measured(mapping, dict(zip(_EVENT_COLUMNS, map(int, counts), strict=True)))
    summary = None
    if log.kind == OCEL:
        from .ocel import ocel_summary

        summary = ocel_summary(Path(next(iter(log.xes))))
    return Loaded(encode(db, mapping.file), gaps, summary)


@dataclass(frozen=True)
class Run:
    """What the engine computed: the summary row, the matrices and the variants; ``None`` for what
    is not measured, and ``not_measured`` says why."""

    summary: dict[str, Any]
    handoff_matrix: list[tuple[str, str, int]] | None
    transfer_matrix: list[tuple[str, str, int]] | None
    variants: list[Variant]
    unmapped: dict[str, int | None]
    not_measured: dict[str, str]
    matrix_pairs: dict[str, int | None] = dataclasses.field(default_factory=dict)
    ocel: dict[str, Any] | None = None
    bits: int = 1  # how the case's sequences are packed (:func:`packing_bits`)


# sums and counts only: the means and rates are divided exactly in Python, the same on every engine
_SUMS = """
SELECT count(*), sum(events), sum(handoffs), sum(transfers), sum(systems), sum(channel_switches),
       count(*) FILTER (WHERE transfers >= 1), count(*) FILTER (WHERE repeat_contact),
       count(*) FILTER (WHERE customer IS NOT NULL), count(*) FILTER (WHERE first_contact_resolution)
FROM cases
"""


def ping_pong(teams: Sequence[int] | None) -> int:
    """The ping-pongs of a team sequence: transfers back to the team the previous transfer left.
    One pass, nothing copied (a sequence may have millions of teams).

    >>> ping_pong([1, 2, 1, 2, 3]), ping_pong([1, 2, 3]), ping_pong(None)
    (2, 0, 0)
    """
    if not teams:
        return 0
    return sum(
        1 for before, now in zip(teams, itertools.islice(teams, 2, None), strict=False) if before == now
    )


def summary_figures(row: tuple[Any, ...], pings: tuple[int, int]) -> dict[str, Any]:
    """The summary of observed.md from sums and counts (cases, events, hand-offs, transfers,
    systems, channel switches, cases transferred, repeats, cases with a customer, first-contact
    resolutions) and the ping-pongs and cases with any: means divided exactly, once.

    >>> summary_figures((2, 5, 1, 3, 2, 0, 1, 0, 0, 1), (1, 1))["transfers_per_case"]
    1.5
    """
    cases, events, h, t, s, sw, transferred, repeats, with_customer, fcr = (int(v or 0) for v in row)
    p, pinged = pings

    def mean(total: int, over: int) -> float | None:
        return float(Fraction(total, over)) if over else None

    return {
        "cases": cases,
        "events": events,
        "handoffs_per_case": mean(h, cases),
        "transfers_per_case": mean(t, cases),
        "ping_pong_per_case": mean(p, cases),
        "systems_per_case": mean(s, cases),
        "channel_switches_per_case": mean(sw, cases),
        "transfer_rate": mean(transferred, cases),
        "ping_pong_rate": mean(pinged, cases),
        "repeat_rate": mean(repeats, with_customer),
        "fcr_rate": mean(fcr, cases),
    }


def _variants(rows: Iterable[tuple[Any, ...]], bits: int, names: Names) -> list[Variant]:
    """The variants by their steps and team sequence, as codes. Packing keeps each event's rank, so
    one sequence may come in several packings (an unmapped event between two steps, or not): they
    merge here. Rows come in batches; a step sequence that many variants share is held once."""
    merged: dict[tuple[Codes, Codes], Variant] = {}
    shared: dict[Codes, Codes] = {}
    for s0, s1, s_tail, t0, t1, t_tail, n, transfers, systems in rows:
        teams = tuple(unpack((t0, t1), t_tail, bits))
        steps = tuple(unpack((s0, s1), s_tail, bits))
        entry = merged.get((steps := shared.setdefault(steps, steps), teams))
        if entry is None:  # the empty frozenset is one object
            entry = merged[(steps, teams)] = Variant(steps, teams, 0, 0, frozenset(), names)
        entry.cases += int(n)
        entry.transfers += int(transfers or 0)
        if systems:
            entry.systems = entry.systems | systems
    return list(merged.values())


class _Pings:
    """The ping-pongs of every case, and the cases with any, summed as team sequences go by."""

    def __init__(self) -> None:
        self.total = self.cases = 0

    def shown(
        self, rows: Iterable[tuple[Any, ...]], bits: int, names: Names
    ) -> Iterator[tuple[str, str, str]]:
        """Each team sequence's key, its teams joined for reading and its ping-pongs; counted."""
        for t0, t1, t_tail, tkey, n in rows:
            teams = unpack((t0, t1), t_tail, bits)
            pings = ping_pong(teams)
            self.total += int(n) * pings
            self.cases += int(n) if pings else 0
            yield str(tkey), TEAMS_SHOWN.join(names.sequence("team", teams)), str(pings)


_UNMAPPED_NEEDS = {"groups": "group", "systems": "system"}  # the activities are always there


def _without(db: Engine, loaded: Loaded) -> set[str]:
    """Those of resource, team and channel that no event has (a channel: other than ``internal``)."""
    gaps = loaded.not_measured
    out = {name for name, column in (("resource", "resource"), ("team", "group")) if column in gaps}
    if "channel" in gaps or not db.rows("SELECT count(*) FROM channel_codes WHERE v <> 'internal'")[0][0]:
        out.add("channel")
    return out


def packing_bits(names: Names) -> int:
    """The bits of the largest team or step code: how a case's sequences are packed (a log may map
    no team nor step)."""
    return max(names.most_codes("team", "step"), 1).bit_length()


def run(db: Engine, mapping: LogMapping, loaded: Loaded, self_service: Collection[str] = ()) -> Run:
    """Run the statements and fetch the summary, the matrices and the variants, named;
    ``self_service``: the model's self-service channels (for the contact-center figures)."""
    names = Names(db)
    window = round(mapping.file.repeat_window_days * 86_400)
    bits = packing_bits(names)
    first, *rest = statements(window, names.systems <= SYSTEM_BITS, bits, _without(db, loaded))
    db.execute(first)  # every event in order, counted
    prepare_contact(db, mapping, self_service, loaded.not_measured)  # then the log is no longer needed
    db.release_events()  # its memory goes to what follows
    for sql in rest:
        db.execute(sql)
    variants, pings = _fetch(db, names, bits)
    missing = loaded.not_measured
    unmapped = {k: None if _UNMAPPED_NEEDS.get(k) in missing else n for k, n in loaded.unmapped.items()}
    handoffs = None if "resource" in missing else _matrix(db, 1, "resource")
    transfers = None if "group" in missing else _matrix(db, 2, "team")
    return Run(
        summary=blank(summary_figures(db.rows(_SUMS)[0], (pings.total, pings.cases)), missing),
        handoff_matrix=None if handoffs is None else handoffs[0],
        transfer_matrix=None if transfers is None else transfers[0],
        variants=variants,
        unmapped=unmapped,
        not_measured=missing,
        matrix_pairs={
            "handoff": None if handoffs is None else handoffs[1],
            "transfer": None if transfers is None else transfers[1],
        },
        ocel=loaded.ocel,
        bits=bits,
    )


def _fetch(db: Engine, names: Names, bits: int) -> tuple[list[Variant], _Pings]:
    """The variants as codes, and the ping-pongs; the team sequences named for the per-case file,
    streamed through (Python holds one batch of them at a time)."""
    mask = (1 << bits) - 1  # the tails' codes unpacked by the engine: small numbers reach Python
    pings = _Pings()
    sequences = db.stream(
        f"SELECT t0, t1, [x & {mask} FOR x IN t_tail], tkey, sum(cases) FROM variants "
        "GROUP BY t0, t1, t_tail, tkey"
    )
    db.table("team_sequences", ("tkey", "names", "ping_pong"), pings.shown(sequences, bits, names))
    rows = db.stream(
        f"SELECT s0, s1, [x & {mask} FOR x IN s_tail], t0, t1, [x & {mask} FOR x IN t_tail], cases, "
        "transfers, systems FROM variants"
    )
    coded = ((*r[:-1], names.system_codes(r[-1])) for r in rows)
    return _variants(coded, bits, names), pings


def _matrix(db: Engine, part: int, name: str) -> tuple[list[tuple[str, str, int]], int]:
    """The ``MATRIX_PAIRS`` most frequent pairs of a matrix, named by the engine, most frequent
    first, then by name; and how many pairs it has."""
    rows = db.rows(
        f"SELECT fa.v, fb.v, t.n, count(*) OVER () FROM tallies t JOIN {name}_codes fa ON fa.code = t.a "
        f"JOIN {name}_codes fb ON fb.code = t.b WHERE t.part = {part} ORDER BY t.n DESC, fa.v, fb.v "
        f"LIMIT {MATRIX_PAIRS}"
    )
    return [(str(a), str(b), int(n)) for a, b, n, _ in rows], int(rows[0][3]) if rows else 0


_LOOKED_UP = {
    "team_sequence": "coalesce(n.names, '') AS team_sequence",
    "ping_pong": "CAST(coalesce(n.ping_pong, '0') AS BIGINT) AS ping_pong",
}


def _case_column(name: str, missing: Collection[str]) -> str:
    need, kind = CASE_NEEDS.get(name, ("", ""))
    if need in missing:
        return f"CAST(NULL AS {kind}) AS {name}"  # not measured: an empty cell, not 0
    return _LOOKED_UP.get(name, f"c.{name}")


def cases_sql(columns: tuple[str, ...], missing: Collection[str] = ()) -> str:
    """The per-case figures, ``team_sequence`` named and ``ping_pong`` looked up, in order of case id;
    each figure that needs a ``missing`` column null.

    >>> cases_sql(("case_id", "transfers"), {"group"}).split(" FROM ")[0]
    'SELECT c.case_id, CAST(NULL AS BIGINT) AS transfers'
    """
    picked = ", ".join(_case_column(c, missing) for c in columns)
    return f"SELECT {picked} FROM cases c LEFT JOIN team_sequences n ON n.tkey = c.tkey ORDER BY c.case_id"
