"""``silomap whatif``: apply a change file to a model and show what changes for customers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .._changes import apply, load_changes
from .._config import Limits
from .._io import check_target, write_directory
from .._metrics import analyze, compare
from .._model import model_files
from .._reports import comparison_text
from .._text import safe_text
from .command import Command
from .output import load_model

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("changes", help="a change file (silomap-changes: 1)")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--write", metavar="DIR", help="also write the changed model as a directory model")
    parser.add_argument("--force", action="store_true", help="with --write, replace the model files in DIR")


def run(args: argparse.Namespace, limits: Limits) -> int:
    if args.write:
        check_target(Path(args.write), Path(args.model))
    model = load_model(args.model, limits)
    changes = load_changes(args.changes, limits)
    after = apply(model, changes)
    comparison = compare(analyze(model), analyze(after))
    if args.json:
        print(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        name = changes.name or f"{len(changes.changes)} change(s)"
        print(
            comparison_text(comparison, f"silomap what-if: {safe_text(model.name)}, {safe_text(name)}"),
            end="",
        )
    if args.write:
        write_directory(model_files(after), Path(args.write), args.force)
        print(f"wrote {safe_text(args.write)}: the changed model")
    return 0


COMMAND = Command(
    "whatif",
    "apply a change file to a model and show what changes for customers",
    "Apply the changes of a change file (silomap-changes: 1) to a model, in order, and compare "
    "before and after: the score, each component, the journeys and questions that change, and the "
    "evidence that appears or goes. The model's files are never touched; --write DIR writes the "
    "changed model as a directory model.",
    add_arguments,
    run,
)
