"""``remove-step``: remove a step, never the only one of its journey (a big hit)."""

from __future__ import annotations

from ..._model import Journey, Model, by_id
from ..._text import quote_value
from .kind import Where
from .steps import StepKind, with_journey

__all__ = ["RemoveStep"]


class RemoveStep(StepKind):
    """Remove a step (not the only one of its journey)."""

    kind = "remove-step"

    def check(self, model: Model, at: Where) -> None:
        journey = self.journey_of(model, at)
        if journey is not None and [s.id for s in journey.steps] == [self.step]:
            message = f"remove-step: {quote_value(self.step)} is the only step of {quote_value(self.journey)}"
            at.add(("step",), "SM071", message)

    def apply(self, model: Model) -> Model:
        journey: Journey = by_id(model.journeys, self.journey)
        return with_journey(model, journey.id, tuple(s for s in journey.steps if s.id != self.step))

    def words(self, model: Model) -> str:
        journey: Journey = by_id(model.journeys, self.journey)
        return f"drop the step '{by_id(journey.steps, self.step).label}' from {journey.label}"
