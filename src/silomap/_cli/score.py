"""``silomap score``: measure a model and print the silo score with its evidence."""

from __future__ import annotations

import argparse
import json
import math

from .._config import Limits
from .._errors import GateFailed, UsageError
from .._metrics import analyze
from .._reports import summary
from .command import Command
from .output import load_model

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead")
    parser.add_argument(
        "--fail-above", type=float, metavar="N", help="exit 1 when the silo score is above N (for CI gates)"
    )
    parser.add_argument("--top", type=int, default=5, metavar="N", help="rows per section (default 5)")


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.top < 1:
        raise UsageError("silomap score: --top must be at least 1")
    if args.fail_above is not None and not math.isfinite(args.fail_above):
        raise UsageError(f"silomap score: --fail-above must be a number, not {args.fail_above}")
    result = analyze(load_model(args.model, limits))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(summary(result, top=args.top), end="")
    if args.fail_above is not None and result.score is None:
        # a gate that cannot be measured must not pass silently
        gate = f"--fail-above {args.fail_above:g}"
        raise GateFailed(f"{gate}: the silo score is not measured ({result.unmeasured})")
    if args.fail_above is not None and result.score is not None and result.score > args.fail_above:
        raise GateFailed(f"silo score {result.score:.1f} is above {args.fail_above:g}")
    return 0


COMMAND = Command(
    "score",
    "measure a model and print the silo score with its evidence",
    "Measure a model: systems per customer question, hand-offs, re-entered "
    "data, agent desktops, unsynced copies, and the silo score (0 joined up, 100 siloed). "
    "Prints a readable summary, or with --json the documented JSON contract.",
    add_arguments,
    run,
)
