"""The blueprints of the worst journeys: each drawn as lanes, with its hand-offs and re-entries."""

from __future__ import annotations

from ..._diagrams import MERMAID_MAX_TEXT, journey_mermaid, mermaid_length
from ..._text import md
from .formats import fragment, printed_rows
from .journeys import journey_rows
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]


def applies(context: Context) -> bool:
    """Only when the model has a journey."""
    return bool(context.ranked.journeys)


def markdown(context: Context) -> Lines:
    """The worst journey's blueprint as a Mermaid diagram, which GitHub draws; what the comment
    says instead when Mermaid would not draw it (longer than its maxTextSize)."""
    model = given(context.model)
    worst = context.ranked.journeys[0][0].id
    drawn = journey_mermaid(model, context.analysis, worst).rstrip()
    if (size := mermaid_length(drawn)) > MERMAID_MAX_TEXT:
        said = f"is {size:,} characters of Mermaid, more than the {MERMAID_MAX_TEXT:,} it draws"
        return ["", f"*The blueprint of {md(worst)} {said}: see the HTML report.*"]
    return ["", f"### Blueprint of the worst journey: {md(worst)}", "", "```mermaid", drawn, "```"]


def too_long(context: Context) -> Lines:
    """What the comment says when the blueprint would not fit it."""
    worst = context.ranked.journeys[0][0].id
    return ["", f"*The blueprint of {md(worst)} is too big for a comment: see the HTML report.*"]


def html(context: Context) -> str:
    """The hand-offs and re-entries of each of the worst journeys, and its drawing."""
    rows = journey_rows(given(context.model), context)
    printed = printed_rows([r for r in rows if r["detail"]], context.drawings.printed, "blueprint")
    return fragment("blueprints.html.j2", journeys=rows, budget=context.drawings.budget, printed=printed)


# the Markdown draws one journey, at the end of the comment, if it fits
SECTION = Section(
    "blueprints",
    "Blueprint of the worst journey",
    applies=applies,
    markdown=markdown,
    html=html,
    after={"md": "gaps"},
    html_place="subsection",
    markdown_too_long=too_long,
)
