"""The importers by format name, as ``silomap import`` knows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ._archimate import import_archimate
from ._bpmn import import_bpmn
from ._importing import Builder
from ._structurizr import import_structurizr

__all__ = ["IMPORTERS"]

IMPORTERS: dict[str, Callable[[Path, bytes], Builder]] = {
    "archimate": import_archimate,
    "structurizr": import_structurizr,
    "bpmn": import_bpmn,
}
