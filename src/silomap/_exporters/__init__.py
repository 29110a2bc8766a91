"""The exporters: a model written for another tool, so it travels back.

- ``archimate``: the Open Group ArchiMate exchange format 3.1 (``.xml``);
- ``structurizr``: a Structurizr DSL workspace (``.dsl``);
- ``calm``: a FINOS CALM 1.2 architecture with flows (``.json``).

May import: the model layer and the foundations. Never metrics, diagrams, reports or the CLI.
"""

from .archimate import archimate_xml
from .calm import calm_json
from .registry import EXPORTERS, Exporter, export
from .structurizr import structurizr_dsl

__all__ = ["EXPORTERS", "Exporter", "archimate_xml", "calm_json", "export", "structurizr_dsl"]
