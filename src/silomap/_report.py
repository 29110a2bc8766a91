"""The CIO report: one self-contained HTML page, and Markdown for pull requests.

The HTML comes from a Jinja2 template with autoescaping: model text is data,
never markup, so ``<script>`` or ``{{ 7*7 }}`` in a name shows as written.
The page loads nothing (a Content-Security-Policy forbids it) and has no
script. Diagrams are inlined as SVG after :func:`clean_svg` has removed the
XML prolog and checked that Graphviz wrote nothing active.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import __version__
from ._analysis import Analysis
from ._errors import SilomapError
from ._findings import BAND_MEANING, COMPONENT_TEXT, findings
from ._mermaid import journey_mermaid
from ._render import render_svgs
from ._schema import Model
from ._score import COMPONENTS
from ._views import journey_view, landscape_view, question_view

__all__ = ["clean_svg", "html_report", "markdown_report", "md"]

DETAILS = 5  # journeys and questions shown in detail, with their diagram
_ANCHOR = {"fragmentation": "questions", "handoffs": "journeys", "reentry": "journeys", "desktop": "desktop",
           "sync": "sync"}  # fmt: skip
_ACTIVE_TAGS = ("script", "foreignObject", "image", "iframe", "use", "animate", "set")


def clean_svg(svg: str) -> Markup:
    """Strip the XML prolog of a Graphviz SVG and refuse anything active in it.

    >>> str(clean_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg><text>a &lt; b</text></svg>'))
    '<svg><text>a &lt; b</text></svg>'
    """
    start = svg.find("<svg")
    body = svg[start:].strip() if start >= 0 else ""
    try:  # no DTD is left, so the parser expands no entity
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise SilomapError("a rendered diagram is not well-formed SVG; refusing to inline it") from None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        names = [name.rsplit("}", 1)[-1] for name in element.attrib]
        values = " ".join(element.attrib.values()).lower()
        if (
            tag in _ACTIVE_TAGS
            or "href" in names
            or any(n.startswith("on") for n in names)
            or "javascript:" in values
        ):
            raise SilomapError("a rendered diagram contains active content; refusing to inline it")
    return Markup(body)  # checked above; produced by Graphviz from escaped DOT


def _volume(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _context(model: Model, analysis: Analysis, renderer: str) -> dict[str, Any]:
    ranked = findings(model, analysis)
    names = {
        **{t.id: t.name or t.id for t in model.teams},
        **{e.id: e.name or e.id for e in model.entities},
    }
    journeys = {j.id: j for j in model.journeys}
    questions = {q.id: q for q in model.questions}
    top_j = [j.id for j, _ in ranked.journeys[:DETAILS]]
    top_q = [q.id for q, _ in ranked.questions[:DETAILS]]
    sources = [journey_view(model, analysis, j, legend=False).source() for j in top_j]
    sources += [question_view(model, analysis, q).source() for q in top_q]
    sources.append(landscape_view(model, analysis).source())
    svgs = [clean_svg(svg) for svg in render_svgs(sources, renderer)]
    j_svg = dict(zip(top_j, svgs, strict=False))
    q_svg = dict(zip(top_q, svgs[len(top_j) :], strict=False))
    score_points = sum(analysis.points(c.name) for c in analysis.components) or 1.0
    return {
        "version": __version__,
        "name": model.name,
        "score": analysis.score,
        "band": analysis.band,
        "meaning": BAND_MEANING.get(analysis.band or "", ""),
        "counts": {
            "systems": len(model.systems),
            "teams": len(model.teams),
            "journeys": len(model.journeys),
            "questions": len(model.questions),
        },
        "components": [
            {
                "label": COMPONENT_TEXT[c.name][0],
                "text": COMPONENT_TEXT[c.name][1],
                "anchor": _ANCHOR[c.name],
                "value": float(c.value),
                "weight": float(c.weight),
                "points": analysis.points(c.name),
                "share": 100 * analysis.points(c.name) / score_points,  # per cent of this score
            }
            for c in analysis.components
        ],
        "unmeasured": ", ".join(COMPONENT_TEXT[n][0] for n in COMPONENTS if analysis.component(n) is None),
        "journeys_weighted": ranked.journeys_weighted,
        "journeys": [
            {
                "id": j.id,
                "name": journeys[j.id].name or j.id,
                "stage": journeys[j.id].stage,
                "volume": _volume(j.volume),
                "handoffs": j.handoffs,
                "reentries": len(j.reentries),
                "silo": j.silo_reentries,
                "process": j.process_reentries,
                "switches": j.channel_switches,
                "impact": f"{impact:,.0f}",
                "detail": j.id in j_svg,
                "svg": j_svg.get(j.id, ""),
                "handoff_at": j.handoff_at,
                "reentry_at": j.reentries,
            }
            for j, impact in ranked.journeys
        ],
        "questions_weighted": ranked.questions_weighted,
        "questions": [
            {
                "id": q.id,
                "text": questions[q.id].text or q.id,
                "volume": _volume(q.volume),
                "spq": q.spq,
                "exact": q.exact,
                "cover": q.cover,
                "consulted": q.consulted,
                "exposers": q.exposers,
                "impact": f"{impact:,.0f}",
                "detail": q.id in q_svg,
                "svg": q_svg.get(q.id, ""),
            }
            for q, impact in ranked.questions
        ],
        "teams": [
            {"id": t.id, "name": names.get(t.id, t.id), "desktop": t.desktop, "systems": t.systems}
            for t in sorted(analysis.teams, key=lambda t: (-t.desktop, t.id))
        ],
        "entities": [
            {
                "id": e.id,
                "name": names.get(e.id, e.id),
                "unsynced": e.unsynced,
                "possible": e.possible,
                "groups": e.groups,
            }
            for e in sorted(analysis.entities, key=lambda e: (-e.unsynced, e.id))
            if e.unsynced
        ],
        "isolated": analysis.isolated,
        "manual": [{"source": a, "target": b, "carries": c} for a, b, c in analysis.manual],
        "unbacked": analysis.unbacked,
        "detailed_journeys": set(j_svg),
        "detailed_questions": set(q_svg),
        "landscape_svg": svgs[-1],
    }


def html_report(model: Model, analysis: Analysis, renderer: str = "auto") -> str:
    """The report as one self-contained HTML page.

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> page = html_report(m, silomap.analyze(m), renderer="embedded")
    >>> "<script" in page, "44.0" in page
    (False, True)
    """
    env = Environment(
        loader=PackageLoader("silomap", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2").render(_context(model, analysis, renderer))


# Inside a table cell (never at a line start) only these can make markup: emphasis, code,
# links and images (with [ ] escaped, parentheses are inert), the cell separator, strikethrough,
# math, and ':' and '.' that GFM autolinks need (http://, www.).
_PUNCT = frozenset("\\`*_[]!|~{}$:.")
_NO_LINK = "\u2060"  # word joiner: keeps '@team' and '#123' from becoming mentions and links


def md(text: object) -> str:
    """Escape text for a GitHub Markdown table cell: one line, no markup, no links, no mentions.

    >>> md("a|b <img> [x](javascript:1) @org #12")
    'a\\\\|b &lt;img&gt; \\\\[x\\\\](javascript\\\\:1) @\\u2060org #\\u206012'
    """
    out = []
    for char in " ".join(str(text).split()):  # newlines and runs of space become one space
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char in "@#":
            out.append(char + _NO_LINK)
        elif char in _PUNCT:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


_NUMBER = re.compile(r"[\d,.]+( \(\d+ / \d+\))?( of \d+)?")


def _row(*cells: object) -> str:
    # figures stay readable in the raw comment; any text goes through md()
    return "| " + " | ".join(str(c) if _NUMBER.fullmatch(str(c)) else md(c) for c in cells) + " |"


def markdown_report(model: Model, analysis: Analysis, top: int = 5) -> str:
    """The report in Markdown, short enough for a pull-request comment, with a Mermaid blueprint
    of the worst journey."""
    ranked = findings(model, analysis)
    out = [f"## Silo report: {md(model.name)}", ""]
    if analysis.score is None:
        out.append("**Silo score: not measured** (no questions, journeys, shared data or agent systems).")
    else:
        meaning = BAND_MEANING.get(analysis.band or "", "")
        out.append(f"**Silo score: {analysis.score:.1f} / 100, {analysis.band}.** {meaning}")
    out += ["", "| Component | Value | Points |", "|---|---:|---:|"]
    for c in analysis.components:
        out.append(_row(COMPONENT_TEXT[c.name][0], f"{float(c.value):.3f}", f"{analysis.points(c.name):.1f}"))
    if ranked.journeys:
        weight = "× volume" if ranked.journeys_weighted else "unweighted"  # noqa: RUF001 - a times sign
        out += [
            "",
            f"### Journeys that hurt most (frictions per month: (hand-offs + re-entries) {weight})",
            "",
            "| Journey | Hand-offs | Re-entries (silo / process) | Channel switches | Frictions |",
            "|---|---:|---:|---:|---:|",
        ]
        for j, impact in ranked.journeys[:top]:
            reentries = f"{len(j.reentries)} ({j.silo_reentries} / {j.process_reentries})"
            out.append(_row(j.id, j.handoffs, reentries, j.channel_switches, f"{impact:,.0f}"))
    if ranked.questions:
        out += ["", "### Questions that need the most systems", "",
                "| Question | Systems | Cover | Consulted |", "|---|---:|---|---|"]  # fmt: skip
        for q, _ in ranked.questions[:top]:
            out.append(_row(q.id, q.spq, ", ".join(q.cover), ", ".join(q.consulted) or "none"))
    unsynced = [e for e in analysis.entities if e.unsynced]
    if unsynced:
        out += ["", "### Unsynced data", "", "| Data | Unsynced | Groups |", "|---|---:|---|"]
        for e in sorted(unsynced, key=lambda e: (-e.unsynced, e.id))[:top]:
            out.append(
                _row(e.id, f"{e.unsynced} of {e.possible}", " / ".join(", ".join(g) for g in e.groups))
            )
    if analysis.teams:
        out += ["", "### Agent desktops", "", "| Team | Systems |", "|---|---:|"]
        for t in sorted(analysis.teams, key=lambda t: (-t.desktop, t.id))[:top]:
            out.append(_row(t.id, t.desktop))
    notes = []
    if analysis.isolated:
        notes.append(f"**Isolated systems:** {md(', '.join(analysis.isolated))}")
    if analysis.manual:
        notes.append(f"**Manual integrations:** {len(analysis.manual)}")
    if analysis.unbacked:
        notes.append(f"**Unbacked answers:** {len(analysis.unbacked)}")
    if notes:
        out += ["", "  \n".join(notes)]
    if ranked.journeys:
        worst = ranked.journeys[0][0].id
        out += ["", f"### Blueprint of the worst journey: {md(worst)}", "", "```mermaid",
                journey_mermaid(model, analysis, worst).rstrip(), "```"]  # fmt: skip
    out += ["", f"<sub>silomap {__version__}: figures defined in docs/metrics.md</sub>", ""]
    return "\n".join(out)
