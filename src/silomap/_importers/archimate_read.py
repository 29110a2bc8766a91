"""ArchiMate's two file formats read into one neutral form: elements and relationships.

The Open Group exchange format (.xml) and Archi's own format (.archimate)
give the same :class:`Rel` list and element table, so the mapping to a
silomap model is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._text import safe_text
from .safe_xml import parse_xml
from .sniff import expect_xml

__all__ = ["ENTITY_TYPES", "LINK_TYPES", "TEAM_TYPES", "Props", "Rel", "read_archimate"]

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
ENTITY_TYPES = ("DataObject", "BusinessObject", "Contract", "Representation")
TEAM_TYPES = ("BusinessActor", "BusinessRole")
LINK_TYPES = ("Flow", "Serving", "Triggering")


@dataclass(frozen=True)
class Rel:
    """One relationship: its id, type without the namespace, ends, name and access."""

    key: str
    kind: str
    source: str
    target: str
    name: str
    access: str  # "write", "read" or "" for relationships other than access
    mode: str = ""  # the "silomap mode" property a silomap export writes on flows


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


Props = dict[str, dict[str, str]]


def read_archimate(
    path: Path, data: bytes
) -> tuple[str, dict[str, tuple[str, str]], list[Rel], list[str], Props]:
    """The model's name, its elements (id -> (type, name)), its relationships, what was dropped,
    and the properties silomap's own export writes (id -> {"kind": ..., "owner": ...})."""
    name, found, rels, props = _read(path, data)
    elements: dict[str, tuple[str, str]] = {}
    dropped: list[str] = []
    for key, kind, label in found:
        if key in elements:
            first = safe_text(elements[key][1])[:60]
            dropped.append(f"element {safe_text(key)[:80]} ('{safe_text(label)[:60]}'): its identifier is "
                           f"taken by '{first}', the first with it, which was kept")  # fmt: skip
        else:
            elements[key] = (kind, label)
    ends = [r for r in rels if r.source in elements and r.target in elements]
    if len(ends) < len(rels):
        dropped.append(f"{len(rels) - len(ends)} relationships whose source or target is not an element "
                       "(missing, or another relationship)")  # fmt: skip
    return name, elements, ends, dropped, props


def _silomap_properties(root: Any) -> Props:
    """The exchange format's properties named "silomap <key>", by the identifier of their owner."""
    names = {
        d.get("identifier", ""): _text(d, "name")
        for d in root.iter()
        if _local(d.tag) == "propertyDefinition"
    }
    out: Props = {}
    for el in root.iter():
        if _local(el.tag) not in ("element", "relationship"):
            continue
        for prop in (p for p in el.iter() if _local(p.tag) == "property"):
            label = names.get(prop.get("propertyDefinitionRef", ""), "")
            if label.startswith("silomap "):
                out.setdefault(el.get("identifier", ""), {})[label.removeprefix("silomap ")] = _text(
                    prop, "value"
                )
    return out


def _read(path: Path, data: bytes) -> tuple[str, list[tuple[str, str, str]], list[Rel], Props]:
    root = parse_xml(path, data)
    expect_xml(path, root, "archimate", "ArchiMate (the exchange format or an Archi model)")
    elements: list[tuple[str, str, str]] = []
    rels: list[Rel] = []
    if _local(root.tag) == "model" and root.get("identifier") is not None:  # the exchange format
        name = _text(root, "name") or path.stem
        props = _silomap_properties(root)
        for el in root.iter():
            kind = el.get(_XSI, "")
            if _local(el.tag) == "element" and kind:
                elements.append((el.get("identifier", ""), kind, _text(el, "name")))
            elif _local(el.tag) == "relationship" and kind:
                access = {"Write": "write", "ReadWrite": "write", "Read": "read"}.get(
                    el.get("accessType", ""), ""
                )
                if kind == "Access" and not access:
                    access = "write"  # the exchange format's default access type
                key = el.get("identifier", "")
                rels.append(Rel(key, kind, el.get("source", ""), el.get("target", ""), _text(el, "name"),
                                access, props.get(key, {}).get("mode", "")))  # fmt: skip
        return name, elements, rels, props
    name = root.get("name") or path.stem  # Archi's own format
    for el in root.iter():
        kind = el.get(_XSI, "")
        if not kind.startswith("archimate:") or _local(el.tag) != "element":
            continue
        kind = kind.removeprefix("archimate:")
        if kind.endswith("Relationship"):
            # Archi: accessType absent = write, 1 = read, 2 = access, 3 = read/write
            access = {"": "write", "0": "write", "1": "read", "3": "write"}.get(el.get("accessType", ""), "")
            rels.append(Rel(el.get("id", ""), kind.removesuffix("Relationship"), el.get("source", ""),
                             el.get("target", ""), el.get("name", ""), access))  # fmt: skip
        else:
            elements.append((el.get("id", ""), kind, el.get("name", "")))
    return name, elements, rels, {}


def _text(el: Any, child: str) -> str:
    for sub in el:
        if _local(sub.tag) == child:
            return (sub.text or "").strip()
    return ""
