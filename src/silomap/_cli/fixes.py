"""``silomap fixes``: what to fix first, and what each fix buys."""

from __future__ import annotations

import argparse

from .._changes import EFFORTS
from .._config import Limits
from .._cost import BY, fixes, load_rates
from .._errors import UsageError
from .._reports import fixes_text
from .command import Command, progress_of, quiet_option, table_option
from .output import load_model, print_result

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    quiet_option(parser)
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="fixes listed (default 10)")
    parser.add_argument(
        "--effort", choices=EFFORTS, help="only quick hits (this month) or big hits (this year)"
    )
    parser.add_argument(
        "--roadmap", type=int, default=0, metavar="K", help="also apply the best fix, measure again, K times"
    )
    parser.add_argument(
        "--keep",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help="systems no fix may touch: no link, merge, retirement or step change at them",
    )
    parser.add_argument(
        "--rates",
        metavar="RATES",
        help="a rates file (silomap-rates: 1): what each fix saves a month, in money",
    )
    table_option(
        parser,
        "--by",
        dict(zip(BY, _BY_SAYS, strict=True)),
        str,
        before="rank fixes by ",
        after=" (default score)",
    )
    parser.add_argument(
        "--without",
        nargs="+",
        action="extend",
        default=[],
        metavar="KIND",
        help="change kinds left out, e.g. merge-systems",
    )


_BY_SAYS = ("the score after", "what they save a month (needs --rates)")


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.top < 1 or args.roadmap < 0:
        raise UsageError("silomap fixes: --top must be at least 1 and --roadmap at least 0")
    model = load_model(args.model, limits)
    if args.by == "money" and args.rates is None:
        raise UsageError("silomap fixes: --by money ranks fixes by what they save: give --rates RATES")
    rates = load_rates(args.rates, limits=limits) if args.rates is not None else None
    found = fixes(
        model,
        top=args.top,
        effort=args.effort,
        roadmap=args.roadmap,
        keep=args.keep,
        without=args.without,
        rates=rates,
        by=args.by or "score",
        progress=progress_of(args),
    )
    print_result(found, lambda: fixes_text(found), as_json=args.json)
    return 0


COMMAND = Command(
    "fixes",
    "rank the changes that lower the silo score: quick hits and big hits, with what each buys",
    "Find candidate changes in the evidence (integrations for re-entered data and unsynced copies, "
    "pre-filling data the system has, automating manual copies, merging systems of one declared kind), "
    "measure each exactly, and rank them by the score after; changes with the same effect are listed "
    "once. --roadmap K applies the best, measures again, and repeats. External systems are never "
    "merged or retired; --keep keeps systems out of every fix.",
    add_arguments,
    run,
)
