"""``silomap schema``: print the JSON Schema of the model format."""

from __future__ import annotations

import argparse
import json

from .._config import Limits
from .._model import json_schema
from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--part", action="store_true", help="the schema of one file of a directory model (every key optional)"
    )


def run(args: argparse.Namespace, limits: Limits) -> int:
    print(json.dumps(json_schema(part=args.part), indent=2))
    return 0


COMMAND = Command(
    "schema",
    "print the JSON Schema of the model format (for editors)",
    "Print the JSON Schema generated from silomap's own models, for editor "
    "completion and checks: silomap schema > silomap.schema.json",
    add_arguments,
    run,
)
