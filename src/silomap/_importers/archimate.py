"""Import ArchiMate: the Open Group exchange format (.xml) and Archi's own format (.archimate).

Both are read into one neutral form (elements, relationships, properties), then mapped:

- application components -> systems, with the kind a ``kind`` or ``type`` property states;
- flow, serving and triggering relationships between two components -> integrations,
  carrying the data or business object named like the relationship, an entity
  named after the relationship, or (unnamed) the data objects the components
  access; only where the file says none of these, a placeholder entity (counted);
- business actors and roles -> teams (one named "Customer" is the customer);
- data and business objects -> entities, held by the components that access them;
- business processes linked by triggering -> the steps of a journey (see
  :mod:`.archimate_journeys`).

A file silomap exported reads back as the model it was (:mod:`.archimate_silomap`): its ids,
texts, questions, volumes and every other field, from the ``silomap`` properties.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from .._formats import archimate as vocab
from .._model import MODES
from .._text import plural
from .archimate_journeys import Elements, add_journeys
from .archimate_read import ArchiMateFile, Rel, read_archimate
from .archimate_silomap import Own
from .builder import NAME_MAX, Builder, Ref

__all__ = ["import_archimate"]

PLACEHOLDER = "unspecified data"  # the entity an integration carries when the file names none
_COMPONENT = vocab.WRITTEN_AS["system"]
_MAPPED = {
    _COMPONENT,
    "BusinessProcess",
    "BusinessInterface",
    "ApplicationService",
    *vocab.TEAM_TYPES,
    *vocab.ENTITY_TYPES,
}
_OWN = ("description", "source_id")  # the fields of every team and entity silomap wrote
# a system's own fields but its owner, which names a team of the file
_SYSTEM = (*(f for f in vocab.FIELDS["System"] if f != "owner"), *_OWN)


def import_archimate(path: Path, data: bytes) -> Builder:
    """Map an ArchiMate model to a silomap model.

    >>> from pathlib import Path
    >>> p = Path("tests/data/archimate/archi_Archisurance_OEF.xml")
    >>> b = import_archimate(p, p.read_bytes())
    >>> len(b.items["systems"]), len(b.integrations)
    (10, 7)
    """
    f = read_archimate(path, data)
    b = Builder(f.name, f"{path.name} (ArchiMate)")
    b.dropped.extend(f.dropped)
    own = Own(b, f)
    customer = {
        key
        for key, (kind, label) in f.elements.items()
        if kind in vocab.TEAM_TYPES and _customer(own, key, label)
    }
    _elements(b, own, customer)
    _integrations(b, own)
    questions = own.questions()
    add_journeys(b, Elements(f.elements, f.rels, customer, own, questions))
    own.head()
    kinds = sorted(
        {kind for key, (kind, _) in f.elements.items() if kind not in _MAPPED and key not in questions}
    )
    if kinds:
        b.dropped.append("elements of other types: " + ", ".join(kinds))
    if own.exported:
        b.mapped.insert(
            0,
            "a silomap export: ids, names, questions, volumes and every field silomap wrote as a 'silomap' "
            "property, read back as they were (an export holds the model, not its files: their layout and "
            "comments, or an assessment.yaml beside them, do not travel)",
        )
    return b


def _customer(own: Own, key: str, label: str) -> bool:
    """The customer: the actor silomap wrote as such, or a role or actor of another tool named so."""
    ident = own.id(key)
    return ident == "customer" if ident is not None else label.lower() == "customer"


def _system_fields(b: Builder, own: Own, key: str, teams: dict[str, str]) -> dict[str, Any]:
    """A system's fields: all of them if silomap wrote it; else its kind (and the lifecycle and
    owner an earlier silomap export wrote)."""
    if own.id(key) is not None:
        out = own.fields(key, _SYSTEM)
    else:
        out = {"kind": own.kind(key), "lifecycle": own.value(key, "lifecycle")}
    owner = own.f.props.get(key, {}).get("owner", "").strip()
    team = teams.get(owner, owner)  # a team's silomap id, or (an earlier export) its identifier
    if owner and not b.has("teams", team):
        own.bad(key, vocab.property_name("owner"), owner, "a team of the file")
    out["owner"] = Ref("teams", team) if owner and b.has("teams", team) else None
    return out


def _elements(b: Builder, own: Own, customer: set[str]) -> None:
    """Teams, entities, and systems with the entities they access."""
    f = own.f
    for key, (kind, label) in f.elements.items():
        team = kind in vocab.TEAM_TYPES and key not in customer
        if team or kind in vocab.ENTITY_TYPES:
            fields = own.fields(key, _OWN) if own.id(key) is not None else {}
            b.add("teams" if team else "entities", key, label, **fields)
    holds: dict[str, list[str]] = defaultdict(list)
    for r in f.rels:
        accessed = r.kind == vocab.LINKED_AS["holds"] and f.elements[r.source][0] == _COMPONENT
        if accessed and b.has("entities", r.target) and r.target not in holds[r.source]:
            holds[r.source].append(r.target)
    teams = {own.id(i.key) or "": i.key for i in b.items["teams"] if own.id(i.key)}
    for key, (kind, label) in f.elements.items():
        if kind == _COMPONENT:
            b.add(
                "systems",
                key,
                label,
                holds=[Ref("entities", e) for e in holds.get(key, [])],
                **_system_fields(b, own, key, teams),
            )
    b.mapped.append(f"{len(b.items['systems'])} application components -> systems")
    b.mapped.append(f"{len(b.items['teams'])} business actors and roles -> teams")
    b.mapped.append(f"{len(b.items['entities'])} data and business objects -> entities")
    if customer:
        b.mapped.append(
            f"role or actor '{f.elements[sorted(customer)[0]][1]}' -> the customer (actor: customer)"
        )
    _kinds(b)
    held = {entity for entities in holds.values() for entity in entities}
    unheld = [i.name for i in b.items["entities"] if own.id(i.key) is None and i.key not in held]
    if unheld:
        b.assumed.append(
            f"{plural(len(unheld), 'entity', 'entities')} {'is' if len(unheld) == 1 else 'are'} held by no "
            "system (no component accesses them): " + ", ".join(sorted(unheld)[:10])
        )


def _kinds(b: Builder) -> None:
    """Say where the systems' kinds come from, and which systems the file gives none."""
    stated = [i for i in b.items["systems"] if i.fields.get("kind") is not None]
    if stated:
        kinds = sorted({str(i.fields["kind"]) for i in stated})
        b.mapped.append(
            f"{plural(len(stated), 'system')} with the kind the file states (a 'silomap kind', "
            f"'kind' or 'type' property): {', '.join(kinds)}"
        )
    unstated = len(b.items["systems"]) - len(stated)
    if unstated:
        b.assumed.append(
            f"{plural(unstated, 'system')} of kind 'other': the file does not say what "
            f"{'it is' if unstated == 1 else 'they are'} (no 'kind' or 'type' property that is an id), and "
            "silomap does not guess from a name; give each its kind (crm, billing..., or your own, such "
            "as meter-data)"
        )


