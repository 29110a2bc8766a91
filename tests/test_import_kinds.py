"""Importers carry a system's kind and ``external`` only where the file states them (issue #23).

Each rule is checked on a small file written here; then the real third-party files (tests/data and
../shared/data, provenance in tests/data/PROVENANCE.md) get the kinds read off them by hand, and
no two of their systems share a kind the file did not state. The tables and examples of
docs/import.md are checked against the code.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

import silomap
from silomap._importers.backstage_kinds import EXTERNAL_TYPES, GENERIC_TYPES
from silomap._importers.backstage_read import read_catalog
from silomap._importers.kinds import KIND_SYNONYMS, kind_id
from silomap._model import SYSTEM_KINDS, load_with_warnings

from .conftest import DATA, ROOT

SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data is not here")
DOC = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")


def _systems(result: silomap.ImportResult) -> dict[str, tuple[str, bool]]:
    return {s.name: (s.kind, s.external) for s in result.model.systems}


def _lines(report: str, section: str) -> list[str]:
    """The rows of one section of an import report."""
    part = report.split(f"## {section}\n\n", 1)[1].split("\n\n", 1)[0]
    return [row[2:] for row in part.splitlines()]


# --- Structurizr --------------------------------------------------------------------------------


def _structurizr(tmp_path: Path, *systems: dict) -> silomap.ImportResult:
    elements = [{"id": str(i), "name": f"S{i}"} | s for i, s in enumerate(systems, 1)]
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"name": "w", "model": {"softwareSystems": elements}}), encoding="utf-8")
    return silomap.import_model(path, "structurizr")


STRUCTURIZR = [
    # element fields, kind, external; why
    ({"tags": "Element,Software System,CRM"}, "crm", False),  # a tag naming a known kind
    ({"tags": "Element,Container,Web Browser"}, "web", False),  # Big Bank's tag for its front end
    ({"tags": "Element,Software System,Existing System"}, "other", False),  # a style, not a kind
    ({"tags": "Element,Container,Database"}, "other", False),  # where data is kept, not what for
    ({"tags": "CRM,Web Browser"}, "other", False),  # two kinds: the file is not clear
    ({"technology": "CRM"}, "crm", False),  # the whole technology names a kind
    ({"technology": "Java and Spring MVC"}, "other", False),  # how it is built
    ({"properties": {"kind": "meter-data"}}, "meter-data", False),  # a kind of the user's own
    ({"properties": {"kind": "Meter Data"}}, "meter-data", False),  # made an id
    ({"properties": {"kind": "Website"}}, "web", False),  # a synonym of a known kind
    ({"properties": {"kind": "CRM/ERP"}, "tags": "CRM"}, "other", False),  # no id: not the tag either
    ({"properties": {"kind": "erp"}, "tags": "CRM"}, "erp", False),  # the property wins
    ({"name": "Payroll CRM System"}, "other", False),  # a name is no kind
    ({"location": "External"}, "other", True),
    ({"tags": "Element,Software System,External"}, "other", True),
    ({"tags": "External System,CRM"}, "crm", True),
    ({"location": "External", "properties": {"external": "false"}}, "other", False),  # said outright
    ({"location": "Internal", "properties": {"external": "true"}}, "other", True),
]


@pytest.mark.parametrize(("element", "kind", "external"), STRUCTURIZR)
def test_structurizr_kind_and_external(tmp_path, element, kind, external):
    assert list(_systems(_structurizr(tmp_path, element)).values()) == [(kind, external)]


def test_structurizr_containers_have_their_own_kind_and_their_systems_external(tmp_path):
    partner = {
        "name": "Partner",
        "location": "External",
        "tags": "CRM",
        "containers": [
            {"id": "c1", "name": "API", "technology": "Java"},
            {"id": "c2", "name": "App", "tags": "Mobile App"},
        ],
    }
    ours = {"name": "Ours", "containers": [{"id": "c3", "name": "Portal", "tags": "External"}]}
    # a container never takes its system's kind; it is external when its system is, or says so
    assert _systems(_structurizr(tmp_path, partner, ours)) == {
        "Partner": ("crm", True),
        "Partner: API": ("other", True),
        "Partner: App": ("mobile-app", True),
        "Ours": ("other", False),
        "Ours: Portal": ("other", True),
    }


def test_structurizr_report_says_where_each_kind_came_from(tmp_path):
    # "Bank Staff" is a tag; "crn" a letter from crm; "CRM/ERP" no id
    result = _structurizr(
        tmp_path,
        {"name": "Sales", "tags": "Element,CRM,Bank Staff"},
        {"name": "Meters", "properties": {"kind": "Meter Data"}},
        {"name": "Old", "properties": {"kind": "CRM/ERP"}},
        {"name": "Both", "tags": "CRM,Web Browser"},
        {"name": "Typo", "properties": {"kind": "crn"}},
        {"name": "Bank", "location": "External"},
    )
    mapped, assumed = _lines(result.report, "Mapped"), _lines(result.report, "Assumed")
    assert mapped[2:5] == [
        "3 system kinds as the file states them: Sales -> crm (tag 'CRM'), Meters -> meter-data (kind "
        "property), Typo -> crn (kind property)",
        "kinds made ids (lower case, spaces to '-'): 'Meter Data' -> meter-data",
        "1 system external (a supplier's or partner's, never merged or retired by a fix): Bank",
    ]
    assert _lines(result.report, "Dropped")[0] == (
        "kinds that are no id (a-z, 0-9, '.', '\\_', '-'; at most 64), so 'other': 'CRM/ERP' (Old, kind property)"
    )
    assert assumed[:4] == [
        "3 systems state no kind (no kind property, and no tag or technology naming a known kind), so 'other', "
        "which fixes never merge: Old, Both, Bank; set the kinds you know",
        "kinds kept as the file says, though silomap warns (SM094): crn (Typo) is a letter from 'crm'",
        "Both: its tags name different kinds (CRM, Web Browser), so 'other'",
        "tags that name no system kind, so not read as kinds: Bank Staff",
    ]
    # the model itself: no kind written where none is stated, and the typo warns as the report says
    assert "kind" not in _row(result, "Old") and _row(result, "Typo")["kind"] == "crn"
    warnings = load_with_warnings(result.write(tmp_path / "model"))[1]
    assert [(p.code, p.path) for p in warnings] == [("SM094", "systems[4].kind")]


def _row(result: silomap.ImportResult, name: str) -> dict:
    return next(r for r in yaml.safe_load(result.files["systems.yaml"])["systems"] if r["name"] == name)


# --- Backstage ----------------------------------------------------------------------------------


def _entity(kind: str, name: str, spec: dict | None = None, annotations: dict | None = None) -> dict:
    meta: dict = {"name": name} | ({"annotations": annotations} if annotations else {})
    return {"apiVersion": "backstage.io/v1alpha1", "kind": kind, "metadata": meta, "spec": spec or {}}


def _backstage(tmp_path: Path, *entities: dict) -> silomap.ImportResult:
    path = tmp_path / "catalog-info.yaml"
    path.write_text("\n---\n".join(json.dumps(e) for e in entities), encoding="utf-8")
    return silomap.import_model(path, "backstage")


BACKSTAGE = [
    # spec.type, annotations, kind, external; why
    ("website", None, "web", False),  # a website is a web front end
    ("crm", None, "crm", False),
    ("CRM", None, "crm", False),
    ("mobile-app", None, "mobile-app", False),
    ("service", None, "other", False),  # how it is built: says nothing of what it is for
    ("library", None, "other", False),
    ("grpc-service", None, "other", False),  # ends in a generic type
    ("payroll", None, "payroll", False),  # the user's own type says what it is
    ("Meter Data", None, "meter-data", False),  # made an id
    ("CRM/ERP", None, "other", False),  # no id
    ("service", {"silomap.dev/kind": "billing"}, "billing", False),  # the annotation wins
    ("website", {"silomap.dev/kind": "Meter Data"}, "meter-data", False),
    ("saas", None, "other", True),  # external, and no kind
    ("third-party", None, "other", True),
    ("service", {"silomap.dev/external": "true"}, "other", True),
    ("saas", {"silomap.dev/external": "false"}, "other", False),  # the annotation wins
    ("service", {"silomap.dev/external": "yes"}, "other", False),  # neither true nor false: not read
]


@pytest.mark.parametrize(("kind_type", "annotations", "kind", "external"), BACKSTAGE)
def test_backstage_component_kind_and_external(tmp_path, kind_type, annotations, kind, external):
    result = _backstage(tmp_path, _entity("Component", "app", {"type": kind_type}, annotations))
    assert _systems(result) == {"app": (kind, external)}


def test_backstage_a_system_takes_the_kind_all_its_components_state(tmp_path):
    def part(kind: str, name: str, system: str, kind_type: str, external: str | None = None) -> dict:
        notes = {"silomap.dev/external": external} if external else None
        return _entity(kind, name, {"type": kind_type, "system": system}, notes)

    result = _backstage(
        tmp_path,
        _entity("System", "shop"),  # two websites and a database: a website with its data
        part("Component", "shop-web", "shop", "website"),
        part("Component", "shop-admin", "shop", "website"),
        part("Resource", "shop-db", "shop", "database"),
        _entity("System", "portal"),  # a website and its service: not a website alone
        part("Component", "portal-web", "portal", "website"),
        part("Component", "portal-api", "portal", "service"),
        _entity("System", "sales", {"type": "crm"}),  # the System's own type wins
        part("Component", "sales-api", "sales", "service"),
        _entity("System", "audio", {"type": "feature-set"}),  # generic: its component decides
        part("Component", "audio-app", "audio", "mobile-app"),
        _entity("System", "hr"),  # every component is a supplier's
        part("Component", "hr-a", "hr", "service", "true"),
        part("Component", "hr-b", "hr", "service", "true"),
        _entity("System", "mixed"),  # one of two components is external: the System is not
        part("Component", "mixed-a", "mixed", "service", "true"),
        part("Component", "mixed-b", "mixed", "service"),
    )
    assert _systems(result) == {
        "shop": ("web", False),
        "portal": ("other", False),
        "sales": ("crm", False),
        "audio": ("mobile-app", False),
        "hr": ("other", True),
        "mixed": ("other", False),
    }
    assumed = _lines(result.report, "Assumed")
    assert "portal: its components are of different types (service, website), so 'other'" in assumed
    assert (
        "spec.type that says how a part is built, not what a system is for, so no kind: database (1), "
        "feature-set (1), service (6)" in assumed
    )
    assert _lines(result.report, "Mapped")[2] == (
        "3 system kinds as the file states them: shop -> web (all 2 of its components: spec.type 'website'), "
        "sales -> crm (spec.type 'crm'), audio -> mobile-app (its component: spec.type 'mobile-app')"
    )


def test_backstage_an_unreadable_external_annotation_is_reported(tmp_path):
    result = _backstage(
        tmp_path, _entity("Component", "app", {"type": "service"}, {"silomap.dev/external": "yes"})
    )
    assert "silomap.dev/external that is neither 'true' nor 'false', not read: app (yes)" in _lines(
        result.report, "Dropped"
    )


# --- BPMN ---------------------------------------------------------------------------------------

BPMN = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
  {stores}
  <process id="p" name="Order">
    <startEvent id="s"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
    <sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/>
    <task id="t1" name="Check">
      <dataOutputAssociation id="a1"><targetRef>r1</targetRef></dataOutputAssociation>
    </task>
    <task id="t2" name="Ship">
      <dataInputAssociation id="a2"><sourceRef>r2</sourceRef></dataInputAssociation>
    </task>
    {refs}
  </process>
</definitions>"""


