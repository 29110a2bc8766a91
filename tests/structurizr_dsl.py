"""A reader of the Structurizr DSL for tests: the part of the language silomap writes, with the rules
Structurizr's own parser enforces on it (the Structurizr CLI is Java and in no registry here).

It follows the DSL's rules as its documentation and parser state them: lines are read in order (no
forward references), tokens are separated by whitespace and strings are double-quoted, ``{`` ends
its line and ``}`` stands alone, a line ending in ``\\`` continues, ``//`` and ``#`` start a comment,
``/* ... */`` a comment block; identifiers match ``\\w[a-zA-Z0-9_-]*`` and are unique ignoring case;
people and software systems have unique names; a relationship's ends are defined; a dynamic view's
step needs a relationship between its two ends (either way); view keys are unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

IDENTIFIER = re.compile(r"^\w[a-zA-Z0-9_-]*$")
ELEMENTS = {
    "person",
    "softwaresystem",
    "container",
    "component",
    "group",
    "element",
    "deploymentnode",
    "infrastructurenode",
    "containerinstance",
    "softwaresysteminstance",
}
SUBSTITUTION = re.compile(r"\$\{[a-zA-Z0-9-_.]+?}")


class DslError(ValueError):
    """A line Structurizr would refuse."""


@dataclass
class Workspace:
    name: str = ""
    elements: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)  # id -> (kind, name, rest)
    relationships: list[tuple[str, str, str, str]] = field(default_factory=list)  # (src, dst, desc, tech)
    views: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # key -> dynamic steps
    substitutions: list[str] = field(default_factory=list)


def tokens(line: str, number: int) -> list[str]:
    """A line's tokens; strings without their quotes."""
    out, i = [], 0
    while i < len(line):
        if line[i].isspace():
            i += 1
        elif line[i] == '"':
            end = line.find('"', i + 1)
            if end < 0:
                raise DslError(f"line {number}: a string is not closed")
            out.append(line[i + 1 : end])
            i = end + 1
        else:
            end = i
            while end < len(line) and not line[end].isspace():
                end += 1
            out.append(line[i:end])
            i = end
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    joined, buffer, start, comment = [], "", 0, False
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if comment or stripped.startswith("/*"):
            comment = not stripped.endswith("*/")
            continue
        if not buffer:
            start = number
        if raw.endswith("\\"):
            buffer += raw[:-1]
            continue
        joined.append((start, buffer + (raw.lstrip() if buffer else raw)))
        buffer = ""
    return [(n, line) for n, line in joined if line.strip() and not re.match(r"^\s*(//|#)", line)]


def _view(ws: Workspace, context: list[str], parts: list[str], number: int) -> None:
    """A step of a dynamic view: ``a -> b "description"``, which needs a relationship between a and b
    (either way: a step may answer one)."""
    source, _, target, *rest = parts
    ends = {source.lower(), target.lower()}
    if not any({r[0], r[1]} == ends for r in ws.relationships):
        raise DslError(f"line {number}: a relationship between {source} and {target} does not exist")
    ws.views[context[-1]].append((source.lower(), target.lower(), rest[0] if rest else ""))


def _element(ws: Workspace, parts: list[str], number: int) -> None:
    ident, _, kind, *rest = parts
    if not IDENTIFIER.match(ident) or ident.startswith("-"):
        raise DslError(f"line {number}: identifier {ident!r}: only a-zA-Z0-9_- allowed")
    if ident.lower() in ws.elements:
        raise DslError(f"line {number}: the identifier {ident!r} is already in use")
    name = rest[0] if rest and rest[0] != "{" else ""
    if kind.lower() in ("person", "softwaresystem") and any(
        k in ("person", "softwaresystem") and n == name for k, n, _ in ws.elements.values()
    ):
        raise DslError(f"line {number}: a person or software system named {name!r} already exists")
    ws.elements[ident.lower()] = (kind.lower(), name, [r for r in rest[1:] if r != "{"])


def _relationship(ws: Workspace, parts: list[str], number: int) -> None:
    source, _, target, *rest = parts
    for end in (source, target):
        if end.lower() not in ws.elements:
            raise DslError(f"line {number}: the element {end!r} is not defined (yet)")
    description = rest[0] if rest and rest[0] != "{" else ""
    technology = rest[1] if len(rest) > 1 and rest[1] != "{" else ""
    if any(r[:3] == (source.lower(), target.lower(), description) for r in ws.relationships):
        raise DslError(f"line {number}: a relationship with the description {description!r} already exists")
    ws.relationships.append((source.lower(), target.lower(), description, technology))


def parse(text: str) -> Workspace:
    """Read a workspace; raise :class:`DslError` at the first line Structurizr would refuse."""
    ws, context = Workspace(), []
    for number, line in _lines(text):
        parts = tokens(line, number)
        ws.substitutions += [m for p in parts for m in SUBSTITUTION.findall(p)]
        if parts == ["}"]:
            if not context:
                raise DslError(f"line {number}: unexpected end of context")
            context.pop()
            continue
        if "}" in parts or ("{" in parts and parts[-1] != "{"):
            raise DslError(f"line {number}: '{{' must end its line and '}}' stand alone")
        opens = parts[-1] == "{"
        head = parts[0].lower()
        if head == "workspace":
            ws.name = parts[1] if len(parts) > 2 else ""
        elif len(parts) > 2 and parts[1] == "=" and parts[2].lower() in ELEMENTS:
            _element(ws, parts, number)
        elif len(parts) > 2 and parts[1] == "->" and context and context[-1].startswith("view:dynamic"):
            _view(ws, context, parts, number)
        elif len(parts) > 2 and parts[1] == "->":
            _relationship(ws, parts, number)
        elif head == "dynamic":
            key = f"view:dynamic:{parts[2] if len(parts) > 3 else number}"
            if key in ws.views:
                raise DslError(f"line {number}: a view with the key {key} already exists")
            ws.views[key] = []
            context.append(key)
            continue
        if opens:
            context.append(head)
    if context:
        raise DslError(f"{len(context)} block(s) not closed")
    return ws
