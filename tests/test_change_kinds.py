"""Change kinds are one table: every row complete, a new kind one module and one row, and no
module outside ``_changes/kinds`` dispatching on a kind's name."""

from __future__ import annotations

import ast
from fractions import Fraction
from pathlib import Path

import pytest
from pydantic import Field, create_model

import silomap
from silomap._changes import EFFORTS, describe, effort
from silomap._changes import load as load_module
from silomap._changes.evaluate import Base
from silomap._changes.fixes import _order
from silomap._changes.kinds import KINDS, Kind, Touches
from silomap._changes.kinds.kind import Id, Name
from silomap._changes.schema import Change, ChangeFile, kind_fields
from silomap._changes.scope import scope_of
from silomap._metrics.score import silo_score

from .conftest import MODELS

pytestmark = pytest.mark.filterwarnings("ignore::silomap.SilomapWarning")

BANK = MODELS / "retail-bank"
KINDS_DIR = Path(silomap.__file__).resolve().parent / "_changes" / "kinds"

# one change of every kind that the retail bank takes, with the words it reads as
EXAMPLES = {
    "add-integration": (
        {"from": "mobile-backend", "to": "crm-northwind", "carries": ["address"]},
        "connect Mobile Middleware (API cache) to Service CRM for Postal address",
    ),
    "set-mode": (
        {"from": "crm-northwind", "to": "crm-harbor", "mode": "realtime"},
        "make the integration from Service CRM to Harbor Savings CRM (legacy) realtime",
    ),
    "remove-integration": (
        {"from": "data-warehouse", "to": "marketing-cloud"},
        "remove the integration from Enterprise Data Warehouse to Marketing Cloud",
    ),
    "hold": (
        {"system": "crm-harbor", "entities": ["complaint"]},
        "keep Complaint in Harbor Savings CRM (legacy)",
    ),
    "merge-systems": (
        {"into": "crm-northwind", "systems": ["crm-northwind", "crm-harbor"]},
        "merge Harbor Savings CRM (legacy) into Service CRM",
    ),
    "retire-system": ({"system": "chatbot"}, "retire Web Chat Assistant"),
    "edit-step": (
        {"journey": "report-lost-card", "step": "bot-hands-over", "captures": ["card-order"]},
        "pre-fill Customer profile at 'Bot cannot block cards; hands the chat to an agent' in Report a lost "
        "card and get a replacement: the system already has it",
    ),
    "remove-step": (
        {"journey": "report-lost-card", "step": "where-is-it"},
        "drop the step 'A week later, the customer asks where the card is' from Report a lost card and get "
        "a replacement",
    ),
}


def from_scratch(model: silomap.Model) -> Fraction | None:
    return silo_score(list(silomap.analyze(model).components))


def test_the_table_is_the_change_file_format():
    assert all(kind.kind == name for name, kind in KINDS.items())
    assert [f.alias for f in Change.model_fields.values()] == list(KINDS)
    assert list(EXAMPLES) == list(KINDS)  # a new row brings its example here


@pytest.mark.parametrize("name", list(KINDS))
def test_every_row_is_complete(name):
    kind, (fields, words) = KINDS[name], EXAMPLES[name]
    assert issubclass(kind, Kind) and kind.__doc__ and not kind.__abstractmethods__
    assert all(field in kind.model_fields for field, _ in kind.refs)
    change = Change.model_validate({name: fields})
    assert (change.kind, Change.model_validate(change.to_dict())) == (name, change)
    model = silomap.load(BANK)
    after = silomap.apply(model, change)  # checked, applied, valid
    assert after != model
    assert describe(change, model) == words
    assert effort(change, model) in EFFORTS
    assert isinstance(change.body, kind) and isinstance(change.body.touches(), Touches)
    # what it touches is all that moves: measured incrementally, the score is the one from scratch
    assert Base(model).evaluate(change).exact == from_scratch(after), change.text
    assert Base(model).evaluate(change, evidence=False).exact == from_scratch(after), change.text


def test_of_two_changes_with_one_effect_mending_comes_first():
    model = silomap.load(BANK)
    ends = {"from": "crm-northwind", "to": "crm-harbor"}
    mend = Change.model_validate({"set-mode": {**ends, "mode": "realtime"}})
    add = Change.model_validate({"add-integration": {**ends, "carries": ["customer-profile", "address"]}})
    measured = [(Base(model).evaluate(c).exact, 0.0, c.text, c) for c in (add, mend)]
    assert measured[0][0] == measured[1][0]
    ranked = sorted(measured, key=lambda item: _order(item, frozenset()))
    assert [item[3].kind for item in ranked] == ["set-mode", "add-integration"]  # not by text