def _props(**values: str) -> str:
    rows = "".join(f'<camunda:property name="{k}" value="{v}"/>' for k, v in values.items())
    return f"<extensionElements><camunda:properties>{rows}</camunda:properties></extensionElements>"


def _bpmn(tmp_path: Path, stores: str, refs: str) -> silomap.ImportResult:
    path = tmp_path / "p.bpmn"
    path.write_text(BPMN.format(stores=stores, refs=refs), encoding="utf-8")
    return silomap.import_model(path, "bpmn")


def test_bpmn_kind_only_from_a_data_stores_properties(tmp_path):
    stores = (
        f'<dataStore id="ds1" name="Payroll CRM">{_props(kind="crm", external="true")}</dataStore>'
        '<dataStore id="ds2" name="CRM"/>'
    )
    refs = '<dataStoreReference id="r1" dataStoreRef="ds1"/><dataStoreReference id="r2" dataStoreRef="ds2"/>'
    # the second store is called CRM, and says nothing: no kind
    assert _systems(_bpmn(tmp_path, stores, refs)) == {"Payroll CRM": ("crm", True), "CRM": ("other", False)}


def test_bpmn_a_zeebe_property_on_a_reference_counts_and_references_that_disagree_do_not(tmp_path):
    zeebe = (
        '<extensionElements><zeebe:properties><zeebe:property name="kind" value="{}"/></zeebe:properties>'
        "</extensionElements>"
    )
    stores = '<dataStore id="ds1" name="Ledger"/><dataStore id="ds2" name="Shared"/>'
    refs = (
        f'<dataStoreReference id="r1" dataStoreRef="ds1">{zeebe.format("Meter Data")}</dataStoreReference>'
        f'<dataStoreReference id="r2" dataStoreRef="ds2">{zeebe.format("erp")}</dataStoreReference>'
        f'<dataStoreReference id="r3" dataStoreRef="ds2">{zeebe.format("billing")}</dataStoreReference>'
    )
    result = _bpmn(tmp_path, stores, refs)
    assert _systems(result) == {"Ledger": ("meter-data", False), "Shared": ("other", False)}
    assert "Shared: its data stores state different kinds (billing, erp), so 'other'" in _lines(
        result.report, "Assumed"
    )


