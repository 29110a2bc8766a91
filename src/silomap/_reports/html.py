"""The CIO report as one self-contained HTML page.

The page is ``sections/report.html.j2`` around the sections' HTML, in the order of
``sections.SECTIONS``; every template has autoescaping: model text is data,
never markup, so ``<script>`` or ``{{ 7*7 }}`` in a name shows as written.
The page loads nothing (a Content-Security-Policy forbids it) and has no
script. Diagrams are inlined as SVG after :func:`~silomap._reports.svg.clean_svg`
has removed the XML prolog and checked that Graphviz wrote nothing active.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .._config import DOCS_URL
from .._cost import Cost
from .._diagrams import (
    Dot,
    collapsed,
    finish_svg,
    group_view,
    grouping,
    journey_view,
    landscape_view,
    question_view,
    render_within,
)
from .._maturity import Maturity
from .._metrics import Analysis, Ranking, rank
from .._model import Model
from .._observed import Observed
from .._text import plural
from .._version import __version__
from . import sections
from .svg import clean_svg

__all__ = ["html_report"]

DETAILS = 5  # journeys and questions shown in detail, with their diagram
BUDGET = 120.0  # seconds for all the report's diagrams; those not drawn by then say so
GROUPS = 8  # a big landscape's groups drawn one by one after its overview, biggest first


def _pictures(model: Model, analysis: Analysis, ranked: Ranking) -> tuple[list[Dot], list[str]]:
    """The report's drawings, in page order: the worst journeys and questions, then the landscape;
    a landscape too big for one drawing (as the render command decides) becomes an overview of
    its groups and one drawing for each of the biggest groups that can be drawn whole."""
    pictures = [journey_view(model, analysis, j.id) for j, _ in ranked.journeys[:DETAILS]]
    pictures += [question_view(model, analysis, q.id) for q, _ in ranked.questions[:DETAILS]]
    pictures.append(landscape_view(model, analysis))
    groups: list[str] = []
    if collapsed(model, None):
        members = grouping(model, "auto", expand=False)[1].members
        groups = sorted(members, key=lambda k: -len(members[k]))[:GROUPS]
        pictures += [group_view(model, analysis, "auto", key) for key in groups]
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
    owners = grouping(model, "auto", expand=False)[1]
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


def _sections(context: sections.Context) -> dict[str, Markup]:
    """The sections' HTML in the table's order: the page's header, then the body, each section
    after a blank line (one that does not apply leaves just that line), a subsection straight on."""
    header, body = [], []
    for section in sections.ordered(sections.SECTIONS, "html"):
        draw = section.html
        shown = draw is not None and section.applies(context)
        part = draw(context) if draw is not None and shown else ""
        if section.html_place == "header":
            header.append(part)
        elif section.html_place == "section" or shown:
            body.append("\n" + part)
    return {"header": Markup("".join(header)), "body": Markup("".join(body))}


def html_report(
    model: Model,
    analysis: Analysis,
    renderer: str = "auto",
    baseline: sections.Review | None = None,
    maturity: Maturity | None = None,
    observed: Observed | None = None,
    cost: Cost | None = None,
) -> str:
    """The report as one self-contained HTML page.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> page = html_report(m, silomap.analyze(m), renderer="embedded")
    >>> "<script" in page, "44.0" in page
    (False, True)
    """
    drawings = sections.Drawings(**_diagrams(model, analysis, rank(analysis), renderer), budget=f"{BUDGET:g}")
    context = sections.Context(
        analysis, model, baseline=baseline, maturity=maturity, observed=observed, cost=cost, drawings=drawings
    )
    return (
        sections.templates()
        .get_template("report.html.j2")
        .render(
            version=__version__,
            docs=DOCS_URL,
            name=model.name,
            counts={
                "systems": plural(len(model.systems), "system"),
                "teams": plural(len(model.teams), "team"),
                "journeys": plural(len(model.journeys), "journey"),
                "questions": plural(len(model.questions), "customer question"),
            },
            **_sections(context),
        )
    )
