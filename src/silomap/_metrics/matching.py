"""Items of two models paired by slug, for ``diff`` between a draft and a hand-written model.

A draft names its items from the log (``billing``, ``level-1``) and a hand-written model from the
organisation (``pay-bill`` named "Billing"), so ids alone pair nothing. Within each kind (teams,
entities, systems, questions, journeys; then the steps of two paired journeys), items pair by equal
id first; then an item left over on the head side pairs with the one left over on the base side
that shares a **key** with it, a key being the slug of its id or of its name (a question's text),
when each is the other's only such candidate (two candidates: neither pairs, both stay added or
removed). The head's paired items then take the base's ids, references and all, so the diff reads
in the base's ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._model import Journey, Model, System
from .._text import slug

__all__ = ["KINDS", "match_by_slug"]

KINDS = ("teams", "entities", "systems", "questions", "journeys")
Renames = dict[str, dict[str, str]]  # kind -> head id -> base id


def _keys(item: Any) -> set[str]:
    """The slugs an item answers to: of its id, and of its name (a question's text)."""
    name = getattr(item, "name", None) or getattr(item, "text", None)
    keys = {slug(item.id, "")}
    if name:
        keys.add(slug(name, ""))
    return keys - {""}


def pairs(base: Sequence[Any], head: Sequence[Any]) -> dict[str, str]:
    """Head id -> base id for the items paired by slug (those of equal ids left out).

    >>> from silomap import Team
    >>> old = [Team(id="l1"), Team(id="pay-bill", name="Billing"), Team(id="x", name="Dup"), Team(id="dup")]
    >>> new = [Team(id="l1"), Team(id="billing"), Team(id="dup-2", name="dup")]
    >>> pairs(old, new)
    {'billing': 'pay-bill'}
    """
    shared = {i.id for i in base} & {i.id for i in head}
    base_keys = {b.id: _keys(b) for b in base if b.id not in shared}
    head_keys = {h.id: _keys(h) for h in head if h.id not in shared}
    base_by: dict[str, set[str]] = {}  # key -> the base ids it names
    head_by: dict[str, set[str]] = {}
    for ident, keys in base_keys.items():
        for key in keys:
            base_by.setdefault(key, set()).add(ident)
    for ident, keys in head_keys.items():
        for key in keys:
            head_by.setdefault(key, set()).add(ident)
    out: dict[str, str] = {}
    for ident, keys in head_keys.items():
        found = set().union(*(base_by.get(k, set()) for k in keys))
        if len(found) == 1:
            (other,) = found
            if set().union(*(head_by[k] for k in base_keys[other] if k in head_by)) == {ident}:
                out[ident] = other
    return out


def _renamed(ids: Iterable[str], renames: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(renames.get(i, i) for i in ids)


def _journey(
    journey: Journey, base: Journey | None, renames: Renames, steps: list[tuple[str, str]]
) -> Journey:
    """A head journey in the base's ids: its own, its steps' (paired with the base journey's) and
    every id its steps name."""
    step_ids = pairs(base.steps, journey.steps) if base is not None else {}
    steps += [(f"{journey.id}/{head}", base_id) for head, base_id in step_ids.items()]
    moved = [
        s.model_copy(
            update={
                "id": step_ids.get(s.id, s.id),
                "actor": renames["teams"].get(s.actor, s.actor),
                "systems": _renamed(s.systems, renames["systems"]),
                "captures": _renamed(s.captures, renames["entities"]),
                "reads": _renamed(s.reads, renames["entities"]),
                "answers": _renamed(s.answers, renames["questions"]),
            }
        )
        for s in journey.steps
    ]
    ident = renames["journeys"].get(journey.id, journey.id)
    return journey.model_copy(update={"id": ident, "steps": tuple(moved)})


def _systems(head: Model, renames: Renames) -> tuple[System, ...]:
    """The head's systems in the base's ids: their own, their owners' and their data's."""
    systems, teams, entities = renames["systems"], renames["teams"], renames["entities"]
    return tuple(
        s.model_copy(
            update={
                "id": systems.get(s.id, s.id),
                "owner": None if s.owner is None else teams.get(s.owner, s.owner),
                "holds": _renamed(s.holds, entities),
            }
        )
        for s in head.systems
    )


def match_by_slug(base: Model, head: Model) -> tuple[Model, tuple[tuple[str, str, str], ...]]:
    """``head`` with the ids of ``base`` where items pair by slug, and the pairs made.

    Parameters
    ----------
    base, head
        The two models; ``head`` is renamed (a draft, beside the model it may complete).

    Returns
    -------
    tuple
        The renamed head, and each pair as ``(kind, head id, base id)``, steps as
        ``(steps, journey/step, step)`` with the journey's head id.

    Examples
    --------
    >>> from silomap import Model, Team
    >>> model = Model(silomap=1, name="m", teams=(Team(id="desk", name="Service Desk"),))
    >>> draft = Model(silomap=1, name="d", teams=(Team(id="service-desk", name="Service desk"),))
    >>> renamed, made = match_by_slug(model, draft)
    >>> [t.id for t in renamed.teams], made
    (['desk'], (('teams', 'service-desk', 'desk'),))
    """
    renames: Renames = {kind: pairs(getattr(base, kind), getattr(head, kind)) for kind in KINDS}
    teams, entities, systems = renames["teams"], renames["entities"], renames["systems"]
    questions, journeys = renames["questions"], renames["journeys"]
    old_journeys = {j.id: j for j in base.journeys}
    steps: list[tuple[str, str]] = []
    update = {
        "teams": tuple(t.model_copy(update={"id": teams.get(t.id, t.id)}) for t in head.teams),
        "entities": tuple(e.model_copy(update={"id": entities.get(e.id, e.id)}) for e in head.entities),
        "systems": _systems(head, renames),
        "integrations": tuple(
            i.model_copy(
                update={
                    "source": systems.get(i.source, i.source),
                    "target": systems.get(i.target, i.target),
                    "carries": _renamed(i.carries, entities),
                }
            )
            for i in head.integrations
        ),
        "questions": tuple(
            q.model_copy(update={"id": questions.get(q.id, q.id), "needs": _renamed(q.needs, entities)})
            for q in head.questions
        ),
        "journeys": tuple(
            _journey(j, old_journeys.get(journeys.get(j.id, j.id)), renames, steps) for j in head.journeys
        ),
    }
    made = [(kind, h, b) for kind in KINDS for h, b in renames[kind].items()]
    made += [("steps", h, b) for h, b in steps]
    return head.model_copy(update=update), tuple(made)
