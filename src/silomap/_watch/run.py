"""A watch from rows to objects: summaries every ``--every`` seconds of wall time and after every
``--every-events`` accepted events, alerts at once, and at the end of input (or a signal) the
final summary. :func:`watch` is the Python API; the CLI writes each object through its writers
(:data:`Emit`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from .._config import Limits
from .._errors import UsageError
from .._model import Model, described, need, need_limits, need_model, need_whole
from .._observed import LogMapping, load_mapping
from .._text import safe_text
from .engine import Options, Row, Watch
from .fields import Event, Fields
from .notices import Notices
from .sources import FORMATS, Folder, Interrupted, Stop, stdin_rows
from .spark import KAFKA, SparkFolder
from .times import duration

__all__ = ["Alert", "Emit", "Summary", "objects", "watch"]

Emit = Callable[[dict[str, Any]], None]  # a writer of summary and alert objects (the CLI's, a live view's)
_TICK = 256  # rows between looks at the wall clock


@dataclass(frozen=True)
class _Object:
    """An object of ``watch.md``: ``to_json()`` is it, as ``silomap watch --json`` writes it."""

    data: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The object as ``silomap watch --json`` writes it."""
        return dict(self.data)


class Summary(_Object):
    """A summary (``"type": "summary"``)."""

    @property
    def final(self) -> bool:
        """Whether this is the summary at the end of input."""
        return bool(self.data["final"])


class Alert(_Object):
    """A rolling alert (``"type": "alert"``), raised or cleared."""

    @property
    def state(self) -> str:
        """``raised`` or ``cleared``."""
        return str(self.data["state"])


def _no_files() -> int:
    return 0


def objects(
    engine: Watch,
    rows: Iterable[Event | None],
    *,
    every: float = 10.0,
    every_events: int | None = None,
    files: Callable[[], int] = _no_files,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[dict[str, Any]]:
    """The objects of a watch over events (``None``: a moment with no event, to look at the clock)."""
    last, n, take = clock(), 0, engine.take
    try:
        for item in rows:
            n += 1
            if item is not None:
                before = engine.accepted
                if alerts := take(*item):
                    yield from alerts
                if every_events and engine.accepted != before and engine.accepted % every_events == 0:
                    yield engine.summary(final=False, files_read=files())
            if every and (item is None or n % _TICK == 0) and clock() - last >= every:
                last = clock()
                yield engine.summary(final=False, files_read=files())
    except Interrupted:
        pass
    yield from engine.finish()
    yield engine.summary(final=True, files_read=files())


def _options(options: dict[str, Any]) -> tuple[Options, bool, str | None, bool]:
    """The keyword options of :func:`watch`, checked: the engine's, and strict, format and once."""
    known = (
        "idle",
        "every",
        "every_events",
        "alert_transfers",
        "alert_margin",
        "rolling",
        "strict",
        "fmt",
        "once",
        "engine",
    )
    if unknown := sorted(set(options) - set(known)):
        raise UsageError(
            f"{{param}} has no option {unknown[0]!r}; the options are {', '.join(known)}", param="options"
        )
    every = options.get("every", 10.0)
    need(every, (int, float), "every", "seconds (0: none)")
    if options.get("every_events") is not None:
        need_whole(options["every_events"], "every_events", least=1)
    for name, default in (("alert_transfers", 2), ("rolling", 100)):
        need_whole(options.get(name, default), name, least=1)
    margin = options.get("alert_margin", 1.0)
    need(margin, (int, float), "alert_margin", "a number of transfers")
    fmt = options.get("fmt")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"{{param}} must be csv or jsonl, not {described(fmt)}", param="fmt")
    engine = Options(
        idle=duration(options.get("idle", "72h"), "idle"),
        every=float(every),
        every_events=options.get("every_events"),
        alert_transfers=options.get("alert_transfers", 2),
        alert_margin=float(margin),
        rolling=options.get("rolling", 100),
    )
    return engine, bool(options.get("strict", False)), fmt, bool(options.get("once", False))


def _check(source: object, on_warning: object, stop: object, limits: object) -> None:
    """Refuse a source, a warning hook, a stop or limits of the wrong kind, naming it."""
    if not isinstance(source, str | os.PathLike | Iterable) and not hasattr(source, "read"):
        raise UsageError(
            f"{{param}} must be '-', a folder, a stream or rows, not {described(source)}", param="source"
        )
    if on_warning is not None and not callable(on_warning):
        raise UsageError(
            f"{{param}} must be a function of a line, or None, not {described(on_warning)}",
            param="on_warning",
        )
    need(stop, Stop, "stop", "a silomap watch Stop, or None", optional=True)
    need_limits(limits)


