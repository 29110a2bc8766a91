"""``observe(model, mapping)``: the observed figures, per journey against the model, and per case."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._config import Limits
from .._display import Shown
from .._errors import ToolError, UsageError
from .._metrics import Schema, analyze, from_pandas, need_backend, write_csv
from .._model import Model, described, need, need_limits, need_model
from .._progress import shown
from .._text import safe_text
from .backends import ENGINES, start
from .columns import unmeasured_journey
from .compare import JourneyObserved, compare
from .contact import contact_center, self_service_channels
from .engine import Run, cases_sql, prepare, run
from .interface import Engine, Settings
from .mapping import LogMapping, load_mapping
from .ocel import journey_object_types
from .resources import check_memory_limit, check_temp_directory
from .sources import refuse_input

__all__ = ["Observed", "observe"]

# The per-case figures' columns and their types (docs/observed.md and docs/python.md list them)
CASE_SCHEMA: Schema = (
    ("case_id", "text"),
    ("events", "integer"),
    ("start", "time"),
    ("customer", "text"),
    ("handoffs", "integer"),
    ("transfers", "integer"),
    ("ping_pong", "integer"),
    ("systems", "integer"),
    ("channel_switches", "integer"),
    ("repeat_contact", "boolean"),
    ("first_contact_resolution", "boolean"),
    ("team_sequence", "text"),
)
CASE_COLUMNS = tuple(name for name, _ in CASE_SCHEMA)


@dataclass(repr=False)
class Observed(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """What a log shows: summary figures, the hand-off and transfer matrices, each journey against the
    model, and (from the engine that ran) the per-case figures.

    Each matrix lists its ``MATRIX_PAIRS`` (10,000) most frequent pairs; ``matrix_pairs`` says how
    many it has (``handoff``, ``transfer``), so a list cut short is never taken for the whole.

    ``to_dict()`` is the JSON of ``silomap observe --json``; ``cases()`` a pandas DataFrame. A figure
    that needs a column the mapping does not give, or that has no value in the log, is ``None`` (not
    measured, never 0); ``not_measured`` names each such column (as in the mapping's ``columns``, and
    ``steps`` when no activity is mapped to a step) with why.

    Attributes
    ----------
    summary
        Cases, events, teams, hand-offs and transfers per case, for the whole log.
    handoff_matrix, transfer_matrix
        How often work passed from one team (or system) to another, most frequent first.
    journeys
        Each mapped journey, as the log shows it beside the model.
    unmatched_cases
        Cases no journey of the mapping matched.
    unmapped
        Activities the mapping names no step for.
    engine
        The engine that ran: ``duckdb`` or ``spark``.
    not_measured
        Each figure the log cannot give, and why.
    matrix_pairs
        How many pairs each matrix has in all.
    name
        The model's name, as the text names it.
    contact_center
        Containment, average handle time and the fallout per declared step, each ``None`` where
        the log cannot give it (``contact_center["not_measured"]`` says why).
    ocel
        For an object-centric log: the case object type, its objects, and the cases that touch each
        other object type (``None`` for another log).

    Examples
    --------
    >>> import silomap
    >>> seen = silomap.observe(silomap.load("models/retail-bank"), "examples/observed/retail-bank.yaml")
    >>> seen.summary["cases"], seen.summary["events"], round(seen.summary["transfers_per_case"], 3)
    (400, 1626, 1.695)
    """

    summary: dict[str, Any]
    handoff_matrix: list[tuple[str, str, int]] | None
    transfer_matrix: list[tuple[str, str, int]] | None
    journeys: list[JourneyObserved]
    unmatched_cases: int | None
    unmapped: dict[str, int | None]
    engine: str
    _db: Engine | None = field(default=None, repr=False)
    not_measured: dict[str, str] = field(default_factory=dict)
    matrix_pairs: dict[str, int | None] = field(default_factory=dict)
    _mapping: LogMapping | None = field(default=None, repr=False)
    name: str = field(default="", compare=False)  # the model's, for the text (observed_text)
    ocel: dict[str, Any] | None = None
    contact_center: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap observe --json`` (rates and means as floats, not rounded)."""
        return {
            **self.summary,  # cases, events, the means and the rates, in the spec's order
            "unmapped": dict(self.unmapped),
            "not_measured": dict(self.not_measured),
            "journeys": [_journey(j) for j in self.journeys],
            "unmatched_cases": self.unmatched_cases,
            "handoff_matrix": _pairs(self.handoff_matrix, "count"),
            "transfer_matrix": _pairs(self.transfer_matrix, "count"),
            "handoff_pairs": self.matrix_pairs.get("handoff"),
            "transfer_pairs": self.matrix_pairs.get("transfer"),
            "contact_center": self.contact_center,
            **({} if self.ocel is None else {"ocel": self.ocel}),
        }

    def cases(self, backend: str = "pandas") -> Any:
        """The per-case figures as a DataFrame of ``backend`` (``"pandas"``, ``"polars"`` or
        ``"pyarrow"``), one row per case, its columns typed as :data:`CASE_SCHEMA` says (not measured:
        null); ``frames(backend)["cases"]``.

        >>> import silomap
        >>> seen = silomap.observe(silomap.load("models/retail-bank"), "examples/observed/retail-bank.yaml")
        >>> seen.cases("pyarrow").num_rows == seen.summary["cases"]
        True
        """
        need_backend(backend)  # before the engine works
        return from_pandas(
            self._engine().frame(cases_sql(CASE_COLUMNS, self.not_measured)), CASE_SCHEMA, backend
        )

    def frames(self, backend: str = "pandas") -> dict[str, Any]:
        """The per-case figures as DataFrames of ``backend``, by table name: ``cases``
        (:meth:`cases`)."""
        return {"cases": self.cases(backend)}

    def write_cases(self, target: Path) -> None:
        """Write the per-case figures to ``target`` (``.parquet`` or ``.csv``), atomically; a CSV
        through silomap's one CSV writer (:func:`silomap._metrics.write_csv`: formulas and control
        characters made inert), streamed."""
        suffix = target.suffix.lower()
        if suffix not in (".parquet", ".csv"):
            raise UsageError(
                f"unknown extension {suffix or 'none'!r} for {{param}}; use .parquet or .csv",
                param="cases",
                code="SM050",
            )
        if self._mapping is not None:
            refuse_input(target, self._mapping)
        scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with self._engine().progress():
                self._write(scratch, suffix == ".parquet")
            os.replace(scratch, target)
        except OSError as exc:  # a full disk: the old file stays, no temporary file is left
            why = exc.strerror or str(exc)
            raise ToolError(f"cannot write {safe_text(str(target))}: {why}", code="SM051") from None
        finally:
            scratch.unlink(missing_ok=True)

    def _engine(self) -> Engine:
        """The engine that ran (its tables hold the per-case figures)."""
        if self._db is None:
            raise UsageError("no engine holds these figures: they come from silomap.observe()", code="SM085")
        return self._db

    def _write(self, scratch: Path, parquet: bool) -> None:
        if parquet:
            self._engine().copy(cases_sql(CASE_COLUMNS, self.not_measured), scratch)
            return
        with open(scratch, "w", encoding="utf-8", newline="") as out:
            write_csv(out, CASE_COLUMNS, self._engine().stream(_csv_sql(self.not_measured)))


