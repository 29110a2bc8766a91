"""``silomap cost``: what the silos of a model cost a month, in money (``cost.md``)."""

from __future__ import annotations

import argparse

from .._config import Limits
from .._cost import cost, cost_text, load_rates
from .command import Command
from .output import load_model, print_result

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("rates", help="a rates file (silomap-rates: 1): the currency, an agent hour, minutes")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead")


def run(args: argparse.Namespace, limits: Limits) -> int:
    model = load_model(args.model, limits)
    result = cost(model, load_rates(args.rates, limits=limits))
    print_result(result, lambda: cost_text(result), as_json=args.json)
    return 0


COMMAND = Command(
    "cost",
    "what the silos cost a month, in money: hand-offs, re-entries, extra systems",
    "Prices the seams of the model a month at the rates of RATES: hand-offs and re-entries of each "
    "journey and the extra systems of each question, in agent minutes and money, per journey, "
    "question, seam kind and team; channel switches in customer minutes. A journey or question "
    "without a volume is not costed, and listed.",
    add_arguments,
    run,
)
