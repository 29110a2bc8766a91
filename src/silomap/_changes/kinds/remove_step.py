"""``remove-step``: remove a step, never the only one of its journey (a big hit)."""

from __future__ import annotations

from ..._model import Journey, Model, by_id
from ..._text import quote_value
from .kind import Id, Kind, Strict, Touches, Where, big
from .steps import check_step, with_journey

__all__ = ["KIND", "RemoveStep"]


class RemoveStep(Strict):
    """Remove a step (not the only one of its journey)."""

    journey: Id
    step: Id


def _check(model: Model, body: RemoveStep, at: Where) -> None:
    journey = check_step(model, body.journey, body.step, at)
    if journey is not None and len(journey.steps) == 1 and journey.steps[0].id == body.step:
        message = f"remove-step: {quote_value(body.step)} is the only step of {quote_value(body.journey)}"
        at.add(("step",), "SM071", message)


def _apply(model: Model, body: RemoveStep) -> Model:
    journey: Journey = by_id(model.journeys, body.journey)
    return with_journey(model, journey.id, tuple(s for s in journey.steps if s.id != body.step))


def _words(model: Model, body: RemoveStep) -> str:
    journey: Journey = by_id(model.journeys, body.journey)
    return f"drop the step '{by_id(journey.steps, body.step).label}' from {journey.label}"


def _touches(body: RemoveStep) -> Touches:
    return Touches(step=(body.journey, body.step), counts=True)


KIND = Kind(
    name="remove-step",
    body=RemoveStep,
    check=_check,
    apply=_apply,
    effort=big,
    words=_words,
    touches=_touches,
)
