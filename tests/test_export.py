"""Exports: the ArchiMate exchange format, valid against the Open Group's XSD (read from
../shared/data, provenance in tests/data/PROVENANCE.md) and read back by silomap's importer with the
same model (tests/test_roundtrip.py); and a Structurizr DSL workspace, read back by a reader that
keeps Structurizr's rules (tests/structurizr_dsl.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import silomap
from silomap._cli import main
from silomap._exporters import archimate_xml, structurizr_dsl

from .conftest import DATA, MODELS, ROOT
from .structurizr_dsl import DslError, parse

BUNDLED = ["retail-bank", "telecom", "university"]
HOSTILE = """silomap: 1
name: 'Acme "Gold" <b>&amp;'
teams: [{id: ops, name: 'Ops \\ ${HOME} team'}]
entities: [{id: addr, name: 'Address "home"'}, {id: card, name: 'Card <script>x</script>'}]
systems:
  - {id: crm, name: 'CRM ${AWS_SECRET_ACCESS_KEY}', owner: ops, holds: [addr], lifecycle: phasing-out}
  - {id: erp, name: 'ERP "new" \\', kind: erp}
  - {id: web, name: 'crm ${aws_secret_access_key}', kind: web}
integrations:
  - {from: crm, to: erp, carries: [addr, card], mode: batch}
  - {from: erp, to: crm, carries: [card]}
journeys:
  - id: j
    name: 'Move "house"'
    stage: sales
    steps:
      - {id: a, name: 'Tell us ${HOME}', actor: customer, channel: web, systems: [web], captures: [addr]}
      - {id: b, name: Retype, actor: ops, channel: phone, systems: [crm, erp], captures: [addr]}