# The per-case file's columns that a CSV holds as the engine writes them as text (a time, a truth
# value: '2026-01-01 09:00:00', 'true'), whatever year and on every engine
_AS_TEXT = ("start", "repeat_contact", "first_contact_resolution")


def _csv_sql(missing: dict[str, str]) -> str:
    """The per-case figures for the CSV file: times and truth values as the engine's text.

    >>> _csv_sql({}).split(" FROM ")[0][:57]
    'SELECT case_id, events, CAST(start AS VARCHAR) AS start, '
    """
    picked = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" if c in _AS_TEXT else c for c in CASE_COLUMNS)
    return f"SELECT {picked} FROM ({cases_sql(CASE_COLUMNS, missing)}) AS t ORDER BY case_id"


def observe(
    model: Model,
    mapping: str | os.PathLike[str] | LogMapping,
    *,
    engine: str = "duckdb",
    memory_limit: str | None = None,
    temp_directory: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    limits: Limits | None = None,
) -> Observed:
    """Measure the journeys of an event log, and put them beside the model's.

    Parameters
    ----------
    model, mapping, limits
        The model the log is compared with; a log mapping file (``silomap-log: 1``) or one already
        loaded, and the budgets of its reader.
    engine, progress
        ``duckdb`` (embedded) or ``spark``, a name of the table of engines (``ENGINES``); its bar
        on standard error: ``None`` on a terminal or in a notebook, ``False`` never, ``True`` always.
    memory_limit
        DuckDB's memory bound: a size (``500MB``, ``4GB``, ``1.5GiB``; at least ``64MB``) or a
        share of the machine's memory (``60%``); default ``SILOMAP_MEMORY_LIMIT``, else ``60%``.
    temp_directory
        Where DuckDB spills beyond its bound: a folder, or a new one in an existing folder.

    Returns
    -------
    Observed
        Each journey as the log shows it, beside the model's: cases, hand-offs, transfers, times.

    Raises
    ------
    silomap.UsageError, silomap.ModelError, silomap.ToolError
        An argument none of the above, named (``memory_limit=``); a mapping or a log with problems,
        each located; out of memory (SM086) or of disk (SM051).

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> seen = silomap.observe(model, "examples/observed/retail-bank.yaml")
    >>> seen.summary["cases"] > 0, [j.id for j in seen.journeys][:2]
    (True, ['check-balance', 'report-lost-card'])
    """
    need_model(model)
    need(mapping, (str, os.PathLike, LogMapping), "mapping", "a log mapping file's path or a loaded mapping")
    if not isinstance(engine, str) or engine not in ENGINES:
        raise UsageError(
            f"{{param}} must be one of {', '.join(ENGINES)}, not {described(engine)}", param="engine"
        )
    check_memory_limit(memory_limit)
    check_temp_directory(temp_directory)
    need(progress, bool, "progress", "True, False or None", optional=True)
    need_limits(limits)
    found = mapping if isinstance(mapping, LogMapping) else load_mapping(mapping, model, limits)
    db = start(engine, Settings(memory_limit, temp_directory, shown(progress)))
    with db.progress():
        ran = run(db, found, prepare(db, found), self_service_channels(model))
    return _result(model, ran, db, engine, found)