def _own_flow(
    b: Builder, own: Own, r: Rel, links: dict[str, dict[str, Any]], entities: dict[str, str]
) -> None:
    """A flow silomap wrote: the integration its ``silomap integration`` number names, as it was;
    the entity it carries is the one whose silomap id ``silomap carries`` gives (``entities``)."""
    props = own.f.props[r.key]
    link = links.get(props["integration"].strip())
    if link is None:
        link = links[props["integration"].strip()] = {
            "from": Ref("systems", r.source),
            "to": Ref("systems", r.target),
            "carries": [],
            "mode": own.value(r.key, "mode") or "realtime",
            **own.fields(r.key, _OWN, name=None),
        }
        if "name" in props:
            link["name"] = b.keep(props["name"], NAME_MAX)
        b.integrations.append(link)
    carried = Ref("entities", entities.get(props.get("carries", "").strip()) or b.entity_named(r.name))
    if carried not in link["carries"]:
        link["carries"].append(carried)


def _carried(b: Builder, r: Rel, holds: dict[str, list[str]]) -> tuple[list[str], bool]:
    """The entities a relationship between two components carries, and whether the file named
    them: the data or business object of its name (else a new entity of that name); unnamed, the
    objects both components access, else those its source accesses (what it has to give); with
    neither, the placeholder ``unspecified data``."""
    if r.name:
        return [b.entity_named(r.name)], True
    source = holds.get(r.source, [])
    accessed = [e for e in source if e in holds.get(r.target, [])] or source
    if accessed:
        return accessed, True
    return [b.entity_named(PLACEHOLDER, "placeholder:")], False


