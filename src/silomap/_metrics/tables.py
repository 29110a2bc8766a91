"""An :class:`Analysis` as flat tables: one row per question, journey, team, entity, re-entry,
hand-off, system and integration, one value per cell (lists joined by ``", "``, exact fractions as floats).

Minutes and agent hours are exact fractions; ``places`` rounds them half up as
the summary shows them (``score --format csv`` takes one decimal), and without
it they are floats as exact as a float can be (``Analysis.frames()``). Counts
are whole numbers, and volumes and KPI values stay as the model gives them.

The same rows make ``Analysis.frames()`` (DataFrames in pandas, polars or pyarrow, typed by
:data:`SCHEMAS`, for notebooks) and ``silomap score
--format csv`` (no pandas needed). Column names follow the JSON of ``score --json``.

:func:`write_csv` is silomap's one CSV writer: ``score --format csv``, ``history -o .csv`` and
``observe --cases .csv`` all write through it, so every CSV makes hostile text inert the same way.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TextIO

from .._text import safe_text
from .frames import Schema, build_frames
from .score import round_half_up
from .serialize import as_float, handoff_json, reentry_json

if TYPE_CHECKING:
    from .analysis import Analysis
    from .joined import JourneyRecord, QuestionRecord

__all__ = ["COLUMNS", "SCHEMAS", "TABLES", "analysis_frames", "csv_text", "tables", "write_csv"]

Row = dict[str, Any]
TABLES = ("questions", "journeys", "teams", "entities", "reentries", "handoffs", "systems", "integrations")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell that starts so


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values)


def _kpis(records: Iterable[JourneyRecord | QuestionRecord]) -> dict[str, dict[str, float]]:
    return {r.id: {row.kpi.id: row.goal.value for row in r.kpis} for r in records}


def _kpi_columns(rows: list[Row], values: Mapping[str, Mapping[str, float]]) -> None:
    """A column per KPI any row has (``None`` where a row has none), after the other columns."""
    names = sorted({k for kpis in values.values() for k in kpis})
    for row in rows:
        row.update({k: values.get(row["id"], {}).get(k) for k in names})


def _question(q: QuestionRecord) -> Row:
    f, parity = q.figure, q.parity
    return {
        "id": q.id,
        "spq": f.spq,
        "exact": f.exact,
        "cover": _joined(f.cover),
        "consulted": _joined(f.consulted),
        "needs": _joined(f.needs),
        "volume": f.volume,
        "channels": _joined(parity.channels),
        "channel_gap": _joined(parity.gap),
        "diverging": len(parity.diverging),
    }


def _figure(value: Fraction | None, places: int | None) -> float | None:
    """An exact figure as a float, rounded half up to ``places`` decimals when asked."""
    if value is None or places is None:
        return as_float(value)
    return round_half_up(value, places)


def _journey(j: JourneyRecord, places: int | None) -> Row:
    f, felt = j.figure, j.experience
    return {
        "id": j.id,
        "handoffs": f.handoffs,
        "channel_switches": f.channel_switches,
        "captures": f.captures,
        "reentries": len(f.reentries),
        "silo_reentries": f.silo_reentries,
        "process_reentries": f.process_reentries,
        "systems": len(felt.systems),
        "system_ids": _joined(felt.systems),
        "minutes": _figure(felt.minutes, places),
        "agent_hours": _figure(felt.agent_hours, places),
        "agent_hours_complete": felt.agent_hours_complete,
        "replaced_systems": _joined(sorted({r.system for r in felt.replaced})),
        "volume": f.volume,
    }


def _systems(a: Analysis) -> list[Row]:
    """One row per system: what the model says of it, and how the landscape and the journeys use it."""
    model, isolated = a.model, set(a.isolated)
    out_links = Counter(link.source for link in model.integrations)
    in_links = Counter(link.target for link in model.integrations)
    used = [(j.id, s.systems) for j in model.journeys for s in j.steps]
    desktops = {t.id: set(t.systems) for t in a.teams}
    return [
        {
            "id": s.id,
            "name": s.label,
            "kind": s.kind,
            "external": s.external,
            "owner": s.owner,
            "lifecycle": s.lifecycle,
            "holds": _joined(s.holds),
            "channels": _joined(s.channels),
            "integrations_out": out_links[s.id],
            "integrations_in": in_links[s.id],
            "isolated": s.id in isolated,
            "journeys": len({journey for journey, systems in used if s.id in systems}),
            "steps": sum(1 for _, systems in used if s.id in systems),
            "teams": _joined(team for team, systems in desktops.items() if s.id in systems),
        }
        for s in model.systems
    ]


def _integrations(a: Analysis) -> list[Row]:
    """One row per integration, as the model declares it."""
    return [
        {
            "from": link.source,
            "to": link.target,
            "carries": _joined(link.carries),
            "mode": link.mode,
            "name": link.name,
            "description": link.description,
            "source_id": link.source_id,
        }
        for link in a.model.integrations
    ]


def _with_kpis(rows: list[Row], records: Iterable[JourneyRecord | QuestionRecord]) -> list[Row]:
    _kpi_columns(rows, _kpis(records))
    return rows


def tables(a: Analysis, *, places: int | None = None) -> dict[str, list[Row]]:
    """The analysis as rows, table by table (names in :data:`TABLES`); minutes and agent hours
    rounded half up to ``places`` decimals if given.

    >>> import silomap
    >>> a = silomap.analyze(silomap.load("models/retail-bank"))
    >>> t = tables(a)
    >>> t["journeys"][0]["id"], t["journeys"][0]["handoffs"], sorted(t) == sorted(TABLES)
    ('check-balance', 0, True)
    >>> t["teams"][0]["agent_hours"], tables(a, places=1)["teams"][0]["agent_hours"]
    (648.3333333333334, 648.3)
    """
    joined = a.joined
    journeys, questions = joined.journeys.values(), joined.questions.values()
    return {
        "questions": _with_kpis([_question(q) for q in questions], questions),
        "journeys": _with_kpis([_journey(j, places) for j in journeys], journeys),
        "teams": [
            {
                "id": t.id,
                "desktop": t.figure.desktop,
                "systems": _joined(t.figure.systems),
                "agent_hours": _figure(t.hours, places),
            }
            for t in joined.teams.values()
        ],
        "entities": [
            {
                "id": e.id,
                "holders": _joined(e.holders),
                "copies": len(e.holders),
                "unsynced": e.unsynced,
                "possible": e.possible,
            }
            for e in a.entities
        ],
        "reentries": [{"journey": j.id} | reentry_json(r) for j in a.journeys for r in j.reentries],
        "handoffs": [{"journey": j.id} | handoff_json(h) for j in a.journeys for h in j.handoff_at],
        "systems": _systems(a),
        "integrations": _integrations(a),
    }


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        text = safe_text(value)  # an ESC, a BEL or a bidi control shown, never acted on
        return "'" + text if text.startswith(_FORMULA) else text  # shown as text, never run as a formula
    return "" if value is None else value


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> None:
    """Write rows as CSV to ``out`` as they come (a header, ``\\n`` line ends): silomap's one CSV writer.

    A text cell is made inert: a control, bidi or invisible character is written escaped (as
    :func:`silomap._text.safe_text` does), and a cell a spreadsheet would run as a formula (``=``,
    ``+``, ``-``, ``@``) gets a leading ``'``.

    >>> import sys
    >>> write_csv(sys.stdout, ["id", "note"], [{"id": "a", "note": "=SUM(A1)"}, ["b\\x1b]8;;", None]])
    id,note
    a,'=SUM(A1)
    b\\x1b]8;;,
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = [row.get(c) for c in columns] if isinstance(row, Mapping) else list(row)
        writer.writerow([_cell(v) for v in values])


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> str:
    """Rows as CSV text, written by :func:`write_csv`.

    >>> print(csv_text(["id", "note"], [{"id": "a", "note": "=SUM(A1)"}, ["b", None]]), end="")
    id,note
    a,'=SUM(A1)
    b,
    """
    out = io.StringIO()
    write_csv(out, columns, rows)
    return out.getvalue()


