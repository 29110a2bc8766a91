"""``silomap.changes``: one typed builder per kind of change (issue #29, item 2).

Each builder gives the change ``Change.model_validate`` gives for the same fields; its keywords are
its kind's fields, so a kind added to ``KINDS`` without a builder fails here; a wrong value is a
``UsageError`` naming the keyword.
"""

from __future__ import annotations

import inspect

import pytest

import silomap
from silomap import changes
from silomap._changes import KINDS

from .conftest import MODELS
from .test_change_kinds import EXAMPLES


def _builder(kind: str):
    return getattr(changes, kind.replace("-", "_"))


def test_every_kind_has_a_builder_and_every_builder_a_kind():
    assert sorted(changes.__all__) == sorted(k.replace("-", "_") for k in KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_builders_keywords_are_its_kinds_fields_and_keyword_only(kind):
    parameters = inspect.signature(_builder(kind)).parameters.values()
    assert {p.name for p in parameters} == set(KINDS[kind].model_fields)
    assert {p.kind for p in parameters} == {inspect.Parameter.KEYWORD_ONLY}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_builder_gives_the_change_a_change_file_gives(kind):
    written = EXAMPLES[kind][0]  # as a change file writes it: `from`, `to`
    by_name = {"from": "source", "to": "target"}
    built = _builder(kind)(**{by_name.get(k, k): v for k, v in written.items()})
    assert built == silomap.Change.model_validate({kind: written})
    assert built.to_dict() == silomap.Change.model_validate({kind: written}).to_dict()


def test_a_built_change_measures_as_the_change_file_does():
    model = silomap.load(MODELS / "retail-bank")
    app = changes.add_integration(source="mobile-backend", target="core-banking", carries=["address"])
    from_file = silomap.whatif(model, silomap.load_changes("examples/changes/connect-app.yaml"))
    assert silomap.whatif(model, app).to_dict() == from_file.to_dict()


@pytest.mark.parametrize(
    ("call", "param", "said"),
    [
        (lambda: changes.set_mode(source="a", target="b", mode="weekly"), "mode", "mode= input should be"),
        (lambda: changes.hold(system="crm", entities="address"), "entities", "must be a list of ids"),
        (
            lambda: changes.hold(system="crm", entities=[]),
            "entities",
            "entities= list should have at least 1",
        ),
        (lambda: changes.retire_system(system="Big CRM"), "system", "system= string should match"),
        (lambda: changes.add_integration(source="A", target="b", carries=[]), "source", "carries="),
        (lambda: changes.edit_step(journey="j", step="s", minutes=-1), "minutes", "minutes= input should be"),
    ],
)
def test_a_wrong_value_names_its_keyword_with_every_mistake(call, param, said):
    with pytest.raises(silomap.UsageError) as caught:
        call()
    assert caught.value.param == param
    assert said in str(caught.value)
