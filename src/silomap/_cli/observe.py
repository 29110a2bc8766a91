"""``silomap observe``: measure the journeys of an event log beside the model's."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._config import Limits
from .._io import check_target
from .._observed import ENGINES, load_mapping, observe, refuse_input
from .._reports import observed_text
from .._text import json_text, safe_text
from .command import Command, progress_of, quiet_option
from .output import load_model

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    quiet_option(parser)
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("mapping", help="a log mapping file (silomap-log: 1)")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead")
    parser.add_argument("--cases", metavar="FILE", help="write the per-case figures (.parquet or .csv)")
    engines = ", ".join(f"{name} ({kind.what})" for name, kind in ENGINES.items())
    parser.add_argument("--engine", choices=ENGINES, default="duckdb", help=engines)
    parser.add_argument(
        "--memory-limit", metavar="SIZE", help="the engine's memory bound (default 60%% of RAM)"
    )
    parser.add_argument(
        "--temp-directory", metavar="DIR", help="where the engine spills (default: the temp folder)"
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    model = load_model(args.model, limits)
    mapping = load_mapping(args.mapping, model, limits)
    target = Path(args.cases) if args.cases else None
    if target is not None:
        check_target(target, Path(args.model))
        refuse_input(target, mapping)
        check_target(target, Path(args.mapping))
    result = observe(
        model,
        mapping,
        engine=args.engine,
        memory_limit=args.memory_limit,
        temp_directory=args.temp_directory,
        progress=progress_of(args),
    )
    if target is not None:
        result.write_cases(target)
    if args.json:
        print(json_text(result.to_dict()))  # log values exact, their control characters as escapes
    else:
        print(observed_text(result, model.name), end="")
        if target is not None:
            print(f"wrote {safe_text(str(target))}: per-case figures")
    return 0


COMMAND = Command(
    "observe",
    "measure the journeys of an event log beside the model's",
    "Read an event log (CSV, Parquet or XES) through a mapping file, measure hand-offs, transfers, "
    "ping-pong, systems, channel switches, repeat contacts and first-contact resolution per case, and "
    "put each journey of the model beside the cases that follow it. --json prints the documented JSON.",
    add_arguments,
    run,
)
