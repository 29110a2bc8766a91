"""``silomap assess``: the customer-alignment maturity assessment, self against evidence."""

from __future__ import annotations

import argparse
import datetime

from .._config import Limits
from .._errors import UsageError
from .._maturity import assess as assess_model
from .._maturity import load_assessment, template
from .._reports import maturity_text
from .command import Command
from .output import load_model, print_result

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", nargs="?", help="a model file or directory")
    parser.add_argument("assessment", nargs="?", help="an assessment file (silomap assess --template)")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead")
    parser.add_argument(
        "--template", action="store_true", help="print an assessment file with every question, to fill in"
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.template:
        if args.model or args.assessment:
            raise UsageError("silomap assess: --template takes no model or assessment")
        print(template(datetime.date.today().isoformat()), end="")
        return 0
    if not args.model:
        raise UsageError("silomap assess: give a MODEL (and an ASSESSMENT file), or --template")
    model = load_model(args.model, limits)
    given = load_assessment(args.assessment, limits=limits) if args.assessment else None
    result = assess_model(model, given)
    print_result(result, lambda: maturity_text(result, model.name), as_json=args.json)
    return 0


COMMAND = Command(
    "assess",
    "assess customer-alignment maturity: your levels against what the model shows",
    "The maturity assessment: three criteria that follow the customer life cycle (customer "
    "understanding, marketing and sales, customer service), 20 questions, levels 1 (ad hoc) to 5 "
    "(optimised). With an ASSESSMENT file, your levels beside the evidence levels the model suggests, "
    "and the gaps of 2 or more; without one, the evidence alone. --template prints a file to fill in.",
    add_arguments,
    run,
)
