"""Reading a FINOS CALM architecture (JSON) and checking it as ``calm validate`` does.

The file is read by the hardened reader (:mod:`silomap._yaml`: size, depth and duplicate keys
bounded, every node placed at its line and column; JSON is YAML 1.2). Then what the mapping relies
on is checked, every problem at once, each at its place with its JSON path (SM064): the fields a
node, a relationship, a flow and a transition must have; unique ids; every node a relationship
names and every relationship a transition names exists; sequence numbers unique in a flow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .._config import Limits, mib
from .._errors import ModelError, Problem
from .._formats import calm as vocab
from .._model import shown
from .._text import quote_value
from .._yaml import Document, read_document
from .json_text import Shifted, given_column, unpaired
from .safe_xml import check_size

__all__ = ["Calm", "Rel", "read_calm"]

Path_ = tuple[str | int, ...]
_KINDS = ("connects", "interacts", "deployed-in", "composed-of", "options")
CODE = "SM064"


@dataclass
class Rel:
    """A relationship: its id, kind (``connects``...), the nodes it joins and where it is."""

    id: str
    kind: str
    at: Path_
    raw: dict[str, Any]
    ends: tuple[str, ...] = ()  # connects: (source, destination); interacts: (actor, *nodes); ...


@dataclass
class Calm:
    """A checked CALM architecture: its nodes, relationships and flows by unique-id, in file order."""

    doc: Document
    top: dict[str, Any]
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    rels: dict[str, Rel] = field(default_factory=dict)
    flows: list[tuple[Path_, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _ids: dict[str, Path_] = field(default_factory=dict)

    def fail(self, at: Path_, message: str) -> None:
        """Record a problem at ``at``."""
        self.problems.append(self.doc.problem(at, CODE, message))

    def text(self, item: dict[str, Any], at: Path_, key: str, *, required: bool = True) -> str | None:
        """A text field of ``item``: a problem when it is required and missing, empty or not text."""
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            what = "missing" if value is None else f"{_kind_of(value)}, not a non-empty text"
            self.fail(at + ((key,) if key in item else ()), f"'{key}' is {what}")
            return None
        return value

    def unique(self, ident: str, at: Path_) -> bool:
        """Claim a unique-id; a problem naming the first place when it is taken."""
        first = self._ids.setdefault(ident, at)
        if first is not at:
            line = self.doc.locate((*first, "unique-id"))[0]
            self.fail((*at, "unique-id"), f"unique-id {quote_value(ident, 80)} is taken (line {line})")
        return first is at

    def at(self, ident: str) -> Path_:
        """The path of the node, relationship or flow of unique-id ``ident`` (the top: none has it)."""
        return self._ids.get(ident, ())

    def place(self, ident: str) -> tuple[int, int] | None:
        """Where the node, relationship or flow of unique-id ``ident`` starts: (line, column)."""
        return self.doc.locate(self._ids[ident]) if ident in self._ids else None


def _kind_of(value: object) -> str:
    return {dict: "an object", list: "a list", str: "an empty text", bool: "true or false"}.get(
        type(value), "a number"
    )


def _items(calm: Calm, key: str) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """The objects of a top-level list, each with its path; a problem for what is not one."""
    found = calm.top.get(key)
    if found is None:
        return
    if not isinstance(found, list):
        calm.fail((key,), f"'{key}' must be a list, not {_kind_of(found)}")
        return
    for index, item in enumerate(found):
        if isinstance(item, dict):
            yield (key, index), item
        else:
            calm.fail((key, index), f"each of '{key}' must be an object, not {_kind_of(item)}")


def read_calm(path: Path, data: bytes) -> Calm:
    """Read and check a CALM architecture; every problem at once (a :class:`ModelError`).

    >>> from pathlib import Path
    >>> p = Path("tests/data/calm/conference-signup-with-flow.arch.json")
    >>> calm = read_calm(p, p.read_bytes())
    >>> len(calm.nodes), len(calm.rels), len(calm.flows)
    (5, 4, 1)
    """
    check_size(path, data)
    if len(data) > Limits().file_bytes:  # the reader's bound on one file, said for CALM
        said = f"file exceeds {mib(Limits().file_bytes)} MiB ({len(data):,} bytes); no CALM file is so big"
        raise ModelError([Problem(shown(path), 1, 1, "SM002", said)])
    start = data.lstrip()[:1]
    if start != b"{":
        what = "XML" if start == b"<" else "no JSON object"
        message = f"this is {what}, not a CALM architecture (a JSON object with nodes and relationships)"
        raise ModelError([Problem(shown(path), 1, 1, "SM063" if start == b"<" else "SM060", message)])
    text, ends = unpaired(data)  # a character past U+FFFF escaped as JSON does, as YAML does
    doc, problems = read_document(shown(path), text)
    problems = [replace(p, col=given_column(ends, p.line, p.col)) for p in problems]
    if doc is None or problems:  # the reader speaks of YAML, of which JSON is a part
        raise ModelError(
            [replace(p, message=f"not valid JSON: {p.message}") if p.code == "SM010" else p for p in problems]
        )
    doc = Shifted.of(doc, ends)
    if not isinstance(doc.data, dict):
        raise ModelError([Problem(shown(path), 1, 1, "SM060", "not a CALM architecture: no JSON object")])
    calm = Calm(doc, doc.data)
    if not isinstance(calm.top.get("nodes"), list):
        calm.fail(("nodes",), "no 'nodes' list: a CALM architecture lists its nodes")
    for at, node in _items(calm, "nodes"):
        _node(calm, at, node)
    for at, rel in _items(calm, "relationships"):
        _relationship(calm, at, rel)
    for at, flow in _items(calm, "flows"):
        _flow(calm, at, flow)
    if calm.problems:
        raise ModelError(calm.problems)
    return calm


def _node(calm: Calm, at: Path_, node: dict[str, Any]) -> None:
    ident = calm.text(node, at, "unique-id")
    kind, name = calm.text(node, at, "node-type"), calm.text(node, at, "name")
    if ident is not None and calm.unique(ident, at):
        calm.nodes[ident] = node  # known, so that what names it is not wrong too
    del kind, name


def _ref(calm: Calm, at: Path_, value: object, what: str = "node") -> str | None:
    """A node a relationship names: a problem when it is no text or no node of the architecture."""
    if not isinstance(value, str) or not value:
        calm.fail(at, f"expected the unique-id of a {what}, not {_kind_of(value)}")
        return None
    if value not in calm.nodes:
        calm.fail(at, f"no node has unique-id {quote_value(value, 80)}")
        return None
    return value


def _relationship(calm: Calm, at: Path_, rel: dict[str, Any]) -> None:
    ident = calm.text(rel, at, "unique-id")
    typed = rel.get("relationship-type")
    kinds = [k for k in _KINDS if isinstance(typed, dict) and k in typed]
    if len(kinds) != 1 or not isinstance(typed, dict):
        said = (
            "missing"
            if typed is None
            else f"{len(kinds)} of them"
            if isinstance(typed, dict)
            else "no object"
        )
        where = at + (("relationship-type",) if typed is not None else ())
        calm.fail(where, f"'relationship-type' must hold one of {', '.join(_KINDS)}: {said}")
        return
    kind = kinds[0]
    body, where = typed[kind], (*at, "relationship-type", kind)
    ends = _ends(calm, kind, body, where)
    if ident is not None and calm.unique(ident, at):  # known even if broken: a flow may name it
        calm.rels[ident] = Rel(ident, kind, at, rel, ends or ())


def _ends(calm: Calm, kind: str, body: Any, at: Path_) -> tuple[str, ...] | None:
    """The nodes a relationship joins, each checked; ``None`` when one is missing."""
    if kind == "options":
        return ()
    if not isinstance(body, dict):
        calm.fail(at, f"'{kind}' must be an object, not {_kind_of(body)}")
        return None
    if kind == "connects":
        found = []
        for side in ("source", "destination"):
            end = body.get(side)
            if not isinstance(end, dict):
                calm.fail(at + ((side,) if side in body else ()), f"'{side}' must be an object with a 'node'")
                return None
            found.append(_ref(calm, (*at, side, "node"), end.get("node")))
        return None if None in found else tuple(str(n) for n in found)
    head = "actor" if kind == "interacts" else "container"
    first = _ref(calm, (*at, head), body.get(head), head)
    listed = body.get("nodes")
    if not isinstance(listed, list) or not listed:
        calm.fail(
            at + (("nodes",) if "nodes" in body else ()), "'nodes' must be a list of node ids, not empty"
        )
        return None
    rest = [_ref(calm, (*at, "nodes", i), n) for i, n in enumerate(listed)]
    return None if first is None or None in rest else (first, *(str(n) for n in rest))


def _flow(calm: Calm, at: Path_, flow: dict[str, Any]) -> None:
    ident = calm.text(flow, at, "unique-id")
    calm.text(flow, at, "name")
    transitions = flow.get("transitions")
    if not isinstance(transitions, list) or not transitions:
        where = at + (("transitions",) if "transitions" in flow else ())
        calm.fail(where, "'transitions' must be a list of at least one transition")
        return
    seen: dict[int, int] = {}
    for index, step in enumerate(transitions):
        here = (*at, "transitions", index)
        if not isinstance(step, dict):
            calm.fail(here, f"a transition must be an object, not {_kind_of(step)}")
            continue
        named = step.get("relationship-unique-id")
        if not isinstance(named, str) or named not in calm.rels:
            said = (
                f"no relationship has unique-id {quote_value(named, 80)}"
                if isinstance(named, str)
                else ("'relationship-unique-id' must name a relationship")
            )
            calm.fail(here + (("relationship-unique-id",) if "relationship-unique-id" in step else ()), said)
        number = step.get("sequence-number")
        if type(number) is not int:
            where = here + (("sequence-number",) if "sequence-number" in step else ())
            calm.fail(where, "'sequence-number' must be a whole number")
        elif number in seen:
            calm.fail(
                (*here, "sequence-number"), f"sequence-number {number} is taken (transition {seen[number]})"
            )
        else:
            seen[number] = index
        direction = step.get("direction", vocab.DIRECTIONS[0])
        if direction not in vocab.DIRECTIONS:
            calm.fail((*here, "direction"), f"'direction' must be {' or '.join(vocab.DIRECTIONS)}")
    if ident is not None and calm.unique(ident, at):
        calm.flows.append((at, flow))
