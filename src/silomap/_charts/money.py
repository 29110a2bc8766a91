"""Where the money goes: what each journey's and question's seams cost a month, as bars (static
SVG, no script). The amounts come formatted by the caller (the currency's symbol, whole units):
a chart never rounds money its own way."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any, cast

from .roadmap import pyplot
from .style import BAR, GRID, MUTED, RC

__all__ = ["money_chart"]

COLOURS = (BAR, MUTED)  # the first group (journeys), then the second (questions)


def money_chart(rows: Sequence[tuple[str, float, str, int]], groups: Sequence[str], axis: str) -> str:
    """An SVG bar chart, largest first: each row is ``(label, amount, amount as shown, group)``,
    ``group`` an index of ``groups`` (its colour and legend); ``axis`` names the amounts.

    >>> svg = money_chart([("move-house", 6233.3, "€6,233", 0), ("q1", 900.0, "€900", 1)],
    ...                   ["journeys", "questions"], "EUR a month")
    >>> svg.startswith("<?xml") and "<script" not in svg and "€6,233" in svg
    True
    """
    plt = pyplot()
    ordered = sorted(rows, key=lambda r: (-r[1], r[0]))
    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(7.5, 0.45 * len(ordered) + 1.4))
        colours = [COLOURS[group % len(COLOURS)] for _, _, _, group in ordered]
        bars = axes.barh(range(len(ordered)), [r[1] for r in ordered], color=colours, height=0.6)
        labels = [textwrap.shorten(label, 40, placeholder="…") for label, _, _, _ in ordered]
        axes.set_yticks(range(len(ordered)), labels)
        axes.invert_yaxis()
        widest = max((r[1] for r in ordered), default=0.0) or 1.0
        axes.set_xlim(0, widest * 1.25)
        axes.set_xlabel(axis)
        axes.xaxis.set_major_formatter(lambda x, _: f"{x:,.0f}")
        axes.grid(axis="x", color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.tick_params(length=0)  # no tick marks: matplotlib draws them as <use>, which the report refuses
        for bar, (_, _, shown, _) in zip(bars, ordered, strict=True):
            axes.text(bar.get_width() + widest * 0.01, bar.get_y() + bar.get_height() / 2, shown, va="center")
        used = sorted({group for _, _, _, group in ordered})
        handles = [plt.Rectangle((0, 0), 1, 1, color=COLOURS[g % len(COLOURS)]) for g in used]
        if len(used) > 1:
            axes.legend(handles, [groups[g] for g in used], loc="lower right", frameon=False)
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return out.getvalue()