def watch(
    model: Model,
    mapping: str | os.PathLike[str] | LogMapping,
    *,
    source: str | os.PathLike[str] | IO[Any] | Iterable[Row] = "-",
    on_warning: Callable[[str], None] | None = None,
    stop: Stop | None = None,
    limits: Limits | None = None,
    **options: Any,
) -> Iterator[Summary | Alert]:
    """Watch events as they arrive: the figures of ``observe`` over the cases closed so far, the
    open cases at risk now, and rolling alerts (``watch.md``).

    Parameters
    ----------
    model, mapping, limits
        The model; a log mapping file (``silomap-log: 1``, its ``log:`` ignored) or one loaded.
    source
        ``"-"``: standard input; a folder; a stream (CSV or JSON lines); rows ``(source, line, fields)``.
    on_warning
        Called with each warning line (``SOURCE:LINE:1: warning[CODE]: …``); ``None``: counted only.
    stop
        Ends a folder's watch between files (and standard input's between lines) when set.
    options
        ``idle`` (``"72h"``, ``"off"``), ``every`` (seconds, 0: none), ``every_events``,
        ``alert_transfers`` (2), ``alert_margin`` (1.0), ``rolling`` (100), ``strict``, ``fmt``
        (``csv``, ``jsonl``), ``once`` (a folder: the files present, then the end), ``engine``
        (``spark``: Spark Structured Streaming reads the folder, or ``kafka://HOST:PORT/TOPIC``).

    Returns
    -------
    Iterator[Summary | Alert]
        Summaries and alerts as they come; the last is the final summary.

    Raises
    ------
    silomap.UsageError, silomap.ModelError
        An option none of the above; a bad mapping or source, or (``strict``) a malformed line.

    Examples
    --------
    >>> import io, silomap
    >>> log = io.StringIO("case,activity,time,resource,group,channel,system,customer\\n"
    ...                   "c1,Queue,2026-01-01T09:00:00,ann,Level 1,phone,CRM,u1\\n"
    ...                   "c1,Work,2026-01-01T10:00:00,bob,Level 2,phone,ERP,u1\\n")
    >>> model = silomap.load("tests/data/observed/tiny-model.yaml")
    >>> *_, final = silomap.watch(model, "tests/data/observed/tiny.yaml", source=log, every=0)
    >>> final.final, final.to_json()["cases"], final.to_json()["transfers_per_case"]
    (True, 1, 1.0)
    """
    need_model(model)
    need(mapping, (str, os.PathLike, LogMapping), "mapping", "a log mapping file's path or a loaded mapping")
    _check(source, on_warning, stop, limits)
    engine_options, strict, fmt, once = _options(options)
    found = mapping if isinstance(mapping, LogMapping) else load_mapping(mapping, model, limits, log=False)
    notices = Notices(on_warning, strict=strict)
    engine = Watch(model, found, engine_options, notices)
    rows, files = _rows(source, found, notices, fmt=fmt, once=once, stop=stop, engine=options.get("engine"))
    every = engine_options.every
    return _typed(objects(engine, rows, every=every, every_events=engine_options.every_events, files=files))


def _rows(
    source: str | os.PathLike[str] | IO[Any] | Iterable[Row],
    mapping: LogMapping,
    notices: Notices,
    *,
    fmt: str | None,
    once: bool,
    stop: Stop | None,
    engine: object = None,
) -> tuple[Iterable[Event | None], Callable[[], int]]:
    """The rows of a source, and the count of its files read (``engine="spark"``: through Spark)."""
    named = isinstance(source, str | os.PathLike) and str(source) != "-"
    spark = _engine("duckdb" if engine is None else engine)
    if spark and not named:
        raise UsageError("{param} spark reads a folder or a Kafka topic, not standard input", param="engine")
    if spark:
        found = SparkFolder(str(source), mapping, notices, once=once, stop=stop)
        return found.rows(), found.count
    if named and str(source).startswith(KAFKA):
        raise UsageError(f"{{param}} {KAFKA}HOST:PORT/TOPIC needs the Spark engine", param="source")
    if isinstance(source, str | os.PathLike) and str(source) != "-":
        if not os.path.isdir(source):
            raise UsageError(
                f"{{param}} must be - (standard input) or a folder; {safe_text(str(source))} is not a folder",
                param="source",
            )
        folder = Folder(str(source), mapping, notices, once=once, stop=stop)
        return folder.rows(), folder.count
    if isinstance(source, str | os.PathLike) or hasattr(source, "read"):
        stream = None if isinstance(source, str | os.PathLike) else source
        return stdin_rows(stream, fmt, mapping, notices, stop), _no_files  # type: ignore[arg-type]
    fields = Fields(mapping)
    return ((s, line, fields.of(row)) for s, line, row in source), _no_files


def _engine(name: object) -> bool:
    """Whether the watch's source is read through Spark (``engine="spark"``) rather than here."""
    if name not in ("duckdb", "spark"):
        raise UsageError(f"{{param}} must be duckdb or spark, not {described(name)}", param="engine")
    return name == "spark"


def _typed(found: Iterator[dict[str, Any]]) -> Iterator[Summary | Alert]:
    for obj in found:
        yield Summary(obj) if obj["type"] == "summary" else Alert(obj)
