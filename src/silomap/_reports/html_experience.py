"""The report's sections on stages, maturity, KPIs, channel parity and replaced systems (HTML context)."""

from __future__ import annotations

from typing import Any

from .._charts import ChartUnavailable, maturity_chart, nps_chart
from .._maturity import Maturity
from .._metrics import COMPONENTS, Analysis, JourneyExperience
from .._model import Model, by_id
from .._text import plural
from .experience import hours, replaced_text
from .svg import clean_svg

__all__ = ["experience_context", "maturity_context"]


def _chart(draw: Any, *args: Any) -> tuple[Any, str]:
    try:
        return clean_svg(draw(*args)), ""
    except ChartUnavailable as err:
        return "", f"The chart needs matplotlib ({err.message}); the table has the same figures."


def _stages(analysis: Analysis) -> list[dict[str, Any]]:
    title = {row.id: row.title for row in COMPONENTS}
    return [
        {
            "stage": s.stage,
            "title": s.title,
            "score": s.score,
            "band": s.band,
            "components": [(title[c.name], float(c.value)) for c in s.components],
        }
        for s in analysis.stages
    ]


def _kpis(model: Model, analysis: Analysis) -> dict[str, Any]:
    def holder(scope: str, ident: str) -> str:
        if scope == "model":
            return "The whole organisation"
        if scope == "journey":
            return by_id(model.journeys, ident).label
        return by_id(model.questions, ident).label

    rows = [
        {"holder": holder(r.scope, r.id), "scope": r.scope, "kpi": r.kpi.label,
         "value": f"{r.goal.value:g}{r.kpi.unit}",
         "target": "" if r.goal.target is None else f"{r.goal.target:g}{r.kpi.unit}", "met": r.met,
         "better": "higher" if r.kpi.higher_is_better else "lower",
         "measured": "" if r.measured is None else r.measured.isoformat()}
        for r in analysis.kpis
    ]  # fmt: skip
    c = analysis.kpi_correlation
    svg, note = _chart(nps_chart, c.points, c.spearman) if c else ("", "")
    return {"kpis": rows, "kpi_correlation": c, "kpi_svg": svg, "kpi_note": note,
            "kpis_met": plural(sum(1 for r in rows if r["met"] is True), "target"),
            "kpis_missed": sum(1 for r in rows if r["met"] is False)}  # fmt: skip


def _parity(model: Model, analysis: Analysis) -> dict[str, Any]:
    rows = []
    for p in analysis.parity:
        if not p.self_served:
            continue
        cells = []
        for channel in analysis.digital_channels:
            sides = [d for d in p.diverging if channel in (d.a.channel, d.b.channel)]
            cells.append({"channel": channel, "served": channel in p.channels, "diverges": bool(sides)})
        rows.append({"id": p.id, "text": by_id(model.questions, p.id).label, "cells": cells,
                     "diverging": p.diverging, "gap": p.gap})  # fmt: skip
    not_served = [p.id for p in analysis.parity if not p.self_served]
    return {"channels": analysis.digital_channels, "parity": rows, "not_self_served": not_served}


def _agent_hours(e: JourneyExperience) -> str:
    if e.agent_hours is None:
        return ""
    return hours(e.agent_hours) + ("" if e.agent_hours_complete else "+")


def experience_context(model: Model, analysis: Analysis) -> dict[str, Any]:
    """Stages, KPIs, channel parity, effort per journey and journeys on replaced systems."""
    effort = {
        e.id: {
            "systems": len(e.systems),
            "system_ids": e.systems,
            "minutes": "" if e.minutes is None else f"{float(e.minutes):g}",
            "agent_hours": _agent_hours(e),
            "replaced": replaced_text(e) if e.replaced else "",
        }
        for e in analysis.experience
    }  # fmt: skip
    return (
        {
            "stages": _stages(analysis),
            "effort": effort,
            "replaced": [
                (by_id(model.journeys, e.id).label, replaced_text(e))
                for e in analysis.experience
                if e.replaced
            ],
            "team_hours": {t.id: hours(t.hours) for t in analysis.team_hours},
        }
        | _kpis(model, analysis)
        | _parity(model, analysis)
    )


def maturity_context(result: Maturity | None) -> dict[str, Any]:
    """The maturity section: the chart of the three criteria, gaps, evidence, unanswered questions."""
    if result is None:
        return {"maturity": None}
    rows = [(c.name, c.self_level, c.evidence) for c in result.criteria]
    svg, note = _chart(maturity_chart, rows)
    a = result.assessment
    return {"maturity": {
        "assessed": "" if a is None else a.assessed.isoformat(), "by": "" if a is None else a.by or "",
        "overall": result.overall, "criteria": result.criteria, "svg": svg, "note": note, "gaps": result.gaps,
        "evidence": [q for q in result.questions if q.because is not None],
        "unanswered": [q for q in result.questions if q.self_level is None],
    }}  # fmt: skip