def test_bpmn_an_unreadable_external_property_is_reported(tmp_path):
    stores = f'<dataStore id="ds1" name="Ledger">{_props(external="maybe")}</dataStore>'
    result = _bpmn(tmp_path, stores, '<dataStoreReference id="r1" dataStoreRef="ds1"/>')
    assert _systems(result) == {"Ledger": ("other", False)}
    assert "Ledger: property external is neither true nor false (maybe): not read" in _lines(
        result.report, "Assumed"
    )


# --- the real files -----------------------------------------------------------------------------

# kinds read off each file by hand; every system not listed states none (other), none is external
REAL = [
    # Big Bank plc: the containers tagged "Web Browser" and "Mobile App" (Structurizr shapes that
    # say what they are); "Existing System" is a style and "Database" where data is kept
    (
        "structurizr",
        DATA / "structurizr/BigBank.workspace.json",
        {
            "Internet Banking System: Single-Page Application": "web",
            "Internet Banking System: Mobile App": "mobile-app",
        },
    ),
    # BPMN has no kind: the data stores are named (Payroll system, Employee Details) and say nothing else
    ("bpmn", DATA / "bpmn/miwg_C.4.0.bpmn", {}),
    ("bpmn", DATA / "bpmn/miwg_C.5.0.bpmn", {}),
    # the hand-written catalog: Online Banking's only component and the intranet are websites
    ("backstage", DATA / "backstage/catalog-info.yaml", {"Online Banking": "web", "intranet": "web"}),
]
SHARED_REAL = [
    ("structurizr", SHARED / "structurizr/BigBank.workspace.json", REAL[0][2]),
    ("bpmn", SHARED / "bpmn/miwg_C.4.0.bpmn", {}),
    ("bpmn", SHARED / "bpmn/miwg_C.5.0.bpmn", {}),
    # Backstage's own examples: 10 services, 1 library, 1 database, a feature-set; its 2 websites are
    # parts of Systems that also hold a service
    ("backstage", SHARED / "backstage/examples", {}),
    ("backstage", SHARED / "backstage/examples/all.yaml", {}),
]
# kinds that more than one system of a file has, and why the file says so
SHARED_BY_FILE = {"catalog-info.yaml": {"web": "Online Banking and intranet are both spec.type website"}}


