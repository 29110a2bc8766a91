"""The engines observed journeys run on, behind one small interface, and the dialect layer.

The SQL of :mod:`.queries` and :mod:`.engine` is written once, in DuckDB's dialect. The DuckDB
backend runs it as written. The Spark backend transpiles each statement with sqlglot and fixes
the few spellings sqlglot leaves to the engine: ``try_strptime`` (Spark: ``try_to_timestamp``
with a Java pattern), ``epoch_us`` (Spark: ``unix_micros``), a list comprehension (Spark:
``transform``), and tables made by a query and ``MATERIALIZED`` common tables (Spark: cached
temporary views).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import shown
from .._text import safe_text
from .lines import first_ragged
from .progress import drawn
from .resources import SPILL_FILES, check_memory_limit, engine_failure, reason
from .sources import describe, header, read_events, read_raw

__all__ = ["BATCH", "DuckDB", "Spark", "hadoop_path", "ident", "literal"]

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


class DuckDB:
    """The embedded engine: bounded memory, a spill folder, UTC, the file order kept."""

    name = "duckdb"

    def __init__(self, memory_limit: str | None = None, temp_directory: str | os.PathLike[str] | None = None,
                 progress: bool = False) -> None:  # fmt: skip
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

    def progress(self) -> AbstractContextManager[None]:
        """While a block runs, its statements' progress on standard error, when asked for."""
        return drawn(self.con.query_progress) if self._progress else nullcontext()

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
        for batch in self.batches(sql):
            yield from batch

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
    """Whether silomap draws the engine's progress (:mod:`.progress`): DuckDB's own bar is off or
    never printed (it would draw on standard output). Never an error: in a Jupyter kernel without
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


def hadoop_path(file: Path) -> str:
    r"""A file's name as Spark reads it exactly: Hadoop takes ``*?[]{}`` as a pattern, ``\`` escapes.

    >>> print(hadoop_path(Path("logs/a[1]{x}.csv")))
    logs/a\[1\]\{x\}.csv
    """
    return re.sub(r"([*?\[\]{}\\])", r"\\\1", str(file))


def _numbered(path: str, base: int) -> Any:
    """A row and its index in the file, as the row with its file and global position."""

    def add(pair: tuple[Any, int]) -> tuple[Any, ...]:
        return (*pair[0], path, base + pair[1])

    return add


def _materialized(sql: str) -> tuple[list[tuple[str, str]], str]:
    """The ``MATERIALIZED`` common tables of a statement (name, query), and the statement without them.

    >>> _materialized("CREATE TABLE t AS WITH s AS MATERIALIZED (SELECT 1 AS a) SELECT a FROM s")
    ([('s', 'SELECT 1 AS a')], 'CREATE TABLE t AS SELECT a FROM s')
    """
    if " AS MATERIALIZED (" not in sql:
        return [], sql
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")
    shared: list[tuple[str, str]] = []
    for found in tree.find_all(exp.With):
        kept = [cte for cte in found.expressions if not cte.args.get("materialized")]
        shared += [(c.alias, c.this.sql("duckdb")) for c in found.expressions if c.args.get("materialized")]
        if kept:
            found.set("expressions", kept)
        else:
            found.pop()
    return shared, tree.sql("duckdb")


_CREATE = re.compile(r"^\s*CREATE TEMPORARY VIEW (\w+) AS", re.IGNORECASE)
# sqlglot writes DuckDB's ``[x & 31 FOR x IN l]`` as ``ARRAY(x & 31 FOR x IN l)``, which Spark lacks
_COMPREHENSION = re.compile(r"ARRAY\((\w+) & (\d+) FOR \1 IN (\w+)\)")


def _spark_read_error(kind: str, path: Path, exc: Exception, width: int) -> ModelError:
    """A log file Spark cannot read: a ragged CSV row at its line, as DuckDB says it; otherwise
    Spark's first words, but never the record it quotes (it is the log's content)."""
    if kind == "csv" and width and (record := first_ragged(path, width)) is not None:
        message = f"row has {len(record.fields)} fields; the header has {width}"
        return ModelError([Problem(shown(path), record.line, 1, "SM080", message)])
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    what = "the CSV" if kind == "csv" else "the Parquet file"
    if "MALFORMED" in first.upper():
        return ModelError([Problem(shown(path), 0, 0, "SM080", f"cannot read {what}: a malformed record")])
    return ModelError([Problem(shown(path), 0, 0, "SM080", f"cannot read {what}: {safe_text(first[:200])}")])


class Spark:
    """Apache Spark: local mode by default, any cluster through the usual ``spark.master`` setting
    (``spark-submit --master``, ``spark-defaults.conf`` or ``SILOMAP_SPARK_MASTER``)."""

    name = "spark"

    def __init__(self, progress: bool = False) -> None:
        try:
            import sqlglot  # noqa: F401
            from pyspark import SparkConf
            from pyspark.sql import SparkSession
        except ImportError:
            raise UsageError("the Spark engine needs PySpark and Java: pip install 'silomap[spark]'",
                             code="SM085") from None  # fmt: skip
        builder = SparkSession.builder.appName("silomap observe")
        if not SparkConf().contains("spark.master"):
            builder = builder.master(os.environ.get("SILOMAP_SPARK_MASTER", "local[2]"))
        builder = builder.config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
        builder = builder.config("spark.ui.showConsoleProgress", "true" if progress else "false")
        try:
            with warnings.catch_warnings():  # PySpark warns of a pandas newer than it has tested: not ours
                warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
                self.spark = builder.config("spark.sql.shuffle.partitions", "8").getOrCreate()
        except Exception as exc:  # no Java, a cluster out of reach: the user's environment, not a bug
            raise UsageError(f"cannot start Spark: {str(exc).splitlines()[0][:200]}", code="SM085") from None
        self.spark.sparkContext.setLogLevel("ERROR")
        # a run's views replace the last run's, by name: what the last one cached only fills the memory
        self.spark.catalog.clearCache()

    def progress(self) -> AbstractContextManager[None]:
        """Nothing: Spark draws its stage progress on standard error itself."""
        return nullcontext()

    def _sql(self, sql: str) -> str:
        import sqlglot

        prepared = sql.replace("try_strptime(", "strptime(")
        out: str = (
            sqlglot.parse_one(prepared, read="duckdb").sql("spark").replace("EPOCH_US(", "UNIX_MICROS(")
        )
        out = _COMPREHENSION.sub(r"TRANSFORM(\3, \1 -> \1 & \2)", out)  # a list comprehension
        return out.replace("TO_TIMESTAMP(", "TRY_TO_TIMESTAMP(") if "try_strptime(" in sql else out

    def execute(self, sql: str) -> None:
        """Run a statement; a table made by a query becomes a cached temporary view, and so does each
        ``MATERIALIZED`` common table (Spark has none: it would compute the table again for each use).

        The views stay cached: uncaching one uncaches every cached view made from it.
        """
        shared, sql = _materialized(sql)
        for name, body in shared:
            self._cache(name, self._sql(body))
        text = self._sql(sql)
        made = _CREATE.match(text)
        if made:
            self._cache(made.group(1), _CREATE.sub("", text, count=1))
        else:
            self.spark.sql(text)

    def _cache(self, name: str, query: str) -> None:
        self.spark.catalog.dropTempView(name)
        self.spark.sql(f"CACHE TABLE {name} AS {query}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        return [tuple(r) for r in self.spark.sql(self._sql(sql)).collect()]

    def open(self, kind: str, files: list[Path]) -> list[str]:
        """Each file read in name order, its rows numbered in file order (``zipWithIndex``), as the
        view ``raw``, read now so that a file Spark cannot read is located here; return the log's
        column names. A CSV value may hold line breaks and doubled quotes, as DuckDB reads it."""
        from pyspark.sql.types import LongType, StringType, StructField, StructType

        frames = []
        for index, path in enumerate(files):
            reader = self.spark.read
            width = len(header(path)) if kind == "csv" else 0
            self.spark.sparkContext.setLogLevel("OFF")  # its log of a bad record quotes the record
            try:
                if kind == "csv":
                    df = (
                        reader.option("header", True)
                        .option("mode", "FAILFAST")
                        .option("inferSchema", False)
                        .option("multiLine", True)
                        .option("escape", '"')  # a quote in a quoted cell is doubled, as DuckDB reads it
                        .csv(hadoop_path(path))
                    )
                else:
                    df = reader.parquet(hadoop_path(path))
                schema = StructType([*df.schema.fields, StructField("__file", StringType()),
                                     StructField("pos", LongType())])  # fmt: skip
                rdd = df.rdd.zipWithIndex().map(_numbered(str(path), index << 40))  # file order, then row
                frame = self.spark.createDataFrame(rdd, schema).cache()
                frame.count()
                frames.append(frame)
            except Exception as exc:  # Spark's errors come from the JVM, of many kinds
                raise _spark_read_error(kind, path, exc, width) from None
            finally:
                self.spark.sparkContext.setLogLevel("ERROR")
        raw = frames[0]
        for other in frames[1:]:
            raw = raw.unionByName(other)
        raw.createOrReplaceTempView("raw")
        return [c for c in raw.columns if c not in ("__file", "pos")]

    def load_events(self, select: str) -> None:
        """``events``: the columns ``select`` makes from ``raw``, and ``pos``."""
        self.execute(f"CREATE OR REPLACE TEMP TABLE events AS SELECT {select}, raw.pos AS pos FROM raw")

    def release_events(self) -> None:
        """Nothing: uncaching ``events`` would uncache every view made from it."""

    def load_raw(self) -> None:
        """``raw`` is already there (:meth:`open`)."""

    def types(self) -> dict[str, str]:
        """The column types of ``raw``, named as DuckDB names them where it matters."""
        return {f.name: ("TIMESTAMP" if "timestamp" in f.dataType.simpleString() else "VARCHAR")
                for f in self.spark.table("raw").schema.fields}  # fmt: skip

    def table(self, name: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
        """A table of text columns, from Python."""
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType()) for c in columns])
        self.spark.createDataFrame(list(rows), schema).createOrReplaceTempView(name)

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows, ``size`` at a time, through the driver a partition at a time."""
        batch: list[tuple[Any, ...]] = []
        for row in self.spark.sql(self._sql(sql)).toLocalIterator():
            batch.append(tuple(row))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def frame(self, sql: str) -> Any:
        """A query's result as a pandas DataFrame (collected as rows: PySpark's own ``toPandas`` trips
        over pandas 3's deprecations)."""
        import pandas

        result = self.spark.sql(self._sql(sql))
        return pandas.DataFrame([tuple(r) for r in result.collect()], columns=result.columns)

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows as they come, a partition at a time."""
        for row in self.spark.sql(self._sql(sql)).toLocalIterator():
            yield tuple(row)

    def copy(self, sql: str, target: Path) -> None:
        """Write a query's result to one Parquet file (collected through pandas: per-case figures fit)."""
        self.frame(sql).to_parquet(target, index=False)
