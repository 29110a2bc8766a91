"""The embedded engine, DuckDB: the SQL as written, bounded memory, a spill folder, UTC, the file
order kept (``observed.md``, "What the memory bound bounds")."""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .._errors import UsageError
from .._progress import polled
from .interface import BATCH, Settings, literal
from .resources import SPILL_FILES, check_memory_limit, engine_failure, reason
from .sources import describe, read_events, read_raw

__all__ = ["DuckDB"]


class DuckDB:
    """The embedded engine: bounded memory, a spill folder, UTC, the file order kept."""

    name = "duckdb"

    def __init__(
        self,
        memory_limit: str | None = None,
        temp_directory: str | os.PathLike[str] | None = None,
        progress: bool = False,
    ) -> None:
        try:
            import duckdb
        except ImportError:
            raise UsageError(
                "observed journeys need DuckDB: pip install 'silomap[observe]'", code="SM085"
            ) from None
        if memory_limit is None and "SILOMAP_MEMORY_LIMIT" in os.environ:
            check_memory_limit(os.environ["SILOMAP_MEMORY_LIMIT"], "SILOMAP_MEMORY_LIMIT")
        self.limit = memory_limit or os.environ.get("SILOMAP_MEMORY_LIMIT", "60%")
        self.spill = os.fspath(temp_directory or tempfile.gettempdir())
        self.con = duckdb.connect(config={"preserve_insertion_order": True})
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(f"SET memory_limit = {literal(self.limit)}")
        self.con.execute(f"SET temp_directory = {literal(self.spill)}")
        self._progress = _progress_bar(self.con, progress)

    @classmethod
    def start(cls, settings: Settings) -> DuckDB:
        """DuckDB with the memory bound, the spill folder and the progress asked for."""
        return cls(settings.memory_limit, settings.temp_directory, settings.progress)

    def progress(self) -> AbstractContextManager[None]:
        """While a block runs, its statements' progress on standard error, when asked for."""
        if not self._progress:
            return nullcontext()
        return polled("events", self.con.query_progress, progress=True)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Out of memory or of spill room: the user's words (:func:`.resources.engine_failure`)."""
        import duckdb

        try:
            yield
        except duckdb.Error as exc:
            failure = engine_failure(exc, self.limit, self.spill)
            if failure is None:
                raise
            raise failure from None

    def execute(self, sql: str) -> None:
        """Run a statement."""
        with self._guard():
            self.con.execute(sql)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        with self._guard():
            return [tuple(r) for r in self.con.execute(sql).fetchall()]

    def open(self, kind: str, files: list[Path]) -> list[str]:
        """Take the log's files; return its column names (nothing is read yet but the header)."""
        self._log = (kind, files)
        with self._guard():
            self._types = describe(self.con, kind, files)
        return list(self._types)

    def types(self) -> dict[str, str]:
        """The log's column types (``VARCHAR``, ``TIMESTAMP``, ``BIGINT``…)."""
        return self._types

    def load_events(self, select: str) -> None:
        """Read the log into ``events``: the columns ``select`` makes from ``raw``, and ``pos``."""
        with self._guard():
            read_events(self.con, *self._log, select)

    def release_events(self) -> None:
        """Free the loaded log (``events`` and the table behind it)."""
        self.con.execute("DROP VIEW IF EXISTS events")
        self.con.execute("DROP TABLE IF EXISTS events_t")

    def load_raw(self) -> None:
        """The log as it is into ``raw``, with ``__file`` and ``pos``, to name bad rows."""
        with self._guard():
            read_raw(self.con, *self._log)

    def table(self, name: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
        """A table of text columns, from Python: handed over as Arrow columns, which DuckDB reads in
        place (a list given as a parameter took 1.7 GB for a million rows), built ``BATCH`` rows at a
        time (Python holds one batch; the rows may come from a query of this engine)."""
        arrays = _arrow(columns, rows)
        self.con.register("silomap_upload", arrays)
        try:
            self.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM silomap_upload")
        finally:
            self.con.unregister("silomap_upload")

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows, ``size`` at a time: Python never holds the whole of a large result."""
        with self._guard():
            cursor = self.con.execute(sql)
            while rows := cursor.fetchmany(size):
                yield [tuple(r) for r in rows]

    def frame(self, sql: str) -> Any:
        """A query's result as a pandas DataFrame."""
        with self._guard():
            return self.con.execute(sql).df()

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows as they come, a batch at a time (a large result is never held whole)."""
        return itertools.chain.from_iterable(self.batches(sql))

    def copy(self, sql: str, target: Path) -> None:
        """Write a query's result to a Parquet file; :class:`OSError` when it cannot be written."""
        import duckdb

        with self._guard():
            try:
                self.con.execute(f"COPY ({sql}) TO {literal(str(target))} (FORMAT PARQUET)")
            except duckdb.IOException as exc:
                if SPILL_FILES in str(exc):
                    raise
                raise OSError(reason(str(exc))) from None


def _arrow(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> Any:
    """Rows of text as an Arrow table, ``BATCH`` rows at a time: Python holds one batch, Arrow the
    text (a few bytes a value rather than a Python string's fifty).

    >>> _arrow(("a", "b"), iter([("1", "x"), ("2", "y")])).to_pylist()
    [{'a': '1', 'b': 'x'}, {'a': '2', 'b': 'y'}]
    """
    import pyarrow

    schema = pyarrow.schema([(c, pyarrow.string()) for c in columns])
    batches = []
    given = iter(rows)
    while chunk := list(itertools.islice(given, BATCH)):
        arrays = [
            pyarrow.array([str(row[i]) for row in chunk], pyarrow.string()) for i in range(len(columns))
        ]
        batches.append(pyarrow.RecordBatch.from_arrays(arrays, schema=schema))
    return pyarrow.Table.from_batches(batches, schema)


def _progress_bar(con: Any, wanted: bool) -> bool:
    """Whether silomap draws the engine's progress (``silomap._progress.polled`` asks DuckDB's
    ``query_progress``): DuckDB's own bar is off or never printed (it would draw on standard output,
    where it would break ``observe --json``). Never an error: in a Jupyter kernel without
    ipywidgets DuckDB refuses any change of the setting (and shows no bar there)."""
    import duckdb

    try:
        ((on, printed),) = con.execute(
            "SELECT current_setting('enable_progress_bar'), current_setting('enable_progress_bar_print')"
        ).fetchall()
        if printed:  # off even when the bar is (a later progress_bar_time turns the bar on again)
            con.execute("SET enable_progress_bar_print = false")
        if bool(on) != wanted:
            con.execute(f"SET enable_progress_bar = {'true' if wanted else 'false'}")
    except duckdb.Error:
        return False
    return wanted
