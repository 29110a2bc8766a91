"""``silomap validate``: check a model and report every problem at once."""

from __future__ import annotations

import argparse
import json
import sys

from .._config import Limits
from .._errors import ModelError
from .._model import load_with_warnings
from .._text import safe_text
from .command import Command
from .output import as_json, problem_format, show_problems

__all__ = ["COMMAND"]

FORMATS = ("text", "json", "github")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), one JSON document on stdout, or GitHub Actions annotations "
        "(the default when GITHUB_ACTIONS=true)",
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    fmt = problem_format(args.format)
    try:
        model, warnings = load_with_warnings(args.model, limits)
    except ModelError as err:
        if fmt == "json":
            print(json.dumps(as_json("fail", err.errors, err.warnings, limits.errors_shown), indent=2))
        else:
            show_problems(err.problems, limits, sys.stderr if fmt == "text" else sys.stdout, fmt, args.model)
            print(f"{safe_text(args.model)}: {len(err.errors)} error(s)", file=sys.stderr)
        return err.exit_code
    if fmt == "json":
        print(json.dumps(as_json("ok", [], warnings, limits.errors_shown), indent=2))
        return 0
    show_problems(warnings, limits, sys.stderr if fmt == "text" else sys.stdout, fmt, args.model)
    counts = (
        f"{len(model.systems)} systems, {len(model.integrations)} integrations, "
        f"{len(model.teams)} teams, {len(model.questions)} questions, {len(model.journeys)} journeys"
    )
    print(f"{safe_text(args.model)}: valid ({counts})")
    return 0


COMMAND = Command(
    "validate",
    "check a model and report every problem at once",
    "Check a model (a YAML file or a directory of them) against the format. "
    "Every problem is reported as file:line:col: error[SMnnn]: path: message. "
    "Exits 0 when the model is valid, 2 when not.",
    add_arguments,
    run,
)
