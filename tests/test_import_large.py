"""A big import: an importer never writes a model silomap refuses to read, and writes it fast.

A journey is one row of ``journeys.yaml``: it cannot be split across files, so a journey too big for
the reader's bound on one file (5 MiB, 1,000,000 YAML nodes) is refused at its place in the source,
exit 2, nothing written. The YAML is written by libyaml's emitter where PyYAML has it, to the same
bytes as PyYAML's own. Every figure below is worked by hand from the generated input.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import silomap
from silomap._cli import main
from silomap._config import Limits
from silomap._model import model_files, yaml_files
from silomap._yaml import read_document

from .architectures import architecture
from .conftest import DATA, ROOT

LIBYAML = pytest.mark.skipif(
    "libyaml" not in yaml_files.DUMPERS, reason="PyYAML without libyaml: only its own emitter to compare"
)
IMPORTS = [
    ("archimate", DATA / "archimate" / "archi_Archisurance_OEF.xml"),
    ("bpmn", DATA / "bpmn" / "miwg_C.4.0.bpmn"),
    ("bpmn", DATA / "bpmn" / "miwg_C.5.0.bpmn"),
    ("structurizr", DATA / "structurizr" / "BigBank.workspace.json"),
    ("calm", DATA / "calm" / "conference-signup-with-flow.arch.json"),
    ("calm", DATA / "calm" / "trading-system.architecture.json"),
    ("backstage", DATA / "backstage" / "catalog-info.yaml"),
]
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>SM\d{3})\]: .+$")


def _under_both(monkeypatch: pytest.MonkeyPatch, make):  # type: ignore[no-untyped-def]
    """What ``make()`` gives under each emitter."""
    made = {}
    for emitter in ("python", "libyaml"):
        monkeypatch.setattr(yaml_files, "EMITTER", emitter)
        made[emitter] = make()
    return made["python"], made["libyaml"]


@LIBYAML
@pytest.mark.parametrize("model", ["retail-bank", "telecom", "university"])
def test_a_bundled_model_is_written_to_the_same_bytes_by_either_emitter(model, monkeypatch):
    loaded = silomap.load(ROOT / "models" / model)
    python, libyaml = _under_both(monkeypatch, lambda: model_files(loaded))
    assert python == libyaml and len(python) >= 5


@LIBYAML
@pytest.mark.parametrize(("kind", "path"), IMPORTS, ids=[p.name for _, p in IMPORTS])
def test_an_import_is_written_to_the_same_bytes_by_either_emitter(kind, path, monkeypatch):
    python, libyaml = _under_both(monkeypatch, lambda: silomap.import_model(path, kind).files)
    assert python == libyaml


@LIBYAML
def test_a_generated_architecture_is_written_to_the_same_bytes_by_either_emitter(tmp_path, monkeypatch):
    """300 flows of 10 transitions over 50 services, each transition described in 40 characters, and
    texts the two emitters would write otherwise (an emoji; a line break after a space, kept as the
    source writes it in x-calm-details): libyaml's emitter is used where it writes as PyYAML's does,
    PyYAML's elsewhere."""
    made = architecture(300, 10, said=40, services=50)
    nodes = made["nodes"]
    assert isinstance(nodes, list)
    nodes[2]["description"] = "café \U0001f600 costs 5 €"
    nodes[3]["details"] = {"note": "two lines \nthe second"}
    path = tmp_path / "a.arch.json"
    path.write_text(json.dumps(made, ensure_ascii=False), encoding="utf-8")
    python, libyaml = _under_both(monkeypatch, lambda: silomap.import_model(path, "calm").files)
    assert python == libyaml
    assert "description: café \U0001f600 costs 5 €\n" in python["systems.yaml"]
    assert (
        '    note: "two lines \\nthe second"\n' in python["systems.yaml"]
    )  # double-quoted, as PyYAML writes it


@LIBYAML
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=150), st.text(max_size=20))
def test_any_text_is_written_to_the_same_bytes_by_either_emitter(text, key):
    docs = ({"x": [{"id": "a", "name": text, "more": {key: text, "list": [text, key]}}]}, {key: text})
    original = yaml_files.EMITTER  # set by hand: hypothesis runs many examples in one test
    for doc in docs:
        written = {}
        for emitter in ("python", "libyaml"):
            yaml_files.EMITTER = emitter
            try:
                written[emitter] = (yaml_files.dump(doc), yaml_files.split_files({"teams": [doc]}))
            finally:
                yaml_files.EMITTER = original
        assert written["python"] == written["libyaml"]


