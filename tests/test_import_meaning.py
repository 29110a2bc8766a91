"""Imported landscapes carry what the source says: the data on each integration, counted by hand.

Each expectation is counted in the third-party file itself (ElementTree, json, PyYAML), never
taken from silomap's output; "unspecified data" is only where the file names nothing.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

import silomap
from silomap._cli import main

from .conftest import shared_file

A = "{http://www.opengroup.org/xsd/archimate/3.0/}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}type"
LINKS = {"Flow", "Serving", "Triggering"}


def imported(tmp_path: Path, kind: str, source: Path) -> tuple[silomap.Model, str]:
    out = tmp_path / f"model-{source.suffix.lstrip('.')}"
    assert main(["import", kind, str(source), "-o", str(out)]) == 0
    return silomap.load(out), (out / "import-report.md").read_text()


def carried(model: silomap.Model) -> dict[tuple[str, str], list[str]]:
    """Each integration as (from, to) system names -> the names of the entities it carries."""
    systems = {s.id: s.name for s in model.systems}
    entities = {e.id: e.name for e in model.entities}
    return {
        (systems[i.source], systems[i.target]): sorted(entities[e] for e in i.carries)
        for i in model.integrations
    }


def archisurance_by_hand() -> dict[tuple[str, str], list[str]]:
    """From the OEF XML (names with runs of spaces made one line, as the import does): each flow, serving or triggering between two application components
    carries its name; unnamed, the data objects both ends access, else those its source accesses;
    else the placeholder."""
    root = ET.parse(shared_file("archimate", "archi_Archisurance_OEF.xml")).getroot()
    elements = {
        e.get("identifier"): (e.get(XSI), " ".join((e.findtext(f"{A}name") or "").split()))
        for e in root.iter(f"{A}element")
    }
    components = {k for k, (kind, _) in elements.items() if kind == "ApplicationComponent"}
    accesses: dict[str, list[str]] = {}
    rels = list(root.iter(f"{A}relationship"))
    for r in rels:
        if r.get(XSI) == "Access" and r.get("source") in components:
            accesses.setdefault(r.get("source"), []).append(elements[r.get("target")][1])
    out = {}
    for r in rels:
        source, target = r.get("source"), r.get("target")
        if r.get(XSI) in LINKS and source in components and target in components:
            name = (r.findtext(f"{A}name") or "").strip()
            mine, theirs = accesses.get(source, []), accesses.get(target, [])
            data = [name] if name else [d for d in mine if d in theirs] or mine or ["unspecified data"]
            out[(elements[source][1], elements[target][1])] = sorted(data)
    return out


def test_archisurance_integrations_carry_the_data_objects_their_components_access(tmp_path):
    """Archisurance names none of its 7 component-to-component relationships (all serving). The
    component "Customer Data Access" writes the data object "Customer File Data" (access id-880),
    so what it serves to "Risk Assessment" (id-1827) and to "Call center application" (id-1835)
    carries that data. The other 5 have sources that access no data object: the placeholder, counted."""
    model, report = imported(tmp_path, "archimate", shared_file("archimate", "archi_Archisurance_OEF.xml"))
    by_hand = archisurance_by_hand()
    assert carried(model) == by_hand
    from_access = {pair for pair, data in by_hand.items() if data == ["Customer File Data"]}
    assert from_access == {("Customer Data Access", "Risk Assessment"),
                           ("Customer Data Access", "Call center application")}  # fmt: skip
    assert sum(data == ["unspecified data"] for data in by_hand.values()) == 5
    assert "5 of 7 integrations carry the placeholder entity 'unspecified data'" in report
    assert "2 unnamed relationships between components (id-1827, id-1835) carry the data objects" in report


def test_archis_own_format_carries_the_same_data(tmp_path):
    oef, _ = imported(tmp_path, "archimate", shared_file("archimate", "archi_Archisurance_OEF.xml"))
    native, _ = imported(tmp_path, "archimate", shared_file("archimate", "archi_Archisurance.archimate"))
    assert carried(native) == carried(oef)


def test_big_bank_integrations_carry_the_relationship_descriptions(tmp_path):
    """Big Bank plc: every relationship between two software systems or containers has a
    description, so each integration carries it, and none carries the placeholder."""
    path = shared_file("structurizr", "BigBank.workspace.json")
    workspace = json.loads(path.read_text())["model"]
    names = {}
    rels = []
    for system in workspace["softwareSystems"]:
        names[system["id"]] = system["name"]
        rels += system.get("relationships", [])
        for container in system.get("containers", []):
            names[container["id"]] = f"{system['name']}: {container['name']}"
            rels += container.get("relationships", [])
    by_hand: dict[tuple[str, str], list[str]] = {}
    for r in rels:
        ends = (r["sourceId"], r["destinationId"])
        if ends[0] in names and ends[1] in names and ends[0] != ends[1]:
            pair = (names[ends[0]], names[ends[1]])
            by_hand[pair] = sorted({*by_hand.get(pair, []), r["description"]})
    assert len(by_hand) == 9 and all(r.get("description") for r in rels)
    model, report = imported(tmp_path, "structurizr", path)
    assert {pair: [d.casefold() for d in data] for pair, data in carried(model).items()} == {
        pair: [d.casefold() for d in data] for pair, data in by_hand.items()
    }
    assert "9 of 9 integrations carry an entity named after the relationship's description" in report
    assert "placeholder" not in report


def test_a_structurizr_relationship_without_a_description_carries_the_counted_placeholder(tmp_path):
    workspace = {"name": "w", "model": {"softwareSystems": [
        {"id": "1", "name": "Shop", "relationships": [
            {"id": "r1", "sourceId": "1", "destinationId": "2"},
            {"id": "r2", "sourceId": "1", "destinationId": "3", "description": "Sends orders to"}]},
        {"id": "2", "name": "Stock"}, {"id": "3", "name": "Warehouse"}]}}  # fmt: skip
    path = tmp_path / "w.json"
    path.write_text(json.dumps(workspace))
    model, report = imported(tmp_path, "structurizr", path)
    assert carried(model) == {
        ("Shop", "Stock"): ["unspecified data"],
        ("Shop", "Warehouse"): ["Sends orders to"],
    }
    assert "1 of 2 integrations carry the placeholder entity 'unspecified data'" in report
    assert "1 of 2 integrations carry an entity named after the relationship's description" in report


def test_the_backstage_examples_carry_their_apis_and_no_placeholder(tmp_path):
    """The example catalog: wayback-search consumes the API wayback-archive, which the component
    wayback-archive provides; the one dependsOn (artist-lookup on resource artists-db) stays inside
    the System artist-engagement-portal. So one integration, carrying the API, and no placeholder."""
    folder = shared_file("backstage", "examples")
    docs = [d for f in sorted(folder.rglob("*.yaml")) for d in yaml.safe_load_all(f.read_text()) if d]
    parts = [d for d in docs if d.get("kind") in ("Component", "Resource")]
    consumed = [(d["metadata"]["name"], api) for d in parts for api in d["spec"].get("consumesApis", [])]
    depends = [(d["metadata"]["name"], dep) for d in parts for dep in d["spec"].get("dependsOn", [])]
    assert consumed == [("wayback-search", "wayback-archive")]
    assert depends == [("artist-lookup", "resource:artists-db")]
    systems = {d["metadata"]["name"]: d["spec"].get("system") for d in parts}
    assert systems["artist-lookup"] == systems["artists-db"] == "artist-engagement-portal"
    api = next(d for d in docs if d.get("kind") == "API" and d["metadata"]["name"] == "wayback-archive")
    model, report = imported(tmp_path, "backstage", folder)
    assert carried(model) == {
        ("wayback-archive", "wayback-search"): [api["metadata"].get("title", "wayback-archive")]
    }
    assert "placeholder" not in report
