"""FINOS CALM in and out: the two real architectures (tests/data/calm, see PROVENANCE.md), broken
and hostile files, and the export checked against CALM 1.2's own meta schema.

Every expected count is counted here from the raw JSON with ``json`` (by the rules in
docs/import.md), never with silomap's code.
"""

from __future__ import annotations

import json
import os

import pytest

import silomap
from silomap._cli import main

from .conftest import DATA, ROOT, run_silomap, shared_file

CALM = DATA / "calm"
TRADERX = CALM / "trading-system.architecture.json"
TUTORIAL = CALM / "conference-signup-with-flow.arch.json"
NOT_SYSTEMS = {"actor", "network", "data-asset", "ecosystem"}


def _count(path):
    """What the import should give, counted from the raw JSON by the rules of docs/import.md."""
    arch = json.loads(path.read_bytes())
    types = {n["unique-id"]: n["node-type"] for n in arch["nodes"]}
    kinds = [(r, next(iter(r["relationship-type"]))) for r in arch["relationships"]]
    containers = {
        r["relationship-type"][k]["container"] for r, k in kinds if k in ("composed-of", "deployed-in")
    }
    systems = {n for n, t in types.items() if t not in NOT_SYSTEMS and n not in containers}
    ends = [
        (
            r["relationship-type"]["connects"]["source"]["node"],
            r["relationship-type"]["connects"]["destination"]["node"],
        )
        for r, k in kinds
        if k == "connects"
    ]
    direct = [(a, b) for a, b in ends if a in systems and b in systems]
    through = [
        (a, d)
        for a, b in ends
        for c, d in ends
        if b == c and types[b] == "network" and a in systems and d in systems
    ]
    steps = sum(len(f["transitions"]) for f in arch.get("flows", []))
    return systems, direct + through, len(arch.get("flows", [])), steps


