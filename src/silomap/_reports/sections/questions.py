"""The questions that need the most systems: the fewest that answer each, and those consulted."""

from __future__ import annotations

from typing import Any

from ..._diagrams import fold
from ..._model import by_id
from ..._text import plural, safe_text
from .formats import MD_NAMED, fragment, join_names, md_head, md_row, printed_rows
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """The worst questions: the systems needed (the cover), the impact, and the journeys' systems."""
    ranked = context.ranked
    if not ranked.questions:
        return []
    if ranked.questions_weighted:
        how, unit = "extra systems a month = (systems needed - 1) x volume", "extra a month"
    else:
        how = "extra systems = systems needed - 1 (unweighted: not every question has a volume)"
        unit = "extra"
    out = ["", f"Worst questions: {how}", "  the systems needed to answer (the cover), and those consulted"]
    for q, impact in ranked.questions[: context.top]:
        bound = "" if q.exact else " (at most)"
        systems = plural(q.spq, "system")
        out.append(f"  {safe_text(q.id):<28} {systems}{bound}, {impact:,.0f} {unit}: {join_names(q.cover)}")
        out.append(f"  {'':<28} consulted in journeys: {join_names(q.consulted)}")
    return out


def markdown(context: Context) -> Lines:
    """The worst questions as a table."""
    ranked = context.ranked
    if not ranked.questions:
        return []
    title = "Questions that need the most systems"
    out = md_head("Question", "Systems:", "Cover", "Consulted", title=title)
    for q, _ in ranked.questions[: context.top]:
        out.append(md_row(q.id, q.spq, fold(q.cover, MD_NAMED), fold(q.consulted, MD_NAMED) or "none"))
    return out


def html(context: Context) -> str:
    """Every question ranked, and the worst ones in detail with their diagram."""
    model = given(context.model)
    svgs = context.drawings.questions
    questions: list[dict[str, Any]] = [
        {
            "id": q.id,
            "text": by_id(model.questions, q.id).label,
            "tags": by_id(model.questions, q.id).tags,
            "volume": "" if q.volume is None else f"{q.volume:,.0f}",
            "spq": q.spq,
            "exact": q.exact,
            "cover": q.cover,
            "consulted": q.consulted,
            "exposers": q.exposers,
            "impact": f"{impact:,.0f}",
            "detail": q.id in svgs,
            "svg": svgs.get(q.id, ""),
        }
        for q, impact in context.ranked.questions
    ]
    return fragment(
        "questions.html.j2",
        questions=questions,
        questions_weighted=context.ranked.questions_weighted,
        budget=context.drawings.budget,
        printed=printed_rows([q for q in questions if q["detail"]], context.drawings.printed, "drawing"),
    )


# the terminal names the worst questions first, before the journeys
SECTION = Section(
    "questions",
    "Questions that need the most systems",
    text=text,
    markdown=markdown,
    html=html,
    after={"text": "components"},
)