def analysis_frames(rows: Mapping[str, list[Row]], backend: str) -> dict[str, Any]:
    """The analysis's tables (:func:`tables`) as DataFrames of ``backend``, typed by :data:`SCHEMAS`;
    a KPI column, after the others, is a number."""
    schemas = {
        name: SCHEMAS[name]
        + tuple((k, "number") for k in (table[0] if table else {}) if k not in COLUMNS[name])
        for name, table in rows.items()
    }
    return build_frames(rows, schemas, backend)


# Each table's columns and their types (:data:`silomap._metrics.frames.TYPES`); docs/python.md lists them
SCHEMAS: dict[str, Schema] = {
    "questions": (("id", "text"), ("spq", "integer"), ("exact", "boolean"), ("cover", "text"),
                  ("consulted", "text"), ("needs", "text"), ("volume", "number"), ("channels", "text"),
                  ("channel_gap", "text"), ("diverging", "integer")),
    "journeys": (("id", "text"), ("handoffs", "integer"), ("channel_switches", "integer"),
                 ("captures", "integer"), ("reentries", "integer"), ("silo_reentries", "integer"),
                 ("process_reentries", "integer"), ("systems", "integer"), ("system_ids", "text"),
                 ("minutes", "number"), ("agent_hours", "number"), ("agent_hours_complete", "boolean"),
                 ("replaced_systems", "text"), ("volume", "number")),
    "teams": (("id", "text"), ("desktop", "integer"), ("systems", "text"), ("agent_hours", "number")),
    "entities": (("id", "text"), ("holders", "text"), ("copies", "integer"), ("unsynced", "integer"),
                 ("possible", "integer")),
    "reentries": (("journey", "text"), ("step", "text"), ("entity", "text"), ("kind", "text"),
                  ("first", "text"), ("source", "text")),
    "handoffs": (("journey", "text"), ("after", "text"), ("before", "text"), ("from", "text"),
                 ("to", "text")),
    "systems": (("id", "text"), ("name", "text"), ("kind", "text"), ("external", "boolean"),
                ("owner", "text"), ("lifecycle", "text"), ("holds", "text"), ("channels", "text"),
                ("integrations_out", "integer"), ("integrations_in", "integer"), ("isolated", "boolean"),
                ("journeys", "integer"), ("steps", "integer"), ("teams", "text")),
    "integrations": (("from", "text"), ("to", "text"), ("carries", "text"), ("mode", "text"),
                     ("name", "text"), ("description", "text"), ("source_id", "text")),
}  # fmt: skip
COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(c for c, _ in schema) for name, schema in SCHEMAS.items()}
