"""``edit-step``: replace some fields of a step. A quick hit when it only stops asking for data
the step captured (pre-fill what the system already has), else a big one."""

from __future__ import annotations

from ..._model import Journey, Model, by_id, names
from .kind import Channel, Id, Minutes, Where, listed
from .steps import StepKind, with_journey

__all__ = ["EditStep"]


class EditStep(StepKind):
    """Replace some fields of a step."""

    kind = "edit-step"
    refs = (("systems", "system"), ("captures", "entity"), ("reads", "entity"), ("answers", "question"))
    preferred = 1

    actor: Id | None = None
    channel: Channel | None = None
    systems: tuple[Id, ...] | None = None
    captures: tuple[Id, ...] | None = None
    reads: tuple[Id, ...] | None = None
    answers: tuple[Id, ...] | None = None
    minutes: Minutes | None = None

    def _edits(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True, exclude={"journey", "step"})

    def check(self, model: Model, at: Where) -> None:
        if self.journey_of(model, at) is None:
            return
        teams = {t.id for t in model.teams}
        if self.actor is not None and self.actor != "customer" and self.actor not in teams:
            at.unknown("actor (a team or 'customer')", self.actor, [*teams, "customer"], ("actor",))

    def apply(self, model: Model) -> Model:
        journey: Journey = by_id(model.journeys, self.journey)
        edits = self._edits()
        steps = tuple(s.model_copy(update=edits) if s.id == self.step else s for s in journey.steps)
        return with_journey(model, journey.id, steps)

    def effort(self, model: Model) -> str:
        step = by_id(by_id(model.journeys, self.journey).steps, self.step)
        prefill = set(self._edits()) == {"captures"} and set(self.captures or ()) < set(step.captures)
        return "quick" if prefill else "big"

    def words(self, model: Model) -> str:
        journey: Journey = by_id(model.journeys, self.journey)
        step = by_id(journey.steps, self.step)
        if self.effort(model) == "quick":
            dropped = [e for e in step.captures if e not in (self.captures or ())]
            where = f"'{step.label}' in {journey.label}"
            return f"pre-fill {listed(dropped, names(model.entities))} at {where}: the system already has it"
        return f"change the step '{step.label}' of {journey.label}"
