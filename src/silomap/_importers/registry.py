"""The importers, declared once: ``silomap import`` and :func:`silomap.import_model` read this table.

To add a format: write its module (a function from a file's path and bytes
to a :class:`~silomap._importers.builder.Builder`) and add one row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._config import Limits
from .archimate import import_archimate
from .backstage import import_backstage
from .bpmn import import_bpmn
from .builder import Builder
from .calm import import_calm
from .structurizr import import_structurizr

__all__ = ["IMPORTERS", "Importer"]


@dataclass(frozen=True)
class Importer:
    """One format silomap imports: its name, what files it reads, and the function reading them."""

    name: str
    reads: str
    read: Callable[[Path, bytes], Builder]
    # an importer that reads a folder, or a file and the files it names, itself (within the limits)
    read_tree: Callable[[Path, Limits | None], Builder] | None = None


IMPORTERS: dict[str, Importer] = {
    "archimate": Importer("archimate",
                          "ArchiMate: the Open Group exchange format (.xml) or Archi's .archimate",
                          import_archimate),
    "structurizr": Importer("structurizr", "a Structurizr workspace exported as JSON (.json)",
                            import_structurizr),
    "bpmn": Importer("bpmn", "BPMN 2.0 collaborations and processes (.bpmn)", import_bpmn),
    "backstage": Importer("backstage", "a Backstage software catalog: catalog-info.yaml (and the files its "
                          "Locations name) or a folder of them", import_backstage,
                          lambda path, limits: import_backstage(path, limits=limits)),
    "calm": Importer("calm", "a FINOS CALM architecture with its flows (.json)", import_calm),
}  # fmt: skip
