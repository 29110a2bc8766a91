"""Import a FINOS CALM architecture (JSON): nodes, relationships and business flows.

- nodes -> systems, but for ``actor``, ``network``, ``data-asset`` and ``ecosystem`` nodes and the
  containers of ``composed-of`` and ``deployed-in`` (each a group: a tag on its parts); the kind
  from the node type where silomap has one (``webclient`` -> web, a node type naming a known kind),
  else ``other``, counted;
- actors -> the customer (unique-id ``customer``, or an actor interacting with a ``webclient``), else
  teams; the customer's ``interacts`` give the systems it uses their channel (web, mobile);
- data-assets -> entities, held by the systems that connect to them;
- ``connects`` between systems -> integrations (description and protocol kept), carrying the
  data-assets their description names, else the placeholder ``unspecified data``; a ``connects``
  into a network node and one out of it join into one integration through it;
- flows -> journeys: one step per transition, in ``sequence-number`` order, a request and its
  reply on one relationship two steps;
- controls, metadata, interfaces and details -> ``x-calm-`` fields; the architecture's own
  controls and metadata, and what CALM cannot say (teams, captures, volumes), are in the report.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .._config import Limits, mib
from .._errors import ModelError
from .._formats import calm as vocab
from .._model import CHANNELS
from .._text import plural, quote_value, slug
from .builder import Builder, Raw, Ref, Scoped
from .calm_read import Calm, Rel, read_calm
from .kinds import KindLog, listed, quoted

__all__ = ["import_calm"]

PLACEHOLDER = "unspecified data"
# the fewest bytes of YAML an integration joined through a network takes: '- from: a', '  to: b',
# '  carries:', '  - c', '  source_id: a + b', '  x-calm-via: n', each with its line break
JOINED_BYTES = 10 + 8 + 11 + 6 + 19 + 16
_UNNAMED = "placeholder:" + PLACEHOLDER
X = vocab.X
_KEPT = (("controls", X.CONTROLS), ("metadata", X.METADATA))


def import_calm(path: Path, data: bytes) -> Builder:
    """Map a CALM architecture to a silomap model.

    >>> from pathlib import Path
    >>> p = Path("tests/data/calm/conference-signup-with-flow.arch.json")
    >>> b = import_calm(p, p.read_bytes())
    >>> len(b.items["systems"]), len(b.integrations), len(b.journeys), len(b.journeys[0]["steps"])
    (3, 2, 1, 3)
    """
    calm = read_calm(path, data)
    top = calm.top
    name = top.get("name") if isinstance(top.get("name"), str) and top["name"].strip() else path.stem
    b = Builder(str(name), f"{path.name} (CALM)", where=calm.place)
    roles = _Roles(calm)
    _systems(b, calm, roles)
    _actors(b, calm, roles)
    _links(b, calm, roles)
    _journeys(b, calm, roles)
    _report(b, calm, roles)
    return b


class _Roles:
    """What each node becomes: a system, a group, the customer, a team, an entity or nothing."""

    def __init__(self, calm: Calm) -> None:
        self.calm = calm
        self.groups: dict[str, list[str]] = {}  # container -> the nodes in it
        for rel in calm.rels.values():
            if rel.kind in ("composed-of", "deployed-in"):
                self.groups.setdefault(rel.ends[0], []).extend(rel.ends[1:])
        types = {key: str(node["node-type"]) for key, node in calm.nodes.items()}
        self.type = types
        self.systems = [k for k, t in types.items() if t not in vocab.NOT_SYSTEMS and k not in self.groups]
        self._systems = set(self.systems)
        self.assets = [k for k, t in types.items() if t == "data-asset"]
        webclients = {k for k, t in types.items() if t == "webclient"}
        uses = [r for r in calm.rels.values() if r.kind == "interacts"]
        actors = [k for k, t in types.items() if t == "actor"]
        # in file order, so that the report is the same every time
        if vocab.CUSTOMER in actors:
            self.customers = [vocab.CUSTOMER]
        else:  # a web front end is how a customer reaches an architecture
            self.customers = [
                k for k in actors if any(r.ends[0] == k and webclients & set(r.ends[1:]) for r in uses)
            ]
        self.teams = [k for k, t in types.items() if t == "actor" and k not in self.customers]
        self.actor_of = {r.id: r.ends[0] for r in uses}
        self.no_actor: list[str] = []  # flows with no interacts transition, for the report
        self.kind: dict[str, str] = {}  # each system's kind, once decided
        self.unjoined: list[str] = []  # connects that join no two systems, for the report

    def actor(self, node: str) -> Any:
        """A step's actor: the customer or the team of an actor node."""
        return "customer" if node in self.customers else Ref("teams", node)

    def is_system(self, node: str) -> bool:
        """Whether a node is a system."""
        return node in self._systems