def _flow_at(path) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The line and column of the first flow in a compact JSON file: the '{' before its unique-id."""
    text = path.read_text(encoding="utf-8")
    return 1, text.index('{"unique-id":"f0"') + 1


def test_a_journey_of_over_a_million_yaml_nodes_is_refused_at_its_flow(tmp_path, capsys):
    """One flow of 60,000 transitions. Its journey: a mapping (2) of 5 keys (id, name, stage,
    source_id, steps: 5) with 4 text values (4) and a list of steps (2) = 13; the first step, on the
    customer's interacts (systems: [web]), 2 + 7 keys + 6 values + a list of 1 (3) = 18; each of the
    59,999 others on a connects (systems: two services) 2 + 7 + 6 + 4 = 19: 13 + 18 + 19 x 59,999 =
    1,140,012 nodes, over the 1,000,000 the reader takes in a file. About 49,000 steps fit:
    1,000,000 / (1,140,012 + 16) x 60,000 x 0.95 = 49,999, to the thousand below."""
    path = tmp_path / "long.arch.json"
    path.write_text(json.dumps(architecture(1, 60_000, services=50), separators=(",", ":")))
    out = tmp_path / "out"
    assert main(["import", "calm", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    line, col = _flow_at(path)
    assert err[0] == (
        f"{path}:{line}:{col}: error[SM002]: element f0 'Flow 0': a journey of 60,000 steps would make "
        "1,140,012 YAML nodes in one file, more than the 1,000,000 silomap reads in one; a journey "
        "cannot be split across files: split it into journeys of at most about 49,000 steps"
    )
    assert LINE.match(err[0]) and err[1:] == ["1 error; nothing was computed"]
    assert not out.exists() and not list(tmp_path.glob("*.tmp*"))
    assert 13 + 18 + 19 * 48_999 <= 1_000_000 - 16  # the advice holds: 49,000 steps fit


def test_a_journey_of_over_the_file_bound_in_bytes_is_refused_and_the_advice_fits(tmp_path):
    """With the file bound lowered to 100,000 bytes (its nodes bound kept), 1,000 steps named in 80
    characters make a journey far over it: refused. The advised number of steps makes a journey the
    reader takes in one file, as does the refused one cut to that number."""
    path = tmp_path / "long.arch.json"
    path.write_text(json.dumps(architecture(1, 1_000, said=80, services=50)))
    limits = Limits(file_bytes=100_000)
    with pytest.raises(silomap.ModelError) as info:
        silomap.import_model(path, "calm", limits=limits)
    (problem,) = info.value.errors
    found = re.search(
        r"would make ([\d.]+) MiB of YAML in one file, more than the ([\d.]+) MiB", problem.message
    )
    assert found and float(found[1]) * 2**20 > 100_000 and found[2] == f"{100_000 / 2**20:g}"
    assert (problem.code, problem.file, problem.line) == ("SM002", str(path), 1)
    assert path.read_text()[problem.col - 1 :].startswith('{"unique-id": "f0"')
    most = int(re.search(r"at most about ([\d,]+) steps", problem.message)[1].replace(",", ""))  # type: ignore[index]
    cut = architecture(1, most, said=80, services=50)
    path.write_text(json.dumps(cut))
    result = silomap.import_model(path, "calm", limits=limits)
    assert len(result.model.journeys[0].steps) == most
    text = result.files["journeys.yaml"].encode()
    assert len(text) <= 100_000 and read_document("j.yaml", text, limits)[1] == []


def test_a_model_over_the_bound_in_all_is_refused_at_the_file(tmp_path):
    """With the bound in all lowered to 1 MiB, 3,000 flows of 10 steps (each step over 100 bytes of
    YAML: 3 MiB or more) are refused, at the source file's 1:1, before the rest is written."""
    path = tmp_path / "wide.arch.json"
    path.write_text(json.dumps(architecture(3_000, 10, services=50)))
    with pytest.raises(silomap.ModelError) as info:
        silomap.import_model(path, "calm", limits=Limits(total_bytes=2**20))
    assert [str(p) for p in info.value.errors] == [
        f"{path}:1:1: error[SM002]: the imported model would be over 1 MiB, more than silomap loads"
    ]


