"""The mapping's columns against the log (``observed.md``, "Not measured").

A column the mapping asks for and the log lacks is an error, placed at the column in the mapping
file and naming the log: a column not in a CSV header or a Parquet schema, an XES attribute on no
event. A figure that needs a column the mapping does not give (``null``), or a column with no value
in any event, is **not measured**: ``None`` in Python, ``null`` in JSON, an empty cell in the
per-case file and "not measured" in words, never 0 % or 100 %. :data:`NEEDS` and
:data:`CASE_NEEDS` say which figure needs which column, :func:`not_measured` which are missing
and why, and :func:`unmeasured_journey` blanks what a journey cannot show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from .._errors import ModelError, Problem
from .._model import shown
from .._suggest import Suggester
from .._text import quote_value
from .compare import JourneyObserved
from .mapping import LogMapping

__all__ = [
    "CASE_NEEDS",
    "GIVES",
    "NEEDS",
    "NOUNS",
    "STEPS",
    "blank",
    "check_columns",
    "not_measured",
    "unmeasured_journey",
]

# The optional columns of the mapping (``columns:``), and what the words call each
NOUNS = {
    "resource": "resource",
    "group": "team",
    "channel": "channel",
    "system": "system",
    "customer": "customer",
}
STEPS = "steps"  # the journeys need activities mapped to steps (``steps:``), not a column

# Each figure of the summary (and the two matrices) and the column it needs. First-contact
# resolution needs the teams; without customers it is "no transfer" (``observed.md``).
NEEDS = {
    "handoffs_per_case": "resource",
    "transfers_per_case": "group",
    "ping_pong_per_case": "group",
    "systems_per_case": "system",
    "channel_switches_per_case": "channel",
    "transfer_rate": "group",
    "ping_pong_rate": "group",
    "repeat_rate": "customer",
    "fcr_rate": "group",
    "handoff_matrix": "resource",
    "transfer_matrix": "group",
}

# Each column of the per-case file that needs a column of the log, and its SQL type
CASE_NEEDS = {
    "handoffs": ("resource", "BIGINT"),
    "transfers": ("group", "BIGINT"),
    "ping_pong": ("group", "BIGINT"),
    "systems": ("system", "BIGINT"),
    "channel_switches": ("channel", "BIGINT"),
    "repeat_contact": ("customer", "BOOLEAN"),
    "first_contact_resolution": ("group", "BOOLEAN"),
    "team_sequence": ("group", "VARCHAR"),
}

# What each column gives, in the words of the text and the report
GIVES = {
    "resource": "hand-offs, the hand-off matrix",
    "group": "transfers, ping-pong, first-contact resolution, transfers per journey, team sequences, "
    "the transfer matrix",
    "system": "systems per case, systems a journey does not declare",
    "channel": "channel switches",
    "customer": "repeat contacts",
    STEPS: "cases per journey, fitness, skipped steps",
}


def _log_has(kind: str, name: str) -> str:
    """Where a column is missing, in the words of the log's kind."""
    if kind == "xes":
        where = "trace or event" if name.startswith("case:") else "event"
        return f"attribute {quote_value(name)} is on no {where} of"
    if kind == "ocel":
        return f"column {quote_value(name)} is not in the flat log of"
    return f"column {quote_value(name)} is not in the {'header' if kind == 'csv' else 'schema'} of"


def check_columns(mapping: LogMapping, kind: str, found: list[str], log: str) -> None:
    """Every column the mapping names is in the log (``found``: its header, schema or XES keys);
    each one missing is a problem at its place in the mapping, naming ``log``. The log's columns are
    listed once, on the first problem that has no "did you mean" (a log's first line may be a secret)."""
    problems = []
    listed = None  # the key whose problem lists the log's columns
    named = mapping.file.columns.model_dump()
    for key, name in named.items():
        if name is None:
            continue
        if name in found:
            if len(places := _places(name, found)) > 1:
                message = (
                    f"columns {', '.join(places[:-1])} and {places[-1]} of the header of {log} are "
                    f"named {quote_value(name)} (names compared without case): rename one of them"
                )
                problems.append(_problem(mapping, key, message))
            continue
        hint = _suggest(name, found, set(named.values()) - {name})
        if not hint and listed is None:
            listed, hint = key, "; the log has " + ", ".join(quote_value(c) for c in found[:12])
        elif not hint:
            hint = f"; the log's columns are listed at columns.{listed}"
        message = f"{_log_has(kind, name)} {log}{hint}"
        doc = mapping.doc
        if doc is not None and key not in (doc.data.get("columns") or {}):
            message += (
                f" ({quote_value(name)} is the default of columns.{key}: name the log's, or write null)"
            )
        problems.append(_problem(mapping, key, message))
    if problems:
        raise ModelError(problems)


