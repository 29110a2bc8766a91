"""``silomap watch``: observe's figures kept current as events arrive, the cases at risk now, alerts."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import UsageError
from .._io import check_outside
from .._observed import ENGINES
from .._reports import LivePage
from .._text import safe_text
from .._watch import FORMATS, Emit, LiveView, Stop, json_writer, text_writer, watch
from .command import Command
from .output import load_model

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("mapping", help="a log mapping file (silomap-log: 1; its log: is ignored)")
    parser.add_argument(
        "--source",
        default="-",
        metavar="SOURCE",
        help="- (standard input, the default), a folder files land in, or (--engine spark) "
        "kafka://HOST:PORT/TOPIC",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="standard input's format (default: JSON lines when it starts with {)",
    )
    parser.add_argument(
        "--engine",
        choices=tuple(ENGINES),
        default="duckdb",
        help="duckdb (in this process) or spark (Structured Streaming on the folder)",
    )
    parser.add_argument("--once", action="store_true", help="a folder: read the files present, then end")
    parser.add_argument("--json", action="store_true", help="one JSON object a line on standard output")
    _tuning(parser)


def _tuning(parser: argparse.ArgumentParser) -> None:
    """The options of closing, summaries, the at-risk list and the alerts."""
    parser.add_argument(
        "--idle",
        default="72h",
        metavar="TIME",
        help="close a case idle this long in stream time (72h, 30m, 2d; off: never)",
    )
    parser.add_argument(
        "--every",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="a summary every SECONDS of wall time (0: none)",
    )
    parser.add_argument(
        "--every-events", type=int, metavar="N", help="a summary after every N accepted events"
    )
    parser.add_argument(
        "--alert-transfers",
        type=int,
        default=2,
        metavar="N",
        help="an open case with N transfers or more is at risk (2)",
    )
    parser.add_argument(
        "--alert-margin",
        type=float,
        default=1.0,
        metavar="X",
        help="alert when a journey's rolling mean of transfers exceeds its declared hand-offs plus X (1.0)",
    )
    parser.add_argument(
        "--rolling",
        type=int,
        default=100,
        metavar="N",
        help="the closed cases of a journey the alert averages (100)",
    )
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="also write a live HTML page to FILE at each summary (atomically; it reloads itself)",
    )
    parser.add_argument("--top", type=int, default=20, metavar="N", help="at-risk cases shown as text (20)")
    parser.add_argument(
        "--strict", action="store_true", help="a malformed line is an error (exit 2), not a warning"
    )


@contextlib.contextmanager
def _signals(stop: Stop) -> Iterator[None]:
    """SIGINT and SIGTERM end the watch after the file in hand, with a final summary."""
    kinds = (signal.SIGINT, signal.SIGTERM)
    before = {kind: signal.signal(kind, stop.signal) for kind in kinds}
    try:
        yield
    finally:
        for kind, handler in before.items():
            signal.signal(kind, handler)


def _warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.top < 1:
        raise UsageError("{param} must be at least 1", param="top")
    model = load_model(args.model, limits)
    writers = _writers(args, model.name)
    stop = Stop()
    options: dict[str, Any] = {
        "idle": args.idle,
        "every": args.every,
        "every_events": args.every_events,
        "alert_transfers": args.alert_transfers,
        "alert_margin": args.alert_margin,
        "rolling": args.rolling,
        "strict": args.strict,
        "fmt": args.format,
        "once": args.once,
        "engine": args.engine,
    }
    with _signals(stop), contextlib.ExitStack() as drawn:
        for write in writers:
            if isinstance(write, LiveView):
                drawn.enter_context(write)
        for obj in watch(
            model, args.mapping, source=args.source, on_warning=_warn, stop=stop, limits=limits, **options
        ):
            data = obj.to_json()
            for write in writers:
                write(data)
    return 0


def _writers(args: argparse.Namespace, name: str) -> list[Emit]:
    """Where each object goes: JSON lines, the live view (a terminal) or text; and ``--html``'s page
    (checked before the watch starts: never the model or the mapping, a symlink or a folder)."""
    if args.json:
        writers: list[Emit] = [json_writer(sys.stdout)]
    elif sys.stdout.isatty():
        writers = [LiveView(top=args.top)]
    else:
        writers = [text_writer(sys.stdout, args.top)]
    if args.html is not None:
        page = Path(args.html)
        check_outside(page, Path(args.model))
        if page.resolve() == Path(args.mapping).resolve():
            raise UsageError(
                f"{{param}} {safe_text(args.html)} is the mapping file; write elsewhere", param="html"
            )
        folder = Path(args.source)
        if args.source != "-" and folder.is_dir() and page.resolve().is_relative_to(folder.resolve()):
            raise UsageError(
                f"{{param}} {safe_text(args.html)} lies in the watched folder {safe_text(args.source)}, "
                "where it would be read as a log or replace one; write elsewhere",
                code="SM050",
                param="html",
            )
        refresh = max(1, round(args.every)) if args.every else 10
        shown = {"name": name, "refresh": refresh, "top": args.top}
        writers.append(LivePage(page, alert_transfers=args.alert_transfers, **shown))
    return writers


COMMAND = Command(
    "watch",
    "keep a log's figures current as events arrive, with the cases at risk now",
    "Read events as they arrive (standard input as CSV or JSON lines, or a folder files land in) through "
    "a log mapping file, keep observe's figures current over the cases closed so far, list the open cases "
    "at risk now (transfers, ping-pong, repeat contacts) and alert when a journey's transfers drift above "
    "its declared hand-offs. At the end of input (or SIGINT/SIGTERM) the final summary equals observe's. "
    "--json prints one object a line.",
    add_arguments,
    run,
)
