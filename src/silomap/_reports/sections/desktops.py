"""Agent desktops: the distinct systems each team uses, and its agent hours a month."""

from __future__ import annotations

from ..._model import by_id
from ..._text import safe_text
from .formats import fragment, hours, join_names, md_head, md_row
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """The teams with the most systems on their desktop, and which."""
    teams = context.ranked.teams
    if not teams:
        return []
    out = ["", "Agent desktops: distinct systems each team uses"]
    return out + [
        f"  {safe_text(t.id):<28} {t.desktop}: {join_names(t.systems)}" for t in teams[: context.top]
    ]


def markdown(context: Context) -> Lines:
    """The teams with the most systems, as a table."""
    if not context.analysis.teams:
        return []
    out = md_head("Team", "Systems:", title="Agent desktops")
    return out + [md_row(t.id, t.desktop) for t in context.ranked.teams[: context.top]]


def html(context: Context) -> str:
    """Every team with its systems and agent hours."""
    model = given(context.model)
    teams = [
        {
            "id": t.id,
            "name": context.names.get(t.id, t.id),
            "desktop": t.desktop,
            "systems": t.systems,
            "tags": by_id(model.teams, t.id).tags,
            "hours": _hours(context, t.id),
        }
        for t in context.ranked.teams
    ]
    return fragment("desktops.html.j2", teams=teams)


def _hours(context: Context, team: str) -> str:
    value = context.analysis.team_record(team).hours
    return "" if value is None else hours(value)


# the Markdown lists the unsynced data first
SECTION = Section("desktop", "Agent desktops", text=text, markdown=markdown, html=html, after={"md": "sync"})