def test_the_same_journey_under_the_bounds_imports_in_one_file(tmp_path):
    """Just under the bound, one flow of 25,000 steps (13 + 18 + 19 x 24,999 = 475,012 nodes; about 4 MiB) imports:
    its journey is one file, which the reader takes."""
    path = tmp_path / "long.arch.json"
    path.write_text(json.dumps(architecture(1, 25_000, services=50), separators=(",", ":")))
    result = silomap.import_model(path, "calm")
    assert len(result.model.journeys[0].steps) == 25_000
    doc, problems = read_document("journeys.yaml", result.files["journeys.yaml"].encode())
    assert problems == [] and doc is not None
    assert yaml_files.nodes(doc.data["journeys"][0]) == 475_012


def _through_network(ins: int, outs: int) -> dict[str, object]:
    """``ins`` services connecting into one network node, which connects out to ``outs`` others."""
    nodes = [{"unique-id": "net", "node-type": "network", "name": "Net"}]
    nodes += [{"unique-id": f"a{i}", "node-type": "service", "name": f"A{i}"} for i in range(ins)]
    nodes += [{"unique-id": f"b{i}", "node-type": "service", "name": f"B{i}"} for i in range(outs)]
    pairs = [(f"i{i}", f"a{i}", "net") for i in range(ins)] + [(f"o{i}", "net", f"b{i}") for i in range(outs)]
    links = [
        {
            "unique-id": key,
            "relationship-type": {"connects": {"source": {"node": a}, "destination": {"node": b}}},
        }
        for key, a, b in pairs
    ]
    return {"nodes": nodes, "relationships": links}


def test_connects_through_a_network_too_many_to_join_are_refused_before_joining(tmp_path, capsys):
    """Each pair of a connects into a network and one out of it joins two systems: 3,000 each way
    make 9,000,000 integrations, each at least 70 bytes of YAML ('- from: a', '  to: b', '  carries:',
    '  - c', '  source_id: a + b', '  x-calm-via: n' and their line breaks: 10 + 8 + 11 + 6 + 19 + 16),
    630,000,000 bytes, over the 50 MiB silomap loads, from a file of 1 MiB. Refused at the network
    node, line 3 column 3 of a file written with an indent of 1, before any is joined."""
    path = tmp_path / "net.arch.json"
    path.write_text(json.dumps(_through_network(3_000, 3_000), indent=1))
    out = tmp_path / "out"
    assert main(["import", "calm", str(path), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:3:3: error[SM002]: nodes[0]: network 'net' joins 3,000 connects into it with 3,000 out of "
        "it: 9,000,000 integrations, 70 bytes of YAML each at least, more than the 50 MiB silomap loads; "
        "connect the systems to one another rather than through the network",
        "1 error; nothing was computed",
    ]
    assert not out.exists()


@pytest.mark.parametrize(("ins", "outs", "refused"), [(821, 821, False), (822, 821, True)])
def test_the_network_bound_refuses_only_what_cannot_fit(tmp_path, ins, outs, refused):
    """The bound in all, as the model's files keep it: 50 MiB x 9 / 10 = 47,185,920 bytes, at least
    70 bytes an integration: 674,084 at most. 821 x 821 = 674,041 may fit and are joined; 822 x 821 =
    674,862 cannot. A system connecting both into and out of the network joins no integration to
    itself: it is not counted (checked by the last line)."""
    from silomap._importers import calm as importer
    from silomap._importers.calm_read import read_calm

    def check(made: dict[str, object]) -> None:
        text = json.dumps(made).encode()
        calm = read_calm(tmp_path / "a.json", text)
        roles = importer._Roles(calm)
        into = [r for r in calm.rels.values() if r.ends[1] == "net"]
        importer._joinable(
            calm, roles, {"net": (into, [r for r in calm.rels.values() if r.ends[0] == "net"])}
        )

    assert (47_185_920 // 70, 821 * 821, 822 * 821) == (674_084, 674_041, 674_862)
    if refused:
        with pytest.raises(silomap.ModelError, match="674,862 integrations"):
            check(_through_network(ins, outs))
    else:
        check(_through_network(ins, outs))
    made = _through_network(822, 821)
    relationships = made["relationships"]
    assert isinstance(relationships, list)
    relationships[-1]["relationship-type"]["connects"]["destination"]["node"] = "a0"  # a0 -> net -> a0
    with pytest.raises(silomap.ModelError, match="674,861 integrations"):
        check(made)