def _problem(mapping: LogMapping, key: str, message: str) -> Problem:
    """A problem at ``columns.<key>`` in the mapping file."""
    if mapping.doc is None:
        return Problem(shown(mapping.path), 0, 0, "SM081", message, f"columns.{key}")
    return mapping.doc.problem(("columns", key), "SM081", message)


def _suggest(name: str, found: list[str], mapped: set[str | None]) -> str:
    """ "Did you mean" a column of the log, unless it is one the mapping names for something else
    (a renamed case column is not the activity): then nothing, and the log's columns are listed.

    >>> _suggest("case", ["ticket", "cases"], set()), _suggest("case", ["ticket", "cases"], {"cases"})
    ("; did you mean 'cases'?", '')
    """
    suggested = Suggester(found).suggest(name)
    if suggested is not None and suggested not in mapped:
        return f"; did you mean {quote_value(suggested)}?"
    return ""


def _places(name: str, found: list[str]) -> list[str]:
    """The places (from 1) of the columns named ``name`` without case, as the engines compare names.

    >>> _places("case", ["case", "who", "Case"])
    ['1', '3']
    """
    return [str(i) for i, other in enumerate(found, 1) if other.casefold() == name.casefold()]


def not_measured(mapping: LogMapping, filled: Mapping[str, int]) -> dict[str, str]:
    """The columns (``NOUNS``, and ``steps``) the figures cannot use, and why; ``filled``: the
    number of events with a value in each column.

    >>> from pathlib import Path
    >>> from silomap._observed.mapping import MappingFile
    >>> file = MappingFile.model_validate({"silomap-log": 1, "log": "x.csv", "steps": {"Work": "fix/work"},
    ...                                    "columns": {"group": None, "customer": "who"}})
    >>> gaps = not_measured(LogMapping(Path("x.csv"), file), {"resource": 5, "customer": 0})
    >>> sorted(gaps)
    ['channel', 'customer', 'group', 'system']
    >>> gaps["group"], gaps["customer"]
    ('the mapping gives no team column', "the customer column 'who' has no value in the log")
    """
    out = {}
    for key, noun in NOUNS.items():
        name = getattr(mapping.file.columns, key)
        if name is None:
            out[key] = f"the mapping gives no {noun} column"
        elif not filled.get(key):
            out[key] = f"the {noun} column {quote_value(name)} has no value in the log"
    if not mapping.file.steps:
        out[STEPS] = "the mapping maps no log activity to a step of the model"
    return out


def blank(figures: dict[str, Any], missing: Collection[str]) -> dict[str, Any]:
    """``figures`` with each one that needs a ``missing`` column made ``None``.

    >>> blank({"cases": 3, "transfer_rate": 0.0, "fcr_rate": 1.0}, {"group"})
    {'cases': 3, 'transfer_rate': None, 'fcr_rate': None}
    """
    return {k: None if NEEDS.get(k) in missing else v for k, v in figures.items()}


def unmeasured_journey(journey: JourneyObserved, missing: Collection[str], mapped: bool) -> JourneyObserved:
    """``journey`` with what it cannot show made ``None``: without teams its transfers, undeclared
    teams and team sequences (and each declared hand-off's share); without systems its undeclared
    systems; with none of its steps mapped (``mapped`` false), all but its declared hand-offs."""
    if not mapped:
        return dataclasses.replace(
            journey,
            cases=None,
            fitness=None,
            transfers_observed=None,
            skipped=None,
            undeclared_teams=None,
            undeclared_systems=None,
            sequences=None,
            handoff_rates=None,
        )
    if "group" in missing:
        rates = tuple((a, b, None) for a, b, _ in journey.handoff_rates or ())
        journey = dataclasses.replace(
            journey, transfers_observed=None, undeclared_teams=None, sequences=None, handoff_rates=rates
        )
    if "system" in missing:
        journey = dataclasses.replace(journey, undeclared_systems=None)
    return journey
