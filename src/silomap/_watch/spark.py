"""Spark Structured Streaming as a watch's source (``watch.md``, "Input": ``--engine spark``): the
files landing in a folder (or the values of a Kafka topic), in the order Spark finds them.

Spark's file source finds the new files at each trigger (once a second; ``--once``:
``Trigger.AvailableNow``, the files present, then the end), in order of modification time: land
files in name order. Names starting ``.`` or ``_`` are ignored, as Spark ignores them. In each
micro-batch the files are taken in name order, and each file's lines in file order (a text
source: one row a line, a file split only at line ends, its parts in order); Parquet files come
whole (a binary file source). Each file reaches the watch as its lines (or bytes), and silomap's
own readers make them events, as they do a folder's files: the same header check, the same
malformed lines at the same physical lines, the same figures.

Spark runs in its own thread and hands each micro-batch over through a bounded queue
(:data:`QUEUE` items of :data:`CHUNK` lines): while the watch is behind, Spark waits. Spark
decodes text as UTF-8 and ends a line at ``\\n`` or ``\\r\\n``: bytes that are not UTF-8 become
U+FFFD (a folder's reader reports them as malformed), and a CSV value's ``\\r\\n`` reads as ``\\n``.

Kafka (``kafka://HOST:PORT/TOPIC``): each value a JSON line, in offset order within a partition
(key the topic by case id so that a case's events stay in order); it needs the
``spark-sql-kafka`` package on the user's Spark. No broker is at hand here: the tests give
:func:`kafka_values` a frame of Kafka's columns, and the rest of the path is the one a topic takes.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem, UsageError
from .._observed import ENGINES, LogMapping, Settings
from .._text import safe_text
from .fields import Event
from .notices import Notices
from .sources import Stop, _parquet, csv_rows, jsonl_rows

__all__ = [
    "CHUNK",
    "FILES_PER_BATCH",
    "KAFKA",
    "QUEUE",
    "Landed",
    "SparkFeed",
    "SparkFolder",
    "kafka_values",
    "kind_of",
]

CHUNK = 1_000  # lines a queue item carries
QUEUE = 64  # queue items: Spark waits while the watch is this far behind
FILES_PER_BATCH = 32  # files a micro-batch takes at most
KAFKA = "kafka://"
_TEXT = "*.{csv,CSV,csv.gz,CSV.GZ,jsonl,JSONL}"
_BINARY_SCHEMA = "path string, modificationTime timestamp, length long, content binary"


def kind_of(name: str) -> str:
    """A landed file's kind by its name: ``csv`` (``.csv``, ``.csv.gz``), ``jsonl`` or ``parquet``.

    >>> kind_of("a.csv.gz"), kind_of("b.JSONL"), kind_of("c.parquet")
    ('csv', 'jsonl', 'parquet')
    """
    lower = name.lower()
    return "parquet" if lower.endswith(".parquet") else "jsonl" if lower.endswith(".jsonl") else "csv"


@dataclass
class Landed:
    """A file as Spark found it: its name as the folder was typed (``DIR/name``; for Kafka, the
    topic's address), its kind, and its lines in order (each ending ``\\n``) or, for Parquet, its bytes.
    """

    name: str
    kind: str
    lines: Iterator[str]
    content: bytes | None = None


class _Closed(Exception):
    """The watch stopped reading: Spark's thread drops the rest."""


class SparkFeed:
    """The files of a folder (or a Kafka topic) as Spark Structured Streaming finds them.

    Parameters
    ----------
    source
        A folder (files ``.csv``, ``.csv.gz``, ``.jsonl``, ``.parquet``), or ``kafka://HOST:PORT/TOPIC``.
    once
        The files present (``Trigger.AvailableNow``), then the end; else a trigger each second.

    Raises
    ------
    silomap.UsageError
        No PySpark or no Java (SM085), as ``observe --engine spark``.
    """

    def __init__(self, source: str, *, once: bool) -> None:
        if "://" not in source and not os.path.isdir(source):
            shown = safe_text(source)
            raise UsageError(
                f"{{param}} must be a folder or kafka://HOST:PORT/TOPIC; {shown} is neither", param="source"
            )
        self.source, self.once = source, once
        self.files_read = 0
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=QUEUE)
        self._closed = threading.Event()
        self.spark: Any = getattr(ENGINES["spark"].engine.start(Settings()), "spark")  # noqa: B009

    def files(self, stopped: Callable[[], bool] = lambda: False) -> Iterator[Landed | None]:
        """Each file in order, ``None`` after each micro-batch (a moment to summarise); the end
        with ``once`` once the files present are read, or when ``stopped()`` turns true between files.
        A file's lines are read by the caller before the next file comes."""
        checkpoint = tempfile.mkdtemp(prefix="silomap-watch-")
        try:
            query = self._start(checkpoint)
        except Exception as exc:  # a folder Spark cannot list, a Kafka it cannot reach
            shutil.rmtree(checkpoint, ignore_errors=True)
            if isinstance(exc, UsageError):
                raise
            raise self._failed("Spark cannot start the stream", exc) from None
        try:
            while (item := self._next(stopped)) is not None:
                tag = item[0]
                if tag == "file":
                    landed = self._landed(item[1], item[2])
                    yield landed
                    for _ in landed.lines:  # what the caller left of the file
                        pass
                    self.files_read += not self.source.startswith(KAFKA)
                elif tag == "batch":
                    yield None
                elif tag == "end":
                    return
                else:
                    raise item[1]
        finally:
            self._closed.set()
            query.stop()
            shutil.rmtree(checkpoint, ignore_errors=True)

    def _next(self, stopped: Callable[[], bool]) -> tuple[Any, ...] | None:
        """The next item of Spark's thread, or ``None`` once stopped (between files)."""
        while not stopped():
            try:
                return self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
        return None

    def _landed(self, name: str, kind: str) -> Landed:
        if kind == "parquet":
            content = self._item("content")[1]
            self._item("done")
            return Landed(name, kind, iter(()), content)
        return Landed(name, kind, self._lines())

    def _lines(self) -> Iterator[str]:
        while (item := self._item("lines", "done"))[0] == "lines":
            yield from item[1]

    def _item(self, *tags: str) -> tuple[Any, ...]:
        """The next item of a file, one of ``tags``; Spark's error, raised, if it failed meanwhile."""
        item = self._queue.get()
        if item[0] not in tags:
            raise item[1] if item[0] == "error" else AssertionError(f"{item[0]} in a file")
        return item

    def _start(self, checkpoint: str) -> Any:
        """Start the streaming query, and a thread that says when it ends."""
        frame = self._kafka() if self.source.startswith(KAFKA) else self._folder()
        writer = frame.writeStream.foreachBatch(self._batch).option("checkpointLocation", checkpoint)
        query = (
            writer.trigger(availableNow=True) if self.once else writer.trigger(processingTime="1 second")
        ).start()
        threading.Thread(target=self._ended, args=(query,), daemon=True).start()
        return query

    def _folder(self) -> Any:
        """The folder's text files, a row a line, and its Parquet files, a row each, as one stream."""
        from pyspark.sql import functions as F

        read = self.spark.readStream.option("maxFilesPerTrigger", FILES_PER_BATCH)
        text = read.format("text").option("pathGlobFilter", _TEXT).load(self.source)
        text = text.select("value", F.lit(None).cast("binary").alias("content"), *_where())
        binary = read.format("binaryFile").schema(_BINARY_SCHEMA).option("pathGlobFilter", "*.parquet")
        whole = binary.load(self.source).select(
            F.lit(None).cast("string").alias("value"), "content", *_where()
        )
        return text.unionByName(whole)

    def _kafka(self) -> Any:
        """A Kafka topic's values as the lines of one JSON-lines "file" named by the address."""
        server, _, topic = self.source.removeprefix(KAFKA).partition("/")
        if not server or not topic:
            raise UsageError(
                f"{{param}} {safe_text(self.source)}: expected kafka://HOST:PORT/TOPIC", param="source"
            )
        read = self.spark.readStream.format("kafka").option("kafka.bootstrap.servers", server)
        frame = read.option("subscribe", topic).option("startingOffsets", "earliest").load()
        return kafka_values(frame, self.source)

    def _batch(self, frame: Any, _: int) -> None:
        """A micro-batch, in Spark's thread: each file in name order, its lines in order."""
        from pyspark.sql import functions as F

        try:
            found = frame.select("path", "name").distinct().collect()
            for row in sorted(found, key=lambda r: (r["name"], r["path"])):
                one = frame.filter(F.col("path") == row["path"])
                self._file(one, row["name"], kind_of(row["name"]))
            self._put(("batch",))
        except _Closed:
            return
        except Exception as exc:  # Spark's errors come from the JVM, of many kinds
            self._put(("error", self._failed("Spark cannot read", exc)))

    def _file(self, frame: Any, name: str, kind: str) -> None:
        shown = self.source if self.source.startswith(KAFKA) else _joined(self.source, name)
        self._put(("file", shown, kind))
        if kind == "parquet":
            self._put(("content", frame.select("content").first()[0]))
        else:
            if "offset" in frame.columns:
                frame = frame.orderBy("partition", "offset")
            chunk: list[str] = []
            for row in frame.select("value").toLocalIterator():
                chunk.append(row[0] + "\n")
                if len(chunk) == CHUNK:
                    self._put(("lines", chunk))
                    chunk = []
            self._put(("lines", chunk))
        self._put(("done",))

    def _put(self, item: tuple[Any, ...]) -> None:
        """Hand an item over, waiting while the queue is full; :class:`_Closed` once the watch stopped."""
        while not self._closed.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
        raise _Closed

    def _ended(self, query: Any) -> None:
        """In a thread: when the query ends, say so (with Spark's error, if it failed)."""
        try:
            query.awaitTermination()
            item: tuple[Any, ...] = ("end",)
        except Exception as exc:  # the query failed: a file Spark cannot read, a lost cluster
            item = ("error", self._failed("Spark stopped", exc))
        with contextlib.suppress(_Closed):
            self._put(item)

    def _failed(self, what: str, exc: Exception) -> ModelError:
        """Spark's error in its first words (never the record it may quote), placed at the source."""
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ModelError(
            [Problem(safe_text(self.source), 0, 0, "SM080", f"{what}: {safe_text(first[:200])}")]
        )


