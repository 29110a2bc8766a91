"""What a file looks like, so that a file of the wrong kind is refused with the way out.

``silomap import archimate`` given a BPMN file must not import an empty
model: it says "this is BPMN 2.0: use silomap import bpmn" (SM063); ``silomap import
backstage`` given a silomap model says "this is a silomap model: use silomap validate".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._errors import ModelError, Problem
from .._model import LIST_KINDS_ORDER, shown
from .._text import safe_text

__all__ = ["describe_silomap", "describe_xml", "expect_xml", "kind_of_xml"]

_ROOTS = (
    ("http://www.opengroup.org/xsd/archimate", "model", "archimate", "an ArchiMate exchange file"),
    ("http://www.archimatetool.com/archimate", "model", "archimate", "an Archi model (.archimate)"),
    ("http://www.omg.org/spec/BPMN/", "definitions", "bpmn", "BPMN 2.0"),
)


def _split(tag: str) -> tuple[str, str]:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, local


def kind_of_xml(root: Any) -> str | None:
    """The importer that reads a file with this root element (``archimate``, ``bpmn``), or ``None``."""
    namespace, local = _split(root.tag)
    return next((kind for ns, name, kind, _ in _ROOTS if namespace.startswith(ns) and local == name), None)


def describe_xml(root: Any) -> str:
    """What the root element says the file is, in words."""
    namespace, local = _split(root.tag)
    known = next((what for ns, name, _, what in _ROOTS if namespace.startswith(ns) and local == name), None)
    where = safe_text(namespace)[:120] or "no namespace"
    return known or f"XML whose root element is <{safe_text(local)[:60]}> ({where})"


def expect_xml(path: Path, root: Any, kind: str, wanted: str) -> None:
    """Refuse (SM063) a file whose root element is not what importer ``kind`` reads."""
    found = kind_of_xml(root)
    if found == kind:
        return
    way = f"; use silomap import {found}" if found else ""
    message = f"this is {describe_xml(root)}, not {wanted}{way}"
    raise ModelError([Problem(shown(path), 1, 1, "SM063", message)])


_MODEL = "a silomap model"
# silomap's own YAML files, by the key that starts them: what each is, and the command that reads it
_SILOMAP_FILES = (
    ("silomap", _MODEL, "silomap validate FILE"),
    ("silomap-log", "a silomap log mapping", "silomap observe MODEL FILE"),
    ("silomap-changes", "a silomap change file", "silomap whatif MODEL FILE"),
    ("silomap-assessment", "a silomap assessment", "silomap assess MODEL FILE"),
    ("silomap-rates", "a silomap rates file", "silomap cost MODEL FILE"),
)


def describe_silomap(document: Any) -> tuple[str, str] | None:
    """What silomap file a YAML document is, and the command that reads it; ``None`` for another.

    >>> describe_silomap({"silomap-log": 1, "log": "cases.csv"})
    ('a silomap log mapping', 'silomap observe MODEL FILE')
    >>> describe_silomap({"silomap": 1, "name": "Acme", "systems": [{"id": "crm"}]})
    ('a silomap model', 'silomap validate FILE')
    >>> describe_silomap({"systems": [{"id": "crm"}]}) == describe_silomap({"silomap": 1, "name": "Acme"})
    True
    >>> describe_silomap({"systems": [{"id": "crm"}]})
    ('a file of a silomap model folder', 'silomap validate FOLDER')
    >>> describe_silomap({"apiVersion": "backstage.io/v1alpha1", "kind": "System"}) is None
    True
    """
    if not isinstance(document, dict):
        return None
    found = next(((what, way) for key, what, way in _SILOMAP_FILES if key in document), None)
    lists = any(k in document for k in LIST_KINDS_ORDER)
    part = lists and "kind" not in document if found is None else found[0] == _MODEL and not lists
    return ("a file of a silomap model folder", "silomap validate FOLDER") if part else found
