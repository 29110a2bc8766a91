"""What drives the score: each component's value, weight and points."""

from __future__ import annotations

from typing import Any

from ..._metrics import COMPONENTS, Analysis, spec
from .formats import fragment, md_head, md_row
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """One line per measured component: what it measures, its value, weight and points."""
    analysis = context.analysis
    if not analysis.components:
        return []
    out = ["", f"{'Components':<67} value  weight  points"]
    rows = {row.id: row for row in COMPONENTS}
    for c in analysis.components:
        row = rows[c.name]
        out.append(
            f"  {row.label:<14} {row.measures:<50} {float(c.value):5.3f}  {float(c.weight):6.2g}  "
            f"{analysis.points(c.name):6.1f}"
        )
    return out


def markdown(context: Context) -> Lines:
    """The components as a table under the score."""
    analysis = context.analysis
    out = md_head("Component", "Value:", "Points:")
    for c in analysis.components:
        out.append(md_row(spec(c.name).title, f"{float(c.value):.3f}", f"{analysis.points(c.name):.1f}"))
    return out


def _rows(analysis: Analysis) -> list[dict[str, Any]]:
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


def html(context: Context) -> str:
    """The components with what each measures and its share of the score, as bars."""
    analysis = context.analysis
    return fragment(
        "components.html.j2",
        components=_rows(analysis),
        unmeasured=", ".join(row.title for row in COMPONENTS if analysis.component(row.id) is None),
    )


# the terminal and the Markdown show the components under the score; the page after the fixes
SECTION = Section(
    "components",
    "What drives the score",
    text=text,
    markdown=markdown,
    html=html,
    after={"html": "fixes"},
)