def _check_real(fmt: str, path: Path, kinds: dict[str, str]) -> None:
    result = silomap.import_model(path, fmt)
    found = _systems(result)
    assert {n: k for n, (k, _) in found.items() if k != "other"} == kinds
    assert not any(external for _, external in found.values())
    shared = {k for k, n in Counter(k for k, _ in found.values() if k != "other").items() if n > 1}
    assert shared == set(SHARED_BY_FILE.get(path.name, {}))


@pytest.mark.parametrize(("fmt", "path", "kinds"), REAL, ids=[r[1].name for r in REAL])
def test_real_files_get_the_kinds_they_state(fmt, path, kinds):
    _check_real(fmt, path, kinds)


@needs_shared
@pytest.mark.parametrize(("fmt", "path", "kinds"), SHARED_REAL, ids=[r[1].name for r in SHARED_REAL])
def test_shared_files_get_the_kinds_they_state(fmt, path, kinds):
    _check_real(fmt, path, kinds)


@needs_shared
def test_the_backstage_examples_say_why_no_system_has_a_kind():
    report = silomap.import_model(SHARED / "backstage/examples", "backstage").report
    assumed = _lines(report, "Assumed")
    assert assumed[:4] == [
        "9 systems state no kind (no silomap.dev/kind annotation, and no spec.type saying what it is), so "
        "'other', which fixes never merge: petstore, searcher, wayback-archive, wayback-archive-ingestion, "
        "wayback-archive-storage and 4 more; set the kinds you know",
        "spec.type that says how a part is built, not what a system is for, so no kind: database (1), "
        "feature-set (1), library (1), service (10)",
        "artist-engagement-portal: its components are of different types (service, website), so 'other'",
        "podcast: its components are of different types (service, website), so 'other'",
    ]


