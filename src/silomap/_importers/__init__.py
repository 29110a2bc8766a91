"""The importers: a model started from another tool's file.

- ``safe_xml``: bounded reading, and XML without DTDs or entities;
- ``builder``: the :class:`Builder` every importer fills (stable ids, the import report);
- ``archimate``, ``bpmn``, ``structurizr``: one module per format;
- ``registry``: the table of formats;
- ``result``: :func:`import_model` and writing the model directory.

May import: the metrics layer (the completeness of the model, in the report), the model layer, the
YAML reader (``_yaml``, for Backstage's catalogs) and the foundations (``_io`` to write).
Never metrics, diagrams, reports or the CLI.
"""

from .builder import NAME_MAX, Builder, Taken
from .registry import IMPORTERS, Importer
from .result import ImportResult, completeness_section, import_model

__all__ = [
    "IMPORTERS",
    "NAME_MAX",
    "Builder",
    "ImportResult",
    "Importer",
    "Taken",
    "completeness_section",
    "import_model",
]
