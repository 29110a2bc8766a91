"""``silomap validate``: check a model and report every problem at once."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from pathlib import Path

from .._config import Limits
from .._errors import ModelError, UsageError
from .._model import load_with_warnings
from .._text import safe_text
from .command import Command
from .output import as_json, problem_format, show_problems

__all__ = ["COMMAND"]

FORMATS = ("text", "json", "github")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "model", nargs="+", help="a model file or directory (or, with --changed, changed files)"
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="the paths are changed files (from pre-commit): validate each model they belong to, a directory "
        "model (the nearest folder with a model.yaml) as a whole",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="text (default), one JSON document on stdout, or GitHub Actions annotations "
        "(the default when GITHUB_ACTIONS=true)",
    )


def model_of(path: Path) -> Path | None:
    """The model a changed file belongs to: the nearest folder holding a model.yaml (or .yml) that
    declares ``silomap:``, else the file itself when it does, else none (not a model file).

    >>> model_of(Path("models/telecom/journeys/journeys.yaml"))
    PosixPath('models/telecom')
    """
    for folder in [path.parent, *path.parent.parents]:
        for name in ("model.yaml", "model.yml"):
            if _declares(folder / name):
                return folder
    return path if _declares(path) else None


def _declares(path: Path) -> bool:
    """Whether ``path`` is a regular file whose first 64 KiB declare ``silomap:``; a FIFO or a
    device is not opened (a FIFO with no writer would block ``open()`` forever)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return bool(re.search(rb"(?m)^silomap:", os.read(fd, 65536)))
    except OSError:
        return False
    finally:
        os.close(fd)


def run(args: argparse.Namespace, limits: Limits) -> int:
    paths = [Path(p) for p in args.model]
    if args.changed:
        paths = list(dict.fromkeys(m for p in paths if (m := model_of(p)) is not None))
    elif len(paths) > 1:
        raise UsageError("silomap validate: one model at a time, or changed files with --changed")
    worst = 0
    for path in paths:
        worst = max(worst, _one(argparse.Namespace(model=str(path), format=args.format), limits))
    return worst


def _one(args: argparse.Namespace, limits: Limits) -> int:
    fmt = problem_format(args.format)
    try:
        model, warnings = load_with_warnings(args.model, limits)
    except ModelError as err:
        if fmt == "json":
            print(json.dumps(as_json("fail", err.errors, err.warnings, limits.errors_shown), indent=2))
        else:
            show_problems(err.problems, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
            print(f"{safe_text(args.model)}: {len(err.errors)} error(s)", file=sys.stderr)
        return err.exit_code
    if fmt == "json":
        print(json.dumps(as_json("ok", [], warnings, limits.errors_shown), indent=2))
        return 0
    show_problems(warnings, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
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
    "Every problem is reported as file:line:col: error[SMnnn]: path: message, the file named from MODEL as "
    "given (acme/systems.yaml for acme), so that it opens from here. "
    "Exits 0 when the model is valid, 2 when not.",
    add_arguments,
    run,
)
