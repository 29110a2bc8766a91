"""The CIO report as one self-contained HTML page.

The HTML comes from a Jinja2 template with autoescaping: model text is data,
never markup, so ``<script>`` or ``{{ 7*7 }}`` in a name shows as written.
The page loads nothing (a Content-Security-Policy forbids it) and has no
script. Diagrams are inlined as SVG after :func:`~silomap._reports.svg.clean_svg`
has removed the XML prolog and checked that Graphviz wrote nothing active.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .._changes import fixes
from .._charts import ChartUnavailable, roadmap_chart, trend_chart
from .._config import DOCS_URL
from .._diagrams import (
    COLLAPSE_AT_ITEMS,
    Dot,
    collapsed,
    finish_svg,
    group_systems,
    group_view,
    journey_view,
    landscape_view,
    question_view,
    render_within,
)
from .._metrics import COMPONENTS, Analysis, Ranking, band_meaning, diff, rank
from .._model import Model, by_id, names
from .._text import plural
from .._version import __version__
from .html_experience import experience_context, maturity_context
from .html_observed import observed_context
from .svg import clean_svg

__all__ = ["html_report"]

DETAILS = 5  # journeys and questions shown in detail, with their diagram
BUDGET = 120.0  # seconds for all the report's diagrams; those not drawn by then say so
GROUPS = 8  # a big landscape's groups drawn one by one after its overview, biggest first


def _volume(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _pictures(model: Model, analysis: Analysis, ranked: Ranking) -> tuple[list[Dot], list[str]]:
    """The report's drawings, in page order: the worst journeys and questions, then the landscape;
    a landscape too big for one drawing (as the render command decides) becomes an overview of
    its groups and one drawing for each of the biggest groups that can be drawn whole."""
    pictures = [journey_view(model, analysis, j.id) for j, _ in ranked.journeys[:DETAILS]]
    pictures += [question_view(model, analysis, q.id) for q, _ in ranked.questions[:DETAILS]]
    pictures.append(landscape_view(model, analysis))
    groups: list[str] = []
    if collapsed(model, None):
        members = group_systems(model, "owner").members
        drawable = [k for k, m in members.items() if len(m) < COLLAPSE_AT_ITEMS // 2]
        groups = sorted(drawable, key=lambda k: -len(members[k]))[:GROUPS]
        pictures += [group_view(model, analysis, "owner", key) for key in groups]
    return pictures, groups


def _diagrams(model: Model, analysis: Analysis, ranked: Ranking, renderer: str) -> dict[str, Any]:
    """Render the report's drawings in one go, each with its legend."""
    top_j = [j.id for j, _ in ranked.journeys[:DETAILS]]
    top_q = [q.id for q, _ in ranked.questions[:DETAILS]]
    pictures, groups = _pictures(model, analysis, ranked)
    # one budget for all: a report is never stuck for 11 diagrams times a minute each
    drawn = render_within([p.source() for p in pictures], renderer, BUDGET)
    svgs = [
        clean_svg(finish_svg(svg, p.legend)) if svg else "" for svg, p in zip(drawn, pictures, strict=True)
    ]
    at = len(top_j) + len(top_q)
    owners = group_systems(model, "owner")
    return {
        "journeys": dict(zip(top_j, svgs, strict=False)),
        "questions": dict(zip(top_q, svgs[len(top_j) :], strict=False)),
        "landscape": svgs[at],
        "groups": [
            {"id": g, "title": owners.titles[g], "svg": svg}
            for g, svg in zip(groups, svgs[at + 1 :], strict=True)
        ],
        "groups_left": len(owners.members) - len(groups) if groups else 0,
    }


def _components(analysis: Analysis) -> list[dict[str, Any]]:
    score_points = sum(analysis.points(c.name) for c in analysis.components) or 1.0
    rows = {row.id: row for row in COMPONENTS}
    return [
        {
            "label": rows[c.name].title,
            "text": rows[c.name].explains,
            "anchor": rows[c.name].anchor,
            "value": float(c.value),
            "weight": float(c.weight),
            "points": analysis.points(c.name),
            "share": 100 * analysis.points(c.name) / score_points,  # per cent of this score
        }
        for c in analysis.components
    ]


def _journeys(model: Model, ranked: Ranking, svgs: dict[str, Markup]) -> list[dict[str, Any]]:
    return [
        {
            "id": j.id,
            "name": by_id(model.journeys, j.id).label,
            "stage": by_id(model.journeys, j.id).stage,
            "tags": by_id(model.journeys, j.id).tags,
            "volume": _volume(j.volume),
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
        }
        for j, impact in ranked.journeys
    ]


def _questions(model: Model, ranked: Ranking, svgs: dict[str, Markup]) -> list[dict[str, Any]]:
    return [
        {
            "id": q.id,
            "text": by_id(model.questions, q.id).label,
            "tags": by_id(model.questions, q.id).tags,
            "volume": _volume(q.volume),
            "spq": q.spq,
            "exact": q.exact,
            "cover": q.cover,
            "consulted": q.consulted,
            "exposers": q.exposers,
            "impact": f"{impact:,.0f}",
            "detail": q.id in svgs,
            "svg": svgs.get(q.id, ""),
        }
        for q, impact in ranked.questions
    ]


