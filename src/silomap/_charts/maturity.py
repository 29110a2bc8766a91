"""The maturity chart: each criterion's self-assessed level beside the level the model suggests."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

from .roadmap import pyplot
from .style import BAR, GRID, MUTED, RC

__all__ = ["maturity_chart"]


def maturity_chart(rows: Sequence[tuple[str, float | None, int | None]]) -> str:
    """An SVG of paired bars per criterion (``(name, self level, evidence level)``), levels 1 to 5;
    a missing level is left out and said in the label.

    >>> svg = maturity_chart([("Customer service", 4.5, 2), ("Marketing and sales", None, 3)])
    >>> svg.startswith("<?xml") and "<use" not in svg and "not assessed" in svg
    True
    """
    plt = pyplot()
    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(7.5, 0.9 * len(rows) + 1.3))
        for i, (_name, own, evidence) in enumerate(rows):
            for offset, value, colour, what in ((-0.18, own, BAR, "self"), (0.18, evidence, MUTED, "model")):
                if value is None:
                    missing = f"{what}: not assessed" if what == "self" else f"{what}: not measured"
                    axes.text(0.05, i + offset, missing, va="center", fontsize=9)
                    continue
                axes.barh(i + offset, value, height=0.34, color=colour)
                axes.text(value + 0.05, i + offset, f"{what} {value:g}", va="center", fontsize=9)
        axes.set_yticks(range(len(rows)), [name for name, _, _ in rows])
        axes.invert_yaxis()
        axes.set_xlim(0, 5.9)
        axes.set_xticks(range(1, 6), ["1 ad hoc", "2 emerging", "3 defined", "4 managed", "5 optimised"])
        axes.set_xlabel("level: self-assessed (blue) and suggested by the model (grey)")
        axes.grid(axis="x", color=GRID, linewidth=0.8)
        axes.set_axisbelow(True)
        axes.tick_params(length=0)  # tick marks are drawn as <use>, which the report refuses
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return out.getvalue()
