"""``silomap whatif``: apply a change file to a model and show what changes for customers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .._changes import apply, load_changes
from .._config import Limits
from .._io import check_target, write_directory
from .._metrics import Comparison, analyze, compare
from .._model import model_files
from .._text import safe_text
from .command import Command
from .output import load_model

__all__ = ["COMMAND", "comparison_text"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("changes", help="a change file (silomap-changes: 1)")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--write", metavar="DIR", help="also write the changed model as a directory model")
    parser.add_argument("--force", action="store_true", help="with --write, replace the model files in DIR")


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def comparison_text(c: Comparison, title: str) -> str:
    """The comparison as the terminal shows it."""
    b, a = c.before, c.after
    out = [title]
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    out.append(f"Silo score: {b.score} -> {a.score}{delta}   {b.band} -> {a.band}")
    out += ["", f"{'Components':<16}{'before':>8}{'after':>8}"]
    for name in dict.fromkeys([x.name for x in (*b.components, *a.components)]):
        out.append(f"  {name:<14}{_figure(b.component(name)):>8}{_figure(a.component(name)):>8}")
    journeys = c.journeys()
    if journeys:
        out += ["", "Journeys that change: hand-offs, re-entries (silo/process)"]
        for ident, x, y in journeys:
            was = f"{x.handoffs}, {len(x.reentries)} ({x.silo_reentries}/{x.process_reentries})" if x else "-"
            now = f"{y.handoffs}, {len(y.reentries)} ({y.silo_reentries}/{y.process_reentries})" if y else "-"
            out.append(f"  {safe_text(ident):<28} {was} -> {now}")
    questions = c.questions()
    if questions:
        out += ["", "Questions that change: systems needed to answer"]
        for ident, q_before, q_after in questions:
            spq = [str(q.spq) if q else "-" for q in (q_before, q_after)]
            out.append(f"  {safe_text(ident):<28} {spq[0]} -> {spq[1]}")
    for label, items in (("Evidence gone", c.disappeared), ("Evidence new", c.appeared)):
        if items:
            out += ["", f"{label}:"]
            out += [f"  {e.kind}: {safe_text(e.where)}: {safe_text(e.text)}" for e in items[:40]]
            if len(items) > 40:
                out.append(f"  ... and {len(items) - 40} more")
    return "\n".join(out) + "\n"


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
