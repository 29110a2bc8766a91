"""The landscape: every system and integration in one drawing, or by group when it is too big."""

from __future__ import annotations

from .formats import fragment
from .section import Context, Section

__all__ = ["SECTION"]


def html(context: Context) -> str:
    """The drawing of the landscape; for a big one, its overview and its biggest groups."""
    drawn = context.drawings
    return fragment(
        "landscape.html.j2",
        landscape_svg=drawn.landscape,
        landscape_groups=drawn.groups,
        groups_left=drawn.groups_left,
        budget=drawn.budget,
    )


SECTION = Section("landscape", "The landscape", html=html)
