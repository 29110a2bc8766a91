"""Importers on what a red team and a new user gave them (issue 24): Backstage parts whose System is
no System, silomap's own files given as a catalog, symlink loops and FIFOs, line breaks in titles,
ArchiMate relationships whose end is no element, and 20,000 components alike.

Every input is generated here; every expected row and id is worked out by hand from the input.
"""

from __future__ import annotations

import os
import time

import pytest

import silomap
from silomap._cli import main
from silomap._importers.builder import Builder
from silomap._model import dump, yaml_files
from silomap._yaml import read_document

from .conftest import MODELS, run_silomap

HEAD = "apiVersion: backstage.io/v1alpha1\n"


def _entity(kind: str, name: str, spec: str = "{}", meta: str = "") -> str:
    return f"{HEAD}kind: {kind}\nmetadata: {{name: {name}{meta}}}\nspec: {spec}\n"


def _catalog(tmp_path, *entities: str):
    (tmp_path / "c.yaml").write_text("---\n".join(entities))
    return silomap.import_model(tmp_path / "c.yaml", "backstage")


def _section(report: str, title: str) -> list[str]:
    """The rows of one section of an import report."""
    part = report.split(f"## {title}\n\n", 1)[1].split("\n\n", 1)[0]
    return part.splitlines()


# --- Backstage: spec.system that names no System ------------------------------------------------


@pytest.mark.parametrize(
    ("named", "why"),
    [
        ("component:other", "component:default/other is not a System"),
        ("group:team", "group:default/team is not a System"),
        ("api:orders", "api:default/orders is not a System"),
        ("billing", "system:default/billing is not in the catalog"),
        ("'https://x'", "'https\\://x' is not an entity reference"),
    ],
)
def test_a_part_whose_system_is_no_system_is_a_system_of_its_own_and_says_why(tmp_path, named, why):
    result = _catalog(
        tmp_path,
        _entity("System", "shop"),
        _entity("Component", "other", "{system: shop}"),
        _entity("Group", "team"),
        _entity("API", "orders"),
        _entity("Component", "x", f"{{system: {named}}}"),
    )
    # 'other' folds into the System shop; x, which names no System, stands alone
    assert sorted(s.source_id for s in result.model.systems) == ["component:default/x", "system:default/shop"]
    row = (
        "- 1 component or resource whose spec.system names no System of the catalog, each a system of its "
        f"own: component:default/x ({why})"
    )
    assert row in _section(result.report, "Assumed")


def test_components_naming_each_other_as_their_system_are_both_imported(tmp_path):
    result = _catalog(
        tmp_path,
        _entity("Component", "a", "{system: 'component:b'}"),
        _entity("Component", "b", "{system: 'component:a'}"),
    )
    assert sorted(s.source_id for s in result.model.systems) == ["component:default/a", "component:default/b"]
    assert (
        "- 2 components and resources whose spec.system names no System of the catalog, each a system of its "
        "own: component:default/a (component:default/b is not a System), component:default/b "
        "(component:default/a is not a System)"
    ) in _section(result.report, "Assumed")


def test_a_dependency_on_a_part_whose_system_is_a_group_is_an_integration(tmp_path, capsys):
    (tmp_path / "c.yaml").write_text(
        "---\n".join(
            [
                _entity("Group", "team"),
                _entity("Component", "c", "{system: 'group:team', owner: team}"),
                _entity("Component", "e", "{dependsOn: ['component:c', 'group:team'], owner: team}"),
            ]
        )
    )
    assert main(["import", "backstage", str(tmp_path / "c.yaml"), "-o", str(tmp_path / "out")]) == 0
    model = silomap.load(tmp_path / "out")
    # c is a system of its own, so e's dependsOn c is an integration c -> e, carrying no named data
    assert [(i.source, i.target, i.carries) for i in model.integrations] == [
        ("c", "e", ("unspecified-data",))
    ]
    report = (tmp_path / "out" / "import-report.md").read_text()
    assert _section(report, "Dropped") == [
        "- 1 reference to an entity of another kind (providesApis and consumesApis name APIs; dependsOn a "
        "Component, Resource or System): component:default/e dependsOn group:default/team"
    ]


