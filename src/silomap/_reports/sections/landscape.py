"""The landscape: every system and integration in one drawing, or by group when it is too big; on
paper, the drawings fitted to an A3 page at 6 points or more."""

from __future__ import annotations

from .formats import fragment
from .section import Context, Section

__all__ = ["SECTION"]


def html(context: Context) -> str:
    """The drawing of the landscape, whole on screen when it is one drawing; its drawings fitted to
    an A3 page (on paper only, unless it is split: then on screen too, each opening at full size)."""
    drawn = context.drawings
    return fragment(
        "landscape.html.j2",
        landscape_svg=drawn.landscape,
        fitted=drawn.fitted,
        split=drawn.split,
        budget=drawn.budget,
    )


SECTION = Section("landscape", "The landscape", html=html)
