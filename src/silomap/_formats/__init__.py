"""The formats silomap both writes and reads, spelled once for the exporter and the importer.

- ``archimate``: ArchiMate's element and relationship types as silomap writes and reads them, and
  the ``silomap <key>`` properties (every name here is ArchiMate's);
- ``calm``: FINOS CALM's node types, the ``x-calm-`` fields and the rules both directions share.

Each format is a module, exported by name (``from .._formats import archimate as vocab``), so that
two formats' names never meet.

Structurizr is written as DSL and read as JSON, and Backstage and BPMN are only read: they share
nothing to spell here.

May import: the foundations. Imported by the exporters and the importers.
"""

from . import archimate, calm

__all__ = ["archimate", "calm"]
