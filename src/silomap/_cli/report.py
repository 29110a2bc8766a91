"""``silomap report``: write the CIO report, HTML, Markdown or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._config import Limits
from .._cost import load_rates
from .._errors import UsageError
from .._io import check_target, write_atomic
from .._maturity import load_assessment
from .._metrics import history
from .._model import load_at_revision
from .._observed import observe
from .._reports import REPORTS, Baseline, format_of, report
from .._text import safe_text
from .command import Command, progress_of, quiet_option, table_option
from .output import load_model, load_side
from .render import renderer_option

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    quiet_option(parser)
    parser.add_argument("model", help="a model file or directory")
    default = " (default: from the output's extension, else html)"
    table_option(parser, "--format", REPORTS, lambda report: report.help, after=default)
    renderer_option(parser)
    parser.add_argument(
        "--baseline",
        metavar="BASE",
        help="add 'Since the last review': BASE is a model path, or a git revision of MODEL "
        "(then the trend since is drawn too)",
    )
    parser.add_argument(
        "--assessment",
        metavar="FILE",
        help="add the maturity section: an assessment file (silomap assess --template)",
    )
    parser.add_argument(
        "--observed", metavar="MAPPING", help="add the Observed section: a log mapping file (silomap observe)"
    )
    parser.add_argument(
        "--rates",
        metavar="RATES",
        help="add what the silos cost a month: a rates file (silomap cost); with --observed, what "
        "transfers go with in elapsed time",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the report")


def _baseline(args: argparse.Namespace, limits: Limits) -> Baseline | None:
    """The model at the last review: a path, else a git revision of the model (with the trend since)."""
    if args.baseline is None:
        return None
    name = f"baseline ({safe_text(args.baseline)})"
    if Path(args.baseline).exists():
        return Baseline(load_side(name, lambda: load_model(args.baseline, limits), limits), args.baseline)
    base = load_side(name, lambda: load_at_revision(args.model, args.baseline, limits), limits)
    try:
        points = tuple(history(args.model, limit=30, limits=limits))
    except UsageError:
        points = ()
    return Baseline(base, f"{args.model} at {args.baseline}", points)


def run(args: argparse.Namespace, limits: Limits) -> int:
    target = Path(args.output)
    fmt = format_of(target, args.format)  # refuse an unknown extension before any work
    REPORTS[fmt].ready()  # and a format whose extra is not installed
    check_target(target, Path(args.model))
    for given in (args.assessment, args.observed, args.rates):
        if given:
            check_target(target, Path(given))
    model = load_model(args.model, limits)
    assessment = load_assessment(args.assessment, limits=limits) if args.assessment else None
    rates = load_rates(args.rates, limits=limits) if args.rates else None
    observed = (
        observe(model, args.observed, limits=limits, progress=progress_of(args)) if args.observed else None
    )
    made = report(
        model,
        fmt,
        renderer=args.renderer,
        baseline=_baseline(args, limits),
        assessment=assessment,
        observed=observed,
        rates=rates,
    )
    write_atomic(target, made.encode("utf-8") if isinstance(made, str) else made)
    print(f"wrote {safe_text(str(target))}")
    return 0


COMMAND = Command(
    "report",
    "write the CIO report: one self-contained HTML page, Markdown for a pull request, or a PDF",
    "Write the silo report: the score and what drives it, the worst journeys with "
    "their blueprints, the questions needing most systems, agent desktops, unsynced data and the "
    "landscape. HTML opens offline in any browser; --format md gives a short Markdown report "
    "with a Mermaid diagram, for pull-request comments; a .pdf file, the HTML report laid out "
    "on paper (pip install 'silomap[pdf]').",
    add_arguments,
    run,
)
