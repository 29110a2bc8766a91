"""The engines observed journeys run on, behind one small interface, and the dialect layer.

The SQL of :mod:`.queries` and :mod:`.engine` is written once, in DuckDB's dialect. The DuckDB
backend runs it as written. The Spark backend transpiles each statement with sqlglot and fixes
the few spellings sqlglot leaves to the engine: ``try_strptime`` (Spark: ``try_to_timestamp``
with a Java pattern), ``epoch_us`` (Spark: ``unix_micros``), and tables made by a query and
``MATERIALIZED`` common tables (Spark: cached temporary views).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import shown
from .progress import drawn
from .sources import describe, read_events, read_raw

__all__ = ["BATCH", "DuckDB", "Spark", "hadoop_path", "literal"]

BATCH = 10_000  # rows fetched at a time when a result is streamed


def literal(text: str) -> str:
    """A SQL string literal (both dialects double the quote).

    >>> literal("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


class DuckDB:
    """The embedded engine: bounded memory, a spill folder, UTC, the file order kept."""

    name = "duckdb"

    def __init__(self, memory_limit: str | None = None, temp_directory: str | None = None,
                 progress: bool = False) -> None:  # fmt: skip
        try:
            import duckdb
        except ImportError:
            raise UsageError(
                "observed journeys need DuckDB: pip install 'silomap[observe]'", code="SM085"
            ) from None
        self.con = duckdb.connect(config={"preserve_insertion_order": True})
        self.con.execute("SET TimeZone = 'UTC'")
        limit = memory_limit or os.environ.get("SILOMAP_MEMORY_LIMIT", "60%")
        self.con.execute(f"SET memory_limit = {literal(limit)}")
        self.con.execute(f"SET temp_directory = {literal(temp_directory or tempfile.gettempdir())}")
        # DuckDB would draw its bar on stdout: silomap draws it on stderr (progress.py), from its state
        self.con.execute("SET enable_progress_bar_print = false")
        self.con.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")
        self._progress = progress

    def progress(self) -> AbstractContextManager[None]:
        """While a block runs, its statements' progress on standard error, when asked for."""
        return drawn(self.con.query_progress) if self._progress else nullcontext()

    def execute(self, sql: str) -> None:
        """Run a statement."""
        self.con.execute(sql)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        return [tuple(r) for r in self.con.execute(sql).fetchall()]

    def open(self, kind: str, files: list[Path]) -> list[str]:
        """Take the log's files; return its column names (nothing is read yet but the header)."""
        self._log = (kind, files)
        self._types = describe(self.con, kind, files)
        return list(self._types)

    def types(self) -> dict[str, str]:
        """The log's column types (``VARCHAR``, ``TIMESTAMP``, ``BIGINT``…)."""
        return self._types

    def load_events(self, select: str) -> None:
        """Read the log into ``events``: the columns ``select`` makes from ``raw``, and ``pos``."""
        read_events(self.con, *self._log, select)

    def release_events(self) -> None:
        """Free the loaded log (``events`` and the table behind it)."""
        self.con.execute("DROP VIEW IF EXISTS events")
        self.con.execute("DROP TABLE IF EXISTS events_t")

    def load_raw(self) -> None:
        """The log as it is into ``raw``, with ``__file`` and ``pos``, to name bad rows."""
        read_raw(self.con, *self._log)

    def table(self, name: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """A small lookup table of text columns."""
        lists = [[str(row[i]) for row in rows] for i in range(len(columns))]  # a list a column: one insert
        picked = ", ".join(f"unnest(CAST(? AS VARCHAR[])) AS {c}" for c in columns)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {picked}", lists)

    def frame(self, sql: str) -> Any:
        """A query's result as a pandas DataFrame."""
        return self.con.execute(sql).df()

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows as they come, a batch at a time (a large result is never held whole)."""
        cursor = self.con.execute(sql)
        while batch := cursor.fetchmany(BATCH):
            yield from batch

    def copy(self, sql: str, target: Path) -> None:
        """Write a query's result to a Parquet file."""
        self.con.execute(f"COPY ({sql}) TO {literal(str(target))} (FORMAT PARQUET)")


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
            self.spark = builder.config("spark.sql.shuffle.partitions", "8").getOrCreate()
        except Exception as exc:  # no Java, a cluster out of reach: the user's environment, not a bug
            raise UsageError(f"cannot start Spark: {str(exc).splitlines()[0][:200]}", code="SM085") from None
        self.spark.sparkContext.setLogLevel("ERROR")

    def progress(self) -> AbstractContextManager[None]:
        """Nothing: Spark draws its stage progress on standard error itself."""
        return nullcontext()

    def _sql(self, sql: str) -> str:
        import sqlglot

        prepared = sql.replace("try_strptime(", "strptime(")
        out: str = (
            sqlglot.parse_one(prepared, read="duckdb").sql("spark").replace("EPOCH_US(", "UNIX_MICROS(")
        )
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
        view ``raw``; return the log's column names."""
        from pyspark.sql.types import LongType, StringType, StructField, StructType

        frames = []
        for index, path in enumerate(files):
            reader = self.spark.read
            try:
                if kind == "csv":
                    df = (
                        reader.option("header", True)
                        .option("mode", "FAILFAST")
                        .option("inferSchema", False)
                        .option("escape", '"')  # a quote in a quoted cell is doubled, as DuckDB reads it
                        .csv(hadoop_path(path))
                    )
                else:
                    df = reader.parquet(hadoop_path(path))
                schema = StructType([*df.schema.fields, StructField("__file", StringType()),
                                     StructField("pos", LongType())])  # fmt: skip
                rdd = df.rdd.zipWithIndex().map(_numbered(str(path), index << 40))  # file order, then row
                frames.append(self.spark.createDataFrame(rdd, schema))
            except Exception as exc:
                message = f"cannot read the log: {str(exc).splitlines()[0][:200]}"
                raise ModelError([Problem(shown(path), 0, 0, "SM080", message)]) from None
        raw = frames[0]
        for other in frames[1:]:
            raw = raw.unionByName(other)
        raw.cache().createOrReplaceTempView("raw")
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

    def table(self, name: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """A small lookup table of text columns."""
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType()) for c in columns])
        self.spark.createDataFrame(rows, schema).createOrReplaceTempView(name)

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
