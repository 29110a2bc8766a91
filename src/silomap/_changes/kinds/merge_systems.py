"""``merge-systems``: every system merged disappears into ``into``, which holds and serves their union
(a big hit)."""

from __future__ import annotations

from pydantic import Field

from ..._model import Model, names
from .kind import Id, Kind, Strict, Touches, big, listed, merged_ids
from .steps import with_steps

__all__ = ["KIND", "MergeSystems"]


class MergeSystems(Strict):
    """Merge systems into one: references move to ``into``, which holds and serves their union."""

    into: Id
    systems: tuple[Id, ...] = Field(min_length=1)


def _apply(model: Model, body: MergeSystems) -> Model:
    into, others = body.into, set(body.systems) - {body.into}
    rename = dict.fromkeys(others, into)
    gone = [s for s in model.systems if s.id in others]
    systems = []
    for system in model.systems:
        if system.id in others:
            continue
        if system.id == into:
            holds = merged_ids([*system.holds, *(h for s in gone for h in s.holds)])
            channels = merged_ids([*system.channels, *(c for s in gone for c in s.channels)])
            system = system.model_copy(update={"holds": holds, "channels": channels})
        systems.append(system)
    links = [
        link.model_copy(
            update={
                "source": rename.get(link.source, link.source),
                "target": rename.get(link.target, link.target),
            }
        )
        if link.source in rename or link.target in rename
        else link  # kept as it is: only what a change copies is checked again
        for link in model.integrations
    ]
    links = [link for link in links if link.source != link.target]
    merged = model.model_copy(update={"systems": tuple(systems), "integrations": tuple(links)})
    return with_steps(
        merged, lambda step: step.model_copy(update={"systems": merged_ids(step.systems, rename)}), others
    )


def _words(model: Model, body: MergeSystems) -> str:
    systems = names(model.systems)
    others = [s for s in body.systems if s != body.into]
    return f"merge {listed(others, systems)} into {systems[body.into]}"


def _touches(body: MergeSystems) -> Touches:
    return Touches(systems=frozenset((*body.systems, body.into)))


KIND = Kind(
    name="merge-systems",
    body=MergeSystems,
    names=(("into", "system"), ("systems", "system")),
    apply=_apply,
    effort=big,
    words=_words,
    touches=_touches,
)