def _kept(node: dict[str, Any], *pairs: tuple[str, str]) -> dict[str, Any]:
    """The ``x-calm-`` fields of what silomap has no field for, as the file writes them."""
    return {x: Raw(node[key]) for key, x in pairs if node.get(key) not in (None, [], {})}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _systems(b: Builder, calm: Calm, roles: _Roles) -> None:
    log = KindLog()
    tags: dict[str, list[str]] = {}
    for container, parts in roles.groups.items():
        for part in parts:
            tags.setdefault(part, []).append(container)
    for key in roles.systems:
        node = calm.nodes[key]
        node_type = roles.type[key]
        source = f"node-type '{quoted(node_type)}'"
        if node_type in vocab.NODE_TYPES:
            kind = vocab.KIND_OF_TYPE.get(node_type)
        else:  # the author's own node type: the kind, as they say it
            kind = log.explicit(str(node["name"]), node_type, "node-type")
        decided = log.decide(str(node["name"]), kind, source)
        roles.kind[key] = decided or "other"
        fields = {
            "id": key,
            "kind": decided,
            "description": _text(node.get("description")),
            "tags": [slug(group, "group") for group in tags.get(key, [])],
            X.NODE_TYPE: Raw(node_type),
        }
        more = (("interfaces", X.INTERFACES), ("details", X.DETAILS), *_KEPT)
        b.add("systems", key, str(node["name"]), **fields, **_kept(node, *more))
    log.write(b, "a node type naming none of silomap's kinds")


def _actors(b: Builder, calm: Calm, roles: _Roles) -> None:
    for key in roles.teams:
        node = calm.nodes[key]
        b.add("teams", key, str(node["name"]), id=key, description=_text(node.get("description")))
    for key in roles.assets:
        node = calm.nodes[key]
        about = _text(node.get("description"))
        b.add("entities", f"asset:{key}", str(node["name"]), id=key, source_id=key, description=about)


def _links(b: Builder, calm: Calm, roles: _Roles) -> None:
    """Integrations from ``connects``; data-assets held; the customer's channels."""
    holds: dict[str, list[str]] = {}
    via: dict[str, tuple[list[Rel], list[Rel]]] = {}
    for rel in (r for r in calm.rels.values() if r.kind == "connects"):
        source, target = rel.ends
        for system, asset in ((source, target), (target, source)):
            if roles.is_system(system) and roles.type.get(asset) == "data-asset":
                holds.setdefault(system, []).append(f"asset:{asset}")
        if roles.is_system(source) and roles.is_system(target) and source != target:
            b.integrations.append(_integration(b, calm, rel, source, target, roles))
        elif not {"data-asset", "network"} & {roles.type[source], roles.type[target]}:
            roles.unjoined.append(rel.id)  # to an actor or an ecosystem, or a node to itself
        for end, side in ((target, 0), (source, 1)):
            if roles.type.get(end) == "network":
                via.setdefault(end, ([], []))[side].append(rel)
    _joinable(calm, roles, via)
    for network, (ins, outs) in via.items():
        for into, out in ((i, o) for i in ins for o in outs):
            source, target = into.ends[0], out.ends[1]
            if roles.is_system(source) and roles.is_system(target) and source != target:
                link = _integration(b, calm, into, source, target, roles)
                link |= {"source_id": f"{into.id} + {out.id}", X.VIA: Raw(network)}
                b.integrations.append(link)
    systems = {item.key: item for item in b.items["systems"]}
    for key, item in systems.items():
        item.fields["holds"] = [Ref("entities", e) for e in holds.get(key, [])]
    for rel in calm.rels.values():
        if rel.kind == "interacts" and rel.ends[0] in roles.customers:
            for node in (n for n in rel.ends[1:] if n in systems):
                channel = _channel(calm, rel, [node], roles)
                if channel != "internal":
                    systems[node].fields["channels"] = sorted(
                        {*systems[node].fields.get("channels", []), channel}
                    )


