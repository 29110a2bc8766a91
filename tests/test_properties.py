"""Invariants over generated models (hypothesis)."""

from __future__ import annotations

import functools
import itertools
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import silomap
from silomap import Entity, Integration, Journey, Model, Question, Step, System, Team
from silomap._yaml import read_document

# generated models may lack some volumes (warning SM091): not what these properties are about
pytestmark = pytest.mark.filterwarnings("ignore::silomap.SilomapWarning")

CHANNELS = ["web", "mobile", "phone", "chat", "internal"]
MODES = ["realtime", "batch", "file", "manual"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def models(draw) -> Model:
    n_sys = draw(st.integers(2, 7))
    n_ent = draw(st.integers(1, 5))
    n_team = draw(st.integers(1, 3))
    systems_ = [f"s{i}" for i in range(n_sys)]
    entities = [f"e{i}" for i in range(n_ent)]
    teams = [f"t{i}" for i in range(n_team)]
    sub = lambda pool, lo=0: st.lists(st.sampled_from(pool), min_size=lo, max_size=len(pool), unique=True)  # noqa: E731
    holds = [draw(sub(entities)) for _ in systems_]
    for i, e in enumerate(entities):  # every entity held somewhere
        if not any(e in h for h in holds):
            holds[i % n_sys].append(e)
    integrations = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.lists(st.sampled_from(systems_), min_size=2, max_size=2, unique=True))
        integrations.append(
            Integration(source=a, target=b, carries=draw(sub(entities, 1)), mode=draw(st.sampled_from(MODES)))
        )
    questions = [
        Question(
            id=f"q{i}", needs=draw(sub(entities, 1)), volume=draw(st.one_of(st.none(), st.integers(1, 1000)))
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    journeys = []
    for j in range(draw(st.integers(0, 3))):
        steps = []
        for k in range(draw(st.integers(1, 6))):
            steps.append(
                Step(
                    id=f"x{k}",
                    actor=draw(st.sampled_from(["customer", *teams])),
                    channel=draw(st.sampled_from(CHANNELS)),
                    systems=draw(sub(systems_)),
                    captures=draw(sub(entities)),
                    answers=draw(sub([q.id for q in questions])) if questions else (),
                )
            )
        journeys.append(
            Journey(
                id=f"j{j}", stage="sales", steps=steps, volume=draw(st.one_of(st.none(), st.integers(1, 100)))
            )
        )
    return Model(
        silomap=1,
        name="Generated",
        teams=[Team(id=t) for t in teams],
        entities=[Entity(id=e) for e in entities],
        systems=[System(id=s, holds=h) for s, h in zip(systems_, holds, strict=True)],
        integrations=integrations,
        questions=questions,
        journeys=journeys,
    )


def figures(result: silomap.Analysis) -> dict:
    data = result.to_dict()
    # what must not depend on ids: numbers, in model order
    return {
        "score": data["score"],
        "components": data["components"],
        "spq": [q["spq"] for q in data["questions"]],
        "journeys": [
            (j["handoffs"], j["channel_switches"], j["captures"], j["reentries"]) for j in data["journeys"]
        ],
        "desktops": sorted(t["desktop"] for t in data["teams"]),
        "entities": [(e["unsynced"], e["possible"]) for e in data["entities"]],
        "isolated": len(data["isolated"]),
        "unbacked": len(data["unbacked"]),
    }


@SETTINGS
@given(models())
def test_score_stays_in_range(model):
    result = silomap.analyze(model)
    assert result.score is None or 0 <= result.score <= 100
    for c in result.components:
        assert 0 <= c.value <= 1


@SETTINGS
@given(models(), st.data())
def test_adding_an_integration_never_raises_spq(model, data):
    before = [q.spq for q in silomap.analyze(model).questions]
    ids = [s.id for s in model.systems]
    a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    carries = data.draw(st.lists(st.sampled_from([e.id for e in model.entities]), min_size=1, unique=True))
    link = Integration(source=a, target=b, carries=carries, mode=data.draw(st.sampled_from(MODES[:3])))
    bigger = model.model_copy(update={"integrations": (*model.integrations, link)})
    after = [q.spq for q in silomap.analyze(bigger).questions]
    assert all(x <= y for x, y in zip(after, before, strict=True))


@SETTINGS
@given(models())
def test_renaming_ids_changes_no_figure(model):
    text = json.dumps(model.model_dump(mode="json", by_alias=True, exclude_none=True))
    # every generated id is a letter and a number: rename them all at once, in reverse
    renamed = text
    for prefix, new in (
        ("s", "system-"),
        ("e", "entity-"),
        ("t", "team-"),
        ("q", "question-"),
        ("j", "journey-"),
        ("x", "step-"),
    ):
        for i in range(9, -1, -1):
            renamed = renamed.replace(f'"{prefix}{i}"', f'"{new}{chr(ord("z") - i)}"')
    other = Model.model_validate(json.loads(renamed))
    assert figures(silomap.analyze(other)) == figures(silomap.analyze(model))


@SETTINGS
@given(models(), st.integers(1, 5))
def test_directory_equals_merged_file(tmp_path_factory, model, parts):
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    root = tmp_path_factory.mktemp("m")
    (root / "whole.yaml").write_text(yaml.safe_dump(data))
    folder = root / "dir"
    folder.mkdir()
    (folder / "00-head.yaml").write_text(yaml.safe_dump({"silomap": 1, "name": data["name"]}))
    for kind in ("teams", "entities", "systems", "integrations", "questions", "journeys"):
        items = data.get(kind, [])
        for n in range(parts):
            chunk = items[n::parts]
            if chunk:
                (folder / f"{n}-{kind}.yaml").write_text(yaml.safe_dump({kind: chunk}))
    whole = silomap.load(root / "whole.yaml")
    split = silomap.load(folder)
    assert by_id(silomap.analyze(whole)) == by_id(silomap.analyze(split))
    assert {s.id for s in whole.systems} == {s.id for s in split.systems}


def by_id(result: silomap.Analysis) -> dict:
    """The whole JSON, with every list of records keyed by id (files reorder items)."""
    data = result.to_dict()
    for key in ("questions", "journeys", "teams", "entities"):
        data[key] = {row["id"]: row for row in data[key]}
    for key in ("isolated", "unbacked", "manual_integrations"):
        data[key] = sorted(json.dumps(row, sort_keys=True) for row in data[key])
    for check in data["completeness"].values():
        if isinstance(check, dict):
            check["ids"] = sorted(check["ids"])
    data["components"] = {k: round(v, 12) for k, v in data["components"].items()}
    return data


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_reader_never_crashes_on_bytes(data):
    doc, problems = read_document("fuzz.yaml", data)
    assert doc is not None or problems


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_loader_never_crashes_on_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("f") / "m.yaml"
    path.write_text("silomap: 1\nname: x\n" + text, encoding="utf-8")
    try:
        silomap.load(path)
    except silomap.ModelError as err:
        for p in err.errors:
            assert p.line >= 1 and p.col >= 1 and p.code.startswith("SM")


@SETTINGS
@given(
    n=st.integers(1, 6),
    masks=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), st.integers(0, 63)), max_size=9
    ),
)
def test_cover_is_a_true_minimum(n, masks):
    """The exact cover is as small as any found by trying every subset of systems."""
    from silomap._metrics.cover import min_cover

    full = (1 << n) - 1
    candidates = [(name, mask & full) for name, mask in masks] + [("z", full)]
    cover, exact = min_cover(n, candidates)
    assert exact
    union = 0
    for name, mask in candidates:
        if name in cover:
            union |= mask
    assert union == full
    smallest = next(
        size
        for size in range(len(candidates) + 1)
        for combo in itertools.combinations(candidates, size)
        if functools.reduce(lambda acc, item: acc | item[1], combo, 0) == full
    )
    assert len(cover) == smallest
