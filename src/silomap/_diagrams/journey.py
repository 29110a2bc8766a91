"""The journey view as DOT: a service blueprint of one journey.

Lanes run top to bottom (the customer, each team in order of first
appearance, then the systems used); steps run left to right in journey
order. Hand-offs are red; re-entered data are dashed arrows from where the
data was first given to where it was typed again, labelled with the data.
"""

from __future__ import annotations

from .._metrics import Analysis, JourneyFigure
from .._model import Journey, Model, by_id, names
from .canvas import legend, start
from .dot import Dot
from .labels import plural, wrap
from .styles import LANE, REENTRY

__all__ = ["journey_view"]


def _step_label(journey: Journey, index: int) -> str:
    step = journey.steps[index]
    minutes = f", {step.minutes:g} min" if step.minutes is not None else ""
    return f"{index + 1}. {wrap(step.label, 22)}\n[{step.channel}{minutes}]"


def _title(journey: Journey, figure: JourneyFigure) -> str:
    return (
        f"{journey.label} ({journey.stage}): {plural(figure.handoffs, 'hand-off')}, "
        f"{figure.silo_reentries} silo and "
        f"{plural(figure.process_reentries, 'process re-entry', 'process re-entries')}, "
        f"{plural(figure.channel_switches, 'channel switch', 'channel switches')}"
    )


def journey_view(model: Model, analysis: Analysis, journey_id: str, legend_box: bool = True) -> Dot:
    """A service blueprint: a lane for the customer, one per team, one for systems.

    Steps run left to right in journey order. A red arrow marks a hand-off;
    a dashed red arrow a silo re-entry, a dashed orange one a process
    re-entry, each labelled with the entity typed again.
    """
    journey = by_id(model.journeys, journey_id)
    figure = analysis.journey(journey_id)
    dot = start(f"journey: {journey.id}", rankdir="LR", newrank="true", nodesep=0.3, ranksep=0.5,
                label=_title(journey, figure), labelloc="t")  # fmt: skip
    dot.nodes.update({"shape": "box", "style": "rounded,filled", "fillcolor": "white"})
    sid = [f"step:{journey.id}/{s.id}" for s in journey.steps]
    _lanes(dot, model, journey, sid)
    _edges(dot, journey, figure, sid)
    if legend_box:
        legend(dot, [
            ("flow", "next step", REENTRY["flow"]),
            ("handoff", "hand-off to another provider", REENTRY["handoff"]),
            ("silo", "silo re-entry: no system could have it", REENTRY["silo"]),
            ("process", "process re-entry: it was there, typed again", REENTRY["process"]),
            ("uses", "step uses system", REENTRY["uses"]),
        ])  # fmt: skip
    return dot


def _lanes(dot: Dot, model: Model, journey: Journey, sid: list[str]) -> None:
    teams = names(model.teams)
    systems = names(model.systems)
    lanes: list[str] = ["customer"]
    for step in journey.steps:
        if step.actor not in lanes:
            lanes.append(step.actor)
    for lane in lanes:
        label = "Customer" if lane == "customer" else teams.get(lane, lane)
        dot.open(f"cluster_lane:{lane}", label=label, labeljust="l",
                 **LANE["customer" if lane == "customer" else "team"])  # fmt: skip
        members = [i for i, s in enumerate(journey.steps) if s.actor == lane]
        if not members:  # keep the customer lane visible even when empty
            dot.node(f"lane:{lane}", label="", shape="point", style="invis")
        for i in members:
            dot.node(sid[i], label=_step_label(journey, i), tooltip=journey.steps[i].id)
        dot.close()
    used: list[str] = []
    for step in journey.steps:
        used += [s for s in step.systems if s not in used]
    if used:
        dot.open("cluster_lane:systems", label="Systems", labeljust="l", **LANE["systems"])
        for system in used:
            dot.node(f"system:{system}", label=wrap(systems[system], 20), shape="box", style="filled",
                     fillcolor="white")  # fmt: skip
        dot.close()


def _edges(dot: Dot, journey: Journey, figure: JourneyFigure, sid: list[str]) -> None:
    handoff_before = {h.before for h in figure.handoff_at}
    for i in range(1, len(sid)):
        style = REENTRY["handoff"] if journey.steps[i].id in handoff_before else REENTRY["flow"]
        label = "hand-off" if journey.steps[i].id in handoff_before else ""
        dot.edge(sid[i - 1], sid[i], label=label, weight=10, **style)
    first_use: dict[str, int] = {}
    for i, step in enumerate(journey.steps):
        for system in step.systems:
            first_use.setdefault(system, i)
            dot.edge(sid[i], f"system:{system}", constraint="false" if first_use[system] != i else "true",
                     **REENTRY["uses"])  # fmt: skip
    index = {s.id: i for i, s in enumerate(journey.steps)}
    for reentry in figure.reentries:
        dot.edge(sid[index[reentry.source]], sid[index[reentry.step]],
                 label=f"{reentry.entity} typed again ({reentry.kind})", **REENTRY[reentry.kind])  # fmt: skip