def test_an_api_provided_and_consumed_but_not_in_the_catalog_is_listed(tmp_path):
    result = _catalog(
        tmp_path,
        _entity("Component", "a", "{providesApis: [ghost, 'component:b']}"),
        _entity("Component", "b", "{consumesApis: [ghost]}"),
    )
    assert result.model.integrations == ()
    assert _section(result.report, "Dropped") == [
        "- 1 reference to entities not in the catalog: api:default/ghost",
        "- 1 reference to an entity of another kind (providesApis and consumesApis name APIs; dependsOn a "
        "Component, Resource or System): component:default/a providesApis component:default/b",
    ]


# --- Backstage: silomap's own files, and nothing to import ---------------------------------------------

SILOMAP_FILES = [
    ("silomap: 1\nname: Acme\nsystems:\n  - {id: crm}\n", "a silomap model", "silomap validate m.yaml"),
    ("silomap-log: 1\nlog: cases.csv\n", "a silomap log mapping", "silomap observe MODEL m.yaml"),
    ("silomap-changes: 1\nchanges: []\n", "a silomap change file", "silomap whatif MODEL m.yaml"),
    ("# levels\nsilomap-assessment: 1\n", "a silomap assessment", "silomap assess MODEL m.yaml"),
    ("systems:\n  - {id: crm}\n", "a file of a silomap model folder", "silomap validate ."),
]


@pytest.mark.parametrize(("text", "what", "way"), SILOMAP_FILES, ids=[w for _, w, _ in SILOMAP_FILES])
def test_a_silomap_file_given_as_a_catalog_is_refused_with_the_way_out(
    tmp_path, monkeypatch, capsys, text, what, way
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(text)
    assert main(["import", "backstage", "m.yaml", "-o", "out"]) == 2
    line = 2 if text.startswith("#") else 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"m.yaml:{line}:1: error[SM063]: this is {what}, not a Backstage catalog: use {way}"
    )
    assert not (tmp_path / "out").exists()


def test_a_folder_of_silomap_files_is_refused_file_by_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "model.yaml").write_text("silomap: 1\nname: Acme\n")
    (tmp_path / "acme" / "systems.yaml").write_text("systems:\n  - {id: crm}\n")
    assert main(["import", "backstage", "acme", "-o", "out"]) == 2
    tail = "this is a file of a silomap model folder, not a Backstage catalog: use silomap validate acme"
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"acme/model.yaml:1:1: error[SM063]: {tail}",
        f"acme/systems.yaml:1:1: error[SM063]: {tail}",
    ]


def test_a_silomap_file_beside_a_catalog_is_listed_not_imported(tmp_path):
    (tmp_path / "c.yaml").write_text(_entity("Component", "crm"))
    (tmp_path / "observe.yaml").write_text("silomap-log: 1\nlog: cases.csv\n")
    result = silomap.import_model(tmp_path, "backstage")
    assert [s.source_id for s in result.model.systems] == ["component:default/crm"]
    assert "- silomap's own files in the catalog, not imported: observe.yaml (a silomap log mapping)" in (
        _section(result.report, "Dropped")
    )


