"""Apache Spark, for logs that outgrow one machine: the same SQL, translated (:mod:`.spark_dialect`);
each table made by a query a cached temporary view."""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
import weakref
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._model import shown
from .._text import safe_text
from .interface import BATCH, Settings, batched
from .lines import first_ragged
from .sources import header
from .spark_dialect import CREATE_VIEW, hadoop_path, materialized, to_spark

__all__ = ["Spark"]

# Spark keeps the plans, jobs, stages and tasks of past queries for its UI, in the driver's heap,
# even with the UI off: a run is a few dozen statements with large plans, and by default a session
# keeps 1,000 of them, so runs in one session (a notebook) fill the heap until a query fails for
# want of memory. A setting the user gives (spark-defaults.conf, --conf) wins.
_RETAINED = {
    "spark.sql.ui.retainedExecutions": "20",
    "spark.ui.retainedJobs": "100",
    "spark.ui.retainedStages": "100",
    "spark.ui.retainedTasks": "10000",
}


def _numbered(path: str, base: int) -> Any:
    """A row and its index in the file, as the row with its file and global position."""

    def add(pair: tuple[Any, int]) -> tuple[Any, ...]:
        return (*pair[0], path, base + pair[1])

    return add


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
            need = "the Spark engine needs PySpark and Java: pip install 'silomap[spark]'"
            raise UsageError(need, code="SM085") from None
        builder = SparkSession.builder.appName("silomap observe")
        if not SparkConf().contains("spark.master"):
            builder = builder.master(os.environ.get("SILOMAP_SPARK_MASTER", "local[2]"))
        builder = builder.config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
        builder = builder.config("spark.ui.showConsoleProgress", "true" if progress else "false")
        for key, value in _RETAINED.items():  # what Spark keeps of past queries, in the driver's heap
            if not SparkConf().contains(key):
                builder = builder.config(key, value)
        try:
            with warnings.catch_warnings():  # PySpark warns of a pandas newer than it has tested: not ours
                warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
                self.spark = builder.config("spark.sql.shuffle.partitions", "8").getOrCreate()
        except Exception as exc:  # no Java, a cluster out of reach: the user's environment, not a bug
            raise UsageError(f"cannot start Spark: {str(exc).splitlines()[0][:200]}", code="SM085") from None
        self.spark.sparkContext.setLogLevel("ERROR")
        # a run's views replace the last run's, by name: what the last one cached only fills the memory
        self.spark.catalog.clearCache()
        self._links: Path | None = None  # plain names for the log's files, while this engine lives

    def _named(self, path: Path, kind: str, index: int) -> str:
        """The name Spark is given for a log file. Hadoop reads ``*?[]{}\\`` as a pattern and ``:``
        as a URI's scheme, and the multi-line CSV reader matches the names it listed once more, so
        no escaping names such a file: in local mode Spark reads it through a link with a plain name
        (in a folder of silomap's, removed with the engine); on a cluster the name is refused."""
        if hadoop_path(path) == str(path) and ":" not in str(path.absolute()):
            return str(path)
        if not str(self.spark.sparkContext.master).startswith("local"):
            message = "Spark on a cluster cannot read a file whose name holds * ? [ ] { } \\ or :; rename it"
            raise ModelError([Problem(shown(path), 0, 0, "SM080", message)])
        if self._links is None:
            self._links = Path(tempfile.mkdtemp(prefix="silomap-spark-"))
            weakref.finalize(self, shutil.rmtree, self._links, True)
        link = self._links / f"{index}.{kind}{'.gz' if path.name.lower().endswith('.gz') else ''}"
        link.unlink(missing_ok=True)
        link.symlink_to(path.absolute())
        return hadoop_path(link)

    @classmethod
    def start(cls, settings: Settings) -> Spark:
        """Spark, its stage progress drawn when asked for (the memory bound and spill folder are
        DuckDB's: Spark has its own settings)."""
        return cls(settings.progress)

    def progress(self) -> AbstractContextManager[None]:
        """Nothing: Spark draws its stage progress on standard error itself."""
        return nullcontext()

    def execute(self, sql: str) -> None:
        """Run a statement; a table made by a query becomes a cached temporary view, and so does each
        ``MATERIALIZED`` common table (Spark has none: it would compute the table again for each use).

        The views stay cached: uncaching one uncaches every cached view made from it.
        """
        shared, sql = materialized(sql)
        for name, body in shared:
            self._cache(name, to_spark(body))
        text = to_spark(sql)
        made = CREATE_VIEW.match(text)
        if made:
            self._cache(made.group(1), CREATE_VIEW.sub("", text, count=1))
        else:
            self.spark.sql(text)

    def _cache(self, name: str, query: str) -> None:
        self.spark.catalog.dropTempView(name)
        self.spark.sql(f"CACHE TABLE {name} AS {query}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a query and return its rows."""
        return [tuple(r) for r in self.spark.sql(to_spark(sql)).collect()]

    def open(self, kind: str, files: list[Path]) -> list[str]:
        """Each file read in name order, its rows numbered in file order (``zipWithIndex``), as the
        view ``raw``, read now so that a file Spark cannot read is located here; return the log's
        column names. A CSV value may hold line breaks and doubled quotes, as DuckDB reads it."""
        from pyspark.sql.types import LongType, StringType, StructField, StructType

        frames = []
        for index, path in enumerate(files):
            reader = self.spark.read
            width = len(header(path)) if kind == "csv" else 0
            named = self._named(path, kind, index)
            self.spark.sparkContext.setLogLevel("OFF")  # its log of a bad record quotes the record
            try:
                if kind == "csv":
                    df = (
                        reader.option("header", True)
                        .option("mode", "FAILFAST")
                        .option("inferSchema", False)
                        .option("multiLine", True)
                        .option("escape", '"')  # a quote in a quoted cell is doubled, as DuckDB reads it
                        .csv(named)
                    )
                else:
                    df = reader.parquet(named)
                numbers = [StructField("__file", StringType()), StructField("pos", LongType())]
                schema = StructType([*df.schema.fields, *numbers])
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
        fields = self.spark.table("raw").schema.fields
        return {
            f.name: ("TIMESTAMP" if "timestamp" in f.dataType.simpleString() else "VARCHAR") for f in fields
        }

    def table(self, name: str, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
        """A table of text columns, from Python."""
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType()) for c in columns])
        self.spark.createDataFrame(list(rows), schema).createOrReplaceTempView(name)

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
        """A query's rows, ``size`` at a time, through the driver a partition at a time."""
        return batched(self.stream(sql), size)

    def frame(self, sql: str) -> Any:
        """A query's result as a pandas DataFrame (collected as rows: PySpark's own ``toPandas`` trips
        over pandas 3's deprecations)."""
        import pandas

        result = self.spark.sql(to_spark(sql))
        return pandas.DataFrame([tuple(r) for r in result.collect()], columns=result.columns)

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """A query's rows as they come, a partition at a time."""
        for row in self.spark.sql(to_spark(sql)).toLocalIterator():
            yield tuple(row)

    def copy(self, sql: str, target: Path) -> None:
        """Write a query's result to one Parquet file (collected through pandas: per-case figures fit)."""
        self.frame(sql).to_parquet(target, index=False)
