"""``edit-step``: replace some fields of a step. A quick hit when it only stops asking for data
the step captured (pre-fill what the system already has), else a big one."""

from __future__ import annotations

from ..._model import Journey, Model, by_id, names
from .kind import Channel, Id, Kind, Minutes, Strict, Touches, Where, listed
from .steps import check_step, with_journey

__all__ = ["KIND", "EditStep"]


class EditStep(Strict):
    """Replace some fields of a step."""

    journey: Id
    step: Id
    actor: Id | None = None
    channel: Channel | None = None
    systems: tuple[Id, ...] | None = None
    captures: tuple[Id, ...] | None = None
    reads: tuple[Id, ...] | None = None
    answers: tuple[Id, ...] | None = None
    minutes: Minutes | None = None


def _edits(body: EditStep) -> dict[str, object]:
    return body.model_dump(exclude_none=True, exclude={"journey", "step"})


def _check(model: Model, body: EditStep, at: Where) -> None:
    if check_step(model, body.journey, body.step, at) is None:
        return
    teams = {t.id for t in model.teams}
    if body.actor is not None and body.actor != "customer" and body.actor not in teams:
        at.unknown("actor (a team or 'customer')", body.actor, [*teams, "customer"], ("actor",))


def _apply(model: Model, body: EditStep) -> Model:
    journey: Journey = by_id(model.journeys, body.journey)
    edits = _edits(body)
    steps = tuple(s.model_copy(update=edits) if s.id == body.step else s for s in journey.steps)
    return with_journey(model, journey.id, steps)


def _effort(model: Model, body: EditStep) -> str:
    step = by_id(by_id(model.journeys, body.journey).steps, body.step)
    prefill = set(_edits(body)) == {"captures"} and set(body.captures or ()) < set(step.captures)
    return "quick" if prefill else "big"


def _words(model: Model, body: EditStep) -> str:
    journey: Journey = by_id(model.journeys, body.journey)
    step = by_id(journey.steps, body.step)
    if _effort(model, body) == "quick":
        dropped = [e for e in step.captures if e not in (body.captures or ())]
        where = f"'{step.label}' in {journey.label}"
        return f"pre-fill {listed(dropped, names(model.entities))} at {where}: the system already has it"
    return f"change the step '{step.label}' of {journey.label}"


def _touches(body: EditStep) -> Touches:
    return Touches(step=(body.journey, body.step), counts=True)


KIND = Kind(
    name="edit-step",
    body=EditStep,
    names=(("systems", "system"), ("captures", "entity"), ("reads", "entity"), ("answers", "question")),
    check=_check,
    apply=_apply,
    effort=_effort,
    words=_words,
    touches=_touches,
    preferred=1,
)