def _integrations(b: Builder, own: Own) -> None:
    """Flow, serving and triggering relationships between two components; those between the same two
    components in the same mode make one integration carrying each relationship's data."""
    used, by_access = 0, []
    holds = {i.key: [ref.key for ref in i.fields.get("holds", [])] for i in b.items["systems"]}
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    mine: dict[str, dict[str, Any]] = {}  # the integrations silomap wrote, by number
    entities = {own.id(i.key) or "": i.key for i in b.items["entities"]}
    for r in own.f.rels:
        if r.kind not in vocab.LINK_TYPES or not (b.has("systems", r.source) and b.has("systems", r.target)):
            continue
        if r.source == r.target:
            b.dropped.append(f"{r.kind.lower()} {r.key} from a component to itself")
            continue
        used += 1
        if r.kind == vocab.LINKED_AS["integration"] and "integration" in own.f.props.get(r.key, {}):
            _own_flow(b, own, r, mine, entities)
            continue
        carried, named = _carried(b, r, holds)
        if named and not r.name:
            by_access.append(r)
        mode = r.mode if r.mode in MODES else "realtime"
        link = merged.get((r.source, r.target, mode))
        if link is None:
            link = merged[(r.source, r.target, mode)] = {
                "from": Ref("systems", r.source),
                "to": Ref("systems", r.target),
                "carries": [],
                "mode": mode,
                "source_id": r.key,
            }
            b.integrations.append(link)
        for entity in carried:
            if Ref("entities", entity) not in link["carries"]:
                link["carries"].append(Ref("entities", entity))
    merges = f" ({used} relationships)" if used != len(b.integrations) else ""
    b.mapped.append(
        f"{len(b.integrations)} flow, serving and triggering relationships between components "
        f"-> integrations{merges}"
    )
    _say_carried(b, by_access)
    _unmapped_links(b, own.f, used)


def _say_carried(b: Builder, by_access: list[Rel]) -> None:
    """Report the integrations whose data comes from access relationships, and count those that
    carry the placeholder: the file names no data for them."""
    if by_access:
        b.assumed.append(
            f"{plural(len(by_access), 'unnamed relationship')} between components "
            f"({', '.join(sorted(r.key for r in by_access))}) carry the data objects their components "
            "access (both, else the source: what it has to give); check them"
        )
    placeholder = Ref("entities", "placeholder:" + PLACEHOLDER)
    unnamed = sum(1 for link in b.integrations if placeholder in link["carries"])
    if unnamed:
        b.assumed.append(
            f"{unnamed} of {plural(len(b.integrations), 'integration')} carry the placeholder entity "
            f"'{PLACEHOLDER}': the file names no data for them (the relationship has no name and its "
            "components access no data object); name the data they carry"
        )


def _unmapped_links(b: Builder, f: ArchiMateFile, used: int) -> None:
    """Those that reach a business process or event give journeys (their steps' order, systems,
    channels); report the rest."""
    journeys = {"BusinessProcess", "BusinessEvent"}
    kind_of = {key: kind for key, (kind, _) in f.elements.items()}
    linking = [r for r in f.rels if r.kind in vocab.LINK_TYPES]
    other = sum(1 for r in linking if not {kind_of.get(r.source), kind_of.get(r.target)} & journeys) - used
    if other:
        b.dropped.append(
            f"{other} flow, serving and triggering relationships neither between two components "
            "nor part of a journey"
        )
