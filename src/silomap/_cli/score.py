"""``silomap score``: measure a model and print the silo score with its evidence."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from .._config import Limits
from .._errors import GateFailed, ToolError, UsageError
from .._io import check_outside, check_target, refuse_symlink, write_atomic
from .._metrics import COLUMNS, TABLES, Analysis, analyze, csv_text, tables
from .._reports import summary
from .._text import safe_text
from .command import Command
from .output import contract_json, load_model

__all__ = ["COMMAND"]

FORMATS = ("text", "json", "csv")
CSV_PLACES = 1  # minutes and agent hours in CSV: one decimal, rounded half up, as the summary shows them


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead (--format json)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), json, or csv: one table (--table) or, with -o DIR, every table",
    )
    parser.add_argument(
        "--table", choices=TABLES, default=None, help="the table --format csv prints (default journeys)"
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", help="with --format csv: write every table as DIR/<table>.csv"
    )
    parser.add_argument(
        "--fail-above", type=float, metavar="N", help="exit 1 when the silo score is above N (for CI gates)"
    )
    parser.add_argument("--top", type=int, default=5, metavar="N", help="rows per section (default 5)")


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.top < 1:
        raise UsageError("silomap score: --top must be at least 1")
    if args.fail_above is not None and not math.isfinite(args.fail_above):
        raise UsageError(f"silomap score: --fail-above must be a number, not {args.fail_above}")
    fmt = "json" if args.json else (args.format or "text")
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"silomap score: --json and --format {args.format} contradict each other")
    if args.output and fmt != "csv":
        raise UsageError("silomap score: -o DIR goes with --format csv")
    if args.table and fmt != "csv":
        raise UsageError(f"silomap score: --table {args.table} goes with --format csv")
    if args.table and args.output:
        raise UsageError(f"silomap score: --table {args.table} prints one table; -o DIR writes them all")
    folder = _folder(Path(args.output), Path(args.model)) if args.output else None
    result = analyze(load_model(args.model, limits))
    if fmt == "json":
        print(contract_json(result.to_dict()))
    elif fmt == "csv":
        _csv(result, args.table or "journeys", folder)
    else:
        print(summary(result, top=args.top), end="")
    if args.fail_above is not None and result.score is None:
        # a gate that cannot be measured must not pass silently
        gate = f"--fail-above {args.fail_above:g}"
        raise GateFailed(f"{gate}: the silo score is not measured ({result.unmeasured})")
    if args.fail_above is not None and result.score is not None and result.score > args.fail_above:
        raise GateFailed(f"silo score {result.score:.1f} is above {args.fail_above:g}")
    return 0


def _folder(folder: Path, model: Path) -> Path:
    """The CSV folder, checked before any work: never inside the model, made if missing."""
    check_outside(folder, model)
    refuse_symlink(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{safe_text(str(folder))} exists and is not a folder", code="SM050")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolError(f"cannot make {safe_text(str(folder))}: {exc.strerror}", code="SM051") from None
    for name in TABLES:
        check_target(folder / f"{name}.csv", model)
    return folder


def _csv(result: Analysis, table: str, folder: Path | None) -> None:
    rows = tables(result, places=CSV_PLACES)
    if folder is None:
        print(csv_text(_columns(rows[table], table), rows[table]), end="")
        return
    for name in TABLES:  # each file whole (written aside, then renamed), never half
        write_atomic(folder / f"{name}.csv", csv_text(_columns(rows[name], name), rows[name]).encode("utf-8"))
    print(f"wrote {len(TABLES)} tables to {safe_text(str(folder))}: {', '.join(f'{n}.csv' for n in TABLES)}")


def _columns(rows: list[dict[str, object]], table: str) -> list[str]:
    return list(rows[0]) if rows else list(COLUMNS[table])


COMMAND = Command(
    "score",
    "measure a model and print the silo score with its evidence",
    "Measure a model: systems per customer question, hand-offs, re-entered "
    "data, agent desktops, unsynced copies, and the silo score (0 joined up, 100 siloed). "
    "Prints a readable summary, with --json the documented JSON contract, or with --format csv "
    "the tables (journeys, questions, teams, entities, reentries, handoffs, systems, integrations) "
    "for spreadsheets.",
    add_arguments,
    run,
)
