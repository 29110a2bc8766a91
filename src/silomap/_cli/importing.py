"""``silomap import``: start a model from an ArchiMate, Structurizr, BPMN file or a Backstage catalog."""

from __future__ import annotations

import argparse

from .._config import Limits
from .._importers import IMPORTERS, import_model
from .._text import safe_text
from .command import Command, table_option
from .output import model_counts, write_folder

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    table_option(parser, "source", IMPORTERS, lambda i: i.reads, before="the file's format: ")
    parser.add_argument("file", help="the file to import (for backstage: a catalog file or a folder)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the model directory to write")
    parser.add_argument("--force", action="store_true", help="write into a non-empty directory")


def run(args: argparse.Namespace, limits: Limits) -> int:
    imported = import_model(args.file, args.source, limits=limits)
    write_folder(imported, args.output, args.force)
    model = imported.model
    counts = model_counts(model, ("systems", "integrations", "teams", "journeys"))
    print(f"wrote {safe_text(args.output)}: {counts}; see import-report.md")
    return 0


COMMAND = Command(
    "import",
    "start from ArchiMate, Structurizr, BPMN, a Backstage catalog or CALM: write a silomap model directory",
    "Import a landscape from ArchiMate (Open Group exchange .xml or Archi's .archimate), "
    "a Structurizr workspace (.json), BPMN (.bpmn) or a Backstage software catalog (catalog-info.yaml "
    "and the files its Locations name, or a folder) or a FINOS CALM architecture (.json, its flows as "
    "journeys). Writes a model directory (one YAML file per "
    "kind) and import-report.md saying what was mapped, dropped and assumed; the model validates.",
    add_arguments,
    run,
)
