"""Importers on real third-party files (tests/data/, see PROVENANCE.md) and on hostile XML.

The expected counts were checked by hand against the files (and, for ArchiMate and
Structurizr, by an independent count of the raw XML/JSON), not copied from the output.
"""

from __future__ import annotations

import time

import pytest
import yaml

import silomap
from silomap._cli import main

from .conftest import DATA

REAL = [
    # file, format, systems, integrations, teams, journeys, steps
    ("archimate/archi_Archisurance_OEF.xml", "archimate", 10, 7, 22, 2, 7),
    ("archimate/archi_Archisurance.archimate", "archimate", 10, 7, 22, 2, 7),
    ("structurizr/BigBank.workspace.json", "structurizr", 9, 9, 2, 0, 0),
    ("bpmn/miwg_C.4.0.bpmn", "bpmn", 3, 0, 5, 4, 22),
    ("bpmn/miwg_C.5.0.bpmn", "bpmn", 2, 0, 4, 2, 19),
]


@pytest.mark.parametrize(("name", "kind", "systems", "links", "teams", "journeys", "steps"), REAL,
                         ids=[r[0].split("/")[1] for r in REAL])  # fmt: skip
def test_real_files_import_validate_and_score(
    tmp_path, capsys, name, kind, systems, links, teams, journeys, steps
):
    out = tmp_path / "model"
    assert main(["import", kind, str(DATA / name), "-o", str(out)]) == 0
    model = silomap.load(out)
    assert (len(model.systems), len(model.integrations), len(model.teams)) == (systems, links, teams)
    assert (len(model.journeys), sum(len(j.steps) for j in model.journeys)) == (journeys, steps)
    result = silomap.analyze(model)
    assert result.score is None or 0 <= result.score <= 100
    report = (out / "import-report.md").read_text()
    assert "## Mapped" in report and "## Dropped" in report and "## Assumed" in report
    assert all(s.source_id for s in model.systems)  # the original ids are kept


def test_archisurance_mapping():
    from silomap._importers.archimate import import_archimate

    path = DATA / "archimate/archi_Archisurance_OEF.xml"
    files = import_archimate(path, path.read_bytes()).files()
    systems = yaml.safe_load(files["systems.yaml"])["systems"]
    assert {s["id"] for s in systems} >= {"crm-system", "call-center-application", "web-portal",
                                          "home-away-policy-administration"}  # fmt: skip
    links = yaml.safe_load(files["integrations.yaml"])["integrations"]
    assert {(i["from"], i["to"]) for i in links} >= {
        ("crm-system", "web-portal"),
        ("bank-system", "financial-application"),
    }
    # every one is unlabelled; two come from "Customer Data Access", which writes "Customer File Data"
    # (access id-880): they carry it, the other five the placeholder (tests/test_import_meaning.py)
    carries = sorted(i["carries"] for i in links)
    assert carries == [["customer-file-data"]] * 2 + [["unspecified-data"]] * 5
    assert "5 of 7 integrations carry the placeholder entity 'unspecified data'" in files["import-report.md"]
    journeys = yaml.safe_load(files["journeys.yaml"])["journeys"]
    claim = next(
        j for j in journeys if [s["name"] for s in j["steps"]] == ["Register", "Accept", "Valuate", "Pay"]
    )
    assert claim["name"] == "Damage Occured"  # the business event that triggers the chain
    assert claim["steps"][0]["captures"] == ["customer-file", "damage-claim"]
    assert claim["steps"][1]["reads"] == ["damage-claim", "customer-file"]  # in the order of the file
    teams = {t["name"] for t in yaml.safe_load(files["teams.yaml"])["teams"]}
    assert "Customer" not in teams and "Insurer" in teams  # the Customer role is the customer


def test_bpmn_lanes_and_data():
    from silomap._importers.bpmn import import_bpmn

    path = DATA / "bpmn/miwg_C.5.0.bpmn"
    files = import_bpmn(path, path.read_bytes()).files()
    teams = {t["name"] for t in yaml.safe_load(files["teams.yaml"])["teams"]}
    assert {
        "Private Customer Account Manager",
        "Corporate Account Manager",
        "Head of Market Service",
    } <= teams
    journeys = yaml.safe_load(files["journeys.yaml"])["journeys"]
    first = journeys[0]["steps"][0]
    assert (first["name"], first["actor"]) == ("Interview customer", "private-customer-account-manager")
    entities = {e["name"] for e in yaml.safe_load(files["entities.yaml"])["entities"]}
    assert "ID document [scanned]" in entities


def test_structurizr_people():
    from silomap._importers.structurizr import import_structurizr

    path = DATA / "structurizr/BigBank.workspace.json"
    builder = import_structurizr(path, path.read_bytes())
    assert sorted(i.name for i in builder.items["teams"]) == ["Back Office Staff", "Customer Service Staff"]
    assert "external people -> the customer: Personal Banking Customer" in builder.files()["import-report.md"]


def test_import_is_stable(tmp_path, capsys):
    for out in ("a", "b"):
        assert main(["import", "bpmn", str(DATA / "bpmn/miwg_C.4.0.bpmn"), "-o", str(tmp_path / out)]) == 0
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()


def test_non_empty_output_needs_force(tmp_path, capsys):
    out = tmp_path / "model"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["import", "bpmn", str(DATA / "bpmn/miwg_C.4.0.bpmn"), "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert main(["import", "bpmn", str(DATA / "bpmn/miwg_C.4.0.bpmn"), "-o", str(out), "--force"]) == 0
    assert (out / "notes.txt").read_text() == "mine"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<model><name>&lol3;</name></model>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><model><name>&x;</name></model>"""


@pytest.mark.parametrize(("data", "code"), [(BOMB, "SM061"), (XXE, "SM061"), (b"<model>\n  <name>x</nme>\n</model>", "SM060")],
                         ids=["entity-bomb", "external-entity", "malformed"])  # fmt: skip
@pytest.mark.parametrize("kind", ["archimate", "bpmn"])
def test_hostile_xml_is_refused(tmp_path, capsys, data, code, kind):
    source = tmp_path / "in.xml"
    source.write_bytes(data)
    out = tmp_path / "out"
    start = time.monotonic()
    assert main(["import", kind, str(source), "-o", str(out)]) == 2
    assert time.monotonic() - start < 5
    err = capsys.readouterr().err
    assert f"error[{code}]" in err and "root:" not in err
    if code == "SM060":
        assert err.startswith(f"{source}:2:")  # the line of the mismatched tag, in the file as given
    assert not out.exists()


def test_not_json(tmp_path, capsys):
    source = tmp_path / "w.json"
    source.write_text('{"model": [1,\n 2,,]}')
    assert main(["import", "structurizr", str(source), "-o", str(tmp_path / "out")]) == 2
    assert "w.json:2:4: error[SM060]" in capsys.readouterr().err


def test_structurizr_dsl_is_refused_with_the_way_out(tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(["import", "structurizr", str(DATA / "structurizr/big-bank-plc.workspace.dsl"), "-o", str(out)])
        == 2
    )
    err = capsys.readouterr().err
    assert "big-bank-plc.workspace.dsl:1:1: error[SM062]: this is the Structurizr DSL" in err
    assert "-format json" in err
    assert not out.exists()