@pytest.mark.parametrize("path", [TRADERX, TUTORIAL], ids=["traderx", "tutorial"])
def test_real_architectures_import_and_validate(tmp_path, path):
    systems, links, flows, steps = _count(path)
    out = tmp_path / "model"
    assert main(["import", "calm", str(path), "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0  # the round trip through silomap validate
    model = silomap.load(out)
    assert {s.id for s in model.systems} == systems
    assert sorted((i.source, i.target) for i in model.integrations) == sorted(links)
    assert (len(model.journeys), sum(len(j.steps) for j in model.journeys)) == (flows, steps)


def test_traderx_counts_worked_by_hand():
    # 13 nodes: less the actor Trader, the data-asset Ticker CSV File and the container Trading System
    # (composed-of) leaves 10 systems; 16 connects, less the one to the data-asset, 15 integrations
    model = silomap.import_model(TRADERX, "calm").model
    assert (len(model.systems), len(model.integrations), len(model.teams)) == (10, 15, 0)
    # 4 + 5 + 8 + 8 + 3 + 11 + 3 transitions: a request and its reply are two steps
    assert [len(j.steps) for j in model.journeys] == [4, 5, 8, 8, 3, 11, 3]
    by_id = {s.id: s for s in model.systems}
    assert by_id["web-gui"].kind == "web" and by_id["web-gui"].channels == ("web",)  # the Trader's front end
    assert by_id["security-master"].holds == ("ticker-csv-file",)  # it connects to the data-asset
    assert by_id["trade-data-store"].kind == "other"  # CALM's database says no kind
    assert by_id["user-directory"].tags == () and by_id["trade-feed"].tags == ("trading-system",)
    load = model.journeys[0]
    # Load List of Accounts, transition 3: destination-to-source on account-service -> trade-data-store
    assert [s.systems for s in load.steps] == [
        ("web-gui", "account-service"),
        ("account-service", "trade-data-store"),
        ("trade-data-store", "account-service"),
        ("account-service", "web-gui"),
    ]
    submit = model.journeys[2]  # step 1 is the Trader on the Web GUI (interacts): the customer, on the web
    assert (submit.steps[0].actor, submit.steps[0].channel, submit.steps[0].systems) == (
        "customer",
        "web",
        ("web-gui",),
    )
    link = next(i for i in model.integrations if i.source_id == "people-service-user-directory")
    assert link.extensions["x-calm-protocol"] == "LDAP" and link.carries == ("unspecified-data",)


def test_the_tutorial_joins_a_connection_through_its_load_balancer():
    model = silomap.import_model(TUTORIAL, "calm").model
    through = next(i for i in model.integrations if i.source == "conference-website")
    assert (through.target, through.extensions["x-calm-via"]) == ("attendees", "load-balancer")
    steps = model.journeys[0].steps
    assert [s.systems for s in steps] == [
        ("conference-website",),
        ("attendees",),
        ("attendees", "attendees-store"),
    ]
    assert {s.id: s.tags for s in model.systems}["attendees"] == ("k8s-cluster",)  # deployed-in
    report = silomap.import_model(TUTORIAL, "calm").report
    assert (
        "network and ecosystem nodes (a connects through a network joins its ends): load-balancer" in report
    )
    assert "what CALM cannot say" in report


def _arch(transitions, extra_nodes=()):
    nodes = [
        {"unique-id": "web", "node-type": "webclient", "name": "Web", "description": "d"},
        {"unique-id": "api", "node-type": "crm", "name": "API", "description": "d"},
        {"unique-id": "cust", "node-type": "data-asset", "name": "Customer record", "description": "d"},
        *extra_nodes,
    ]
    rels = [
        {"unique-id": "web-api", "description": "sends the Customer record",
         "relationship-type": {"connects": {"source": {"node": "web"}, "destination": {"node": "api"}}}},
        {"unique-id": "api-cust", "relationship-type": {"connects": {"source": {"node": "api"}, "destination": {"node": "cust"}}}},
    ]  # fmt: skip
    flow = {"unique-id": "f", "name": "F", "description": "d", "transitions": transitions}
    return {"nodes": nodes, "relationships": rels, "flows": [flow]}


def test_steps_follow_sequence_numbers_not_the_order_written(tmp_path):
    path = tmp_path / "a.json"
    transitions = [
        {"relationship-unique-id": "web-api", "sequence-number": 3, "description": "three", "direction": "destination-to-source"},
        {"relationship-unique-id": "web-api", "sequence-number": 1, "description": "one"},
        {"relationship-unique-id": "api-cust", "sequence-number": 2, "description": "two"},
    ]  # fmt: skip
    path.write_text(json.dumps(_arch(transitions)))
    model = silomap.import_model(path, "calm").model
    steps = model.journeys[0].steps
    assert [(s.name, s.systems) for s in steps] == [
        ("one", ("web", "api")),
        ("two", ("api",)),
        ("three", ("api", "web")),
    ]
    assert model.systems[1].kind == "crm" and model.systems[1].holds == ("cust",)
    assert model.integrations[0].carries == ("cust",)  # the description names the data-asset


BROKEN = [
    # what is wrong, the file's text, every problem expected (line:col path: message); each column
    # counted with str.index on the line, 1-based
    ("no nodes", '{"relationships": []}', ["1:1 nodes: no 'nodes' list: a CALM architecture lists its nodes"]),
    ("missing fields", '{"nodes": [\n {"unique-id": "a"}\n]}',
     ["2:2 nodes[0]: 'node-type' is missing", "2:2 nodes[0]: 'name' is missing"]),
    ("a duplicate id", '{"nodes": [\n {"unique-id": "a", "node-type": "service", "name": "A"},\n'
     ' {"unique-id": "a", "node-type": "service", "name": "B"}\n]}',
     ["3:16 nodes[1].unique-id: unique-id 'a' is taken (line 2)"]),
    ("a bad reference", '{"nodes": [{"unique-id": "a", "node-type": "service", "name": "A"}],\n'
     '"relationships": [{"unique-id": "r", "relationship-type": {"connects": {"source": {"node": "a"}, '
     '"destination": {"node": "b"}}}}]}',
     ["2:122 relationships[0].relationship-type.connects.destination.node: no node has unique-id 'b'"]),
    ("a flow naming no relationship", '{"nodes": [{"unique-id": "a", "node-type": "service", "name": "A"}],\n'
     '"flows": [{"unique-id": "f", "name": "F", "transitions": [\n'
     '{"relationship-unique-id": "gone", "sequence-number": 1, "description": "x"},\n'
     '{"relationship-unique-id": "gone", "sequence-number": 1, "description": "y", "direction": "up"}]}]}',
     ["3:28 flows[0].transitions[0].relationship-unique-id: no relationship has unique-id 'gone'",
      "4:28 flows[0].transitions[1].relationship-unique-id: no relationship has unique-id 'gone'",
      "4:55 flows[0].transitions[1].sequence-number: sequence-number 1 is taken (transition 0)",
      "4:91 flows[0].transitions[1].direction: 'direction' must be source-to-destination or destination-to-source"]),
    ("a duplicate key", '{"nodes": [], "nodes": []}', ["1:15 nodes: duplicate key 'nodes' (first defined at line 1)"]),
]  # fmt: skip


@pytest.mark.parametrize(("what", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_architectures_are_located_errors_all_at_once(
    tmp_path, monkeypatch, capsys, what, text, expected
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arch.json").write_text(text)
    assert main(["import", "calm", "arch.json", "-o", "out"]) == 2
    err = capsys.readouterr().err.splitlines()
    found = [
        line.split(": error[")[0].removeprefix("arch.json:") + " " + line.split("]: ", 1)[1]
        for line in err[:-1]
    ]
    assert sorted(found) == sorted(expected)  # every one, none more
    assert not (tmp_path / "out").exists()  # nothing half written


@pytest.mark.parametrize(
    ("text", "code", "said"),
    [
        ("[" * 100 + "]" * 100, "SM060", "this is no JSON object, not a CALM architecture"),
        ('{"nodes":' + "[" * 100 + "]" * 100 + "}", "SM014", "nesting deeper than 64 levels"),
        ("<archimate/>", "SM063", "this is XML, not a CALM architecture"),
        ('{"nodes": [', "SM010", "not valid JSON: "),
    ],
    ids=["an array", "deep nesting", "xml", "cut short"],
)
def test_what_is_no_architecture_is_refused_with_its_place(tmp_path, capsys, text, code, said):
    path = tmp_path / "arch.json"
    path.write_text(text)
    assert main(["import", "calm", str(path), "-o", str(tmp_path / "out")]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert f"error[{code}]" in first and said in first


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path, capsys):
    path = tmp_path / "arch.json"
    # 30 bytes of head, 6 MiB of x (6,291,456 bytes) and 2 of tail: 6,291,488
    path.write_bytes(b'{"nodes": [], "description": "' + b"x" * (6 * 1024 * 1024) + b'"}')
    assert main(["import", "calm", str(path), "-o", str(tmp_path / "out")]) == 2
    assert "error[SM002]: file exceeds 5 MiB (6,291,488 bytes)" in capsys.readouterr().err


def test_hostile_names_reach_the_report_escaped(tmp_path, capsys):
    path = tmp_path / "a.json"
    hostile = [
        {"unique-id": "x", "node-type": "service", "name": "**bold** <b>[a](http://x)", "description": "d"}
    ]
    path.write_text(json.dumps({"nodes": hostile}))
    report = silomap.import_model(path, "calm").report
    assert "**bold**" not in report and r"\*\*bold\*\* &lt;b>\[a\](http\://x)" in report  # inert Markdown
    hostile[0]["name"] = "CRM\x1b[2J"  # a terminal escape: refused where it is, never printed
    text = json.dumps({"nodes": hostile})
    path.write_text(text)
    assert main(["import", "calm", str(path), "-o", str(tmp_path / "out")]) == 2
    column = text.index('"CRM') + 1
    assert (
        f"a.json:1:{column}: error[SM024]: nodes[0].name: control character U+001B" in capsys.readouterr().err
    )


@pytest.fixture(scope="module")
def calm_schema():
    """CALM 1.2's meta schema, every $ref resolved from ../shared/data/calm/meta: no network."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    meta = shared_file("calm", "meta")
    docs = [json.loads(p.read_text()) for p in sorted(meta.glob("*.json"))]
    registry = referencing.Registry().with_resources(
        (d["$id"], referencing.Resource.from_contents(d)) for d in docs
    )  # no retrieve function: an unknown $ref fails instead of fetching
    main_schema = json.loads((meta / "calm.json").read_text())
    return jsonschema.Draft202012Validator(main_schema, registry=registry)


def test_the_schema_check_catches_what_calm_refuses(calm_schema):
    arch = json.loads(TRADERX.read_bytes())
    assert list(calm_schema.iter_errors(arch)) == []  # a valid file passes
    del arch["nodes"][0]["name"]
    arch["flows"][0]["transitions"][0]["direction"] = "up"
    assert len(list(calm_schema.iter_errors(arch))) == 2


@pytest.mark.parametrize("name", ["retail-bank", "telecom", "university"])
def test_exports_are_valid_calm_and_import_back_the_same(tmp_path, calm_schema, name):
    out = tmp_path / "arch.json"
    assert main(["export", "calm", f"models/{name}", "-o", str(out)]) == 0
    arch = json.loads(out.read_text())
    assert arch["$schema"] == "https://calm.finos.org/release/1.2/meta/calm.json"
    assert [e.message for e in calm_schema.iter_errors(arch)] == []
    before, after = silomap.load(f"models/{name}"), silomap.import_model(out, "calm").model
    assert _same(before) == _same(after)


def _same(model):
    """Systems, integrations and journeys as a round trip keeps them; data compared by name (an
    entity whose id the customer's actor node has comes back under another id)."""
    data = {e.id: e.label for e in model.entities}
    return (
        [(s.id, s.label, s.kind, sorted(data[e] for e in s.holds)) for s in model.systems],
        [(i.source, i.target, sorted(data[e] for e in i.carries)) for i in model.integrations],
        [
            (j.id, j.label, [(s.label, s.actor, s.channel, s.systems) for s in j.steps])
            for j in model.journeys
        ],
    )


@pytest.mark.parametrize("path", [TRADERX, TUTORIAL], ids=["traderx", "tutorial"])
def test_an_imported_architecture_exports_valid_and_comes_back(tmp_path, calm_schema, path):
    first = silomap.import_model(path, "calm")
    first.write(tmp_path / "model")
    out = tmp_path / "again.json"
    assert main(["export", "calm", str(tmp_path / "model"), "-o", str(out)]) == 0
    arch = json.loads(out.read_text())
    assert [e.message for e in calm_schema.iter_errors(arch)] == []
    assert _same(first.model) == _same(silomap.import_model(out, "calm").model)


def test_steps_with_no_system_are_listed_not_exported():
    model = silomap.load("models/retail-bank")
    empty = [(j.id, s.id) for j in model.journeys for s in j.steps if not s.systems]
    arch = json.loads(silomap.export(model, "calm"))
    listed = arch.get("metadata", {}).get("silomap-not-exported", [])
    assert listed == [f"{j}/{s}: a step with no system" for j, s in empty]
    written = {f["unique-id"]: len(f["transitions"]) for f in arch["flows"]}
    assert written == {j.id: sum(1 for s in j.steps if s.systems) for j in model.journeys}


def test_the_university_export_counted_as_docs_export_md_says():
    model = silomap.load("models/university")
    arch = json.loads(silomap.export(model, "calm"))
    held = [e for s in model.systems for e in s.holds]
    assert len(held) == 3 + 4 + 1 + 4 + 1 + 1 + 2 + 5 + 1 + 2 + 1  # 25, system by system in the docs
    kinds = [next(iter(r["relationship-type"])) for r in arch["relationships"]]
    uses = {(s.actor, s.systems, s.channel) for j in model.journeys for s in j.steps if s.systems}
    assert (len(arch["nodes"]), kinds.count("connects"), kinds.count("interacts")) == (
        17 + 13 + 9,  # systems, the entities some system holds, the customer and 8 teams
        17 + 25,  # integrations and holdings
        len(uses),
    )
    assert (len(set(held)), len(model.teams), len(uses)) == (13, 8, 14)


def test_what_is_not_imported_is_listed(tmp_path):
    path = tmp_path / "a.json"
    arch = _arch([{"relationship-unique-id": "web-api", "sequence-number": 1, "description": "one"}])
    arch["nodes"].append({"unique-id": "eco", "node-type": "ecosystem", "name": "Eco", "description": "d"})
    arch["nodes"].append({"unique-id": "ops", "node-type": "actor", "name": "Ops", "description": "d"})
    arch["relationships"] += [
        {"unique-id": "loop", "relationship-type": {"connects": {"source": {"node": "api"}, "destination": {"node": "api"}}}},
        {"unique-id": "out", "relationship-type": {"connects": {"source": {"node": "api"}, "destination": {"node": "eco"}}}},
        {"unique-id": "choice", "relationship-type": {"options": []}},
        {"unique-id": "idle", "relationship-type": {"interacts": {"actor": "ops", "nodes": ["api"]}}},
    ]  # fmt: skip
    arch["controls"] = {"c": {"description": "d", "requirements": []}}
    path.write_text(json.dumps(arch))
    dropped = silomap.import_model(path, "calm").report.split("## Dropped\n\n")[1].split("\n\n")[0]
    assert dropped.splitlines() == [
        "- interacts of teams that no flow takes (a model says who uses a system only at a step): idle",
        "- network and ecosystem nodes (a connects through a network joins its ends): eco",
        "- connects that join no two systems (to an actor or an ecosystem, or a node to itself): loop, out",
        "- 1 options relationship (decisions not taken)",
        "- the architecture's own controls: a model has no field for them",
        "- what CALM cannot say: the teams that own systems, data captured at a step, journey volumes, minutes, "
        "questions; add them where known",
    ]


def test_the_same_bytes_in_another_process(tmp_path):
    for where in ("here", "there"):  # another PYTHONHASHSEED each time: set order never shows
        env = {**os.environ, "PYTHONHASHSEED": "1" if where == "here" else "4321"}
        done = run_silomap(
            "export", "calm", "models/telecom", "-o", str(tmp_path / f"{where}.json"), cwd=ROOT, env=env
        )
        assert done.returncode == 0, done.stderr
        done = run_silomap("import", "calm", str(TRADERX), "-o", str(tmp_path / where), cwd=ROOT, env=env)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "here.json").read_bytes() == (tmp_path / "there.json").read_bytes()
    for name in sorted(p.name for p in (tmp_path / "here").iterdir()):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes(), name
