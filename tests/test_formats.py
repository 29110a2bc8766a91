"""One home per format (issue #25, item 8): what the ArchiMate exporter writes is what the importer reads.

The element types, relationship types and ``silomap <key>`` properties are spelled once, in
``silomap._formats``. These tests hold both sides to it: every property the export of a model that
uses every field writes is one the importer reads, and one the vocabulary declares; and every item
silomap writes has a type the importer maps back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import ClassVar

import pytest

import silomap
from silomap._exporters import archimate_xml
from silomap._formats import archimate as _formats
from silomap._importers import archimate as importer
from silomap._model import Weights, load_with_warnings

from .conftest import MODELS
from .test_roundtrip import FULL

NS = "{http://www.opengroup.org/xsd/archimate/3.0/}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
DECLARED = {
    *(key for fields in _formats.FIELDS.values() for key in fields),
    *_formats.OWN_KEYS,
    *(f"weight {w}" for w in _formats.WEIGHTS),
}


class _Reading(dict):
    """A dict of one element's ``silomap`` properties that notes each key the importer asks for."""

    asked: ClassVar[set[str]] = set()

    def get(self, key, default=None):
        _Reading.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        _Reading.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        _Reading.asked.add(key)
        return super().__contains__(key)


def _written(xml: bytes) -> set[str]:
    root = ET.fromstring(xml)
    names = {d.find(f"{NS}name").text for d in root.iter(f"{NS}propertyDefinition")}
    keys = {_formats.property_key(name) for name in names}
    assert None not in keys, names  # every property silomap writes follows the convention
    return {key for key in keys if key is not None and not key.startswith("x-")}


def _read(xml: bytes, tmp_path, monkeypatch) -> set[str]:
    read = importer.read_archimate

    def noting(path, data):
        found = read(path, data)
        found.props = {key: _Reading(props) for key, props in found.props.items()}
        return found

    _Reading.asked = set()
    monkeypatch.setattr(importer, "read_archimate", noting)
    source = tmp_path / "export.xml"
    source.write_bytes(xml)
    silomap.import_model(source, "archimate")
    return set(_Reading.asked)


@pytest.mark.parametrize("name", ["full", "retail-bank", "telecom"])
def test_the_importer_reads_every_property_the_exporter_writes(name, write, tmp_path, monkeypatch):
    path = write(FULL, "full.yaml") if name == "full" else MODELS / name
    xml = archimate_xml(load_with_warnings(path)[0])
    written = _written(xml)
    assert written <= DECLARED, written - DECLARED
    read = _read(xml, tmp_path, monkeypatch)
    assert written - read == set()
    assert read - DECLARED == set()  # the importer asks for no property the vocabulary lacks


def test_the_full_model_writes_every_declared_property(write):
    written = _written(archimate_xml(load_with_warnings(write(FULL, "full.yaml"))[0]))
    assert DECLARED - written == set()  # the vocabulary declares no property silomap never writes


def test_every_type_silomap_writes_is_one_the_importer_maps_back():
    written = _formats.WRITTEN_AS
    assert written["team"] in _formats.TEAM_TYPES and written["customer"] in _formats.TEAM_TYPES
    assert written["entity"] in _formats.ENTITY_TYPES
    assert _formats.LINKED_AS["integration"] in _formats.LINK_TYPES
    xml = archimate_xml(silomap.load(MODELS / "retail-bank"))
    types = {el.get(XSI) for el in ET.fromstring(xml).iter(f"{NS}element")}
    links = {el.get(XSI) for el in ET.fromstring(xml).iter(f"{NS}relationship")}
    assert types == set(written.values())
    assert links == set(_formats.LINKED_AS.values())


def test_the_weights_are_the_score_components_in_order():
    assert tuple(Weights.model_fields) == _formats.WEIGHTS
