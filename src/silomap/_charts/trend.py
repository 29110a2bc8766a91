"""The score over time: one point per commit, the components beside it, the bands shaded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
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


def trend_chart(points: Sequence[tuple[str, str, float | None, dict[str, float]]], fmt: str = "svg") -> bytes:
    """A line chart of ``(commit, date, score, components)``, as SVG or PNG bytes.

    Each point stands at its date (ISO 8601, as git gives it) on a time axis, so
    commits a month apart are closer than commits a year apart. Components (0 to
    1) are drawn times 100 on the same scale, thin and grey; a commit where the
    model was invalid has no point.

    >>> svg = trend_chart([("a1", "2026-01-01T09:00:00+01:00", 44.0, {"sync": 0.5}),
    ...                    ("b2", "2026-02-01T09:00:00+01:00", 41.6, {"sync": 0.4})])
    >>> svg.startswith(b"<?xml") and b"<script" not in svg
    True
    """
    plt = pyplot()
    xs = [_when(date) for _, date, _, _ in points]
    with plt.rc_context(cast(Any, RC)):
        figure, axes = plt.subplots(figsize=(8, 4))
        for low, high, colour in _BANDS:
            axes.axhspan(low, high, color=colour, zorder=0)
        for name in sorted({name for _, _, _, parts in points for name in parts}):
            ys = [parts.get(name, float("nan")) * 100 for _, _, _, parts in points]
            axes.plot(xs, ys, color="#9aa5b1", linewidth=0.8, zorder=1)
            axes.annotate(
                name,
                (xs[-1], ys[-1]),
                xytext=(4, 0),
                textcoords="offset points",
                color=TEXT,
                fontsize=7,
                va="center",
            )
        scores = [float("nan") if s is None else s for _, _, s, _ in points]
        axes.plot(xs, scores, color=BAR, linewidth=2.2, zorder=2, label="silo score", gid="score")
        for x, score in zip(xs, scores, strict=True):
            if score == score:  # not NaN: the model was valid at that commit
                axes.annotate(
                    f"{score:.1f}",
                    (x, score),
                    xytext=(0, 5),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    color=NOW,
                )
        axes.set_ylim(0, 100)
        _time_axis(axes)
        axes.set_ylabel("silo score (components x 100, grey)")
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(
            out, format=fmt, metadata={"Date": None, "Creator": None} if fmt == "svg" else None, dpi=150
        )
        plt.close(figure)
    return out.getvalue()


def _time_axis(axes: Any) -> None:
    """Dates under the x axis, as many as fit (a year, then months: ``2026``, ``Mar``, ...)."""
    from matplotlib import dates as typed

    dates = cast(Any, typed)  # matplotlib.dates is untyped
    locator = dates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))
    axes.tick_params(length=0)  # no tick marks: matplotlib draws them as <use>, which the report refuses
    axes.set_xlabel("commit date")


def _when(date: str) -> datetime:
    """A commit's date on the axis: git's ISO 8601, in UTC (commits may come from several zones).

    >>> _when("2026-01-01T09:00:00+01:00")
    datetime.datetime(2026, 1, 1, 8, 0)
    """
    when = datetime.fromisoformat(date)
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
