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
    parser.add_argument(
        "--observed",
        metavar="MAPPING",
        help="add what transfers go with in elapsed time: a log mapping file (silomap observe)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="the seed of the observed interval's bootstrap (0)"
    )
    parser.add_argument(
        "--resamples", type=int, default=2000, help="the observed interval's bootstrap resamples (2,000)"
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    model = load_model(args.model, limits)
    rates = load_rates(args.rates, limits=limits)
    result = cost(
        model, rates, observed=args.observed, seed=args.seed, resamples=args.resamples, limits=limits
    )
    print_result(result, lambda: cost_text(result), as_json=args.json)
    return 0


COMMAND = Command(
    "cost",
    "what the silos cost a month, in money: hand-offs, re-entries, extra systems",
    "Prices the seams of the model a month at the rates of RATES: hand-offs and re-entries of each "
    "journey and the extra systems of each question, in agent minutes and money, per journey, "
    "question, seam kind and team; channel switches in customer minutes. A journey or question "
    "without a volume is not costed, and listed. With --observed, what transfers go with in "
    "elapsed minutes a month in an event log, with a 95 % bootstrap interval: an association, "
    "not proof of cause.",
    add_arguments,
    run,
)
