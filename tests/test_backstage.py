"""Importing a Backstage catalog: a small catalog worked by hand, the Backstage project's own example
catalog (read from ../shared/data, Apache-2.0, provenance in tests/data/PROVENANCE.md), and hostile files."""

from __future__ import annotations

import os

import pytest

import silomap
from silomap._cli import main
from silomap._importers.backstage_read import read_catalog

from .conftest import DATA, ROOT

CATALOG = DATA / "backstage" / "catalog-info.yaml"
EXAMPLES = ROOT.parent / "shared" / "data" / "backstage" / "examples"
needs_examples = pytest.mark.skipif(not EXAMPLES.exists(), reason="../shared/data/backstage is not here")


def _by_source(items):
    return {item.source_id: item for item in items}


def test_the_small_catalog_by_hand():
    result = silomap.import_model(CATALOG, "backstage")
    m = result.model
    systems = _by_source(m.systems)
    # the System folds its website and its database; core banking, the CRM and the intranet stand alone
    assert sorted(systems) == ["component:default/core-banking", "component:default/crm",
                               "component:default/intranet", "system:default/online-banking"]  # fmt: skip
    online = systems["system:default/online-banking"]
    assert (online.id, online.name, online.kind, online.owner) == ("online-banking", "Online Banking", "web",
                                                                   "digital-channels")  # fmt: skip
    assert online.tags == ("customer-facing", "domain-retail")
    core = systems["component:default/core-banking"]
    # owned by the user jane, a member of core-team; deprecated -> phasing out
    assert (core.owner, core.lifecycle, core.kind) == ("core-team", "phasing-out", "other")
    assert {t.id: t.name for t in m.teams} == {
        "digital-channels": "Digital Channels",
        "core-team": "core-team",
    }
    # accounts-api: core banking -> online banking (its website consumes it) and -> the CRM (which also
    # dependsOn core banking: one integration); the intranet dependsOn the database: the placeholder
    links = {(i.source, i.target): i.carries for i in m.integrations}
    assert links == {("core-banking", "online-banking"): ("account-balances",),
                     ("core-banking", "service-crm"): ("account-balances",),
                     ("online-banking", "intranet"): ("unspecified-data",)}  # fmt: skip
    report = result.report
    assert "1 of 3 integrations carry the placeholder entity 'unspecified data'" in report  # counted
    assert "1 link between parts of one system" in report  # the website dependsOn its own database
    assert "1 reference to entities not in the catalog: component:default/billing" in report
    assert "\\$text at catalog-info.yaml:47" in report
    assert (
        "https\\://github.com/example/catalog" in report
        and "../outside.yaml (catalog-info.yaml): outside" in report
    )
    assert "12 entities in 2 files" in report  # more.yaml was followed through the Location


def test_a_folder_reads_every_file_and_follows_no_location(tmp_path):
    catalog = read_catalog(DATA / "backstage")
    assert sorted({e.file for e in catalog.entities}) == ["catalog-info.yaml", "more.yaml"]
    assert catalog.not_followed == []


@needs_examples
def test_the_backstage_example_catalog():
    result = silomap.import_model(EXAMPLES, "backstage")
    m = result.model
    # 66 entities: 13 components, 1 resource, 3 systems, 10 APIs, 8 groups, 17 users, 3 domains...
    assert "66 entities in 50 files" in result.report
    systems = _by_source(m.systems)
    portal = systems["system:default/artist-engagement-portal"]
    # its components are a service and a website: the portal is not a website alone, so no kind
    assert (portal.owner, portal.kind, portal.tags) == ("team-a", "other", ("domain-artists", "portal"))
    # 3 systems fold 8 parts; the 6 other components stand alone
    assert len(m.systems) == 3 + 6 and len(m.teams) == 8
    assert [(i.source, i.target, i.carries) for i in m.integrations] == [
        ("wayback-archive", "wayback-search", ("wayback-archive",))]  # fmt: skip
    assert "4 substitutions not followed" in result.report
    # the Location files give the same systems from all.yaml (users and groups are not listed there)
    via = silomap.import_model(EXAMPLES / "all.yaml", "backstage").model
    assert sorted(s.source_id for s in via.systems) == sorted(systems)


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        (
            "a: &a [1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\n"
            "f: &f [*e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f]\n",
            "SM013",
            "bomb.yaml:5",  # stopped at the alias that crosses the budget, before expanding it
        ),
        ("kind: Component\nmetadata: " + "[" * 100 + "]" * 100 + "\n", "SM014", "bomb.yaml:2"),
        ("kind: Component\n---\nkind: !!python/object:os.system x\n", "SM012", "bomb.yaml:3"),
    ],
)
def test_hostile_catalog_files_are_refused_at_their_place(tmp_path, capsys, text, code, where):
    (tmp_path / "bomb.yaml").write_text(text)
    (tmp_path / "second.yaml").write_text("kind: [unclosed\n")
    assert main(["import", "backstage", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert code in err and where in err
    assert "second.yaml:2" in err  # every file's problem, at once
    assert not (tmp_path / "out").exists()


def test_symlinks_and_files_outside_are_not_read(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: secret}\n")
    root = tmp_path / "catalog"
    root.mkdir()
    (root / "link.yaml").symlink_to(outside)
    (root / "a.yaml").write_text("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: l}\n"
                                 "spec: {targets: ['../outside.yaml', './link.yaml']}\n")  # fmt: skip
    catalog = read_catalog(root)
    assert catalog.skipped_links == ["link.yaml"] and not [e for e in catalog.entities if "secret" in e.ref]
    via_file = read_catalog(root / "a.yaml")
    assert not [e for e in via_file.entities if "secret" in e.ref]
    assert any("outside the catalog" in n for n in via_file.not_followed)


def test_an_unreadable_or_missing_catalog_is_a_located_error(tmp_path, capsys):
    assert main(["import", "backstage", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out")]) == 2
    assert "SM003" in capsys.readouterr().err
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert main(["import", "backstage", str(fifo), "-o", str(tmp_path / "out")]) == 2  # never blocks
    assert "not a regular file" in capsys.readouterr().err
    big = tmp_path / "big"
    big.mkdir()
    (big / "a.yaml").write_bytes(b"kind: x\n" + b"#" * (6 * 2**20))
    assert main(["import", "backstage", str(big), "-o", str(tmp_path / "out")]) == 2
    assert "SM002" in capsys.readouterr().err


def test_the_import_report_escapes_catalog_names(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: x, title: '**bold** <b>x</b> [l](j)'}\n"
        "spec: {owner: '<script>'}\n"
    )
    result = silomap.import_model(tmp_path, "backstage")
    assert "**bold**" not in result.report and "<b>" not in result.report
    assert result.model.systems[0].name == "**bold** <b>x</b> [l](j)"  # kept as the name, escaped when shown
    assert os.path.exists(tmp_path / "c.yaml")


def test_a_consumed_api_nobody_provides_is_reported(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: app}\nspec: {consumesApis: [orders]}\n"
        "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: orders}\nspec: {type: openapi}\n"
    )
    result = silomap.import_model(tmp_path, "backstage")
    assert result.model.integrations == ()
    assert "1 consumed API that no component of the catalog provides: api:default/orders" in result.report
