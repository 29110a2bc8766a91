"""The CIO report as one self-contained HTML page.

The page is ``sections/report.html.j2`` around the sections' HTML, in the order of
``sections.SECTIONS``; every template has autoescaping: model text is data,
never markup, so ``<script>`` or ``{{ 7*7 }}`` in a name shows as written.
The page loads nothing (a Content-Security-Policy forbids it) and has no
script. Diagrams are inlined as SVG after :func:`~silomap._reports.svg.clean_svg`
has removed the XML prolog and checked that Graphviz wrote nothing active.
"""

from __future__ import annotations

import time
from typing import Any

from markupsafe import Markup

from .._config import DOCS_URL
from .._cost import Cost
from .._diagrams import (
    MIN_TEXT,
    Dot,
    Measure,
    collapsed,
    finish_svg,
    fit_landscape,
    journey_view,
    landscape_view,
    page_area,
    question_view,
    render_within,
)
from .._errors import ToolError
from .._maturity import Maturity
from .._metrics import Analysis, Ranking, rank
from .._model import Model
from .._observed import Observed
from .._text import plural
from .._version import __version__
from . import sections
from .svg import clean_svg, fitted_width

__all__ = ["html_report"]

DETAILS = 5  # journeys and questions shown in detail, with their diagram
BUDGET = 120.0  # seconds for all the report's diagrams; those not drawn by then say so
PAGE = "a3"  # the page the landscape is fitted to, printed on a landscape page of this size
PRINTED = 2  # of the journeys and questions drawn in detail, those whose drawings are printed


def _pictures(model: Model, analysis: Analysis, ranked: Ranking) -> list[Dot]:
    """The report's drawings, in page order: the worst journeys and questions, then the landscape
    whole when it is one drawing (as the render command decides); a split one is fitted below."""
    pictures = [journey_view(model, analysis, j.id) for j, _ in ranked.journeys[:DETAILS]]
    pictures += [question_view(model, analysis, q.id) for q, _ in ranked.questions[:DETAILS]]
    if not collapsed(model, None):
        pictures.append(landscape_view(model, analysis))
    return pictures


def print_width(m: Measure, page: str = PAGE) -> float:
    """The width in points at which a drawing fitted to ``page`` prints on that page, landscape:
    :func:`~silomap._reports.svg.fitted_width` within the page's printable area.

    Parameters
    ----------
    m
        The drawing as :func:`silomap._diagrams.measure` read it, fitted to ``page``.
    page
        The page it prints on, landscape (``a3``, ``a4``, ``16:9``).

    Returns
    -------
    float
        Its printed width in points, rounded up to a tenth.

    Examples
    --------
    A drawing 939 x 587 pt whose smallest text is 9 pt prints at 6 / 9 of its size, 626 pt wide:

    >>> print_width(Measure(939.0, 587.0, 1.6, 1.0, 9.0, 0, 0))
    626.0
    """
    smallest = (m.smallest or MIN_TEXT) / (m.scale or 1.0)  # at the drawing's own size
    return fitted_width(m.width, m.height, smallest, page_area(page))


def _fitted(model: Model, analysis: Analysis, renderer: str, left: float) -> list[dict[str, Any]]:
    """The landscape fitted to an A3 page (:func:`fit_landscape`): one drawing, or its overview and
    one per group, each with its title and the width it prints at; none if out of time."""
    if left <= 0:
        return []
    try:
        drawn = fit_landscape(model, analysis, page=PAGE, renderer=renderer, timeout=max(left, 1.0))
    except ToolError as err:
        if err.code != "SM040":
            raise
        return []
    return [
        {
            "id": f"landscape-{d.name}" if d.name != "landscape" else "landscape-a3",
            "title": str(d.dot.graph.get("label", "")).split("\n", 1)[0].removeprefix(f"{model.name}: "),
            "svg": clean_svg(d.svg, area=None),
            "width": f"{print_width(d.measured):g}",
        }
        for d in drawn
    ]


def _diagrams(model: Model, analysis: Analysis, ranked: Ranking, renderer: str) -> dict[str, Any]:
    """Render the report's drawings in one go, each with its legend; then the landscape fitted."""
    top_j = [j.id for j, _ in ranked.journeys[:DETAILS]]
    top_q = [q.id for q, _ in ranked.questions[:DETAILS]]
    pictures = _pictures(model, analysis, ranked)
    # one budget for all: a report is never stuck for 11 diagrams times a minute each
    start = time.monotonic()
    drawn = render_within([p.source() for p in pictures], renderer, BUDGET)
    svgs = [
        clean_svg(finish_svg(svg, p.legend)) if svg else "" for svg, p in zip(drawn, pictures, strict=True)
    ]
    at = len(top_j) + len(top_q)
    return {
        "journeys": dict(zip(top_j, svgs, strict=False)),
        "questions": dict(zip(top_q, svgs[len(top_j) :], strict=False)),
        "landscape": svgs[at] if len(svgs) > at else "",
        "fitted": _fitted(model, analysis, renderer, BUDGET - (time.monotonic() - start)),
        "split": collapsed(model, None),
        "printed": PRINTED,
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
