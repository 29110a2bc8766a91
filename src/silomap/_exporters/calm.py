"""A model as a FINOS CALM 1.2 architecture with flows (JSON), valid against CALM's meta schema.

- systems -> nodes: the node type they were imported with (``x-calm-node-type``), else their kind
  (``web`` -> ``webclient``, ``other`` -> ``service``); interfaces, details, controls and metadata
  from their ``x-calm-`` fields;
- entities held by a system -> ``data-asset`` nodes, each joined to its holders by a ``connects``;
- the customer and the teams -> ``actor`` nodes (the customer is always written, as ``customer``);
- integrations -> ``connects`` relationships, described by their description, else by the data
  they carry; protocol, controls and metadata from their ``x-calm-`` fields;
- journeys -> flows, one transition per step: a step imported from a ``connects`` transition
  (``x-calm-relationship`` naming an integration) is that transition again; any other step with
  systems is its actor ``interacts`` with them (one relationship per actor, systems and channel,
  the channel in its metadata); a step with no system cannot be a transition: it is listed in the
  architecture's ``metadata`` under ``silomap-not-exported``, as is a journey left with none.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .._formats import calm as vocab
from .._model import Journey, Model, Step
from .._text import numbered

__all__ = ["calm_json"]

X = vocab.X
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
_PROTOCOLS = (
    "HTTP",
    "HTTPS",
    "FTP",
    "SFTP",
    "JDBC",
    "WebSocket",
    "SocketIO",
    "LDAP",
    "AMQP",
    "TLS",
    "mTLS",
    "TCP",
)
_KEPT = (("controls", X.CONTROLS), ("metadata", X.METADATA))


class _Ids:
    """Unique-ids across nodes, relationships and flows: the one wanted, else numbered."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, want: str, fallback: str) -> str:
        return numbered(want if _ID.match(want) else fallback, self.taken)


