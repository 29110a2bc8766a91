"""A change checked by what it touched finds exactly what validating the whole model finds."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import silomap
from silomap import Change, Model
from silomap._changes.apply import apply_one
from silomap._changes.kinds.edit_step import EditStep
from silomap._changes.revalidate import errors_after

from .test_properties import SETTINGS, models

pytestmark = pytest.mark.filterwarnings("ignore::silomap.SilomapWarning")

KINDS = ("teams", "entities", "systems", "integrations", "questions", "journeys")


def full(model: Model) -> list[silomap.Problem]:
    """The errors of validating the whole model, as ``apply`` did for every change."""
    return [p for p in silomap.validate(model) if p.severity == "error"]


@st.composite
def richer_models(draw) -> Model:
    """A generated valid model whose systems have owners and whose steps read data too."""
    model = draw(models())
    teams = [t.id for t in model.teams]
    entities = [e.id for e in model.entities]
    systems = tuple(
        s.model_copy(update={"owner": draw(st.one_of(st.none(), st.sampled_from(teams)))})
        for s in model.systems
    )
    journeys = tuple(
        j.model_copy(
            update={
                "steps": tuple(
                    s.model_copy(
                        update={
                            "reads": tuple(draw(st.lists(st.sampled_from(entities), max_size=2, unique=True)))
                        }
                    )
                    for s in j.steps
                )
            }
        )
        for j in model.journeys
    )
    changed = model.model_copy(update={"systems": systems, "journeys": journeys})
    assume(not full(changed))
    return changed


@st.composite
def changes(draw, model: Model) -> Change:
    """One change of any kind, its ids from the model, or now and then not (unknown, or a second
    time in a list), so that it may well break a rule."""
    systems = [s.id for s in model.systems] + ["nowhere"]
    entities = [e.id for e in model.entities] + ["nothing"]
    pick = st.sampled_from
    some = lambda pool: st.lists(pick(pool), min_size=1, max_size=3)  # noqa: E731 - repeats allowed
    kinds = ["add-integration", "hold"]
    kinds += ["merge-systems", "retire-system"] if model.systems else []  # a model's systems may all be gone
    links = [(x.source, x.target) for x in model.integrations]
    kinds += ["set-mode", "remove-integration"] if links else []
    kinds += ["edit-step", "remove-step"] if model.journeys else []
    kind = draw(pick(kinds))
    if kind == "add-integration":
        body: dict[str, object] = {
            "from": draw(pick(systems)),
            "to": draw(pick(systems)),
            "carries": draw(some(entities)),
        }
    elif kind in ("set-mode", "remove-integration"):
        source, target = draw(pick(links))
        body = {"from": source, "to": target} | ({"mode": "realtime"} if kind == "set-mode" else {})
    elif kind == "hold":
        body = {"system": draw(pick(systems)), "entities": draw(some(entities))}
    elif kind == "merge-systems":
        body = {"into": draw(pick(systems[:-1])), "systems": draw(some(systems[:-1]))}
    elif kind == "retire-system":
        body = {"system": draw(pick(systems[:-1]))}
    else:
        journey = draw(pick(model.journeys))
        body = {"journey": journey.id, "step": draw(pick([s.id for s in journey.steps]))}
        if kind == "edit-step":
            body |= draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "actor": pick([t.id for t in model.teams] + ["customer", "nobody"]),
                        "systems": st.lists(pick(systems), max_size=3),
                        "captures": st.lists(pick(entities), max_size=3),
                        "reads": st.lists(pick(entities), max_size=2),
                        "answers": st.lists(pick([q.id for q in model.questions] + ["what"]), max_size=2),
                    },
                )
            )
    return Change.model_validate({kind: body})


@SETTINGS
@given(data=st.data(), model=richer_models())
def test_a_change_checked_by_what_it_touched_finds_what_full_validation_finds(data, model):
    for _ in range(data.draw(st.integers(1, 6))):
        change = data.draw(changes(model))
        after = apply_one(model, change)
        found = errors_after(model, after)
        assert found == full(after), change.text
        if not found:
            model = after  # the next change starts from a valid model, as in apply


@st.composite
def edits(draw, model: Model) -> tuple[str, Model]:
    """Any edit of the lists, beyond what changes do: an item gone, a copy, an id another item has."""
    kind = draw(st.sampled_from([k for k in KINDS if getattr(model, k)]))
    items = list(getattr(model, kind))
    i = draw(st.integers(0, len(items) - 1))
    what = draw(
        st.sampled_from(["remove", "copy", "rename"] if kind != "integrations" else ["remove", "copy"])
    )
    if what == "remove":
        del items[i]
    elif what == "copy":
        items.insert(draw(st.integers(0, len(items))), items[i].model_copy())
    else:
        items[i] = items[i].model_copy(update={"id": draw(st.sampled_from([x.id for x in items]))})
    return f"{what} {kind}[{i}]", model.model_copy(update={kind: tuple(items)})


@SETTINGS
@given(data=st.data(), model=richer_models())
def test_any_edit_of_the_lists_is_checked_as_full_validation_checks_it(data, model):
    what, after = data.draw(edits(model))
    assert errors_after(model, after) == full(after), what


def test_a_change_that_breaks_the_schema_is_found_at_its_place():
    model = silomap.load("models/telecom")
    journey = model.journeys[0]
    # a change built without validation in Python: no change file could say minutes: -1
    bad = Change(
        edit_step=EditStep.model_construct(journey=journey.id, step=journey.steps[0].id, minutes=-1.0)
    )
    after = apply_one(model, bad)
    assert [str(p) for p in errors_after(model, after)] == [
        "<model>: error[SM022]: journeys[0].steps[0].minutes: must be at least 0; got -1.0"
    ]
    assert errors_after(model, after) == full(after)