def _pairs(pairs: Sequence[tuple[str, str, Any]] | None, name: str) -> list[dict[str, Any]] | None:
    return None if pairs is None else [{"from": a, "to": b, name: n} for a, b, n in pairs]


def _journey(j: JourneyObserved) -> dict[str, Any]:
    """One journey in the JSON; ``null`` for what is not measured."""
    return {
        "id": j.id,
        "cases": j.cases,
        "fitness": j.fitness,
        "transfers_observed": j.transfers_observed,
        "handoffs_declared": j.handoffs_declared,
        "skipped": None if j.skipped is None else dict(j.skipped),
        "undeclared_teams": None if j.undeclared_teams is None else list(j.undeclared_teams),
        "undeclared_systems": None if j.undeclared_systems is None else list(j.undeclared_systems),
        "team_sequences": None
        if j.sequences is None
        else [{"sequence": list(s), "cases": n} for s, n in j.sequences],
        "handoff_rates": _pairs(j.handoff_rates, "share"),
    }


def _result(model: Model, ran: Run, db: Engine, engine: str, mapping: LogMapping) -> Observed:
    journeys, unmatched = compare(model, analyze(model), ran.variants)
    mapped = {j for targets in mapping.steps.values() for j, _ in targets}  # journeys the log can show
    journeys = [unmeasured_journey(j, ran.not_measured, j.id in mapped) for j in journeys]
    ocel = ran.ocel
    if ocel is not None and mapping.file.object_types:
        ocel = {**ocel, "journeys": journey_object_types(db, model, mapping, ran.bits)}
    return Observed(
        ran.summary,
        ran.handoff_matrix,
        ran.transfer_matrix,
        journeys,
        unmatched if mapped else None,
        ran.unmapped,
        engine,
        db,
        ran.not_measured,
        ran.matrix_pairs,
        mapping,
        model.name,
        ocel,
        contact_center(db, model, mapping, ran.not_measured, ran.bits),
    )
