"""``silomap whatif``: apply a change file to a model and show what changes for customers."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .._changes import apply, load_changes, what_if_title
from .._config import Limits
from .._cost import load_rates, money_change
from .._errors import UsageError
from .._io import check_outside, refuse_symlink, write_directory
from .._metrics import analyze, compare
from .._model import model_files
from .._reports import whatif_text
from .._text import safe_text
from .command import Command
from .output import load_model, print_result

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("changes", help="a change file (silomap-changes: 1)")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument(
        "--rates", metavar="RATES", help="a rates file (silomap-rates: 1): the change in money too"
    )
    parser.add_argument("--write", metavar="DIR", help="also write the changed model as a directory model")
    parser.add_argument(
        "--force",
        action="store_true",
        help="with --write, replace the directory model in DIR (an earlier --write)",
    )


def _check_folder(target: Path, inputs: list[Path], force: bool) -> None:
    """Refuse, before any work, a --write DIR that would replace an input, a file, or a folder that is
    not a directory model (SM050, exit 2); a non-empty one only with ``force``."""
    refuse_symlink(target)
    shown = safe_text(str(target))
    for given in inputs:
        check_outside(target, given)
        if given.resolve().is_relative_to(target.resolve()):
            raise UsageError(
                f"--write {shown} holds an input, {safe_text(str(given))}; write elsewhere", code="SM050"
            )
    if target.exists() and not target.is_dir():
        raise UsageError(f"--write {shown} exists and is not a folder", code="SM050")
    if not target.absolute().parent.is_dir():
        raise UsageError(f"cannot write {shown}: its folder does not exist", code="SM050")
    if not target.is_dir() or not any(target.iterdir()):
        return
    if not force:
        message = f"{shown} is not empty; use {{param}} to replace the model written there"
        raise UsageError(message, code="SM050", param="force")
    if not any((target / name).is_file() for name in ("model.yaml", "model.yml")):
        raise UsageError(
            f"{shown} is not a directory model (no model.yaml): --force replaces only a model written before",
            code="SM050",
        )


def run(args: argparse.Namespace, limits: Limits) -> int:
    target = Path(args.write) if args.write else None
    if target is not None:
        _check_folder(target, [Path(args.model), Path(args.changes)], args.force)
    model = load_model(args.model, limits)
    changes = load_changes(args.changes, limits=limits)
    rates = load_rates(args.rates, limits=limits) if args.rates is not None else None
    after = apply(model, changes)
    comparison = compare(analyze(model), analyze(after))
    priced = None if rates is None else money_change(model, after, rates)
    comparison = replace(comparison, cost=priced, title=what_if_title(model.name, changes))
    print_result(comparison, lambda: whatif_text(comparison), as_json=args.json)
    if target is not None:
        write_directory(model_files(after), target, args.force)
        # with --json, stdout holds the JSON alone: what was written goes to stderr
        print(
            f"wrote {safe_text(args.write)}: the changed model", file=sys.stderr if args.json else sys.stdout
        )
    return 0


COMMAND = Command(
    "whatif",
    "apply a change file to a model and show what changes for customers",
    "Apply the changes of a change file (silomap-changes: 1) to a model, in order, and compare "
    "before and after: the score, each component, the journeys and questions that change, and the "
    "evidence that appears or goes. The model's files are never touched; --write DIR writes the "
    "changed model as a directory model, and --force replaces one written there before.",
    add_arguments,
    run,
)
