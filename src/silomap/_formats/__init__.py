"""The formats silomap both writes and reads, spelled once for the exporter and the importer.

- ``archimate``: ArchiMate's element and relationship types as silomap writes and reads them, and
  the ``silomap <key>`` properties (every name here is ArchiMate's).

Structurizr is written as DSL and read as JSON, and Backstage and BPMN are only read: they share
nothing to spell here.

May import: the foundations. Imported by the exporters and the importers.
"""

from .archimate import (
    ENTITY_TYPES,
    FIELDS,
    LINK_TYPES,
    LINKED_AS,
    NAMESPACE,
    OWN_KEYS,
    PREFIX,
    TEAM_TYPES,
    WEIGHTS,
    WRITTEN_AS,
    XSI,
    property_key,
    property_name,
    property_type,
)

__all__ = [
    "ENTITY_TYPES",
    "FIELDS",
    "LINKED_AS",
    "LINK_TYPES",
    "NAMESPACE",
    "OWN_KEYS",
    "PREFIX",
    "TEAM_TYPES",
    "WEIGHTS",
    "WRITTEN_AS",
    "XSI",
    "property_key",
    "property_name",
    "property_type",
]
