"""An :class:`Analysis` as the JSON contract of ``silomap score --json``.

Keys may be added, never renamed. Exact values (fractions) become floats
here and nowhere earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .experience import JourneyExperience, KpiRow
from .figures import Handoff, JourneyFigure, QuestionFigure, Reentry
from .parity import QuestionParity, Side

if TYPE_CHECKING:
    from .analysis import Analysis
    from .stages import StageScore

__all__ = ["analysis_json", "as_float", "handoff_json", "kpi_json", "reentry_json"]


def as_float(value: Fraction | None) -> float | None:
    """An exact figure as JSON and tables show it; ``None`` stays ``None``.

    >>> as_float(Fraction(5, 3)), as_float(None)
    (1.6666666666666667, None)
    """
    return None if value is None else float(value)


def analysis_json(a: Analysis) -> dict[str, Any]:
    """The whole analysis as plain JSON data."""
    joined = a.joined
    return {
        "name": a.name,
        "score": a.score,
        "band": a.band,
        "components": {c.name: float(c.value) for c in a.components},
        "weights": {name: float(value) for name, value in a.weights},
        "points": {c.name: round(a.points(c.name), 4) for c in a.components},
        "completeness": a.completeness.to_dict(),
        "stages": {s.stage: _stage_json(s) for s in a.stages},
        "questions": [
            _question_json(q.figure) | _parity_json(q.parity) | {"kpis": kpi_json(q.kpis)}
            for q in joined.questions.values()
        ],
        "journeys": [
            _journey_json(j.figure) | _felt_json(j.experience) | {"kpis": kpi_json(j.kpis)}
            for j in joined.journeys.values()
        ],
        "teams": [
            {
                "id": t.id,
                "desktop": t.figure.desktop,
                "systems": list(t.figure.systems),
                "agent_hours": as_float(t.hours),
            }
            for t in joined.teams.values()
        ],
        **_landscape_json(a),
        "digital_channels": list(a.digital_channels),
        "replaced_dependencies": [
            {
                "journey": e.id,
                "steps": [{"step": r.step, "system": r.system, "lifecycle": r.lifecycle} for r in e.replaced],
            }
            for e in a.experience
            if e.replaced
        ],
        "kpis": kpi_json(joined.kpis),
        "kpi_correlation": (
            None
            if a.kpi_correlation is None
            else {"n": a.kpi_correlation.n, "spearman": a.kpi_correlation.spearman}
        ),
    }


def _landscape_json(a: Analysis) -> dict[str, Any]:
    """Entities held twice or more, isolated systems, unbacked answers, manual integrations."""
    return {
        "entities": [
            {
                "id": e.id,
                "holders": list(e.holders),
                "unsynced": e.unsynced,
                "possible": e.possible,
                "groups": [list(g) for g in e.groups],
            }
            for e in a.entities
        ],
        "isolated": list(a.isolated),
        "unbacked": [
            {"question": u.question, "journey": u.journey, "step": u.step, "missing": list(u.missing)}
            for u in a.unbacked
        ],
        "manual_integrations": [{"from": x, "to": y, "carries": list(c)} for x, y, c in a.manual],
    }


def _stage_json(s: StageScore) -> dict[str, Any]:
    return {"score": s.score, "band": s.band, "components": {c.name: float(c.value) for c in s.components}}


def kpi_json(rows: Sequence[KpiRow]) -> dict[str, Any] | None:
    """KPIs of one holder: ``{"nps": {"value", "target", "met"}, ..., "measured"}``; ``None`` if none."""
    if not rows:
        return None
    out: dict[str, Any] = {
        row.kpi.id: {"value": row.goal.value, "target": row.goal.target, "met": row.met} for row in rows
    }
    out["measured"] = None if rows[0].measured is None else rows[0].measured.isoformat()
    return out


def _question_json(q: QuestionFigure) -> dict[str, Any]:
    return {
        "id": q.id,
        "spq": q.spq,
        "exact": q.exact,
        "cover": list(q.cover),
        "consulted": list(q.consulted),
        "needs": list(q.needs),
        "exposers": {entity: list(systems) for entity, systems in q.exposers},
        "volume": q.volume,
    }


def _side(side: Side) -> dict[str, Any]:
    return {
        "channel": side.channel,
        "systems": list(side.systems),
        "journey": side.journey,
        "step": side.step,
    }


def _parity_json(p: QuestionParity) -> dict[str, Any]:
    return {
        "channels": list(p.channels),
        "channel_gap": list(p.gap),
        "diverging": [[_side(d.a), _side(d.b)] for d in p.diverging],
    }


def _felt_json(e: JourneyExperience) -> dict[str, Any]:
    return {
        "systems": len(e.systems),
        "system_ids": list(e.systems),
        "minutes": as_float(e.minutes),
        "agent_hours": as_float(e.agent_hours),
        "agent_hours_complete": e.agent_hours_complete,
        "replaced_systems": [
            {"step": r.step, "system": r.system, "lifecycle": r.lifecycle} for r in e.replaced
        ],
    }


def _journey_json(j: JourneyFigure) -> dict[str, Any]:
    return {
        "id": j.id,
        "handoffs": j.handoffs,
        "channel_switches": j.channel_switches,
        "captures": j.captures,
        "reentries": {"total": len(j.reentries), "silo": j.silo_reentries, "process": j.process_reentries},
        "volume": j.volume,
        "handoff_at": [handoff_json(h) for h in j.handoff_at],
        "switches": [
            {"after": s.after, "before": s.before, "from": s.from_channel, "to": s.to_channel}
            for s in j.switches
        ],
        "reentry_at": [reentry_json(r) for r in j.reentries],
    }


def handoff_json(h: Handoff) -> dict[str, Any]:
    """One hand-off as the JSON and the ``handoffs`` table show it."""
    return {"after": h.after, "before": h.before, "from": h.from_provider, "to": h.to_provider}


def reentry_json(r: Reentry) -> dict[str, Any]:
    """One re-entry as the JSON and the ``reentries`` table show it."""
    return {"step": r.step, "entity": r.entity, "kind": r.kind, "first": r.first, "source": r.source}
