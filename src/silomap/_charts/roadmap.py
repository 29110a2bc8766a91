"""The roadmap as a chart: the silo score now and after each step, as bars (static SVG, no script).

matplotlib is an optional dependency (``pip install 'silomap[charts]'``);
without it, :class:`ChartUnavailable` says how to get it and the report
shows the roadmap as a table only.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any, cast

from .._errors import SilomapError
from .style import BAR, GRID, NOW, RC

__all__ = ["ChartUnavailable", "pyplot", "roadmap_chart"]


class ChartUnavailable(SilomapError):
    """Charts need matplotlib, which is not installed."""

    exit_code = 3


def pyplot() -> Any:
    """matplotlib's pyplot on a backend that draws files (no window), or :class:`ChartUnavailable`."""
    try:
        import matplotlib

        matplotlib.use("agg", force=True)
        from matplotlib import pyplot as plt
    except ImportError:
        raise ChartUnavailable(
            "charts need matplotlib: pip install 'silomap[charts]'", code="SM043"
        ) from None
    return plt


def roadmap_chart(start: float, steps: Sequence[tuple[str, float]]) -> str:
    """An SVG bar chart: the score now, then after each step (``(words, score)``), lower is better.

    >>> svg = roadmap_chart(44.0, [("automate the CRM copy", 41.6), ("merge the portals", 39.4)])
    >>> svg.startswith("<?xml") and "<script" not in svg and "41.6" in svg
    True
    """
    plt = pyplot()
    labels = ["now"] + [
        f"{i}. " + textwrap.shorten(words, 84, placeholder="…") for i, (words, _) in enumerate(steps, 1)
    ]
    scores = [start] + [score for _, score in steps]
    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(7.5, 0.8 * len(scores) + 1.2))
        bars = axes.barh(range(len(scores)), scores, color=[NOW] + [BAR] * len(steps), height=0.6)
        axes.set_yticks(range(len(scores)), [textwrap.fill(label, 44) for label in labels])
        axes.invert_yaxis()
        axes.set_xlim(0, max(100.0, max(scores) * 1.1) if scores else 100.0)
        axes.set_xlabel("silo score after the step (0 joined up, 100 siloed)")
        axes.grid(axis="x", color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.tick_params(length=0)  # no tick marks: matplotlib draws them as <use>, which the report refuses
        for bar, score in zip(bars, scores, strict=True):
            axes.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{score:.2f}", va="center")
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return out.getvalue()