# --- docs/import.md -----------------------------------------------------------------------------


def test_the_docs_synonym_table_is_the_code():
    table = DOC.split("| word | kind |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for row in table.splitlines():
        words, kind = row.strip("|").split("|")
        for word in words.split(","):
            documented[kind_id(word.strip())] = kind.strip(" `")
    assert documented == KIND_SYNONYMS
    assert set(documented.values()) <= set(SYSTEM_KINDS)


def test_the_docs_list_of_generic_backstage_types_is_the_code():
    row = next(line for line in DOC.splitlines() if line.startswith("| else a generic technical"))
    listed = re.findall(r"`([a-z-]+)`", row.split("or one ending")[0])
    assert set(listed) - {"spec"} == GENERIC_TYPES - EXTERNAL_TYPES
    assert "`external`, `third-party` or `saas`" in DOC
    assert {"external", "third-party", "saas"} == EXTERNAL_TYPES


def _block(language: str, after: str) -> str:
    return DOC.split(after, 1)[1].split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_the_docs_bpmn_example_imports_as_it_says(tmp_path):
    store = _block("xml", "## BPMN").replace('id="crm"', 'id="ds1"')
    result = _bpmn(tmp_path, store, '<dataStoreReference id="r1" dataStoreRef="ds1"/>')
    assert _systems(result) == {"Customer records": ("crm", True)}


def test_the_docs_backstage_example_imports_as_it_says(tmp_path):
    (tmp_path / "catalog-info.yaml").write_text(_block("yaml", "## Backstage"), encoding="utf-8")
    result = silomap.import_model(tmp_path / "catalog-info.yaml", "backstage")
    assert _systems(result) == {"payroll-cloud": ("payroll", True)}


def test_the_docs_figures_for_the_real_files():
    # Big Bank: the two kinds and the 7 systems without one, as the Structurizr section says
    assert "*Single-Page Application* is tagged `Web Browser` (`web`)" in DOC.replace("\n", " ")
    found = _systems(silomap.import_model(DATA / "structurizr/BigBank.workspace.json", "structurizr"))
    assert sum(k == "other" for k, _ in found.values()) == 7
    assert "The other 7 systems" in DOC.replace("\n", " ")
    assert "their 5 data stores" in DOC
    assert (
        sum(len(silomap.import_model(DATA / f"bpmn/miwg_C.{v}.0.bpmn", "bpmn").model.systems) for v in (4, 5))
        == 5
    )


@needs_shared
def test_the_docs_figures_for_the_backstage_examples():
    # the types as docs/import.md counts them, read from the catalog itself rather than the import
    entities = read_catalog(SHARED / "backstage/examples").entities
    types = Counter(
        (e.kind, e.spec.get("type")) for e in entities if e.kind in ("component", "resource", "system")
    )
    assert types == {
        ("component", "service"): 10,
        ("component", "website"): 2,
        ("component", "library"): 1,
        ("resource", "database"): 1,
        ("system", "feature-set"): 1,
        ("system", None): 2,
    }
    text = " ".join(DOC.split())
    assert (
        "its 13 components are 10 `service`, 2 `website` and 1 `library`, its resource a `database`" in text
    )
    assert "so all 9 systems import as `other`" in text
