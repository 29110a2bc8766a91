"""``silomap diff``: two versions of a model compared, for reviews and CI gates."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable

from .._config import Limits
from .._errors import GateFailed, ModelError, SilomapError, UsageError
from .._metrics import diff
from .._model import Model, load_at_revision
from .._reports import comparison_text
from .._reports.diff import diff_markdown
from .._text import plural, safe_text
from .command import Command
from .output import load_model, show_model_error

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="the model before (or the model, with --rev)")
    parser.add_argument("head", nargs="?", help="the model after")
    parser.add_argument(
        "--rev", metavar="REV", help="compare the model at git revision REV with the working tree"
    )
    parser.add_argument("--format", choices=("text", "md", "json"), default="text", help="text, md or json")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--fail-if-worse", action="store_true", help="exit 1 when HEAD's score is above BASE's"
    )
    parser.add_argument(
        "--tolerance", type=float, default=0.0, metavar="X", help="points allowed (default 0)"
    )


class _InvalidSide(SilomapError):
    exit_code = 2


def _side(name: str, load: Callable[[], Model], limits: Limits) -> Model:
    """Load one side; an invalid one shows its problems and says which side it is (exit 2)."""
    try:
        return load()
    except ModelError as err:
        show_model_error(err, limits, sys.stderr)
        raise _InvalidSide(f"{name}: {plural(len(err.errors), 'error')} in the model") from None


def run(args: argparse.Namespace, limits: Limits) -> int:
    if not math.isfinite(args.tolerance) or args.tolerance < 0:
        raise UsageError("silomap diff: --tolerance must be a number of points, at least 0")
    if (args.rev is None) == (args.head is None):
        raise UsageError("silomap diff: give BASE and HEAD, or one MODEL and --rev REV")
    if args.rev is not None:
        base = _side(
            f"base ({safe_text(args.rev)})", lambda: load_at_revision(args.base, args.rev, limits), limits
        )
        head = _side("head (working tree)", lambda: load_model(args.base, limits), limits)
    else:
        base = _side("base", lambda: load_model(args.base, limits), limits)
        head = _side("head", lambda: load_model(args.head, limits), limits)
    found = diff(base, head)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "md":
        print(diff_markdown(found), end="")
    else:
        print(comparison_text(found.comparison, f"silomap diff: {safe_text(head.name)}"), end="")
        for title, items in (("systems added", found.systems_added),
                             ("systems removed", found.systems_removed),
                             ("integrations added", found.integrations_added),
                             ("integrations removed", found.integrations_removed)):  # fmt: skip
            for item in items:
                print(f"{title}: {safe_text(item)}")
    b, h = found.comparison.before.score, found.comparison.after.score
    if args.fail_if_worse and b is not None and h is not None and h > b + args.tolerance:
        points = "point" if args.tolerance == 1 else "points"
        raise GateFailed(f"the silo score went from {b} to {h}, more than {args.tolerance:g} {points} worse")
    return 0


COMMAND = Command(
    "diff",
    "compare two versions of a model: what changes for customers (for reviews and CI gates)",
    "Compare BASE and HEAD (two model paths), or a model at git revision REV (--rev, read from git "
    "without checking anything out) with the working tree: the score and components before and "
    "after, the journeys and questions that change, the evidence that appears or goes, systems and "
    "integrations added and removed. --format md for a pull-request comment; --fail-if-worse exits 1 "
    "when the score rises by more than --tolerance.",
    add_arguments,
    run,
)
