"""The three life-cycle stages, in the customer's order, each with its score, band and components."""

from __future__ import annotations

from collections.abc import Callable

from ..._metrics import StageScore, spec
from .formats import fragment, md_head
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def _parts(s: StageScore, name: str) -> str:
    """The stage's components, each by its ``label`` or its ``title`` (``name``), with its value."""
    return ", ".join(f"{getattr(spec(c.name), name)} {float(c.value):.3f}" for c in s.components)


def _each(context: Context, unmeasured: str, measured: Callable[[StageScore], str]) -> Lines:
    """A line per stage: ``unmeasured`` (formatted with the stage as ``s``) where it has no score."""
    return [unmeasured.format(s=s) if s.score is None else measured(s) for s in context.analysis.stages]


def text(context: Context) -> Lines:
    """The stages in order, each with its score, band and components."""
    out = ["", "By life-cycle stage (the customer's order: discovery, sales, after-sales)"]
    return out + _each(
        context,
        "  {s.stage:<12} not measured (no journey of this stage)",
        lambda s: f"  {s.stage:<12} {s.score:5.1f}  {s.band:<18} {_parts(s, 'label')}",
    )


def markdown(context: Context) -> Lines:
    """The stages as a table, first in the report."""
    out = md_head("Stage", "Score:", "Band", "Components", title="By life-cycle stage")
    return out + _each(
        context,
        "| {s.stage} | n/a | not measured | no journey of this stage |",
        lambda s: f"| {s.stage} | {s.score:.1f} | {s.band} | {_parts(s, 'title')} |",
    )


def html(context: Context) -> str:
    """One box per stage at the top of the page."""
    stages = [
        {
            "stage": s.stage,
            "title": s.title,
            "score": s.score,
            "band": s.band,
            "components": [(spec(c.name).title, float(c.value)) for c in s.components],
        }
        for s in context.analysis.stages
    ]
    return fragment("stages.html.j2", stages=stages)


SECTION = Section(
    "stages", "By life-cycle stage", text=text, markdown=markdown, html=html, html_place="header"
)