@pytest.mark.parametrize("given", ["empty", "openapi.yaml"])
def test_a_catalog_without_entities_is_refused_not_imported_empty(tmp_path, monkeypatch, capsys, given):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "openapi.yaml").write_text("openapi: 3.0.0\ninfo: {title: Orders}\n")
    assert main(["import", "backstage", given, "-o", "out"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{given}:1:1: error[SM063]: no Backstage entity here (a document with apiVersion, kind and "
        "metadata.name): nothing to import"
    )


# --- symlink loops and FIFOs ----------------------------------------------------------------------------


def test_location_targets_that_are_symlink_loops_are_listed_not_followed(tmp_path):
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "d").symlink_to("d")
    (tmp_path / "c.yaml").write_text(
        _entity("Location", "l", "{targets: [./loop.yaml, ./d/x.yaml, '*.yaml']}")
        + "---\n"
        + _entity("Component", "a")
    )
    result = silomap.import_model(tmp_path / "c.yaml", "backstage")
    assert [s.source_id for s in result.model.systems] == ["component:default/a"]
    # '*.yaml' matches c.yaml (read already) and loop.yaml
    assert (
        "- 3 Location targets not followed: ./loop.yaml (c.yaml): a symlink loop, ./d/x.yaml (c.yaml): a symlink "
        "loop, \\*.yaml (c.yaml): loop.yaml: a symlink loop"
    ) in _section(result.report, "Dropped")


@pytest.mark.parametrize("kind", ["backstage", "archimate", "structurizr", "bpmn"])
def test_a_file_to_import_that_is_a_symlink_loop_is_a_located_error(tmp_path, monkeypatch, capsys, kind):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    assert main(["import", kind, "loop.yaml", "-o", "out"]) == 2
    assert (
        capsys.readouterr().err.splitlines()[0] == "loop.yaml:1:1: error[SM003]: cannot read: a symlink loop"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["archimate", "structurizr", "bpmn"])
def test_a_fifo_to_import_is_refused_without_blocking(tmp_path, kind):
    os.mkfifo(tmp_path / "pipe.xml")
    # in a process of its own: were the FIFO opened to read, it would wait for a writer forever
    done = run_silomap("import", kind, "pipe.xml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "pipe.xml:1:1: error[SM003]: a FIFO, not a regular file"


# --- line breaks in names and titles ----------------------------------------------------------------


def test_line_breaks_and_controls_in_a_backstage_title_make_one_line(tmp_path):
    result = _catalog(
        tmp_path,
        _entity(
            "Component",
            "a",
            "{owner: g}",
            ', title: "Line one\\r\\nline two\\u202e", description: "First\\r\\nsecond\\rthird"',
        ),
        _entity("Group", "g", '{profile: {displayName: "Team\\rA"}}'),
    )
    (system,) = result.model.systems
    assert (system.name, system.description) == ("Line one line two", "First\nsecond\nthird")
    assert [t.name for t in result.model.teams] == ["Team A"]
    assert _section(result.report, "Changed") == [
        "- 2 names with line breaks, tabs, runs of spaces, control or bidi characters: each became one space"
    ]
    assert "\u202e" not in result.report


def test_a_title_shown_in_the_report_is_escaped(tmp_path):
    result = _catalog(
        tmp_path,
        _entity("System", "s", "{}", ', title: "Shop\\u202e\\e[2J"'),
        _entity("Component", "w", "{system: s}"),
    )
    (row,) = [r for r in _section(result.report, "Mapped") if "folded" in r]
    assert row == "- components and resources folded into their system: Shop\\\\u202e\\\\x1b\\[2J (1)"


def test_a_carriage_return_in_a_name_silomap_exported_stays_a_line_break(tmp_path):
    model = silomap.load(MODELS / "telecom")
    system = model.systems[0]
    xml = silomap.export(model, "archimate").decode()
    written = f'<name xml:lang="en">{system.name}</name>'
    assert xml.count(written) == 1
    xml = xml.replace(written, '<name xml:lang="en">Customer&#13;&#10;records&#13;kept</name>')
    (tmp_path / "m.xml").write_text(xml)
    imported = silomap.import_model(tmp_path / "m.xml", "archimate").model
    # a name silomap wrote comes back as written, its line breaks as the model file writes them
    assert next(s.name for s in imported.systems if s.id == system.id) == "Customer\nrecords\nkept"


# --- ArchiMate: relationships whose end is no element -------------------------------------------------

EXCHANGE = """<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="m"><name>Dangling</name><elements>
  <element identifier="a" xsi:type="ApplicationComponent"><name>A</name></element>
  <element identifier="b" xsi:type="ApplicationComponent"><name>B</name></element>
</elements><relationships>
  <relationship identifier="r1" source="a" target="b" xsi:type="Flow"><name>Orders</name></relationship>
  <relationship identifier="r2" source="a" target="ghost" xsi:type="Flow"><name>Bills</name></relationship>
  <relationship identifier="r3" target="b" xsi:type="Serving"/>
  <relationship identifier="r4" source="r1" target="nowhere" xsi:type="Association"/>
</relationships></model>
"""

ARCHI = """<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="Dangling" id="m" version="4.9.0">
  <folder name="Application" id="f1" type="application">
    <element xsi:type="archimate:ApplicationComponent" name="A" id="a"/>
  </folder>
  <folder name="Relations" id="f2" type="relations">
    <element xsi:type="archimate:FlowRelationship" name="Bills" id="r2" source="a" target="ghost"/>
  </folder>
</archimate:model>
"""


@pytest.mark.parametrize(
    ("name", "text", "rows"),
    [
        (
            "m.xml",
            EXCHANGE,
            [
                "- 3 relationships whose end is not an element of the file: flow r2 'Bills' (target ghost: no such "
                "element); serving r3 (no source); association r4 (source r1: a relationship, target nowhere: no such "
                "element)",
            ],
        ),
        (
            "m.archimate",
            ARCHI,
            [
                "- 1 relationship whose end is not an element of the file: flow r2 'Bills' (target ghost: no such "
                "element)",
            ],
        ),
    ],
)
def test_each_relationship_whose_end_is_no_element_is_listed(tmp_path, name, text, rows):
    (tmp_path / name).write_text(text)
    result = silomap.import_model(tmp_path / name, "archimate")
    assert _section(result.report, "Dropped") == rows  # and no "0 business processes" where there are none
    links = [(i.source, i.target) for i in result.model.integrations]
    assert links == ([("a", "b")] if name == "m.xml" else [])


# --- many elements alike: ids in one pass, each row written once ------------------------------------


def test_twenty_thousand_systems_called_alike_get_their_ids_in_one_pass():
    b = Builder("m", "s")
    for i in range(20_000):
        b.add("systems", f"k{i:05d}", "Application")
    start = time.perf_counter()
    ids = [b.id("systems", f"k{i:05d}") for i in range(20_000)]
    took = time.perf_counter() - start
    assert ids[:3] == ["application", "application-2", "application-3"] and ids[-1] == "application-20000"
    assert took < 5, f"{took:.1f} s: ids of equal names should take one pass (it took 20 s when quadratic)"


def test_an_id_the_source_gives_is_skipped_by_the_names_numbered_after_it():
    b = Builder("m", "s")
    b.add("systems", "x", "Other", id="app-3")
    for key in ("k1", "k2", "k3", "k4"):
        b.add("systems", key, "App")
    assert [b.id("systems", k) for k in ("x", "k1", "k2", "k3", "k4")] == [
        "app-3",
        "app",
        "app-2",
        "app-4",
        "app-5",
    ]
    for key in ("s1", "s2", "s3"):
        b.scoped_id("steps:j", key, "Check")
    assert [b.scoped_id("steps:j", k, "Check") for k in ("s1", "s2", "s3")] == ["check", "check-2", "check-3"]


def test_two_thousand_steps_called_alike_get_their_ids_in_one_pass():
    b = Builder("m", "s")
    start = time.perf_counter()
    ids = [b.scoped_id("steps:j", f"k{i}", "Check") for i in range(2_000)]
    took = time.perf_counter() - start
    assert (ids[0], ids[1], ids[-1], len(set(ids))) == ("check", "check-2", "check-2000", 2_000)
    assert took < 5, f"{took:.1f} s: each step's id tried every earlier one again (it took 30 s)"


def test_each_file_is_its_rows_written_once_and_reads_as_its_document(monkeypatch):
    rows = [
        {"id": f"s{i}", "name": f"System {i}", "tags": ["a", "b"], "x-cost": {"eur": i}} for i in range(40)
    ]
    shared = {"note": "the same mapping in two rows"}
    rows[0]["x-note"] = rows[1]["x-note"] = shared
    monkeypatch.setattr(yaml_files, "FILE_BYTES", 600)  # a few rows a file
    files = yaml_files.split_files({"systems": rows, "teams": []})
    assert len(files) > 5 and all(name.startswith("systems/part-") for name in files)
    for name, (doc, text) in files.items():
        assert read_document(name, text.encode())[0].data == doc
        if name == "systems/part-001.yaml":  # rows 0 and 1 share a mapping: written in full in each
            assert "&id001" in dump(doc) and "&id" not in text
        else:
            assert text == dump(doc)
    assert [row for doc, _ in files.values() for row in doc["systems"]] == rows
