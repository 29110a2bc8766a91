"""A model as the Open Group ArchiMate Model Exchange File Format 3.1 (valid against its XSD).

- systems -> application components (kind, owner and lifecycle as properties, which silomap's
  importer reads back); teams -> business actors (the customer -> the actor
  "Customer"); entities -> data objects; a system ``holds`` an entity -> access;
- integrations -> flow relationships between components, one per entity carried, named after
  the entity (as silomap's importer reads them), the mode a property;
- journeys -> a business process composed of one business process per step, the steps linked by
  triggering in order; a step's systems serve it, its actor is assigned to it, its channel is a
  business interface serving it, its captures and reads are write and read access.

Identifiers are ``id-<kind>-<silomap id>``, so an import of the file (``source_id``) points back
at the model; every name and text is escaped by the XML writer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import count

from .._model import Model

__all__ = ["NAMESPACE", "archimate_xml"]

NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XML = "http://www.w3.org/XML/1998/namespace"
_SCHEMA = f"{NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"
_PROPERTIES = (("kind", "silomap kind"), ("owner", "silomap owner"), ("lifecycle", "silomap lifecycle"),
               ("mode", "silomap mode"), ("stage", "silomap stage"))  # fmt: skip


def _tag(name: str) -> str:
    return name  # in the default namespace, which the root declares (xsi:type values resolve there)


# characters XML 1.0 cannot carry at all (a model built in Python may hold them): shown as U+FFFD
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    child = ET.SubElement(parent, _tag(tag))
    child.set(f"{{{_XML}}}lang", "en")
    child.text = _NOT_XML.sub("\ufffd", text)


class _Writer:
    def __init__(self, model: Model) -> None:
        self.root = ET.Element(_tag("model"), {"xmlns": NAMESPACE, "identifier": "id-model",
                                               f"{{{_XSI}}}schemaLocation": _SCHEMA})  # fmt: skip
        _text(self.root, "name", model.name)
        if model.description:
            _text(self.root, "documentation", model.description)
        self.elements = ET.SubElement(self.root, _tag("elements"))
        self.relationships = ET.Element(_tag("relationships"))
        self.numbers = count(1)

    def element(self, key: str, kind: str, name: str, text: str | None = None, /, **props: str | None) -> str:
        el = ET.SubElement(self.elements, _tag("element"), {"identifier": key, f"{{{_XSI}}}type": kind})
        _text(el, "name", name)
        if text:
            _text(el, "documentation", text)
        self._properties(el, props)
        return key

    def relation(self, kind: str, source: str, target: str, name: str | None = None, /, **attrs: str) -> None:
        ident = f"id-rel-{next(self.numbers)}"
        props = {"mode": attrs.pop("mode", None)}
        el = ET.SubElement(self.relationships, _tag("relationship"),
                           {"identifier": ident, f"{{{_XSI}}}type": kind, "source": source, "target": target,
                            **attrs})  # fmt: skip
        if name:
            _text(el, "name", name)
        self._properties(el, props)

    def _properties(self, el: ET.Element, props: dict[str, str | None]) -> None:
        given = [(key, value) for key, value in props.items() if value]
        if given:
            holder = ET.SubElement(el, _tag("properties"))
            for key, value in given:
                prop = ET.SubElement(holder, _tag("property"), {"propertyDefinitionRef": f"id-prop-{key}"})
                _text(prop, "value", value)

    def finish(self) -> bytes:
        if not len(self.elements):
            self.root.remove(self.elements)  # the schema wants at least one element in the list
        if len(self.relationships):
            self.root.append(self.relationships)
        defs = ET.SubElement(self.root, _tag("propertyDefinitions"))
        for key, name in _PROPERTIES:
            definition = ET.SubElement(defs, _tag("propertyDefinition"),
                                       {"identifier": f"id-prop-{key}", "type": "string"})  # fmt: skip
            _text(definition, "name", name)
        ET.indent(self.root, "  ")
        text: bytes = ET.tostring(self.root, encoding="utf-8", xml_declaration=True)
        return text + b"\n"


def _landscape(w: _Writer, model: Model) -> dict[str, str]:
    entity = {
        e.id: w.element(f"id-entity-{e.id}", "DataObject", e.label, e.description) for e in model.entities
    }
    for t in model.teams:
        w.element(f"id-team-{t.id}", "BusinessActor", t.label, t.description)
    for s in model.systems:
        lifecycle = None if s.lifecycle == "active" else s.lifecycle
        owner = f"id-team-{s.owner}" if s.owner else None
        w.element(f"id-system-{s.id}", "ApplicationComponent", s.label, s.description, kind=s.kind,
                  owner=owner, lifecycle=lifecycle)  # fmt: skip
    for s in model.systems:
        for held in s.holds:
            w.relation("Access", f"id-system-{s.id}", entity[held], accessType="ReadWrite")
    names = {e.id: e.label for e in model.entities}
    for i in model.integrations:
        for carried in i.carries:
            w.relation("Flow", f"id-system-{i.source}", f"id-system-{i.target}", names[carried], mode=i.mode)
    return entity


def _journeys(w: _Writer, model: Model, entity: dict[str, str]) -> None:
    channels: dict[str, str] = {}
    customer = None
    steps = count(1)
    for j in model.journeys:
        journey = w.element(f"id-journey-{j.id}", "BusinessProcess", j.label, j.description, stage=j.stage)
        before = None
        for s in j.steps:
            step = w.element(f"id-step-{next(steps)}", "BusinessProcess", s.label)
            w.relation("Composition", journey, step)
            if before:
                w.relation("Triggering", before, step)
            before = step
            if s.actor == "customer":
                customer = customer or w.element("id-customer", "BusinessActor", "Customer")
                w.relation("Assignment", customer, step)
            else:
                w.relation("Assignment", f"id-team-{s.actor}", step)
            for system in s.systems:
                w.relation("Serving", f"id-system-{system}", step)
            if s.channel != "internal":
                if s.channel not in channels:
                    channels[s.channel] = w.element(f"id-channel-{s.channel}", "BusinessInterface", s.channel)
                w.relation("Serving", channels[s.channel], step)
            for typed in s.captures:
                w.relation("Access", step, entity[typed], accessType="Write")
            for read in s.reads:
                w.relation("Access", step, entity[read], accessType="Read")


def archimate_xml(model: Model) -> bytes:
    """The model in the ArchiMate exchange format, as UTF-8 XML bytes.

    >>> import silomap
    >>> xml = archimate_xml(silomap.load("models/retail-bank"))
    >>> xml.count(b'xsi:type="ApplicationComponent"'), xml.count(b'xsi:type="Flow"')
    (19, 33)
    """
    w = _Writer(model)
    _journeys(w, model, _landscape(w, model))
    return w.finish()