def _joinable(calm: Calm, roles: _Roles, via: dict[str, tuple[list[Rel], list[Rel]]]) -> None:
    """Refuse, before joining them, the connects through networks that would make a model bigger than
    silomap loads: each pair of one in and one out between two systems is an integration, so a
    network of 25,000 connects each way would make 625,000,000 (the file is small: 5 MiB at most).
    Each integration is at least :data:`JOINED_BYTES` of YAML."""
    limit = Limits().total_bytes * 9 // 10  # as the model's files are bounded in all
    for network, (ins, outs) in via.items():
        froms = Counter(r.ends[0] for r in ins if roles.is_system(r.ends[0]))
        tos = Counter(r.ends[1] for r in outs if roles.is_system(r.ends[1]))
        pairs = froms.total() * tos.total() - sum(n * tos[system] for system, n in froms.items())
        if pairs * JOINED_BYTES > limit:
            said = (
                f"network {quote_value(network, 60)} joins {froms.total():,} connects into it with "
                f"{tos.total():,} out of it: {pairs:,} integrations, {JOINED_BYTES} bytes of YAML each at "
                f"least, more than the {mib(Limits().total_bytes)} MiB silomap loads; connect the systems "
                "to one another rather than through the network"
            )
            raise ModelError([calm.doc.problem(calm.at(network), "SM002", said)])


def _integration(b: Builder, calm: Calm, rel: Rel, source: str, target: str, roles: _Roles) -> dict[str, Any]:
    said = _text(rel.raw.get("description"))
    named = [a for a in roles.assets if said and _names(said, a, str(calm.nodes[a]["name"]))]
    carries = [f"asset:{a}" for a in named] or [b.entity_named(PLACEHOLDER, "placeholder:")]
    return {
        "from": Ref("systems", source),
        "to": Ref("systems", target),
        "carries": [Ref("entities", e) for e in carries],
        "description": said,
        "source_id": rel.id,
        X.PROTOCOL: Raw(rel.raw["protocol"]) if _text(rel.raw.get("protocol")) else None,
        **_kept(rel.raw, *_KEPT),
    }


def _names(text: str, *words: str) -> bool:
    """Whether ``text`` names one of ``words`` as a whole word, without regard to case."""
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in words if w)


def _channel(calm: Calm, rel: Rel, nodes: list[str], roles: _Roles) -> str:
    """The channel of steps on an interacts relationship: its metadata's, else from the nodes."""
    meta = rel.raw.get("metadata")
    stated = meta.get(vocab.CHANNEL_KEY) if isinstance(meta, dict) else None
    if isinstance(stated, str) and stated in CHANNELS:
        return stated
    kinds = [roles.kind.get(n, "") for n in nodes]
    return vocab.channel_of(kinds)


def _journeys(b: Builder, calm: Calm, roles: _Roles) -> None:
    for _, flow in calm.flows:
        key = str(flow["unique-id"])
        steps = sorted(flow["transitions"], key=lambda t: t["sequence-number"])
        acting = (roles.actor_of.get(t["relationship-unique-id"]) for t in steps)
        who = next((node for node in acting if node is not None), None)
        if who is None:
            roles.no_actor.append(quoted(str(flow["name"])))
        actor = roles.actor(who) if who is not None else "customer"
        b.journeys.append(
            {
                "id": Scoped("journeys", key, str(flow["name"]), want=key),
                "name": str(flow["name"]),
                "stage": "after-sales",
                "description": _text(flow.get("description")),
                "source_id": key,
                "steps": [_step(b, calm, roles, key, t, actor) for t in steps],
                **_kept(flow, *_KEPT),
            }
        )


