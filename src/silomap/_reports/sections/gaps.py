"""Isolated systems, manual integrations and unbacked answers: the gaps in the landscape."""

from __future__ import annotations

from ..._diagrams import fold
from ..._text import md, safe_text
from .formats import MD_NAMED, fragment, join_names
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """Each kind of gap, when there is one: the systems, the copies by hand, the blind answers."""
    analysis, top = context.analysis, context.top
    out: Lines = []
    if analysis.isolated:
        out += ["", f"Isolated systems (no automated integration): {join_names(analysis.isolated)}"]
    if analysis.manual:
        out += ["", "Manual integrations (people copying data by hand):"]
        for a, b, carries in analysis.manual[:top]:
            out.append(f"  {safe_text(a)} -> {safe_text(b)}: {join_names(carries)}")
    if analysis.unbacked:
        out += ["", "Unbacked answers (answered without the systems that hold the data):"]
        for u in analysis.unbacked[:top]:
            out.append(
                f"  {safe_text(u.question)} at {safe_text(u.journey)}/{safe_text(u.step)}: "
                f"missing {join_names(u.missing)}"
            )
    return out


def markdown(context: Context) -> Lines:
    """One paragraph: the isolated systems, and how many manual integrations and unbacked answers."""
    analysis = context.analysis
    notes = []
    if analysis.isolated:
        notes.append(f"**Isolated systems:** {md(fold(analysis.isolated, MD_NAMED))}")
    if analysis.manual:
        notes.append(f"**Manual integrations:** {len(analysis.manual)}")
    if analysis.unbacked:
        notes.append(f"**Unbacked answers:** {len(analysis.unbacked)}")
    return ["", "  \n".join(notes)] if notes else []


def html(context: Context) -> str:
    """Each kind of gap, linked to the journeys and questions drawn in detail."""
    analysis = context.analysis
    return fragment(
        "gaps.html.j2",
        isolated=analysis.isolated,
        manual=[{"source": a, "target": b, "carries": c} for a, b, c in analysis.manual],
        unbacked=analysis.unbacked,
        detailed_journeys=set(context.drawings.journeys),
        detailed_questions=set(context.drawings.questions),
    )


SECTION = Section(
    "gaps",
    "Isolated systems, manual integrations, unbacked answers",
    text=text,
    markdown=markdown,
    html=html,
)
