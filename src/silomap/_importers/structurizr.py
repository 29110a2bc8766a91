"""Import a Structurizr workspace (JSON).

- software systems and their containers -> systems (a container is named
  "System: Container"); the kind from a ``kind`` property, else a tag or the
  technology naming a known kind (``CRM``, ``Web Browser``, ``Mobile App``), else
  none (``other``); ``location: External``, an ``External`` tag or an ``external``
  property -> ``external`` (a container of an external system is external too);
- relationships between systems or containers -> integrations, carrying an
  entity named after the relationship's description;
- people -> teams (location Internal) or the customer (External);
  relationships from people are how they use systems: reported, not imported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem
from .._model import shown
from .._text import plural, safe_text
from .builder import Builder, Ref
from .kinds import KindLog, known_kind, quoted, truth
from .safe_xml import check_size, parse_xml
from .sniff import describe_xml

__all__ = ["import_structurizr"]

PLACEHOLDER = "unspecified data"  # the entity of a relationship with no description
_UNNAMED = "placeholder:" + PLACEHOLDER


def import_structurizr(path: Path, data: bytes) -> Builder:
    """Map a Structurizr workspace to a silomap model.

    >>> from pathlib import Path
    >>> p = Path("tests/data/structurizr/BigBank.workspace.json")
    >>> b = import_structurizr(p, p.read_bytes())
    >>> len(b.items["systems"]), len(b.items["teams"]), len(b.integrations)
    (9, 2, 9)
    """
    check_size(path, data)
    if not data.lstrip().startswith(b"{") and re.search(rb"(?m)^\s*workspace\b", data[:65536]):
        message = (
            "this is the Structurizr DSL, which silomap does not read; export the workspace as JSON "
            "(structurizr-cli export -workspace FILE -format json) and import that"
        )
        raise ModelError([Problem(shown(path), 1, 1, "SM062", message)])
    workspace, model = _workspace(path, data)
    b = Builder(str(workspace.get("name") or path.stem), f"{path.name} (Structurizr)")
    elements = _elements(b, model)
    _relationships(b, elements)
    b.assumed.append("integrations are realtime, and no system holds the entities: add holds where known")
    b.dropped.append("no journeys or questions: Structurizr has none")
    return b


MAX_DEPTH = 100  # a Structurizr workspace nests about 8 deep
MAX_DIGITS = 30  # longer numbers are no ids or sizes: refuse them before Python parses them


class _HugeNumber(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _number(text: str) -> int | float:
    if len(text) > MAX_DIGITS:
        raise _HugeNumber(text)
    return float(text) if any(c in text for c in ".eE") else int(text)


def _place(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    return line, index - (data.rfind(b"\n", 0, index) + 1) + 1


def _too_deep(data: bytes) -> int | None:
    """Where JSON nesting first passes ``MAX_DEPTH`` (strings skipped), or ``None``."""
    depth, in_string, escaped = 0, False, False
    for index, byte in enumerate(data):
        if in_string:
            escaped, in_string = (not escaped and byte == 0x5C), in_string and (escaped or byte != 0x22)
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                return index
        elif byte in b"]}":
            depth -= 1
    return None


def _workspace(path: Path, data: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    def fail(index: int, message: str) -> ModelError:
        line, col = _place(data, index)
        return ModelError([Problem(shown(path), line, col, "SM060", message)])

    if data.lstrip()[:1] == b"<":
        raise ModelError([Problem(shown(path), 1, 1, "SM063", _xml_kind(path, data))])
    try:
        workspace = json.loads(data.decode("utf-8"), parse_int=_number, parse_float=_number)
    except RecursionError:  # found where, only now: scanning every file would cost seconds
        where = _too_deep(data) or 0
        raise fail(
            where, f"JSON nested deeper than {MAX_DEPTH} levels; a Structurizr workspace needs about 8"
        ) from None
    except _HugeNumber as exc:
        raise fail(
            max(data.find(exc.text.encode()), 0), f"number with {len(exc.text):,} digits; not a workspace"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        message = f"not a Structurizr JSON workspace: {safe_text(str(exc))[:200]}"
        raise ModelError([Problem(shown(path), line, col, "SM060", message)]) from None
    model = workspace.get("model") if isinstance(workspace, dict) else None
    if not isinstance(model, dict):
        raise ModelError(
            [Problem(shown(path), 1, 1, "SM060", "no 'model' object: not a Structurizr workspace")]
        )
    return workspace, model


def _xml_kind(path: Path, data: bytes) -> str:
    try:
        what = describe_xml(parse_xml(path, data))
    except ModelError:
        what = "XML"
    return f"this is {what}, not a Structurizr JSON workspace" + (
        "; use silomap import archimate"
        if "ArchiMate" in what or "Archi " in what
        else "; use silomap import bpmn"
        if "BPMN" in what
        else ""
    )


def _elements(b: Builder, model: dict[str, Any]) -> list[dict[str, Any]]:
    """People and software systems with their containers; every element, for its relationships."""
    elements: list[dict[str, Any]] = []
    customers: list[str] = []
    for person in _list(model, "people"):
        elements.append(person)
        if person.get("location") == "External":
            customers.append(str(person.get("name", "")))
        else:
            b.add("teams", str(person["id"]), str(person.get("name", "")))
    log, other_tags = KindLog(), set[str]()
    for system in _list(model, "softwareSystems"):
        elements.append(system)
        name = str(system.get("name", ""))
        fields = _system_fields(log, system, name, system.get("location") == "External", other_tags)
        b.add("systems", str(system["id"]), name, **fields)
        for container in _list(system, "containers"):
            elements.append(container)
            part = f"{name}: {container.get('name', '')}"
            inner = _system_fields(log, container, part, bool(fields["external"]), other_tags)
            b.add("systems", str(container["id"]), part, **inner)
    b.mapped.append(f"{len(b.items['systems'])} software systems and containers -> systems")
    b.mapped.append(f"{len(b.items['teams'])} internal people -> teams")
    if other_tags:
        no_kind = ", ".join(quoted(t) for t in sorted(other_tags))
        log.notes.append(f"tags that name no system kind, so not read as kinds: {no_kind}")
    log.write(b, "no kind property, and no tag or technology naming a known kind")
    if customers:
        b.mapped.append("external people -> the customer: " + ", ".join(customers))
    return elements


# Structurizr's own tags, and those that say external: none says what a system is
_NOT_KINDS = frozenset(
    {"element", "person", "software system", "container", "component", "external", "external system"}
)


def _system_fields(
    log: KindLog, element: dict[str, Any], name: str, external: bool, other_tags: set[str]
) -> dict[str, Any]:
    """A software system's or container's kind and ``external``, as the element states them."""
    tags = [t.strip() for t in str(element.get("tags") or "").split(",") if t.strip()]
    found = element.get("properties")
    props: dict[str, Any] = found if isinstance(found, dict) else {}
    external = external or any(t.lower() in ("external", "external system") for t in tags)
    stated = truth(props.get("external"))
    external = external if stated is None else stated
    kind, source = None, ""
    if isinstance(props.get("kind"), str) and props["kind"].strip():
        kind, source = log.explicit(name, props["kind"], "kind property"), "kind property"
    else:
        named = {t: k for t in tags if (k := known_kind(t)) is not None}
        other_tags.update(t for t in tags if t not in named and t.lower() not in _NOT_KINDS)
        technology = element.get("technology")
        if len(set(named.values())) > 1:
            both = ", ".join(quoted(t) for t in named)
            log.notes.append(f"{quoted(name)}: its tags name different kinds ({both}), so 'other'")
        elif named:
            tag, kind = next(iter(named.items()))
            source = f"tag '{shown(tag)}'"
        elif isinstance(technology, str) and (kind := known_kind(technology)) is not None:
            source = f"technology '{shown(technology)}'"
    return {"kind": log.decide(name, kind, source, external), "external": external or None}


def _relationships(b: Builder, elements: list[dict[str, Any]]) -> None:
    seen: set[tuple[str, str, str]] = set()
    from_people = 0
    for element in elements:
        for rel in _list(element, "relationships"):
            source, target = str(rel.get("sourceId", "")), str(rel.get("destinationId", ""))
            if not (b.has("systems", source) and b.has("systems", target)):
                from_people += 1
                continue
            what = str(rel.get("description") or "").strip()
            if source == target or (source, target, what) in seen:
                continue
            seen.add((source, target, what))
            entity = b.entity_named(what) if what else b.entity_named(PLACEHOLDER, "placeholder:")
            b.integrations.append(
                {
                    "from": Ref("systems", source),
                    "to": Ref("systems", target),
                    "carries": [Ref("entities", entity)],
                    "source_id": str(rel.get("id", "")),
                }
            )
    b.mapped.append(f"{len(b.integrations)} relationships between systems and containers -> integrations")
    _say_carried(b)
    if from_people:
        b.dropped.append(f"{from_people} relationships from or to people (how they use systems)")


def _say_carried(b: Builder) -> None:
    """Say what the integrations carry: the relationships' descriptions, and count those with none."""
    unnamed = sum(1 for link in b.integrations if link["carries"] == [Ref("entities", _UNNAMED)])
    if len(b.integrations) > unnamed:
        b.assumed.append(
            f"{len(b.integrations) - unnamed} of {plural(len(b.integrations), 'integration')} carry an "
            "entity named after the relationship's description (Structurizr names no data); rename "
            "them to the data they carry"
        )
    if unnamed:
        b.assumed.append(
            f"{unnamed} of {plural(len(b.integrations), 'integration')} carry the placeholder entity "
            f"'{PLACEHOLDER}': the relationship has no description; name the data they carry"
        )


def _list(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    return [v for v in value if isinstance(v, dict) and "id" in v] if isinstance(value, list) else []