def _named_field(name: str) -> tuple[str, str, str]:
    """The first field of the example that names an id: its name in the file, and what it names."""
    kind, (fields, _) = KINDS[name], EXAMPLES[name]
    for field, what in kind.refs:
        key = kind.model_fields[field].alias or field
        if key in fields:
            return key, what, field
    raise AssertionError(f"the example of {name} names no id its kind checks")


@pytest.mark.parametrize("name", [n for n in KINDS if KINDS[n].refs])
def test_every_id_a_kind_names_is_checked(name):
    fields = EXAMPLES[name][0]
    key, what, _ = _named_field(name)
    wrong = [*fields[key][:-1], "nowhere"] if isinstance(fields[key], list) else "nowhere"
    change = Change.model_validate({name: {**fields, key: wrong}})
    with pytest.raises(silomap.ModelError) as caught:
        silomap.apply(silomap.load(BANK), change)
    assert [(p.code, p.message.split(" 'nowhere'")[0]) for p in caught.value.problems] == [
        ("SM070", f"{name}: unknown {what}")
    ]


# A kind made here, as a contributor would add one: one module (this class) and one row.
class RenameSystem(Kind):
    """Give a system another name."""

    kind = "rename-system"
    refs = (("system", "system"),)

    system: Id
    name: Name

    def apply(self, model: silomap.Model) -> silomap.Model:
        renamed = (
            s.model_copy(update={"name": self.name}) if s.id == self.system else s for s in model.systems
        )
        return model.model_copy(update={"systems": tuple(renamed)})

    def effort(self, model: silomap.Model) -> str:
        return "quick"

    def words(self, model: silomap.Model) -> str:
        return f"call {next(s.label for s in model.systems if s.id == self.system)} {self.name}"

    def touches(self) -> Touches:
        return Touches()


@pytest.fixture
def with_rename(monkeypatch):
    """``rename-system`` registered: a row in the table, and the change file's models rebuilt from it
    as the package builds them at import."""
    monkeypatch.setitem(KINDS, RenameSystem.kind, RenameSystem)
    change = create_model("Change", __base__=Change, **kind_fields({RenameSystem.kind: RenameSystem}))
    changes = (tuple[change, ...], Field(min_length=1))  # type: ignore[valid-type]
    monkeypatch.setattr(
        load_module, "ChangeFile", create_model("ChangeFile", __base__=ChangeFile, changes=changes)
    )


def test_a_new_kind_flows_from_the_file_to_the_words(with_rename, tmp_path):
    path = tmp_path / "rename.yaml"
    path.write_text("silomap-changes: 1\nchanges:\n  - rename-system: {system: chatbot, name: Ava}\n")
    model = silomap.load(BANK)
    found = silomap.load_changes(path)
    (change,) = found.changes
    after = silomap.apply(model, found)
    assert next(s.name for s in after.systems if s.id == "chatbot") == "Ava"
    assert (describe(change, model), effort(change, model)) == ("call Web Chat Assistant Ava", "quick")
    assert Base(model).evaluate(change).exact == from_scratch(model)
    assert scope_of(model, None, (), ("rename-system",)).allows(change, model) is False
    assert change.to_dict() == {"rename-system": {"system": "chatbot", "name": "Ava"}}


def test_a_new_kind_is_checked_like_the_others(with_rename, tmp_path):
    path = tmp_path / "rename.yaml"
    path.write_text("silomap-changes: 1\nchanges:\n  - rename-system: {system: chatbt, name: Ava}\n")
    with pytest.raises(silomap.ModelError) as caught:
        silomap.apply(silomap.load(BANK), silomap.load_changes(path))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:29: error[SM070]: changes[0].rename-system.system: rename-system: unknown system 'chatbt'; "
        "did you mean 'chatbot'?"
    ]


def _dispatches(text: str) -> list[int]:
    """Lines that compare a ``.kind`` with a change kind's name: dispatching by string."""
    lines = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            kind = any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides)
            names = {c.value for s in sides for c in ast.walk(s) if isinstance(c, ast.Constant)}
            if kind and names & set(KINDS):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    "path",
    sorted(KINDS_DIR.parent.glob("*.py")),
    ids=lambda p: p.name,
)
def test_only_the_kinds_know_their_names(path):
    assert _dispatches(path.read_text(encoding="utf-8")) == []


def test_the_dispatch_check_can_fail():
    text = 'if change.kind == "hold":\n    pass\nif c.kind in ("set-mode", "x"):\n    pass\nif k in without:\n    pass\n'
    assert _dispatches(text) == [1, 3]
