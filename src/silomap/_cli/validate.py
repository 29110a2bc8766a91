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
from .._errors import ModelError, Problem, UsageError
from .._model import load_with_warnings
from .._text import plural, safe_text
from .command import Command
from .output import as_json, model_counts, problem_format, show_model_error, show_problems

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
    fmt = problem_format(args.format)
    if fmt == "json":
        return _json(paths, limits)
    worst = 0
    for path in paths:
        worst = max(worst, _one(str(path), fmt, limits))
    return worst


def _json(paths: list[Path], limits: Limits) -> int:
    """Every model's problems in one JSON document: stdout holds exactly one, whatever the count
    of models (each problem names its file)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path in paths:
        try:
            warnings += load_with_warnings(str(path), limits)[1]
        except ModelError as err:
            errors += err.errors
            warnings += err.warnings
    print(json.dumps(as_json("fail" if errors else "ok", errors, warnings, limits.errors_shown), indent=2))
    return ModelError.exit_code if errors else 0


def _one(given: str, fmt: str, limits: Limits) -> int:
    try:
        model, warnings = load_with_warnings(given, limits)
    except ModelError as err:
        show_model_error(err, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
        print(f"{safe_text(given)}: {plural(len(err.errors), 'error')}", file=sys.stderr)
        return err.exit_code
    show_problems(warnings, limits, sys.stderr if fmt == "text" else sys.stdout, fmt)
    counts = model_counts(model, ("systems", "integrations", "teams", "questions", "journeys"))
    print(f"{safe_text(given)}: valid ({counts})")
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