"""


@pytest.fixture(scope="module")
def schema(archimate_xsd):
    return archimate_xsd


def _models(write):
    out = [(name, silomap.load(MODELS / name)) for name in BUNDLED]
    return [*out, ("hostile", silomap.load(write(HOSTILE)))]


def test_the_validator_accepts_a_real_file_and_refuses_a_broken_one(schema, tmp_path):
    assert schema.is_valid(str(ROOT.parent / "shared" / "data" / "archimate" / "archi_Archisurance_OEF.xml"))
    broken = archimate_xml(silomap.load(MODELS / "retail-bank")).replace(
        b'accessType="Read"', b'accessType="Glance"'
    )
    (tmp_path / "broken.xml").write_bytes(broken)
    assert not schema.is_valid(str(tmp_path / "broken.xml"))


def test_archimate_exports_are_valid_against_the_xsd(schema, write, tmp_path):
    for name, model in _models(write):
        target = tmp_path / f"{name}.xml"
        target.write_bytes(archimate_xml(model))
        errors = list(schema.iter_errors(str(target)))
        assert not errors, (name, str(errors[0])[:500] if errors else "")


def _merged(model):
    """Integrations as Structurizr holds them: one relationship per source, target and mode."""
    out: dict[tuple[str, str, str], set[str]] = {}
    for i in model.integrations:
        out.setdefault((i.source, i.target, i.mode), set()).update(i.carries)
    return out


# the ArchiMate round trip (every bundled model read back equal, field by field): tests/test_roundtrip.py


def test_archimate_escapes_every_name(write):
    model = silomap.load(write(HOSTILE))
    root = ET.fromstring(archimate_xml(model))
    names = [el.text for el in root.iter("{http://www.opengroup.org/xsd/archimate/3.0/}name")]
    assert "CRM ${AWS_SECRET_ACCESS_KEY}" in names and "Card <script>x</script>" in names
    assert 'Acme "Gold" <b>&amp;' in names  # the text as written, escaped in the file


def test_structurizr_exports_follow_structurizrs_rules(write):
    for name, model in _models(write):
        ws = parse(structurizr_dsl(model).decode())
        kinds = [kind for kind, _, _ in ws.elements.values()]
        assert kinds.count("softwaresystem") == len(model.systems), name
        teams = [n for k, n, rest in ws.elements.values() if k == "person" and rest[-1:] == ["Team"]]
        assert len(teams) == len(model.teams)
        data = [r for r in ws.relationships if r[3] != ""]
        assert len(data) == len(_merged(model))
        journeys = [j for j in model.journeys if any(s.systems for s in j.steps)]
        assert sorted(ws.views) == sorted(f"view:dynamic:journey-{j.id}" for j in journeys)
        for j in journeys:
            assert len(ws.views[f"view:dynamic:journey-{j.id}"]) == sum(len(s.systems) for s in j.steps)
        assert ws.substitutions == [], name  # no ${...} left for Structurizr to fill from the environment


def test_structurizr_bank_by_hand():
    ws = parse(structurizr_dsl(silomap.load(MODELS / "retail-bank")).decode())
    # report-lost-card: the bot (chatbot), the agent (cc-platform, crm-northwind), then card-management,
    # then the customer on the website: 5 steps of the dynamic view, in order
    steps = ws.views["view:dynamic:journey-report-lost-card"]
    assert [(a, b) for a, b, _ in steps] == [
        ("person_customer", "system_chatbot"), ("team_contact-center", "system_cc-platform"),
        ("team_contact-center", "system_crm-northwind"), ("team_contact-center", "system_card-management"),
        ("person_customer", "system_web-banking")]  # fmt: skip
    assert ("system_core-banking", "system_crm-northwind", "Customer profile, Postal address, Account balance",
            "batch") in ws.relationships  # fmt: skip


def test_the_dsl_reader_reads_real_structurizr_and_refuses_what_structurizr_refuses():
    real = ROOT.parent / "shared" / "data" / "structurizr" / "big-bank-plc.workspace.dsl"
    if real.exists():
        ws = parse(real.read_text(encoding="utf-8"))
        assert ws.name == "Big Bank plc" and len(ws.views["view:dynamic:SignIn"]) == 6
    with pytest.raises(DslError, match="not defined"):
        parse('workspace {\n model {\n a -> b "x"\n }\n}\n')
    with pytest.raises(DslError, match="already exists"):
        parse('workspace {\n model {\n a = person "X"\n b = softwareSystem "X"\n }\n}\n')
    with pytest.raises(DslError, match="does not exist"):
        parse('workspace {\n model {\n a = person "A"\n b = person "B"\n }\n views {\n dynamic * "k" {\n'
              ' a -> b "x"\n }\n }\n}\n')  # fmt: skip


def test_a_repeated_name_stays_unique_in_structurizr(write):
    model = silomap.load(write(HOSTILE))
    ws = parse(structurizr_dsl(model).decode())
    names = [n for k, n, _ in ws.elements.values() if k == "softwaresystem"]
    # 'CRM ${...}' and 'crm ${...}' differ only in case: Structurizr would call them one name
    assert "crm $ {aws_secret_access_key} (web)" in names and "ERP 'new' /" in names


def test_export_cli(tmp_path, capsys):
    out = tmp_path / "bank.xml"
    assert main(["export", "archimate", str(MODELS / "retail-bank"), "-o", str(out)]) == 0
    assert "19 systems, 21 integrations, 6 journeys" in capsys.readouterr().out
    first = out.read_bytes()
    assert main(["export", "archimate", str(MODELS / "retail-bank"), "-o", str(out)]) == 0
    assert out.read_bytes() == first  # the same model always gives the same bytes
    assert main(["export", "structurizr", str(MODELS / "retail-bank"), "-o", str(tmp_path / "w.dsl")]) == 0
    assert main(["export", "structurizr", str(MODELS / "retail-bank"), "-o", str(tmp_path / "w.xml")]) == 2
    assert "-o takes a .dsl file" in capsys.readouterr().err and not (tmp_path / "w.xml").exists()
    inside = MODELS / "retail-bank" / "x.xml"
    assert main(["export", "archimate", str(MODELS / "retail-bank"), "-o", str(inside)]) == 2
    assert not inside.exists()
    assert main(["export", "archimate", str(DATA / "nope.yaml"), "-o", str(tmp_path / "n.xml")]) == 2
    assert not (tmp_path / "n.xml").exists()


def test_a_model_built_in_python_is_checked_and_its_text_made_safe():
    odd = silomap.Model(silomap=1, name="T\x01", systems=[silomap.System(id="a", name="x\x1fy")])
    root = ET.fromstring(silomap.export(odd, "archimate"))  # XML 1.0 cannot carry U+0001: shown as U+FFFD
    assert "T\ufffd" in [el.text for el in root.iter("{http://www.opengroup.org/xsd/archimate/3.0/}name")]
    assert parse(silomap.export(odd, "structurizr").decode()).name == "T"
    broken = silomap.Model(silomap=1, name="T", systems=[silomap.System(id="a", holds=["nope"])])
    with pytest.raises(silomap.ModelError) as caught:
        silomap.export(broken, "archimate")
    assert caught.value.problems[0].code == "SM031"
    with pytest.raises(silomap.UsageError, match="target= must be one of archimate, structurizr"):
        silomap.export(broken, "visio")
