"""The engines observed journeys run on, in one table: :data:`ENGINES`, read by ``observe(engine=)``,
the CLI's ``--engine`` choices and the docs. Each engine is one module implementing
:class:`.interface.Engine` (:mod:`.duckdb_engine`, :mod:`.spark_engine`; Spark's translation of the
SQL in :mod:`.spark_dialect`) and one row here: how it starts, and the extra it needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .duckdb_engine import DuckDB
from .interface import BATCH, Engine, Settings, ident, literal
from .spark_dialect import hadoop_path
from .spark_engine import Spark

__all__ = ["BATCH", "ENGINES", "DuckDB", "EngineKind", "Spark", "hadoop_path", "ident", "literal", "start"]


@dataclass(frozen=True)
class EngineKind:
    """One engine: its class (which implements :class:`.interface.Engine`), the extra of
    ``pip install 'silomap[extra]'`` it needs, and what it is, in the CLI's help."""

    engine: type[Engine]
    extra: str
    what: str


ENGINES: dict[str, EngineKind] = {
    "duckdb": EngineKind(DuckDB, "observe", "embedded, default"),
    "spark": EngineKind(Spark, "spark", "Apache Spark: local mode or a cluster; needs Java"),
}


def start(name: str, settings: Settings) -> Engine:
    """Start the engine of that name (a key of :data:`ENGINES`).

    >>> start("duckdb", Settings(memory_limit="256MB")).name
    'duckdb'
    """
    return ENGINES[name].engine.start(settings)
