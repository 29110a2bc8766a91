"""Import ArchiMate: the Open Group exchange format (.xml) and Archi's own format (.archimate).

Both are read into one neutral form (elements and relationships), then mapped:

- application components -> systems;
- flow, serving and triggering relationships between two components -> integrations,
  carrying the data or business object named like the relationship, an entity
  named after the relationship, or (unlabelled) a placeholder entity;
- business actors and roles -> teams (one named "Customer" is the customer);
- data and business objects -> entities, held by the components that access them;
- business processes linked by triggering -> the steps of a journey, in trigger
  order; the actor from assignment, the systems from components (directly or
  through the application services they realize) serving the process, the
  channel from a business interface serving or assigned to it, captures and
  reads from access relationships.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from .builder import Builder, Ref, Scoped
from .safe_xml import parse_xml

__all__ = ["import_archimate"]

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
ENTITY_TYPES = ("DataObject", "BusinessObject", "Contract", "Representation")
TEAM_TYPES = ("BusinessActor", "BusinessRole")
LINK_TYPES = ("Flow", "Serving", "Triggering")
CHANNEL_WORDS = (
    (("phone", "telephone", "call"), "phone"),
    (("e-mail", "email"), "email"),
    (("mail", "post", "letter"), "mail"),
    (("web", "portal", "internet", "online", "site"), "web"),
    (("mobile", "app"), "mobile"),
    (("chat",), "chat"),
    (("branch", "desk", "office", "counter"), "branch"),
    (("ivr",), "ivr"),
    (("social",), "social"),
)


@dataclass(frozen=True)
class _Rel:
    key: str
    kind: str
    source: str
    target: str
    name: str
    access: str  # "write", "read" or "" for relationships other than access


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read(path: Path, data: bytes) -> tuple[str, dict[str, tuple[str, str]], list[_Rel]]:
    root = parse_xml(path, data)
    elements: dict[str, tuple[str, str]] = {}
    rels: list[_Rel] = []
    if _local(root.tag) == "model" and root.get("identifier") is not None:  # the exchange format
        name = _text(root, "name") or path.stem
        for el in root.iter():
            kind = el.get(_XSI, "")
            if _local(el.tag) == "element" and kind:
                elements[el.get("identifier", "")] = (kind, _text(el, "name"))
            elif _local(el.tag) == "relationship" and kind:
                access = {"Write": "write", "ReadWrite": "write", "Read": "read"}.get(
                    el.get("accessType", ""), ""
                )
                if kind == "Access" and not access:
                    access = "write"  # the exchange format's default access type
                rels.append(_Rel(el.get("identifier", ""), kind, el.get("source", ""), el.get("target", ""),
                                 _text(el, "name"), access))  # fmt: skip
        return name, elements, rels
    name = root.get("name") or path.stem  # Archi's own format
    for el in root.iter():
        kind = el.get(_XSI, "")
        if not kind.startswith("archimate:") or _local(el.tag) != "element":
            continue
        kind = kind.removeprefix("archimate:")
        if kind.endswith("Relationship"):
            # Archi: accessType absent = write, 1 = read, 2 = access, 3 = read/write
            access = {"": "write", "0": "write", "1": "read", "3": "write"}.get(el.get("accessType", ""), "")
            rels.append(_Rel(el.get("id", ""), kind.removesuffix("Relationship"), el.get("source", ""),
                             el.get("target", ""), el.get("name", ""), access))  # fmt: skip
        else:
            elements[el.get("id", "")] = (kind, el.get("name", ""))
    return name, elements, rels


def _text(el: Any, child: str) -> str:
    for sub in el:
        if _local(sub.tag) == child:
            return (sub.text or "").strip()
    return ""


def _channel(name: str) -> str | None:
    words = re.findall(r"[a-z-]+", name.lower())
    for keys, channel in CHANNEL_WORDS:
        if any(word in keys or word.replace("-", "") in keys for word in words):
            return channel
    return None


def import_archimate(path: Path, data: bytes) -> Builder:
    """Map an ArchiMate model to a silomap model.

    >>> from pathlib import Path
    >>> p = Path("tests/data/archimate/archi_Archisurance_OEF.xml")
    >>> b = import_archimate(p, p.read_bytes())
    >>> len(b.items["systems"]), len(b.integrations)
    (10, 7)
    """
    name, elements, rels = _read(path, data)
    b = Builder(name, f"{path.name} (ArchiMate)")
    kind_of = {key: kind for key, (kind, _) in elements.items()}
    named = {key: label for key, (_, label) in elements.items()}
    customer = {
        key for key, (kind, label) in elements.items() if kind in TEAM_TYPES and label.lower() == "customer"
    }
    for key, (kind, label) in elements.items():
        if kind in TEAM_TYPES and key not in customer:
            b.add("teams", key, label)
        elif kind in ENTITY_TYPES:
            b.add("entities", key, label)
    holds: dict[str, list[str]] = defaultdict(list)
    for r in rels:
        accessed = r.kind == "Access" and kind_of.get(r.source) == "ApplicationComponent"
        if accessed and b.has("entities", r.target) and r.target not in holds[r.source]:
            holds[r.source].append(r.target)
    for key, (kind, label) in elements.items():
        if kind == "ApplicationComponent":
            b.add("systems", key, label, holds=[Ref("entities", e) for e in holds.get(key, [])])
    b.mapped.append(f"{len(b.items['systems'])} application components -> systems")
    b.mapped.append(f"{len(b.items['teams'])} business actors and roles -> teams")
    b.mapped.append(f"{len(b.items['entities'])} data and business objects -> entities")
    if customer:
        b.mapped.append(f"role or actor '{named[sorted(customer)[0]]}' -> the customer (actor: customer)")
    unheld = [named[i.key] for i in b.items["entities"] if not any(i.key in h for h in holds.values())]
    if unheld:
        b.assumed.append(f"{len(unheld)} entities are held by no system (no component accesses them): "
                         + ", ".join(sorted(unheld)[:10]))  # fmt: skip

    placeholder = False
    for r in rels:
        if r.kind not in LINK_TYPES or not (b.has("systems", r.source) and b.has("systems", r.target)):
            continue
        if r.source == r.target:
            b.dropped.append(f"{r.kind.lower()} {r.key} from a component to itself")
            continue
        if r.name:
            entity = b.entity_named(r.name)
        else:
            entity, placeholder = b.entity_named("unspecified data", "placeholder:"), True
        b.integrations.append({
            "from": Ref("systems", r.source),
            "to": Ref("systems", r.target),
            "carries": [Ref("entities", entity)],
            "mode": "realtime",
            "source_id": r.key,
        })  # fmt: skip
    b.mapped.append(
        f"{len(b.integrations)} flow, serving and triggering relationships between components -> integrations"
    )
    if placeholder:
        b.assumed.append("unlabelled component-to-component relationships carry the placeholder entity "
                         "'unspecified data'; name the data they carry")  # fmt: skip
    other = sum(1 for r in rels if r.kind in LINK_TYPES) - len(b.integrations)
    if other:
        b.dropped.append(f"{other} flow, serving and triggering relationships not between two components")
    _journeys(b, elements, rels, customer)
    kinds = sorted({kind for kind, _ in elements.values()} - {"ApplicationComponent", "BusinessProcess",
                   "BusinessInterface", "ApplicationService", *TEAM_TYPES, *ENTITY_TYPES})  # fmt: skip
    if kinds:
        b.dropped.append("elements of other types: " + ", ".join(kinds))
    return b


def _journeys(b: Builder, elements: dict[str, tuple[str, str]], rels: list[_Rel], customer: set[str]) -> None:
    kind_of = {key: kind for key, (kind, _) in elements.items()}
    processes = [k for k, kind in kind_of.items() if kind == "BusinessProcess"]
    chain: nx.DiGraph[str] = nx.DiGraph()
    for r in rels:
        if r.kind == "Triggering" and kind_of.get(r.source) == kind_of.get(r.target) == "BusinessProcess":
            chain.add_edge(r.source, r.target)
    if not chain:
        b.dropped.append(f"{len(processes)} business processes (none linked by triggering: no journey)")
        return
    order = {key: i for i, key in enumerate(elements)}
    parent: dict[str, str] = {}
    actor: dict[str, str] = {}
    served: dict[str, list[str]] = defaultdict(list)
    realizes: dict[str, list[str]] = defaultdict(list)  # application service -> components
    interface: dict[str, str] = {}
    access: dict[str, list[tuple[str, str]]] = defaultdict(list)
    event: dict[str, str] = {}
    for r in rels:
        src, dst = kind_of.get(r.source), kind_of.get(r.target)
        if r.kind in ("Composition", "Aggregation") and src == dst == "BusinessProcess":
            parent[r.target] = r.source
        elif r.kind == "Assignment" and src in TEAM_TYPES and dst == "BusinessProcess":
            actor.setdefault(r.target, "customer" if r.source in customer else r.source)
        elif r.kind == "Realization" and src == "ApplicationComponent" and dst == "ApplicationService":
            realizes[r.target].append(r.source)
        elif (
            r.kind == "Serving"
            and dst == "BusinessProcess"
            and src in ("ApplicationComponent", "ApplicationService")
        ):
            served[r.target].append(r.source)
        elif r.kind in ("Serving", "Assignment") and src == "BusinessInterface":
            interface.setdefault(r.target, r.source)
        elif r.kind == "Access" and src == "BusinessProcess" and b.has("entities", r.target):
            if (r.target, r.access) not in access[r.source]:
                access[r.source].append((r.target, r.access))
        elif r.kind == "Triggering" and src == "BusinessEvent" and dst == "BusinessProcess":
            event.setdefault(r.target, r.source)
    unassigned = False
    internal = bare = 0
    for component in sorted(nx.weakly_connected_components(chain), key=lambda c: min(order[k] for k in c)):
        steps_keys = list(
            nx.lexicographical_topological_sort(chain.subgraph(component), key=lambda k: order[k])
        )
        parents = {parent.get(k) for k in steps_keys}
        head = parents.pop() if len(parents) == 1 and None not in parents else None
        trigger = event.get(steps_keys[0])
        # named after the process containing the chain, else the event starting it, else its first step
        title = elements[head][1] if head else elements[trigger][1] if trigger else elements[steps_keys[0]][1]
        steps = []
        for key in steps_keys:
            who = actor.get(key) or (actor.get(head) if head else None)
            if who is None:
                unassigned = True
                b.add("teams", "unassigned", "Unassigned")
                who = "unassigned"
            systems: list[str] = []
            for server in served.get(key, []):
                for component_key in (
                    [server] if kind_of[server] == "ApplicationComponent" else realizes[server]
                ):
                    if component_key not in systems:
                        systems.append(component_key)
            bare += not systems
            via = interface.get(key) or interface.get(who, "")
            channel = _channel(elements[via][1]) if via else None
            internal += channel is None
            steps.append({
                "id": Scoped(f"steps:{head or steps_keys[0]}", key, elements[key][1]),
                "name": elements[key][1],
                "actor": Ref("teams", who) if who != "customer" else "customer",
                "channel": channel or "internal",
                "systems": [Ref("systems", s) for s in systems],
                "captures": [Ref("entities", e) for e, how in access[key] if how == "write"],
                "reads": [Ref("entities", e) for e, how in access[key] if how == "read"],
                "source_id": key,
            })  # fmt: skip
        first = head or steps_keys[0]
        b.journeys.append({"id": Scoped("journeys", first, title), "name": title, "stage": "after-sales",
                           "source_id": first, "steps": steps})  # fmt: skip
    b.mapped.append(f"{chain.number_of_nodes()} business processes linked by triggering -> steps of "
                    f"{len(b.journeys)} journey(s)")  # fmt: skip
    b.assumed.append("journeys are in the after-sales stage; change 'stage' where they are not")
    if internal:
        b.assumed.append(f"{internal} steps have no business interface: channel 'internal'")
    if bare:
        b.assumed.append(f"{bare} steps are served by no application component or service: no systems")
    if unassigned:
        b.assumed.append("steps with no assigned actor or role are done by the team 'unassigned'")
