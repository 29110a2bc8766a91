"""Steps edited and checked, as the kinds that change steps or the systems steps use need them.

A change copies only what it edits: a journey none of whose steps changes stays the very same
object, so that the changed model is checked by what the change touched (``..revalidate``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..._model import Journey, Model, Step, by_id
from .kind import Where

__all__ = ["check_step", "with_journey", "with_steps"]


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


def check_step(model: Model, journey_id: str, step_id: str, at: Where) -> Journey | None:
    """The journey a change names, its step checked (SM070 for either unknown); ``None`` when
    there is no such journey."""
    journeys = {j.id for j in model.journeys}
    if journey_id not in journeys:
        at.unknown("journey", journey_id, journeys, ("journey",))
        return None
    journey: Journey = by_id(model.journeys, journey_id)
    steps = {s.id for s in journey.steps}
    if step_id not in steps:
        at.unknown(f"step of {journey_id}", step_id, steps, ("step",))
    return journey