def kafka_values(frame: Any, source: str) -> Any:
    """The records of Kafka's source (Spark's columns ``value``, ``partition``, ``offset``...) as the
    lines of one JSON-lines "file" named by the topic's address, ordered later by partition and offset."""
    from pyspark.sql import functions as F

    topic = source.rsplit("/", 1)[-1]
    return frame.select(
        F.col("value").cast("string").alias("value"),
        F.lit(None).cast("binary").alias("content"),
        F.lit(source).alias("path"),
        F.lit(f"{topic}.jsonl").alias("name"),
        F.col("partition"),
        F.col("offset"),
    )


def _where() -> tuple[Any, ...]:
    """A row's file: its path (Spark's URI) and its name."""
    from pyspark.sql import functions as F

    return (F.col("_metadata.file_path").alias("path"), F.col("_metadata.file_name").alias("name"))


def _joined(folder: str, name: str) -> str:
    """A file's name as the folder was typed: a local path, or a URI Spark reads (``hdfs://``, ``s3a://``).

    >>> _joined("landing", "a.csv"), _joined("s3a://bucket/landing/", "a.csv")
    ('landing/a.csv', 's3a://bucket/landing/a.csv')
    """
    return f"{folder.rstrip('/')}/{name}" if "://" in folder else str(Path(folder) / name)


