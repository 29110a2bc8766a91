"""ArchiMate's two file formats read into one neutral form: elements, relationships, properties.

The Open Group exchange format (.xml) and Archi's own format (.archimate)
give the same :class:`Rel` list, element table and properties, so the
mapping to a silomap model is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._formats import archimate as vocab
from .._text import plural, safe_text
from .safe_xml import parse_xml
from .sniff import expect_xml

__all__ = [
    "MODEL",
    "ArchiMateFile",
    "Props",
    "Rel",
    "read_archimate",
]

_XSI = f"{{{vocab.XSI}}}type"
MODEL = ""  # the key of the model's own properties and documentation

# id -> {property name: value}
Props = dict[str, dict[str, str]]


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


@dataclass
class ArchiMateFile:
    """A file in the neutral form. ``props`` are the properties named ``silomap <key>`` (by
    ``key``), ``other`` every other property (by its name in lower case); ``written`` the names
    as written (not stripped) and ``docs`` the documentation, by the id of their element,
    relationship, or :data:`MODEL`."""

    name: str
    elements: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (type, name)
    rels: list[Rel] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    props: Props = field(default_factory=dict)
    other: Props = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_archimate(path: Path, data: bytes) -> ArchiMateFile:
    """The file's elements, relationships, properties and texts, and what was dropped."""
    root = parse_xml(path, data)
    expect_xml(path, root, "archimate", "ArchiMate (the exchange format or an Archi model)")
    exchange = _local(root.tag) == "model" and root.get("identifier") is not None
    found, listed = _exchange(path, root) if exchange else _archi(path, root)
    for key, kind, label in listed:
        if key in found.elements:
            first = safe_text(found.elements[key][1])[:60]
            found.dropped.append(
                f"element {safe_text(key)[:80]} ('{safe_text(label)[:60]}'): its identifier is "
                f"taken by '{first}', the first with it, which was kept"
            )
        else:
            found.elements[key] = (kind, label)
    _dangling(found)
    return found


def _dangling(found: ArchiMateFile, shown: int = 10) -> None:
    """Keep the relationships between two elements; list the others, each with the end that names none."""
    ends = [r for r in found.rels if r.source in found.elements and r.target in found.elements]
    if len(ends) == len(found.rels):
        return
    rels = {r.key for r in found.rels}

    def end(side: str, key: str) -> str:
        if not key:
            return f"no {side}"
        return f"{side} {safe_text(key)[:80]}: " + ("a relationship" if key in rels else "no such element")

    listed = []
    for r in (r for r in found.rels if r.source not in found.elements or r.target not in found.elements):
        name = f" '{safe_text(r.name)[:60]}'" if r.name else ""
        sides = (("source", r.source), ("target", r.target))
        what = [end(side, key) for side, key in sides if key not in found.elements]
        listed.append(f"{r.kind.lower()} {safe_text(r.key)[:80]}{name} ({', '.join(what)})")
    more = f" and {len(listed) - shown} more" if len(listed) > shown else ""
    found.dropped.append(
        f"{plural(len(listed), 'relationship')} whose end is not an element of the file: "
        f"{'; '.join(listed[:shown])}{more}"
    )
    found.rels = ends


def _keep(out: ArchiMateFile, key: str, name: str, doc: str | None, props: dict[str, str]) -> None:
    """Keep what an element, relationship or the model says beyond its type and ends."""
    if key in out.written:  # a repeated identifier: the first keeps its texts
        return
    out.written[key] = name
    if doc is not None:
        out.docs[key] = doc
    for label, value in props.items():
        own = vocab.property_key(label)
        if own is not None:
            out.props.setdefault(key, {})[own] = value
        else:
            out.other.setdefault(key, {})[label.strip().lower()] = value


def _exchange(path: Path, root: Any) -> tuple[ArchiMateFile, list[tuple[str, str, str]]]:
    definitions = {d.get("identifier", ""): _child(d, "name") or "" for d in _all(root, "propertyDefinition")}

    def properties(el: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for holder in (c for c in el if _local(c.tag) == "properties"):
            for prop in (p for p in holder if _local(p.tag) == "property"):
                label = definitions.get(prop.get("propertyDefinitionRef", ""), "")
                out.setdefault(label, _child(prop, "value") or "")
        return out

    out, listed = ArchiMateFile((_child(root, "name") or "").strip() or path.stem), []
    _keep(out, MODEL, _child(root, "name") or "", _child(root, "documentation"), properties(root))
    for el in root.iter():
        kind = el.get(_XSI, "")
        key = el.get("identifier", "")
        if _local(el.tag) == "element" and kind:
            listed.append((key, kind, (_child(el, "name") or "").strip()))
        elif _local(el.tag) == "relationship" and kind:
            access = {"Write": "write", "ReadWrite": "write", "Read": "read"}.get(
                el.get("accessType", ""), ""
            )
            if kind == "Access" and not access:
                access = "write"  # the exchange format's default access type
            mode = properties(el).get(vocab.property_name("mode"), "").strip()
            out.rels.append(
                Rel(
                    key,
                    kind,
                    el.get("source", ""),
                    el.get("target", ""),
                    (_child(el, "name") or "").strip(),
                    access,
                    mode,
                )
            )
        else:
            continue
        _keep(out, key, _child(el, "name") or "", _child(el, "documentation"), properties(el))
    return out, listed


def _archi(path: Path, root: Any) -> tuple[ArchiMateFile, list[tuple[str, str, str]]]:
    def properties(el: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for prop in (p for p in el if _local(p.tag) == "property"):
            out.setdefault(prop.get("key", ""), prop.get("value", ""))
        return out

    out, listed = ArchiMateFile(root.get("name") or path.stem), []
    _keep(out, MODEL, root.get("name") or "", _child(root, "purpose"), properties(root))
    for el in root.iter():
        kind = el.get(_XSI, "")
        if not kind.startswith("archimate:") or _local(el.tag) != "element":
            continue
        kind, key, props = kind.removeprefix("archimate:"), el.get("id", ""), properties(el)
        if kind.endswith("Relationship"):
            # Archi: accessType absent = write, 1 = read, 2 = access, 3 = read/write
            access = {"": "write", "0": "write", "1": "read", "3": "write"}.get(el.get("accessType", ""), "")
            out.rels.append(
                Rel(
                    key,
                    kind.removesuffix("Relationship"),
                    el.get("source", ""),
                    el.get("target", ""),
                    el.get("name", ""),
                    access,
                    props.get(vocab.property_name("mode"), "").strip(),
                )
            )
        else:
            listed.append((key, kind, el.get("name", "")))
        _keep(out, key, el.get("name", ""), _child(el, "documentation"), props)
    return out, listed


def _all(root: Any, tag: str) -> list[Any]:
    return [el for el in root.iter() if _local(el.tag) == tag]


def _child(el: Any, child: str) -> str | None:
    """The text of ``el``'s first child named ``child``, as written; ``None`` without one."""
    for sub in el:
        if _local(sub.tag) == child:
            return sub.text or ""
    return None
