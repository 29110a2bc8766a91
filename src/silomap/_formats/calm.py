"""FINOS CALM 1.2 as silomap writes and reads it: node types, the ``x-calm-`` fields, the rules
both directions share.

CALM (Common Architecture Language Model, https://calm.finos.org) describes nodes, the
relationships between them and business flows over those relationships. silomap maps:

- a node of any type but ``actor``, ``network``, ``data-asset`` and ``ecosystem`` to a system;
  its kind from the node type: ``webclient`` is ``web`` (:data:`KIND_OF_TYPE`), CALM's other own
  types (:data:`NODE_TYPES`: service, database...) say no kind (``other``), and a node type of the
  author's own (``crm``, ``meter-data``) is the kind; the exporter writes the node type back
  (:func:`node_type`);
- an ``actor`` to the customer (unique-id ``customer``; in a file with no such actor, an actor
  that interacts with a ``webclient``), else a team;
- each transition of a flow to a step; the ``x-calm-`` fields below keep what silomap has no
  field for, so that the exporter writes the same architecture back.
"""

from __future__ import annotations

from .._text import slug

__all__ = [
    "CHANNEL_KEY",
    "CUSTOMER",
    "DIRECTIONS",
    "KIND_OF_TYPE",
    "NODE_TYPES",
    "NOT_SYSTEMS",
    "SCHEMA",
    "X",
    "channel_of",
    "node_type",
    "team_node",
]

SCHEMA = "https://calm.finos.org/release/1.2/meta/calm.json"  # the meta schema an export declares
NOT_SYSTEMS = ("actor", "network", "data-asset", "ecosystem")  # node types that are no system
KIND_OF_TYPE = {"webclient": "web"}  # CALM's node types that name a silomap kind by another word
# CALM's own node types (core.json's enum); any other node type is the author's word for a kind
NODE_TYPES = (
    "actor",
    "ecosystem",
    "system",
    "service",
    "database",
    "network",
    "ldap",
    "webclient",
    "data-asset",
)
CUSTOMER = "customer"  # the unique-id of the actor that is the customer, written and read
DIRECTIONS = ("source-to-destination", "destination-to-source")
CHANNEL_KEY = "channel"  # in an interacts relationship's metadata: the channel its steps use
GENERIC_TYPE = "service"  # the node type of a system whose kind CALM has no word for


class X:
    """The ``x-`` fields an import keeps and an export reads (silomap never reads them itself)."""

    NODE_TYPE = "x-calm-node-type"
    INTERFACES = "x-calm-interfaces"
    DETAILS = "x-calm-details"
    CONTROLS = "x-calm-controls"
    METADATA = "x-calm-metadata"
    PROTOCOL = "x-calm-protocol"
    VIA = "x-calm-via"
    RELATIONSHIP = "x-calm-relationship"
    DIRECTION = "x-calm-direction"
    SEQUENCE = "x-calm-sequence-number"


def node_type(kind: str, kept: object = None) -> str:
    """The CALM node type of a system: the one it was imported with, else its kind in CALM's words.

    >>> node_type("web"), node_type("crm"), node_type("other"), node_type("core", "database")
    ('webclient', 'crm', 'service', 'database')
    """
    if isinstance(kept, str) and kept and kept not in NOT_SYSTEMS:
        return kept
    words = {kind: word for word, kind in KIND_OF_TYPE.items()}
    return words.get(kind, GENERIC_TYPE if kind == "other" else kind)


def channel_of(kinds: list[str]) -> str:
    """The channel of a step where an actor uses systems of these kinds: ``web`` on a web front end,
    ``mobile`` on an app, else ``internal``.

    >>> channel_of(["crm", "web"]), channel_of(["mobile-app"]), channel_of(["crm"])
    ('web', 'mobile', 'internal')
    """
    if "web" in kinds:
        return "web"
    return "mobile" if "mobile-app" in kinds else "internal"


def team_node(team: str, systems: set[str]) -> str:
    """The unique-id of a team's actor node: the team's id, unless a system or the customer has it.

    >>> team_node("ops", {"crm"}), team_node("crm", {"crm"})
    ('ops', 'crm-team')
    """
    return team if team not in systems and team != CUSTOMER else slug(f"{team}-team", "team")