class SparkFolder:
    """A folder (or a Kafka topic) through Spark Structured Streaming, as rows: what
    :class:`.sources.Folder` gives of a folder, read by the same readers, Spark finding the files.

    Parameters
    ----------
    source
        A folder (a local path, or a URI Spark reads: ``hdfs://``, ``s3a://``), or ``kafka://HOST:PORT/TOPIC``.
    mapping, notices
        The log mapping (a CSV header is checked against it); where bad lines are counted and shown.
    once, stop
        The files present, then the end; a stop asked for (a signal), seen between files.
    """

    def __init__(
        self, source: str, mapping: LogMapping, notices: Notices, *, once: bool, stop: Stop | None = None
    ) -> None:
        self.mapping, self.notices, self.stop = mapping, notices, stop or Stop()
        self.feed = SparkFeed(source, once=once)

    def count(self) -> int:
        """The files read so far."""
        return self.feed.files_read

    def rows(self) -> Iterator[Event | None]:
        """Each file's events as it lands; ``None`` after each micro-batch (a moment to summarise)."""
        for landed in self.feed.files(lambda: self.stop.requested):
            if landed is None:
                yield None
            elif landed.kind == "parquet":
                yield from _parquet(io.BytesIO(landed.content or b""), landed.name, self.mapping)
            elif landed.kind == "jsonl":
                yield from jsonl_rows(landed.name, landed.lines, self.mapping, self.notices)
            else:
                yield from csv_rows(landed.name, landed.lines, self.mapping, self.notices)
