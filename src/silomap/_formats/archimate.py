"""ArchiMate as silomap writes and reads it: the element and relationship types, and the properties.

The exporter (:mod:`silomap._exporters`) and the importer (:mod:`silomap._importers`) both spell
the format from here, so what one writes is what the other reads: a round trip cannot drift.

- **Types.** Each silomap item has one ArchiMate type it is written as (:data:`WRITTEN_AS`), each
  link between items one relationship (:data:`LINKED_AS`); the importer reads those types and their
  neighbours in ArchiMate (:data:`TEAM_TYPES`,
  :data:`ENTITY_TYPES`, :data:`LINK_TYPES`).
- **Properties.** Every field the format has no place for is a property named ``silomap <key>``
  (:func:`property_name`): ``silomap id`` on every item, the fields of :data:`FIELDS`, and the
  keys of :data:`OWN_KEYS`; weights are ``silomap weight <component>`` on the model.
"""

from __future__ import annotations

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

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# the ArchiMate type each silomap item is written as (journeys and their steps are both processes)
WRITTEN_AS = {
    "system": "ApplicationComponent",
    "team": "BusinessActor",
    "customer": "BusinessActor",
    "entity": "DataObject",
    "question": "BusinessService",
    "journey": "BusinessProcess",
    "step": "BusinessProcess",
    "channel": "BusinessInterface",
}
# the ArchiMate relationship each link between silomap items is written as
LINKED_AS = {
    "integration": "Flow",  # one per entity carried, between two components
    "holds": "Access",  # a system to an entity it holds (read and write)
    "needs": "Access",  # a question to an entity it needs (read)
    "captures": "Access",  # a step to an entity typed in (write)
    "reads": "Access",  # a step to an entity it reads (read)
    "step": "Composition",  # a journey to each of its steps
    "next": "Triggering",  # a step to the step after it
    "actor": "Assignment",  # a team (or the customer) to a step it does
    "serves": "Serving",  # a system or a channel to a step it serves
    "answers": "Realization",  # a step to a question it answers
}
# the types the importer reads as teams, entities and integrations (those silomap writes among them)
TEAM_TYPES = ("BusinessActor", "BusinessRole")
ENTITY_TYPES = ("DataObject", "BusinessObject", "Contract", "Representation")
LINK_TYPES = ("Flow", "Serving", "Triggering")

PREFIX = "silomap "  # every property silomap writes is named so: "silomap kind", "silomap x-cost"
# the fields of each item written as properties, after its id and before source_id, tags and x- fields
FIELDS = {
    "System": ("kind", "external", "owner", "lifecycle", "channels"),
    "Journey": ("stage", "volume", "kpis"),
    "Question": ("volume", "kpis"),
    "Step": ("minutes",),
}
WEIGHTS = ("fragmentation", "handoffs", "reentry", "desktop", "sync")  # "silomap weight <component>"
# the other keys: the item's id and name (a question's text), its source_id and tags; the model's
# format, weights and KPIs; a flow's integration number, the entity it carries and its mode; a
# business interface's channel
OWN_KEYS = (
    "id",
    "name",
    "text",
    "source_id",
    "tags",
    "format",
    "kpis",
    "integration",
    "carries",
    "mode",
    "channel",
)
_TYPES = {"external": "boolean", "volume": "number", "minutes": "number", "integration": "number"}


def property_name(key: str) -> str:
    """The name of the property holding ``key``.

    >>> property_name("kind"), property_name("weight handoffs")
    ('silomap kind', 'silomap weight handoffs')
    """
    return PREFIX + key


def property_key(name: str) -> str | None:
    """The key a property of silomap holds, by its name; ``None`` for another tool's property.

    >>> property_key("silomap volume"), property_key("Owner")
    ('volume', None)
    """
    return name.removeprefix(PREFIX) if name.startswith(PREFIX) else None


def property_type(key: str) -> str:
    """The exchange format's data type of a property: ``number``, ``boolean`` or ``string``.

    >>> property_type("volume"), property_type("weight handoffs"), property_type("kind")
    ('number', 'number', 'string')
    """
    return _TYPES.get(key, "number" if key.startswith("weight ") else "string")
