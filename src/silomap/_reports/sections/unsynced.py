"""Unsynced data: copies of the same data in groups of systems that no integration connects."""

from __future__ import annotations

from ..._diagrams import fold
from ..._text import safe_text
from .formats import MD_NAMED, NAMED, fragment, join_names, md_head, md_row
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """The data with the most unsynced copies, and the groups of systems."""
    unsynced = context.ranked.unsynced
    if not unsynced:
        return []
    out = ["", "Unsynced data: copies in groups that no integration connects"]
    for e in unsynced[: context.top]:
        groups = fold([join_names(g) for g in e.groups], NAMED, " | ")
        out.append(f"  {safe_text(e.id):<28} {e.unsynced} of {e.possible} unsynced: {groups}")
    return out


def markdown(context: Context) -> Lines:
    """The data with the most unsynced copies, as a table."""
    unsynced = context.ranked.unsynced
    if not unsynced:
        return []
    out = md_head("Data", "Unsynced:", "Groups", title="Unsynced data")
    for e in unsynced[: context.top]:
        groups = fold([", ".join(g) for g in e.groups], MD_NAMED, " / ")
        out.append(md_row(e.id, f"{e.unsynced} of {e.possible}", groups))
    return out


def html(context: Context) -> str:
    """All the data held by two or more systems that are not all connected."""
    entities = [
        {
            "id": e.id,
            "name": context.names.get(e.id, e.id),
            "unsynced": e.unsynced,
            "possible": e.possible,
            "groups": e.groups,
        }
        for e in context.ranked.unsynced
    ]
    return fragment("unsynced.html.j2", entities=entities)


SECTION = Section("sync", "Unsynced data", text=text, markdown=markdown, html=html)
