"""What a change costs (quick or big) and what it does, in words a CIO reads."""

from __future__ import annotations

from .._model import Model, by_id, names
from .schema import Change

__all__ = ["describe", "effort"]


def effort(change: Change, model: Model) -> str:
    """``quick`` (this month) or ``big`` (this year), by the kind of change.

    Quick: an integration added or its mode set, and a step that only stops
    asking for data (pre-fill). Everything else is big.
    """
    if change.kind in ("add-integration", "set-mode"):
        return "quick"
    if change.kind == "edit-step":
        body = change.body
        fields = body.model_dump(exclude_none=True, exclude={"journey", "step"})
        step = by_id(by_id(model.journeys, body.journey).steps, body.step)
        if set(fields) == {"captures"} and set(body.captures) < set(step.captures):
            return "quick"
    return "big"


def _list(ids: tuple[str, ...] | list[str], labels: dict[str, str]) -> str:
    shown = [labels.get(i, i) for i in ids]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def describe(change: Change, model: Model) -> str:
    """The change in plain words, with the names people know.

    >>> import silomap
    >>> from silomap._changes.schema import Change
    >>> m = silomap.load("models/retail-bank")
    >>> describe(Change.model_validate({"set-mode": {"from": "crm-northwind", "to": "crm-harbor",
    ...                                               "mode": "realtime"}}), m)
    'make the integration from Service CRM to Harbor Savings CRM (legacy) realtime'
    """
    body, systems, data = change.body, names(model.systems), names(model.entities)
    if change.kind == "add-integration":
        return f"connect {systems[body.source]} to {systems[body.target]} for {_list(body.carries, data)}"
    if change.kind == "set-mode":
        return f"make the integration from {systems[body.source]} to {systems[body.target]} {body.mode}"
    if change.kind == "remove-integration":
        return f"remove the integration from {systems[body.source]} to {systems[body.target]}"
    if change.kind == "hold":
        return f"keep {_list(body.entities, data)} in {systems[body.system]}"
    if change.kind == "merge-systems":
        others = [s for s in body.systems if s != body.into]
        return f"merge {_list(others, systems)} into {systems[body.into]}"
    if change.kind == "retire-system":
        return f"retire {systems[body.system]}"
    journey = by_id(model.journeys, body.journey)
    step = by_id(journey.steps, body.step)
    if change.kind == "remove-step":
        return f"drop the step '{step.label}' from {journey.label}"
    if effort(change, model) == "quick":
        dropped = [e for e in step.captures if e not in body.captures]
        where = f"'{step.label}' in {journey.label}"
        return f"pre-fill {_list(dropped, data)} at {where}: the system already has it"
    return f"change the step '{step.label}' of {journey.label}"
