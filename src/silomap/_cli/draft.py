"""``silomap draft``: draft a model from an event log, with evidence on every item."""

from __future__ import annotations

import argparse

from .._config import Limits
from .._draft import KEYS, draft
from .._text import safe_text
from .command import Command, progress_of, quiet_option
from .output import model_counts, write_folder

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    quiet_option(parser)
    parser.add_argument(
        "log", help="the event log: .csv, .csv.gz, .parquet, .xes or .xes.gz, a folder or a pattern"
    )
    parser.add_argument("mapping", help="a log mapping file (silomap-log: 1); LOG replaces its log")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    parser.add_argument(
        "--cover",
        default="0.8",
        metavar="SHARE",
        help="keep journeys until they hold this share of cases (0.8)",
    )
    parser.add_argument("--max-journeys", type=int, default=20, metavar="N", help="at most N journeys (20)")
    parser.add_argument(
        "--min-cases", type=int, default=30, metavar="N", help="no journey of fewer than N cases (30)"
    )
    parser.add_argument(
        "--key",
        choices=KEYS,
        default=KEYS[0],
        help="without a reason column: a case's first and last activity (default), or its first",
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    drafted = draft(
        args.log,
        args.mapping,
        cover=args.cover,
        max_journeys=args.max_journeys,
        min_cases=args.min_cases,
        key=args.key,
        progress=progress_of(args),
        limits=limits,
    )
    write_folder(drafted, args.output, args.force)
    counts = model_counts(drafted.model, ("journeys", "teams", "systems", "questions"))
    print(f"wrote {safe_text(args.output)}: {counts}; see draft-report.md")
    return 0


COMMAND = Command(
    "draft",
    "draft a model from an event log: journeys, steps, teams, systems, with evidence",
    "Read an event log (CSV, Parquet or XES) through a mapping file and write a model folder: the "
    "most frequent journeys with a representative variant's steps (actor, channel, systems, minutes), "
    "teams, systems, questions and placeholder entities, each with x-evidence (cases, share); "
    "mapping.yaml ready for silomap observe; draft-report.md saying what to fill in.",
    add_arguments,
    run,
)
