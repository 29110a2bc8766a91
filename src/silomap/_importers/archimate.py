"""Import ArchiMate: the Open Group exchange format (.xml) and Archi's own format (.archimate).

Both are read into one neutral form (elements and relationships), then mapped:

- application components -> systems;
- flow, serving and triggering relationships between two components -> integrations,
  carrying the data or business object named like the relationship, an entity
  named after the relationship, or (unlabelled) a placeholder entity;
- business actors and roles -> teams (one named "Customer" is the customer);
- data and business objects -> entities, held by the components that access them;
- business processes linked by triggering -> the steps of a journey (see
  :mod:`.archimate_journeys`).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from .._model.schema import LIFECYCLES, MODES, SYSTEM_KINDS
from .archimate_journeys import Elements, add_journeys
from .archimate_read import ENTITY_TYPES, LINK_TYPES, TEAM_TYPES, Props, Rel, read_archimate
from .builder import Builder, Ref

__all__ = ["import_archimate"]


def import_archimate(path: Path, data: bytes) -> Builder:
    """Map an ArchiMate model to a silomap model.

    >>> from pathlib import Path
    >>> p = Path("tests/data/archimate/archi_Archisurance_OEF.xml")
    >>> b = import_archimate(p, p.read_bytes())
    >>> len(b.items["systems"]), len(b.integrations)
    (10, 7)
    """
    name, elements, rels, dropped, props = read_archimate(path, data)
    b = Builder(name, f"{path.name} (ArchiMate)")
    b.dropped.extend(dropped)
    customer = {
        key for key, (kind, label) in elements.items() if kind in TEAM_TYPES and label.lower() == "customer"
    }
    _elements(b, elements, rels, customer, props)
    _integrations(b, rels, {key: kind for key, (kind, _) in elements.items()})
    add_journeys(b, Elements(elements, rels, customer, props))
    kinds = sorted({kind for kind, _ in elements.values()} - {"ApplicationComponent", "BusinessProcess",
                   "BusinessInterface", "ApplicationService", *TEAM_TYPES, *ENTITY_TYPES})  # fmt: skip
    if kinds:
        b.dropped.append("elements of other types: " + ", ".join(kinds))
    return b


def _system_fields(b: Builder, found: dict[str, str]) -> dict[str, Any]:
    """A system's kind, lifecycle and owner, from the properties a silomap export writes."""
    owner = found.get("owner", "")
    return {
        "kind": found.get("kind") if found.get("kind") in SYSTEM_KINDS else None,
        "lifecycle": found.get("lifecycle") if found.get("lifecycle") in LIFECYCLES else None,
        "owner": Ref("teams", owner) if owner and b.has("teams", owner) else None,
    }


def _elements(b: Builder, elements: dict[str, tuple[str, str]], rels: list[Rel], customer: set[str],
              props: Props) -> None:  # fmt: skip
    """Teams, entities, and systems with the entities they access."""
    kind_of = {key: kind for key, (kind, _) in elements.items()}
    named = {key: label for key, (_, label) in elements.items()}
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
            b.add("systems", key, label, holds=[Ref("entities", e) for e in holds.get(key, [])],
                  **_system_fields(b, props.get(key, {})))  # fmt: skip
    b.mapped.append(f"{len(b.items['systems'])} application components -> systems")
    b.mapped.append(f"{len(b.items['teams'])} business actors and roles -> teams")
    b.mapped.append(f"{len(b.items['entities'])} data and business objects -> entities")
    if customer:
        b.mapped.append(f"role or actor '{named[sorted(customer)[0]]}' -> the customer (actor: customer)")
    unheld = [named[i.key] for i in b.items["entities"] if not any(i.key in h for h in holds.values())]
    if unheld:
        b.assumed.append(f"{len(unheld)} entities are held by no system (no component accesses them): "
                         + ", ".join(sorted(unheld)[:10]))  # fmt: skip


def _integrations(b: Builder, rels: list[Rel], kind_of: dict[str, str]) -> None:
    """Flow, serving and triggering relationships between two components; those between the same two
    components in the same mode make one integration carrying each relationship's data."""
    placeholder, used = False, 0
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
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
        mode = r.mode if r.mode in MODES else "realtime"
        used += 1
        link = merged.get((r.source, r.target, mode))
        if link is None:
            link = merged[(r.source, r.target, mode)] = {
                "from": Ref("systems", r.source), "to": Ref("systems", r.target), "carries": [],
                "mode": mode, "source_id": r.key}  # fmt: skip
            b.integrations.append(link)
        if Ref("entities", entity) not in link["carries"]:
            link["carries"].append(Ref("entities", entity))
    merges = f" ({used} relationships)" if used != len(b.integrations) else ""
    b.mapped.append(f"{len(b.integrations)} flow, serving and triggering relationships between components "
                    f"-> integrations{merges}")  # fmt: skip
    if placeholder:
        b.assumed.append("unlabelled component-to-component relationships carry the placeholder entity "
                         "'unspecified data'; name the data they carry")  # fmt: skip
    # those that reach a business process or event give journeys (their steps' order, systems, channels)
    journeys = {"BusinessProcess", "BusinessEvent"}
    linking = [r for r in rels if r.kind in LINK_TYPES]
    other = sum(1 for r in linking if not {kind_of.get(r.source), kind_of.get(r.target)} & journeys) - used
    if other:
        b.dropped.append(f"{other} flow, serving and triggering relationships neither between two components "
                         "nor part of a journey")  # fmt: skip
