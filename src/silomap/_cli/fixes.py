"""``silomap fixes``: what to fix first, and what each fix buys."""

from __future__ import annotations

import argparse
from fractions import Fraction

from .._changes import EFFORTS, Fixes
from .._config import Limits
from .._cost import BY, fixes, load_rates, money
from .._errors import UsageError
from .._text import safe_text
from .command import Command, progress_of, quiet_option, table_option
from .output import load_model, print_result

__all__ = ["COMMAND", "fixes_text"]


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


def _money(value: float | None, currency: str) -> str:
    return "not costed" if value is None else money(Fraction(value), currency)


def _score(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def _scope_line(found: Fixes) -> list[str]:
    said = []
    if found.effort is not None:
        said.append(f"{found.effort} hits only")
    if found.keep:
        said.append("keeping " + ", ".join(safe_text(s) for s in found.keep) + " out of every fix")
    if found.without:
        said.append("without " + ", ".join(found.without))
    return [f"({'; '.join(said)})"] if said else []


MAX_ALTERNATIVES = 3  # alternatives named under a fix; the JSON has them all


def fixes_text(found: Fixes, name: str) -> str:
    """The fixes as the terminal shows them: scores to two decimals, so each delta adds up."""
    out = [f"silomap: what to fix first in {safe_text(name)}", *_scope_line(found)]
    out += [f"Silo score now: {_score(found.score)}"]
    cur = found.currency
    if cur is not None:
        out.append(f"Silos cost now: {_money(found.cost, cur)} a month")
        if found.by == "money":
            out.append("Fixes that save money, the most first")
    out.append("")
    if found.score is None:
        out.append("There is no score to lower: nothing in the model is measured (see silomap score).")
    elif not found.fixes:
        out.append("No single change found lowers the score.")
    for fix in found.fixes:
        head = f"{fix.rank:>3}. [{fix.effort}] {fix.score_after:.2f} ({fix.delta:+.2f})"
        if cur is not None:
            head += f" saves {_money(fix.saves, cur)} a month"
        out.append(f"{head}  {safe_text(fix.summary)}")
        out.append(f"     {safe_text(fix.change.text)}")
        shown = fix.alternatives[:MAX_ALTERNATIVES]
        out += [f"     or, with the same effect: {safe_text(a.summary)}" for a in shown]
        if len(fix.alternatives) > len(shown):
            out.append(f"     and {len(fix.alternatives) - len(shown)} more with the same effect (--json)")
    if found.roadmap:
        best = "the fix saving most, then the one saving most after it" if found.by == "money" else ""
        best = best or "the best fix, then the best after it"
        start = _score(found.score) + ("" if cur is None else f", {_money(found.cost, cur)} a month")
        out += ["", f"Roadmap: {best}, ...", f"  start {start}"]
        for i, step in enumerate(found.roadmap, 1):
            after = "" if cur is None else f", {_money(step.cost_after, cur)} a month after"
            out.append(f"  {i}. [{step.effort}] {step.score_after:.2f}{after}  {safe_text(step.summary)}")
    return "\n".join(out) + "\n"


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
    print_result(found, lambda: fixes_text(found, model.name), as_json=args.json)
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
