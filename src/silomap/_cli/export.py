"""``silomap export``: write a model for ArchiMate tools (exchange format) or Structurizr (DSL)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._config import Limits
from .._errors import UsageError
from .._exporters import EXPORTERS
from .._io import check_target, write_atomic
from .._text import safe_text
from .command import Command, table_option
from .output import load_model, model_counts

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    table_option(parser, "target", EXPORTERS, lambda e: f"{e.writes} ({e.suffix})", before="the format: ")
    parser.add_argument("model", help="a model file or directory")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")


def run(args: argparse.Namespace, limits: Limits) -> int:
    exporter = EXPORTERS[args.target]
    target = Path(args.output)
    if target.suffix.lower() != exporter.suffix:
        raise UsageError(
            f"silomap export {exporter.name}: -o takes a {exporter.suffix} file, "
            f"not {target.suffix or 'no extension'!r}",
            code="SM050",
        )
    check_target(target, Path(args.model))  # never the model, a symlink or a device; before any work
    model = load_model(args.model, limits)
    write_atomic(target, exporter.write(model))
    counts = model_counts(model, ("systems", "integrations", "journeys"))
    print(f"wrote {safe_text(str(target))}: {exporter.writes}, {counts}")
    return 0


COMMAND = Command(
    "export",
    "write a model for ArchiMate tools, Structurizr or FINOS CALM",
    "Write a model in the Open Group ArchiMate exchange format 3.1 (archimate, .xml: systems, "
    "teams, data, integrations and journeys as business processes; silomap import archimate reads "
    "it back), as a Structurizr DSL workspace (structurizr, .dsl: a landscape view and one "
    "dynamic view per journey) or as a FINOS CALM 1.2 architecture (calm, .json: journeys as flows; "
    "silomap import calm reads it back).",
    add_arguments,
    run,
)
