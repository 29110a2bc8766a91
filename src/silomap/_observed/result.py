"""``observe(model, mapping)``: the observed figures, per journey against the model, and per case."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import UsageError
from .._metrics import analyze
from .._model import Model
from .backends import DuckDB, Spark
from .compare import JourneyObserved, compare
from .engine import Run, cases_sql, prepare, run
from .mapping import LogMapping, load_mapping

__all__ = ["ENGINES", "Observed", "observe"]

ENGINES = ("duckdb", "spark")
CASE_COLUMNS = (
    "case_id",
    "events",
    "start",
    "customer",
    "handoffs",
    "transfers",
    "ping_pong",
    "systems",
    "channel_switches",
    "repeat_contact",
    "first_contact_resolution",
    "team_sequence",
)


@dataclass
class Observed:
    """What a log shows: summary figures, the hand-off and transfer matrices, each journey against the
    model, and (from the engine that ran) the per-case figures.

    ``to_dict()`` is the JSON of ``silomap observe --json``; ``cases()`` a pandas DataFrame.

    >>> import silomap
    >>> seen = silomap.observe(silomap.load("models/retail-bank"), "examples/observed/retail-bank.yaml")
    >>> seen.summary["cases"], seen.summary["events"], round(seen.summary["transfers_per_case"], 3)
    (400, 1626, 1.695)
    """

    summary: dict[str, Any]
    handoff_matrix: list[tuple[str, str, int]]
    transfer_matrix: list[tuple[str, str, int]]
    journeys: list[JourneyObserved]
    unmatched_cases: int
    unmapped: dict[str, int]
    engine: str
    _db: Any = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap observe --json`` (rates and means as floats, not rounded)."""
        return {
            **self.summary,  # cases, events, the means and the rates, in the spec's order
            "unmapped": dict(self.unmapped),
            "journeys": [
                {
                    "id": j.id,
                    "cases": j.cases,
                    "fitness": j.fitness,
                    "transfers_observed": j.transfers_observed,
                    "handoffs_declared": j.handoffs_declared,
                    "skipped": dict(j.skipped),
                    "undeclared_teams": list(j.undeclared_teams),
                    "undeclared_systems": list(j.undeclared_systems),
                    "team_sequences": [{"sequence": s, "cases": n} for s, n in j.sequences],
                    "handoff_rates": [{"from": a, "to": b, "share": x} for a, b, x in j.handoff_rates],
                }
                for j in self.journeys
            ],
            "unmatched_cases": self.unmatched_cases,
            "handoff_matrix": [{"from": a, "to": b, "count": n} for a, b, n in self.handoff_matrix],
            "transfer_matrix": [{"from": a, "to": b, "count": n} for a, b, n in self.transfer_matrix],
        }

    def cases(self) -> Any:
        """The per-case figures as a pandas DataFrame (``pip install 'silomap[observe]'``)."""
        if importlib.util.find_spec("pandas") is None:
            raise UsageError(
                "per-case figures as a DataFrame need pandas: pip install 'silomap[observe]'", code="SM085"
            ) from None
        return self._db.frame(cases_sql(CASE_COLUMNS))

    def write_cases(self, target: Path) -> None:
        """Write the per-case figures to ``target`` (``.parquet`` or ``.csv``), atomically."""
        suffix = target.suffix.lower()
        if suffix not in (".parquet", ".csv"):
            raise UsageError(
                f"unknown extension {suffix or 'none'!r} for {{param}}; use .parquet or .csv",
                param="cases",
                code="SM050",
            )
        scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            self._db.copy(cases_sql(CASE_COLUMNS), scratch, suffix == ".parquet")
            os.replace(scratch, target)
        finally:
            scratch.unlink(missing_ok=True)


def observe(
    model: Model,
    mapping: str | os.PathLike[str] | LogMapping,
    *,
    engine: str = "duckdb",
    memory_limit: str | None = None,
    temp_directory: str | None = None,
    progress: bool = False,
    limits: Limits | None = None,
) -> Observed:
    """Measure the journeys of an event log, and put them beside the model's.

    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> seen = silomap.observe(model, "examples/observed/retail-bank.yaml")
    >>> seen.summary["cases"] > 0, [j.id for j in seen.journeys][:2]
    (True, ['check-balance', 'report-lost-card'])
    """
    if engine not in ENGINES:
        raise UsageError(f"{{param}} must be one of {', '.join(ENGINES)}, not {engine!r}", param="engine")
    found = mapping if isinstance(mapping, LogMapping) else load_mapping(mapping, model, limits)
    db: Any = Spark(progress) if engine == "spark" else DuckDB(memory_limit, temp_directory, progress)
    ran = run(db, found, prepare(db, found))
    return _result(model, ran, db, engine)


def _result(model: Model, ran: Run, db: Any, engine: str) -> Observed:
    journeys, unmatched = compare(model, analyze(model), ran.variants)
    return Observed(
        ran.summary, ran.handoff_matrix, ran.transfer_matrix, journeys, unmatched, ran.unmapped, engine, db
    )
