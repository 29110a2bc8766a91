"""The journeys that hurt most: hand-offs, re-entries and channel switches, with the effort they take."""

from __future__ import annotations

from typing import Any

from ..._metrics import JourneyExperience, JourneyFigure, Reentry, round_half_up
from ..._model import Model, by_id
from ..._text import plural, safe_text
from .formats import fragment, hours, join_names, md_head, md_row
from .section import Context, Lines, Section, given

__all__ = ["SECTION", "journey_rows"]


def _since(r: Reentry) -> str:
    """Where the data of a process re-entry came from, when that is not where it was first given."""
    return f"there since {safe_text(r.source)}, " if r.source != r.first else ""


def _worst(context: Context) -> Lines:
    ranked = context.ranked
    if not ranked.journeys:
        return []
    if ranked.journeys_weighted:
        how = "frictions a month = (hand-offs + re-entries) x volume"
    else:
        how = "frictions = hand-offs + re-entries (unweighted: not every journey has a volume)"
    out = ["", f"Worst journeys: {how}"]
    for j, impact in ranked.journeys[: context.top]:
        amount = f"{impact:,.0f} a month" if ranked.journeys_weighted else _frictions(impact)
        out.append(
            f"  {safe_text(j.id):<28} {amount}: {plural(j.handoffs, 'hand-off')}, "
            f"{plural(len(j.reentries), 're-entry', 're-entries')} ({j.silo_reentries} silo, "
            f"{j.process_reentries} process), {_switches(j.channel_switches)}"
        )
        if drafted := context.analysis.journey_record(j.id).experience.drafted:
            out.append(f"  {'':<28} {drafted}")
        for r in j.reentries:
            out.append(
                f"  {'':<28} {safe_text(r.entity)} typed again at {safe_text(r.step)} "
                f"({r.kind}; {_since(r)}first at {safe_text(r.first)})"
            )
    return out


def _switches(count: int) -> str:
    return plural(count, "channel switch", "channel switches")


def _frictions(count: float) -> str:
    return "1 friction" if count == 1 else f"{count:,.0f} frictions"


def _agent_hours(e: JourneyExperience, none: str) -> str:
    if e.agent_hours is None:
        return none
    return hours(e.agent_hours) + ("" if e.agent_hours_complete else "+")


def text(context: Context) -> Lines:
    """The worst journeys with their re-entries; the journeys crossing most systems, with the
    minutes they take and the agent hours a month."""
    analysis = context.analysis
    out = [*_worst(context), "", "Journeys crossing most systems: systems, minutes, agent hours a month"]
    records = analysis.joined.journeys.values()
    for record in sorted(records, key=lambda r: -len(r.experience.systems))[: context.top]:
        e = record.experience
        minutes = "-" if e.minutes is None else f"{float(round_half_up(e.minutes)):g} min"
        agent = _agent_hours(e, "-")
        systems = f"{len(e.systems):>2} {'system' if len(e.systems) == 1 else 'systems'}"
        out.append(
            f"  {safe_text(e.id):<28} {systems}, {plural(record.figure.handoffs, 'hand-off')}, "
            f"{minutes:>9}, agents {agent:>10}: {join_names(e.systems)}"
        )
    if any(not e.agent_hours_complete and e.agent_hours is not None for e in analysis.experience):
        out.append("  + some team steps have no minutes: at least this many hours")
    return out


def markdown(context: Context) -> Lines:
    """The journeys that hurt most, with their stage and the systems they cross."""
    ranked = context.ranked
    if not ranked.journeys:
        return []
    weight = "× volume" if ranked.journeys_weighted else "unweighted"  # noqa: RUF001 - a times sign
    columns = ("Systems:", "Hand-offs:", "Re-entries (silo / process):", "Channel switches:", "Frictions:")
    title = f"Journeys that hurt most (frictions per month: (hand-offs + re-entries) {weight})"
    out = md_head("Journey", "Stage", *columns, title=title)
    stage = {j.id: j.stage for j in given(context.model).journeys}
    for j, impact in ranked.journeys[: context.top]:
        reentries = f"{len(j.reentries)} ({j.silo_reentries} / {j.process_reentries})"
        systems = len(context.analysis.journey_record(j.id).experience.systems)
        drafted = context.analysis.journey_record(j.id).experience.drafted
        name = f"{j.id} ({drafted})" if drafted else j.id
        out.append(
            md_row(name, stage[j.id], systems, j.handoffs, reentries, j.channel_switches, f"{impact:,.0f}")
        )
    return out


def journey_rows(model: Model, context: Context) -> list[dict[str, Any]]:
    """Every ranked journey as the page shows it, with its effort, and its blueprint when one was drawn."""
    return [_row(model, context, j, impact) for j, impact in context.ranked.journeys]


def _row(model: Model, context: Context, j: JourneyFigure, impact: float) -> dict[str, Any]:
    svgs = context.drawings.journeys
    journey = by_id(model.journeys, j.id)
    return {
        "id": j.id,
        "name": journey.label,
        "stage": journey.stage,
        "tags": journey.tags,
        "drafted": context.analysis.journey_record(j.id).experience.drafted,
        "volume": "" if j.volume is None else f"{j.volume:,.0f}",
        "handoffs": j.handoffs,
        "reentries": len(j.reentries),
        "silo": j.silo_reentries,
        "process": j.process_reentries,
        "switches": j.channel_switches,
        "impact": f"{impact:,.0f}",
        "detail": j.id in svgs,
        "svg": svgs.get(j.id, ""),
        "handoff_at": j.handoff_at,
        "reentry_at": j.reentries,
        "effort": _effort(context.analysis.journey_record(j.id).experience),
    }


def _effort(e: JourneyExperience) -> dict[str, Any]:
    return {
        "systems": len(e.systems),
        "system_ids": e.systems,
        "minutes": "" if e.minutes is None else f"{float(e.minutes):g}",
        "agent_hours": _agent_hours(e, ""),
    }


def html(context: Context) -> str:
    """Every journey ranked, with its systems, minutes and agent hours."""
    return fragment(
        "journeys.html.j2",
        journeys=journey_rows(given(context.model), context),
        journeys_weighted=context.ranked.journeys_weighted,
    )


SECTION = Section("journeys", "Journeys that hurt most", text=text, markdown=markdown, html=html)
