"""A model as the Open Group ArchiMate Model Exchange File Format 3.1 (valid against its XSD).

- systems -> application components; teams -> business actors (the customer -> the actor
  "Customer"); entities -> data objects; a system ``holds`` an entity -> access;
- integrations -> flow relationships between components, one per entity carried, named after
  the entity (as silomap's importer reads them);
- questions -> business services, accessing (reading) the data objects they need;
- journeys -> a business process composed of one business process per step, the steps linked by
  triggering in order; a step's systems serve it, its actor is assigned to it, its channel is a
  business interface serving it, its captures and reads are write and read access, and it
  realizes the questions it answers.

Every field the format has no place for is a property named ``silomap <field>`` (see
:mod:`.archimate_properties`), so that silomap's importer reads the model back as it was: the types
and property names are spelled once, in :mod:`silomap._formats.archimate`, for both.
Identifiers are ``id-<kind>-<silomap id>``; every name and text is escaped by the XML writer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import count

from .._formats import archimate as vocab
from .._model import Model
from .archimate_properties import NOT_XML, Props, item_props, model_props

__all__ = ["archimate_xml"]

_XML = "http://www.w3.org/XML/1998/namespace"
_SCHEMA = f"{vocab.NAMESPACE} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Model.xsd"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    child = ET.SubElement(parent, tag)
    child.set(f"{{{_XML}}}lang", "en")
    child.text = NOT_XML.sub("\ufffd", text)


class _Writer:
    """The document being written: elements, relationships and the property definitions used."""

    def __init__(self, model: Model) -> None:
        attrs = {
            "xmlns": vocab.NAMESPACE,
            "identifier": "id-model",
            f"{{{vocab.XSI}}}schemaLocation": _SCHEMA,
        }
        self.root = ET.Element("model", attrs)
        _text(self.root, "name", model.name)
        if model.description is not None:
            _text(self.root, "documentation", model.description)
        self.definitions: dict[str, str] = {}  # property name -> its definition's identifier
        self._properties(self.root, model_props(model))
        self.elements = ET.SubElement(self.root, "elements")
        self.relationships = ET.Element("relationships")
        self.numbers = count(1)

    def element(self, key: str, kind: str, name: str, text: str | None = None, props: Props = ()) -> str:
        el = ET.SubElement(self.elements, "element", {"identifier": key, f"{{{vocab.XSI}}}type": kind})
        _text(el, "name", name)
        if text is not None:
            _text(el, "documentation", text)
        self._properties(el, props)
        return key

    def relation(
        self,
        kind: str,
        source: str,
        target: str,
        name: str | None = None,
        text: str | None = None,
        props: Props = (),
        /,
        **attrs: str,
    ) -> None:
        ident = f"id-rel-{next(self.numbers)}"
        el = ET.SubElement(
            self.relationships,
            "relationship",
            {"identifier": ident, f"{{{vocab.XSI}}}type": kind, "source": source, "target": target, **attrs},
        )
        if name:
            _text(el, "name", name)
        if text is not None:
            _text(el, "documentation", text)
        self._properties(el, props)

    def _properties(self, el: ET.Element, props: Props) -> None:
        if not props:
            return
        holder = ET.SubElement(el, "properties")
        for key, value in props:
            if key not in self.definitions:
                plain = not key.startswith("x-")
                self.definitions[key] = (
                    f"id-prop-{key.replace(' ', '-')}" if plain else f"id-prop-x{len(self.definitions)}"
                )
            prop = ET.SubElement(holder, "property", {"propertyDefinitionRef": self.definitions[key]})
            _text(prop, "value", value)

    def finish(self) -> bytes:
        if not len(self.elements):
            self.root.remove(self.elements)  # the schema wants at least one element in the list
        if len(self.relationships):
            self.root.append(self.relationships)
        if self.definitions:
            defs = ET.SubElement(self.root, "propertyDefinitions")
            for key, ident in self.definitions.items():
                definition = ET.SubElement(
                    defs, "propertyDefinition", {"identifier": ident, "type": vocab.property_type(key)}
                )
                _text(definition, "name", vocab.property_name(key))
        ET.indent(self.root, "  ")
        text: bytes = ET.tostring(self.root, encoding="utf-8", xml_declaration=True)
        return text + b"\n"


def _landscape(w: _Writer, model: Model) -> None:
    for e in model.entities:
        w.element(f"id-entity-{e.id}", vocab.WRITTEN_AS["entity"], e.label, e.description, item_props(e))
    for t in model.teams:
        w.element(f"id-team-{t.id}", vocab.WRITTEN_AS["team"], t.label, t.description, item_props(t))
    for s in model.systems:
        w.element(f"id-system-{s.id}", vocab.WRITTEN_AS["system"], s.label, s.description, item_props(s))
    for s in model.systems:
        for held in s.holds:
            w.relation(
                vocab.LINKED_AS["holds"], f"id-system-{s.id}", f"id-entity-{held}", accessType="ReadWrite"
            )
    names = {e.id: e.label for e in model.entities}
    for n, i in enumerate(model.integrations, 1):
        for k, carried in enumerate(i.carries):
            props = [("integration", str(n)), ("carries", carried), ("mode", i.mode)]
            if k == 0:  # the integration's own fields, once
                props += [("name", i.name)] if i.name is not None else []
                props += item_props(i)
            text = i.description if k == 0 else None
            w.relation(
                vocab.LINKED_AS["integration"],
                f"id-system-{i.source}",
                f"id-system-{i.target}",
                names[carried],
                text,
                props,
            )
    for q in model.questions:
        w.element(f"id-question-{q.id}", vocab.WRITTEN_AS["question"], q.label, None, item_props(q, "text"))
        for needed in q.needs:
            w.relation(
                vocab.LINKED_AS["needs"], f"id-question-{q.id}", f"id-entity-{needed}", accessType="Read"
            )


def _journeys(w: _Writer, model: Model) -> None:
    channels: dict[str, str] = {}
    customer = None
    for j in model.journeys:
        journey = w.element(
            f"id-journey-{j.id}", vocab.WRITTEN_AS["journey"], j.label, j.description, item_props(j)
        )
        before = None
        for n, s in enumerate(j.steps, 1):
            step = w.element(f"id-step-{j.id}-{n}", vocab.WRITTEN_AS["step"], s.label, None, item_props(s))
            w.relation(vocab.LINKED_AS["step"], journey, step)
            if before:
                w.relation(vocab.LINKED_AS["next"], before, step)
            before = step
            if s.actor == "customer":
                customer = customer or w.element(
                    "id-customer", vocab.WRITTEN_AS["customer"], "Customer", None, [("id", "customer")]
                )
                w.relation(vocab.LINKED_AS["actor"], customer, step)
            else:
                w.relation(vocab.LINKED_AS["actor"], f"id-team-{s.actor}", step)
            for system in s.systems:
                w.relation(vocab.LINKED_AS["serves"], f"id-system-{system}", step)
            if s.channel != "internal":
                if s.channel not in channels:
                    channels[s.channel] = w.element(
                        f"id-channel-{s.channel}",
                        vocab.WRITTEN_AS["channel"],
                        s.channel,
                        None,
                        [("channel", s.channel)],
                    )
                w.relation(vocab.LINKED_AS["serves"], channels[s.channel], step)
            for typed in s.captures:
                w.relation(vocab.LINKED_AS["captures"], step, f"id-entity-{typed}", accessType="Write")
            for read in s.reads:
                w.relation(vocab.LINKED_AS["reads"], step, f"id-entity-{read}", accessType="Read")
            for answered in s.answers:
                w.relation(vocab.LINKED_AS["answers"], step, f"id-question-{answered}")


def archimate_xml(model: Model) -> bytes:
    """The model in the ArchiMate exchange format, as UTF-8 XML bytes.

    >>> import silomap
    >>> xml = archimate_xml(silomap.load("models/retail-bank"))
    >>> xml.count(b'xsi:type="ApplicationComponent"'), xml.count(b'xsi:type="Flow"')
    (19, 33)
    >>> xml.count(b'xsi:type="BusinessService"')  # one per question
    8
    """
    w = _Writer(model)
    _landscape(w, model)
    _journeys(w, model)
    return w.finish()
