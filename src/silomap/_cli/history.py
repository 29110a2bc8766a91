"""``silomap history``: the silo score over the model's git history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._charts import trend_chart
from .._config import Limits
from .._errors import UsageError
from .._io import check_target, write_atomic
from .._metrics import COMPONENTS, HistoryPoint, csv_text, history
from .._reports import history_text
from .._text import safe_text
from .command import Command, progress_of, quiet_option
from .output import contract_json

__all__ = ["COMMAND"]

OUTPUTS = (".svg", ".png", ".csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    quiet_option(parser)
    parser.add_argument("model", help="a model file or directory in a git work tree")
    parser.add_argument("--json", action="store_true", help="print the points as JSON")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the trend: .svg or .png (a chart), .csv"
    )
    parser.add_argument("--since", metavar="DATE", help="only commits since DATE (for example 2026-01-01)")
    parser.add_argument(
        "--max", type=int, default=100, metavar="N", help="the newest N commits (default 100)"
    )


def _component(point: HistoryPoint, name: str) -> float | None:
    """A component as the summary shows it: three decimals (the score has one already)."""
    value = point.components.get(name)
    return None if value is None else round(value, 3)


def _csv(points: list[HistoryPoint]) -> bytes:
    names = [row.id for row in COMPONENTS]
    columns = ["commit", "date", "author", "score", "band", "errors", "error", *names]
    rows = (
        [p.commit, p.date, p.author, p.score, p.band, p.errors, p.error, *(_component(p, n) for n in names)]
        for p in points
    )
    # authors come from git, escaped by git_log; a name that starts like a formula is kept as text
    return csv_text(columns, rows).encode("utf-8")


def run(args: argparse.Namespace, limits: Limits) -> int:
    target = Path(args.output) if args.output else None
    if target is not None:
        if target.suffix.lower() not in OUTPUTS:
            raise UsageError(
                f"silomap history: -o takes {', '.join(OUTPUTS)}, not {target.suffix or 'none'!r}"
            )
        check_target(target, Path(args.model))
    points = history(args.model, since=args.since, limit=args.max, limits=limits, progress=progress_of(args))
    if args.json:
        print(contract_json([p.to_dict() for p in points]))
    else:
        print(history_text(points), end="")
    if target is not None:
        fmt = target.suffix.lower().lstrip(".")
        dated = [(p.commit, p.date, p.score, p.components) for p in points]
        write_atomic(target, _csv(points) if fmt == "csv" else trend_chart(dated, fmt))
        # with --json, stdout holds the JSON alone: what was written goes to stderr
        print(f"wrote {safe_text(str(target))}", file=sys.stderr if args.json else sys.stdout)
    return 0


COMMAND = Command(
    "history",
    "the silo score over the model's git history: one point per commit that changed it",
    "Walk the git history of the model's files (read from git's objects: no checkout, the work tree "
    "untouched), score the model at each commit that changed them, and print the trend; --json for "
    "the points, -o trend.svg/.png for a chart with the bands shaded, -o trend.csv for a table. A "
    "commit where the model was invalid or missing (deleted) is listed with its errors, never fatal.",
    add_arguments,
    run,
)
