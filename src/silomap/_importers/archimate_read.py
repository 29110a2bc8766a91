"""ArchiMate's two file formats read into one neutral form: elements and relationships.

The Open Group exchange format (.xml) and Archi's own format (.archimate)
give the same :class:`Rel` list and element table, so the mapping to a
silomap model is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .safe_xml import parse_xml
from .sniff import expect_xml

__all__ = ["ENTITY_TYPES", "LINK_TYPES", "TEAM_TYPES", "Rel", "read_archimate"]

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


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_archimate(path: Path, data: bytes) -> tuple[str, dict[str, tuple[str, str]], list[Rel]]:
    """The model's name, its elements (id -> (type, name)) and its relationships."""
    root = parse_xml(path, data)
    expect_xml(path, root, "archimate", "ArchiMate (the exchange format or an Archi model)")
    elements: dict[str, tuple[str, str]] = {}
    rels: list[Rel] = []
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
                rels.append(Rel(el.get("identifier", ""), kind, el.get("source", ""), el.get("target", ""),
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
            rels.append(Rel(el.get("id", ""), kind.removesuffix("Relationship"), el.get("source", ""),
                             el.get("target", ""), el.get("name", ""), access))  # fmt: skip
        else:
            elements[el.get("id", "")] = (kind, el.get("name", ""))
    return name, elements, rels


def _text(el: Any, child: str) -> str:
    for sub in el:
        if _local(sub.tag) == child:
            return (sub.text or "").strip()
    return ""
