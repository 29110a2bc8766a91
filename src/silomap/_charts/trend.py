"""The score over time: one point per commit, the components beside it, the bands shaded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

from .roadmap import pyplot
from .style import BAR, NOW, RC, TEXT

__all__ = ["trend_chart"]

_BANDS = (
    (0, 20, "#e4ecf7"),
    (20, 40, "#eef3fa"),
    (40, 60, "#fdf3e3"),
    (60, 80, "#fbe7da"),
    (80, 100, "#f8dcd8"),
)


def trend_chart(points: Sequence[tuple[str, float | None, dict[str, float]]], fmt: str = "svg") -> bytes:
    """A line chart of ``(label, score, components)`` in order, as SVG or PNG bytes.

    Components (0 to 1) are drawn times 100 on the same scale, thin and grey;
    a commit where the model was invalid has no point.

    >>> svg = trend_chart([("a1 2026-01-01", 44.0, {"sync": 0.5}), ("b2 2026-02-01", 41.6, {"sync": 0.4})])
    >>> svg.startswith(b"<?xml") and b"<script" not in svg
    True
    """
    plt = pyplot()
    labels = [label for label, _, _ in points]
    xs = list(range(len(points)))
    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(8, 4))
        for low, high, colour in _BANDS:
            axes.axhspan(low, high, color=colour, zorder=0)
        names = sorted({name for _, _, parts in points for name in parts})
        for name in names:
            ys = [parts.get(name, float("nan")) * 100 for _, _, parts in points]
            axes.plot(xs, ys, color="#9aa5b1", linewidth=0.8, zorder=1)
            axes.text(xs[-1] + 0.1, ys[-1], name, color=TEXT, fontsize=7, va="center")
        scores = [float("nan") if s is None else s for _, s, _ in points]
        axes.plot(xs, scores, color=BAR, linewidth=2.2, zorder=2, label="silo score")
        for x, score in zip(xs, scores, strict=True):
            if score == score:  # not NaN: the model was valid at that commit
                axes.text(x, score + 2, f"{score:.1f}", ha="center", fontsize=8, color=NOW)
        axes.set_ylim(0, 100)
        axes.set_xticks(xs, labels, rotation=30, ha="right", fontsize=7)
        axes.tick_params(length=0)  # no tick marks: matplotlib draws them as <use>, which the report refuses
        axes.set_ylabel("silo score (components x 100, grey)")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(
            out, format=fmt, metadata={"Date": None, "Creator": None} if fmt == "svg" else None, dpi=150
        )
        plt.close(figure)
    return out.getvalue()