def _step(b: Builder, calm: Calm, roles: _Roles, flow: str, t: dict[str, Any], actor: Any) -> dict[str, Any]:
    rel = calm.rels[t["relationship-unique-id"]]
    said = _text(t.get("description")) or rel.id
    direction = t.get("direction")
    if rel.kind == "interacts":
        systems = [n for n in rel.ends[1:] if roles.is_system(n)]
        actor, channel = roles.actor(rel.ends[0]), _channel(calm, rel, list(rel.ends[1:]), roles)
    else:
        ends = list(rel.ends if direction != vocab.DIRECTIONS[1] else reversed(rel.ends))
        systems, channel = [n for n in ends if roles.is_system(n)], "internal"
    return {
        "id": Scoped(f"steps:{flow}", f"{t['sequence-number']}", said),
        "name": said,
        "actor": actor,
        "channel": channel,
        "systems": [Ref("systems", s) for s in dict.fromkeys(systems)],
        X.RELATIONSHIP: Raw(rel.id),
        X.SEQUENCE: Raw(t["sequence-number"]),
        X.DIRECTION: Raw(direction) if direction is not None else None,
    }


def _report(b: Builder, calm: Calm, roles: _Roles) -> None:
    kinds: dict[str, int] = {}
    for rel in calm.rels.values():
        kinds[rel.kind] = kinds.get(rel.kind, 0) + 1
    b.mapped.append(
        f"{plural(len(roles.systems), 'node')} -> systems (each id its unique-id, where that is an id)"
    )
    if roles.customers:
        b.mapped.append(
            "actors -> the customer: " + listed([quoted(str(calm.nodes[k]["name"])) for k in roles.customers])
        )
    if roles.teams:
        b.mapped.append(
            "actors -> teams: " + listed([quoted(str(calm.nodes[k]["name"])) for k in roles.teams])
        )
    if roles.assets:
        b.mapped.append(
            f"{plural(len(roles.assets), 'data-asset')} -> entities, held by the systems connecting to them"
        )
    links = plural(len(b.integrations), "connects relationship")
    b.mapped.append(f"{links} between systems -> integrations (protocol as x-calm-protocol)")
    if roles.groups:
        b.mapped.append("composed-of and deployed-in -> a tag on each part: " + listed(sorted(roles.groups)))
    used = {t["relationship-unique-id"] for _, flow in calm.flows for t in flow["transitions"]}
    idle = [r.id for r in calm.rels.values() if r.kind == "interacts" and r.id not in used]
    if idle := [r for r in idle if calm.rels[r].ends[0] not in roles.customers]:
        b.dropped.append(
            "interacts of teams that no flow takes (a model says who uses a system only at a step): "
            + listed([quoted(r) for r in idle])
        )
    b.mapped.append(
        f"{plural(len(calm.flows), 'flow')} -> journeys, one step per transition in sequence order"
    )
    unnamed = sum(1 for link in b.integrations if link["carries"] == [Ref("entities", _UNNAMED)])
    if unnamed:
        total = plural(len(b.integrations), "integration")
        b.assumed.append(
            f"{unnamed} of {total} carry the placeholder entity '{PLACEHOLDER}': CALM names no data, and "
            "their description names no data-asset; name the data they carry"
        )
    b.assumed.append("integrations are realtime; every journey is 'after-sales' (CALM has no stages)")
    if roles.no_actor:
        b.assumed.append("flows with no interacts transition are the customer's: " + listed(roles.no_actor))
    _dropped(b, calm, roles, kinds)


def _dropped(b: Builder, calm: Calm, roles: _Roles, kinds: dict[str, int]) -> None:
    others = [k for k, t in roles.type.items() if t in ("network", "ecosystem") and k not in roles.groups]
    if others:
        through = "network and ecosystem nodes (a connects through a network joins its ends): "
        b.dropped.append(through + listed([quoted(k) for k in others]))
    if roles.unjoined:
        joined = "connects that join no two systems (to an actor or an ecosystem, or a node to itself): "
        b.dropped.append(joined + listed([quoted(r) for r in roles.unjoined]))
    if kinds.get("options"):
        b.dropped.append(f"{plural(kinds['options'], 'options relationship')} (decisions not taken)")
    kept = [key for key in ("controls", "metadata", "adrs") if calm.top.get(key)]
    if kept:
        b.dropped.append("the architecture's own " + ", ".join(kept) + ": a model has no field for them")
    b.dropped.append(
        "what CALM cannot say: the teams that own systems, data captured at a step, journey volumes, "
        "minutes, questions; add them where known"
    )
