"""Steps edited and checked, for the kinds that change a step or the systems steps use.

A change copies only what it edits: a journey none of whose steps changes stays the very same
object, so that the changed model is checked by what the change touched (``..revalidate``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..._model import Journey, Model, Step, by_id
from .kind import Id, Kind, Touches, Where

__all__ = ["StepKind", "with_journey", "with_steps"]


def with_steps(model: Model, edit: Callable[[Step], Step], touched: set[str]) -> Model:
    """Edit the steps that use a system in ``touched``; every other journey is kept as it is."""

    def journey(j: Journey) -> Journey:
        if all(touched.isdisjoint(s.systems) for s in j.steps):
            return j
        return j.model_copy(
            update={"steps": tuple(edit(s) if not touched.isdisjoint(s.systems) else s for s in j.steps)}
        )

    return model.model_copy(update={"journeys": tuple(journey(j) for j in model.journeys)})


def with_journey(model: Model, journey_id: str, steps: tuple[Step, ...]) -> Model:
    """The model with one journey's steps replaced."""
    journeys = tuple(
        j.model_copy(update={"steps": steps}) if j.id == journey_id else j for j in model.journeys
    )
    return model.model_copy(update={"journeys": journeys})


class StepKind(Kind):
    """A change to one step of a journey."""

    journey: Id
    step: Id

    def check(self, model: Model, at: Where) -> None:
        """The journey and its step exist (SM070)."""
        self.journey_of(model, at)

    def journey_of(self, model: Model, at: Where) -> Journey | None:
        """The journey, its step checked; ``None`` (and SM070) when there is no such journey."""
        journeys = {j.id for j in model.journeys}
        if self.journey not in journeys:
            at.unknown("journey", self.journey, journeys, ("journey",))
            return None
        journey: Journey = by_id(model.journeys, self.journey)
        steps = {s.id for s in journey.steps}
        if self.step not in steps:
            at.unknown(f"step of {self.journey}", self.step, steps, ("step",))
        return journey

    def touches(self) -> Touches:
        """The step's journey: its counts of frictions can change."""
        return Touches(step=(self.journey, self.step), counts=True)
