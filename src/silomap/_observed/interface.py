"""What an engine of observed journeys is: the :class:`Engine` protocol that each engine implements
(:mod:`.duckdb_engine`, :mod:`.spark_engine`), the :class:`Settings` every engine starts with, and
what the engines share: the SQL quoting, written once, and rows in batches.

The SQL of :mod:`.queries` and :mod:`.engine` is written once, in DuckDB's dialect; an engine runs
it as written or translated (:mod:`.spark_dialect`). An engine is one module implementing
:class:`Engine` and one row of :data:`.backends.ENGINES`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

__all__ = ["BATCH", "Engine", "Settings", "batched", "ident", "literal"]

BATCH = 10_000  # rows fetched into Python at a time


def ident(name: str) -> str:
    """A SQL identifier, quoted (both dialects double the quote).

    >>> ident('a"b')
    '"a""b"'
    """
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal (both dialects double the quote).

    >>> literal("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def batched(rows: Iterable[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    """Rows as lists of ``size`` rows (the last shorter): Python holds one batch at a time.

    >>> list(batched([(1,), (2,), (3,)], 2))
    [[(1,), (2,)], [(3,)]]
    """
    given = iter(rows)
    while batch := list(itertools.islice(given, size)):
        yield batch


@dataclass(frozen=True)
class Settings:
    """What an engine is started with: DuckDB's memory bound and spill folder (``observe()``'s
    parameters), and whether it shows its progress."""

    memory_limit: str | None = None
    temp_directory: str | os.PathLike[str] | None = None
    progress: bool = False


@runtime_checkable
class Engine(Protocol):
    """An engine that runs the SQL of observed journeys on a log (DuckDB's dialect, translated as
    the engine needs). :mod:`.engine` loads the log through it; the per-case figures are read from
    it after :func:`silomap.observe` returns."""

    name: str

    @classmethod
    def start(cls, settings: Settings) -> Engine:
        """Start the engine; :class:`silomap.UsageError` (SM085) when what it needs is not installed."""
        ...

    def progress(self) -> AbstractContextManager[None]:
        """While a block runs, its statements' progress on standard error, when asked for."""
        ...

    def execute(self, sql: str) -> None:
        """Run a statement."""
        ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows (a small result)."""
        ...

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows, ``size`` at a time: Python never holds the whole of a large result."""
        ...

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows as they come, a batch at a time."""
        ...

    def open(self, kind: str, files: list[Path]) -> list[str]:
        """Take the log's files (``csv`` or ``parquet``); return its column names."""
        ...

    def types(self) -> dict[str, str]:
        """The log's column types, as DuckDB names them (``VARCHAR``, ``TIMESTAMP``...)."""
        ...

    def load_events(self, select: str) -> None:
        """Read the log into ``events``: the columns ``select`` makes from ``raw``, and ``pos``."""
        ...

    def release_events(self) -> None:
        """Free the loaded log, where the engine can."""
        ...

    def load_raw(self) -> None:
        """The log as it is into ``raw``, with ``__file`` and ``pos``, to name bad rows."""
        ...

    def table(self, name: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
        """A table of text columns, from Python (the rows may come from a query of this engine)."""
        ...

    def frame(self, sql: str) -> Any:
        """A query's result as a pandas DataFrame."""
        ...

    def copy(self, sql: str, target: Path) -> None:
        """Write a query's result to a Parquet file; :class:`OSError` when it cannot be written."""
        ...
