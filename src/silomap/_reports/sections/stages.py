"""The three life-cycle stages, in the customer's order, each with its score, band and components."""

from __future__ import annotations

from ..._metrics import COMPONENTS, StageScore
from .formats import fragment
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def _parts(s: StageScore, name: dict[str, str]) -> str:
    return ", ".join(f"{name[c.name]} {float(c.value):.3f}" for c in s.components)


def text(context: Context) -> Lines:
    """The stages in order, each with its score, band and components."""
    label = {row.id: row.label for row in COMPONENTS}
    out = ["", "By life-cycle stage (the customer's order: discovery, sales, after-sales)"]
    return out + [
        f"  {s.stage:<12} not measured (no journey of this stage)"
        if s.score is None
        else f"  {s.stage:<12} {s.score:5.1f}  {s.band:<18} {_parts(s, label)}"
        for s in context.analysis.stages
    ]


def markdown(context: Context) -> Lines:
    """The stages as a table, first in the report."""
    title = {row.id: row.title for row in COMPONENTS}
    out = ["", "### By life-cycle stage", "", "| Stage | Score | Band | Components |", "|---|---:|---|---|"]
    return out + [
        f"| {s.stage} | n/a | not measured | no journey of this stage |"
        if s.score is None
        else f"| {s.stage} | {s.score:.1f} | {s.band} | {_parts(s, title)} |"
        for s in context.analysis.stages
    ]


def html(context: Context) -> str:
    """One box per stage at the top of the page."""
    title = {row.id: row.title for row in COMPONENTS}
    stages = [
        {
            "stage": s.stage,
            "title": s.title,
            "score": s.score,
            "band": s.band,
            "components": [(title[c.name], float(c.value)) for c in s.components],
        }
        for s in context.analysis.stages
    ]
    return fragment("stages.html.j2", stages=stages)


SECTION = Section(
    "stages", "By life-cycle stage", text=text, markdown=markdown, html=html, html_place="header"
)
