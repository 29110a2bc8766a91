"""``silomap diff``: two versions of a model compared, for reviews and CI gates."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from .._config import Limits
from .._cost import diff, load_rates
from .._errors import GateFailed, UsageError
from .._io import check_target, write_atomic
from .._model import Model, load_at_revision
from .._reports import diff_markdown, diff_text
from .._text import safe_text
from .command import Command
from .output import contract_json, load_model, load_side

__all__ = ["COMMAND"]

# each format and the extensions that ask for it
FORMATS = {"text": (".txt",), "md": (".md", ".markdown"), "json": (".json",)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="the model before (or the model, with --rev)")
    parser.add_argument("head", nargs="?", help="the model after")
    parser.add_argument(
        "--rev", metavar="REV", help="compare the model at git revision REV with the working tree"
    )
    parser.add_argument(
        "--format", choices=tuple(FORMATS), default=None, help="text, md or json (default: by -o, else text)"
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--rates", metavar="RATES", help="a rates file (silomap-rates: 1): the change in money too"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the diff to FILE: .txt, .md (a PR comment) or .json"
    )
    parser.add_argument(
        "--fail-if-worse", action="store_true", help="exit 1 when HEAD's score is above BASE's"
    )
    parser.add_argument(
        "--tolerance", type=float, default=0.0, metavar="X", help="points allowed (default 0)"
    )


def _format(args: argparse.Namespace, target: Path | None) -> str:
    """The format asked for: --json or --format, else the output's extension, else text."""
    asked = "json" if args.json else args.format
    if target is None:
        return asked or "text"
    suffix = target.suffix.lower()
    found = next((name for name, suffixes in FORMATS.items() if suffix in suffixes), None)
    if found is None and asked is None:
        known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
        raise UsageError(f"silomap diff: -o takes {known} (or give --format), not {suffix or 'none'!r}")
    if found is not None and asked is not None and asked != found:
        raise UsageError(
            f"silomap diff: --format {asked} but -o ends in {suffix}; use {', '.join(FORMATS[asked])}"
        )
    return asked or found or "text"


def _models(args: argparse.Namespace, limits: Limits) -> tuple[Model, Model]:
    if args.rev is not None:
        base = load_side(
            f"base ({safe_text(args.rev)})", lambda: load_at_revision(args.base, args.rev, limits), limits
        )
        return base, load_side("head (working tree)", lambda: load_model(args.base, limits), limits)
    base = load_side("base", lambda: load_model(args.base, limits), limits)
    return base, load_side("head", lambda: load_model(args.head, limits), limits)


def run(args: argparse.Namespace, limits: Limits) -> int:
    if not math.isfinite(args.tolerance) or args.tolerance < 0:
        raise UsageError("silomap diff: --tolerance must be a number of points, at least 0")
    if (args.rev is None) == (args.head is None):
        raise UsageError("silomap diff: give BASE and HEAD, or one MODEL and --rev REV")
    target = Path(args.output) if args.output else None
    fmt = _format(args, target)  # refuse an unknown extension, a symlink or an input before any work
    if target is not None:
        for model in (args.base, args.head):
            if model is not None:
                check_target(target, Path(model))
    rates = load_rates(args.rates, limits=limits) if args.rates is not None else None
    base, head = _models(args, limits)
    found = diff(base, head, rates=rates)
    if fmt == "json":
        text = contract_json(found.to_dict()) + "\n"
    elif fmt == "md":
        text = diff_markdown(found)
    else:
        text = diff_text(found)
    if target is None:
        print(text, end="")
    else:
        write_atomic(target, text.encode("utf-8"))
        print(f"wrote {safe_text(str(target))}")
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
    "integrations added and removed. --format md for a pull-request comment; -o FILE writes it "
    "(.txt, .md or .json, or as --format says); --fail-if-worse exits 1 when the score rises by more "
    "than --tolerance, after writing.",
    add_arguments,
    run,
)
