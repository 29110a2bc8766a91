"""Frictions against NPS, one dot per journey, with Spearman's rho in the title."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

from .roadmap import pyplot
from .style import BAR, GRID, RC

__all__ = ["nps_chart"]


def nps_chart(points: Sequence[tuple[str, int, float]], rho: float) -> str:
    """An SVG scatter of ``(journey, frictions, nps)`` with the rank correlation ``rho``.

    Dots are drawn as circles one by one (a scatter would be ``<use>`` elements,
    which the report refuses).

    >>> svg = nps_chart([("a", 1, 30), ("b", 4, -20), ("c", 2, 10)], -1.0)
    >>> svg.startswith("<?xml") and "<use" not in svg and "-1.000" in svg
    True
    """
    plt = pyplot()
    from matplotlib.patches import Circle
    from matplotlib.transforms import ScaledTranslation

    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(7.5, 4.2))
        frictions = [p[1] for p in points]
        axes.set_xlim(-0.5, max(frictions) + 1.5)
        axes.set_ylim(-105, 105)
        for ident, x, y in points:
            where = figure.dpi_scale_trans + ScaledTranslation(x, y, axes.transData)
            axes.add_patch(Circle((0, 0), 0.06, transform=where, color=BAR, clip_on=False))
            axes.annotate(ident, (x, y), xytext=(7, 4), textcoords="offset points", fontsize=8)
        axes.axhline(0, color=GRID, linewidth=0.8)
        axes.set_xlabel("frictions in the journey (hand-offs + re-entries)")
        axes.set_ylabel("Net Promoter Score")
        axes.set_title(
            f"Spearman's rho {rho:.3f} over {len(points)} journeys (correlation, not cause)", fontsize=10
        )
        axes.grid(color=GRID, linewidth=0.5)
        axes.set_axisbelow(True)
        axes.tick_params(length=0)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return out.getvalue()