def _kept(item: Any, pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The CALM fields an item keeps as ``x-calm-`` fields, where they hold what CALM takes."""
    out = {}
    for key, x in pairs:
        value = item.extensions.get(x)
        if isinstance(value, (dict, list)) and value:
            out[key] = value
    return out


def _nodes(model: Model, ids: _Ids) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The nodes, and the unique-id of each actor (``customer`` and the teams)."""
    nodes = []
    for s in model.systems:
        node = {
            "unique-id": ids.take(s.id, s.id),
            "node-type": vocab.node_type(s.kind, s.extensions.get(X.NODE_TYPE)),
            "name": s.label,
            "description": s.description or s.label,
        }
        more = (("interfaces", X.INTERFACES), ("details", X.DETAILS), *_KEPT)
        nodes.append(node | _kept(s, more))
    systems = {s.id for s in model.systems}
    actors = {"customer": ids.take(vocab.CUSTOMER, vocab.CUSTOMER)}
    nodes.append(
        {
            "unique-id": actors["customer"],
            "node-type": "actor",
            "name": "Customer",
            "description": "The organisation's customer",
        }
    )
    for t in model.teams:
        actors[t.id] = ids.take(vocab.team_node(t.id, systems), "team")
        nodes.append(
            {
                "unique-id": actors[t.id],
                "node-type": "actor",
                "name": t.label,
                "description": t.description or t.label,
            }
        )
    return nodes, actors


def _assets(model: Model, ids: _Ids) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Data-asset nodes for the entities systems hold, and a ``connects`` from each holder."""
    held = {e for s in model.systems for e in s.holds}
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    asset: dict[str, str] = {}
    for e in model.entities:
        if e.id in held:
            asset[e.id] = ids.take(e.id, "data")
            nodes.append(
                {
                    "unique-id": asset[e.id],
                    "node-type": "data-asset",
                    "name": e.label,
                    "description": e.description or e.label,
                }
            )
    for s in model.systems:
        for held_id in s.holds:
            ident = ids.take(f"{s.id}-holds-{held_id}", "holds")
            rels.append(_connects(ident, s.id, asset[held_id], f"{s.label} holds"))
    return nodes, rels


def _connects(ident: str, source: str, target: str, description: str) -> dict[str, Any]:
    return {
        "unique-id": ident,
        "description": description,
        "relationship-type": {"connects": {"source": {"node": source}, "destination": {"node": target}}},
    }


def _integrations(model: Model, ids: _Ids) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """``connects`` for the integrations, and the unique-id each one's source id became."""
    labels = {e.id: e.label for e in model.entities}
    rels: list[dict[str, Any]] = []
    by_source: dict[str, str] = {}
    for link in model.integrations:
        want = link.source_id or f"{link.source}-{link.target}"
        ident = ids.take(want, f"{link.source}-{link.target}")
        if link.source_id:
            by_source.setdefault(link.source_id, ident)
        said = link.description or "Carries " + ", ".join(labels[e] for e in link.carries)
        rel = _connects(ident, link.source, link.target, said)
        protocol = link.extensions.get(X.PROTOCOL)
        if protocol in _PROTOCOLS:
            rel["protocol"] = protocol
        rels.append(rel | _kept(link, _KEPT))
    return rels, by_source


class _Flows:
    """Flows from journeys: ``interacts`` made as steps need them, and what could not be written."""

    def __init__(self, model: Model, ids: _Ids, actors: dict[str, str], connects: dict[str, str]) -> None:
        self.model, self.ids, self.actors, self.connects = model, ids, actors, connects
        self.interacts: dict[tuple[str, tuple[str, ...], str], dict[str, Any]] = {}
        self.skipped: list[str] = []

    def flow(self, journey: Journey) -> dict[str, Any] | None:
        transitions: list[dict[str, Any]] = []
        for step in journey.steps:
            found = self._transition(journey, step)
            if found is None:
                self.skipped.append(f"{journey.id}/{step.id}: a step with no system")
                continue
            transitions.append(found | {"sequence-number": len(transitions) + 1, "description": step.label})
        if not transitions:
            self.skipped.append(f"{journey.id}: no step with a system")
            return None
        flow = {
            "unique-id": self.ids.take(journey.id, "flow"),
            "name": journey.label,
            "description": journey.description or journey.label,
            "transitions": transitions,
        }
        return flow | _kept(journey, _KEPT)

    def _transition(self, journey: Journey, step: Step) -> dict[str, Any] | None:
        named = step.extensions.get(X.RELATIONSHIP)
        if isinstance(named, str) and named in self.connects:
            out = {"relationship-unique-id": self.connects[named]}
            direction = step.extensions.get(X.DIRECTION)
            return out | ({"direction": direction} if direction in vocab.DIRECTIONS else {})
        if not step.systems:
            return None
        key = (step.actor, step.systems, step.channel)
        if key not in self.interacts:
            actor = self.actors[step.actor]
            self.interacts[key] = {
                "unique-id": self.ids.take(f"{actor}-uses-{'-'.join(step.systems)}"[:120], "uses"),
                "description": f"{actor} uses {', '.join(step.systems)} ({step.channel})",
                "relationship-type": {"interacts": {"actor": actor, "nodes": list(step.systems)}},
                "metadata": {vocab.CHANNEL_KEY: step.channel},
            }
        return {"relationship-unique-id": self.interacts[key]["unique-id"]}


def calm_json(model: Model) -> bytes:
    """The model as a CALM 1.2 architecture with flows, UTF-8 JSON.

    >>> import json, silomap
    >>> arch = json.loads(calm_json(silomap.load("models/telecom")))
    >>> arch["$schema"], len(arch["flows"]), arch["flows"][0]["transitions"][0]["sequence-number"]
    ('https://calm.finos.org/release/1.2/meta/calm.json', 6, 1)
    """
    ids = _Ids()
    nodes, actors = _nodes(model, ids)
    asset_nodes, holds = _assets(model, ids)
    links, by_source = _integrations(model, ids)
    flows = _Flows(model, ids, actors, by_source)
    written = [f for f in (flows.flow(j) for j in model.journeys) if f is not None]
    arch: dict[str, Any] = {
        "$schema": vocab.SCHEMA,
        "unique-id": ids.take(
            re.sub(r"[^A-Za-z0-9]+", "-", model.name).strip("-").lower() or "model", "model"
        ),
        "name": model.name,
        "description": model.description or model.name,
        "nodes": nodes + asset_nodes,
        "relationships": links + holds + list(flows.interacts.values()),
        "flows": written,
    }
    if flows.skipped:
        arch["metadata"] = {"silomap-not-exported": flows.skipped}
    return (json.dumps(arch, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