ROADMAP = 5  # steps of the report's roadmap
SHOWN_FIXES = 3  # quick hits and big hits shown


def _fixes(model: Model) -> dict[str, Any]:
    """What to fix first: the top quick and big hits, and the roadmap (of either effort) with its chart."""
    quick = fixes(model, top=SHOWN_FIXES, effort="quick", roadmap=0)
    big = fixes(model, top=SHOWN_FIXES, effort="big", roadmap=0)
    road = fixes(model, top=1, roadmap=ROADMAP).roadmap
    svg, note = "", ""
    if road and quick.score is not None:
        try:
            svg = clean_svg(roadmap_chart(quick.score, [(s.summary, s.score_after) for s in road]))
        except ChartUnavailable as err:
            note = f"The chart needs matplotlib ({err.message}); the table has the same figures."
    return {
        "quick_fixes": quick.fixes,
        "big_fixes": big.fixes,
        "fixes_score": quick.score,
        "roadmap": road,
        "roadmap_svg": svg,
        "roadmap_note": note,
    }


def _context(model: Model, analysis: Analysis, renderer: str) -> dict[str, Any]:
    ranked = rank(analysis)
    svgs = _diagrams(model, analysis, ranked, renderer)
    label = {**names(model.teams), **names(model.entities)}
    return (
        {
            "version": __version__,
            "docs": DOCS_URL,
            "budget": f"{BUDGET:g}",
            "name": model.name,
            "score": analysis.score,
            "band": analysis.band,
            "meaning": band_meaning(analysis.band),
            "why_unmeasured": analysis.unmeasured,
            "completeness": analysis.completeness.sentence,
            "counts": {
                "systems": plural(len(model.systems), "system"),
                "teams": plural(len(model.teams), "team"),
                "journeys": plural(len(model.journeys), "journey"),
                "questions": plural(len(model.questions), "customer question"),
            },
            "components": _components(analysis),
            "unmeasured": ", ".join(row.title for row in COMPONENTS if analysis.component(row.id) is None),
            "journeys_weighted": ranked.journeys_weighted,
            "journeys": _journeys(model, ranked, svgs["journeys"]),
            "questions_weighted": ranked.questions_weighted,
            "questions": _questions(model, ranked, svgs["questions"]),
            "teams": [
                {
                    "id": t.id,
                    "name": label.get(t.id, t.id),
                    "desktop": t.desktop,
                    "systems": t.systems,
                    "tags": by_id(model.teams, t.id).tags,
                }
                for t in ranked.teams
            ],
            "entities": [
                {
                    "id": e.id,
                    "name": label.get(e.id, e.id),
                    "unsynced": e.unsynced,
                    "possible": e.possible,
                    "groups": e.groups,
                }
                for e in ranked.unsynced
            ],
            "isolated": analysis.isolated,
            "manual": [{"source": a, "target": b, "carries": c} for a, b, c in analysis.manual],
            "unbacked": analysis.unbacked,
            "detailed_journeys": set(svgs["journeys"]),
            "detailed_questions": set(svgs["questions"]),
            "landscape_svg": svgs["landscape"],
            "landscape_groups": svgs["groups"],
            "groups_left": svgs["groups_left"],
        }
        | _fixes(model)
        | experience_context(model, analysis)
    )


def _since(model: Model, baseline: Any) -> dict[str, Any]:
    """ "Since the last review": the diff against the baseline, and the trend chart when known."""
    if baseline is None:
        return {"since": None}
    found = diff(baseline.model, model)
    c = found.comparison
    trend: Any = ""
    note = ""
    points = [(f"{p.commit} {p.date[:10]}", p.score, p.components) for p in baseline.history]
    if len(points) >= 2:
        try:
            trend = clean_svg(trend_chart(points).decode("utf-8"))
        except ChartUnavailable as err:
            note = f"The trend chart needs matplotlib ({err.message})."
    return {"since": {
        "label": baseline.label, "before": c.before.score, "after": c.after.score, "delta": c.delta,
        "journeys": c.journeys(), "questions": c.questions(), "appeared": c.appeared[:12],
        "disappeared": c.disappeared[:12], "systems_added": found.systems_added,
        "systems_removed": found.systems_removed, "trend": trend, "trend_note": note,
    }}  # fmt: skip


def html_report(
    model: Model,
    analysis: Analysis,
    renderer: str = "auto",
    baseline: Any = None,
    maturity: Any = None,
    observed: Any = None,
) -> str:
    """The report as one self-contained HTML page.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> page = html_report(m, silomap.analyze(m), renderer="embedded")
    >>> "<script" in page, "44.0" in page
    (False, True)
    """
    env = Environment(
        loader=PackageLoader("silomap._reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(
        _context(model, analysis, renderer)
        | _since(model, baseline)
        | maturity_context(maturity)
        | observed_context(model, observed)
    )
