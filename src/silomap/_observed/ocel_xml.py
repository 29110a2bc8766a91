"""OCEL 2.0 XML into an :class:`.OcelBuilder`, read with the XES reader's hardening (no DTD, no
entity, elements bounded, nesting at most 64 levels), every problem at its line and column.

``<log>`` holds ``<objects>`` (``<object id type>`` with ``<attributes>`` of ``<attribute name
time>value</attribute>``) and ``<events>`` (``<event id type time>`` with ``<attributes>`` and
``<objects>`` of ``<relationship object-id qualifier/>``); the type declarations are not needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem
from .._model import shown
from .ocel_read import Ocel, OcelBuilder, parse_time
from .xes import DEPTH, parsed, xml_errors

__all__ = ["read_xml"]


class _Target:
    """The parser's target: each element's start (attributes, line, column), text and end."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, Any, tuple[int, int]]] = []
        self._expat: Any = None

    def bind(self, expat: Any) -> None:
        self._expat = expat

    def _here(self) -> tuple[int, int]:
        return (self._expat.CurrentLineNumber, self._expat.CurrentColumnNumber + 1) if self._expat else (0, 0)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.events.append(("start", tag.rsplit("}", 1)[-1], attrib, self._here()))

    def data(self, text: str) -> None:
        self.events.append(("text", "", text, (0, 0)))

    def end(self, tag: str) -> None:
        self.events.append(("end", tag.rsplit("}", 1)[-1], None, (0, 0)))

    def close(self) -> None:
        return None


class _Item:
    """The element being read (an object or an event), with its attributes and relations."""

    def __init__(self, attrib: dict[str, str], where: tuple[int, int]) -> None:
        self.attrib, self.where = attrib, where
        self.values: list[tuple[str, Any, str]] = []  # name, time, value
        self.related: list[str] = []
        self.name: tuple[str, str | None, tuple[int, int]] | None = None  # the attribute being read
        self.text: list[str] = []


def _place(file: Path) -> Any:
    def place(where: tuple[int, int], message: str) -> Problem:
        return Problem(shown(file), where[0], where[1], "SM088", message)

    return place


def read_xml(file: Path) -> Ocel:
    """An OCEL 2.0 XML file."""
    builder = OcelBuilder(file, _place(file))
    stack: list[str] = []
    item: _Item | None = None
    with xml_errors(file), file.open("rb") as handle:
        for kind, tag, value, where in parsed(handle, file, _Target()):
            if kind == "text":
                if item is not None and item.name is not None:
                    item.text.append(value)
                continue
            if kind == "end":
                stack.pop()
                item = _end(builder, tag, stack, item)
                continue
            stack.append(tag)
            if len(stack) > DEPTH:
                message = f"XML nested deeper than {DEPTH} levels"
                raise ModelError([Problem(shown(file), where[0], where[1], "SM080", message)])
            item = _start(builder, stack, value, where, item)
    if not (builder.events or builder.objects or builder.problems):
        builder.fail((1, 1), "not an OCEL 2.0 XML log: no <log> with <objects> and <events>")
    return builder.finish()


def _start(
    builder: OcelBuilder, stack: list[str], attrib: dict[str, str], where: Any, item: _Item | None
) -> _Item | None:
    """An element starts: an object or event, one of its attributes, or a relation."""
    if stack[:2] == ["log", "objects"] and len(stack) == 3 and stack[2] == "object":
        return _Item(attrib, where)
    if stack[:2] == ["log", "events"] and len(stack) == 3 and stack[2] == "event":
        return _Item(attrib, where)
    if item is None or len(stack) != 5:
        return item
    if stack[3:] == ["attributes", "attribute"]:
        name = attrib.get("name")
        if not name:
            builder.fail(where, "the attribute's name is missing")
        item.name, item.text = (name or "", attrib.get("time"), where), []
    elif stack[3:] == ["objects", "relationship"]:
        if (oid := attrib.get("object-id")) is None:
            builder.fail(where, "the related object's id (object-id) is missing")
        else:
            item.related.append(oid)
    return item


def _end(builder: OcelBuilder, tag: str, stack: list[str], item: _Item | None) -> _Item | None:
    """An element ends: an attribute's value is kept, an object or event handed to the builder."""
    if item is None:
        return None
    if tag == "attribute" and len(stack) == 4 and item.name is not None:
        name, time, where = item.name
        if stack[2] == "object" and parse_time(time) is None:
            builder.fail(where, "the attribute's time is missing or not in ISO 8601")
        elif name:
            item.values.append((name, parse_time(time), "".join(item.text)))
        item.name = None
        return item
    if len(stack) != 2:
        return item
    a = item.attrib
    if tag == "object":
        builder.obj(item.where, a.get("id"), a.get("type"), [(n, t, v) for n, t, v in item.values])
    elif tag == "event":
        attributes = {n: v for n, _, v in item.values}
        builder.event((item.where,) * 3, a.get("id"), a.get("type"), a.get("time"), attributes, item.related)
    return None
