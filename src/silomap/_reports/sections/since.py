"""Since the last review: the diff against the baseline's model, and the trend when it is known."""

from __future__ import annotations

from typing import Any

from ..._charts import ChartUnavailable, trend_chart
from ..._metrics import diff
from ..._text import md, plural
from ..svg import clean_svg
from .formats import fragment
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]


def applies(context: Context) -> bool:
    """Only with a baseline (``silomap report --baseline``)."""
    return context.baseline is not None


def markdown(context: Context) -> Lines:
    """The diff's summary in one sentence."""
    baseline = given(context.baseline)
    c = diff(baseline.model, given(context.model)).comparison
    shown = "not measured" if c.before.score is None else f"{c.before.score:.1f}"
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    changed = len(c.appeared) + len(c.disappeared)
    return [
        "",
        f"### Since the last review ({md(baseline.label)})",
        "",
        f"Silo score {shown} → {c.after.score}{delta}; {plural(len(c.journeys()), 'journey')} and "
        f"{plural(len(c.questions()), 'question')} changed; {len(c.appeared)} new and "
        f"{len(c.disappeared)} gone {'piece' if changed == 1 else 'pieces'} of evidence.",
    ]


def _trend(context: Context) -> tuple[Any, str]:
    """The trend chart of the baseline's history, when it has two points or more."""
    points = [(p.commit, p.date, p.score, p.components) for p in given(context.baseline).history]
    if len(points) < 2:
        return "", ""
    try:
        return clean_svg(trend_chart(points).decode("utf-8")), ""
    except ChartUnavailable as err:
        return "", f"The trend chart needs matplotlib ({err.message})."


def html(context: Context) -> str:
    """The score before and after, the journeys that changed, systems and evidence new and gone."""
    baseline = given(context.baseline)
    found = diff(baseline.model, given(context.model))
    c = found.comparison
    trend, note = _trend(context)
    since = {
        "label": baseline.label,
        "before": c.before.score,
        "after": c.after.score,
        "delta": c.delta,
        "journeys": c.journeys(),
        "questions": c.questions(),
        "appeared": c.appeared[:12],
        "disappeared": c.disappeared[:12],
        "systems_added": found.systems_added,
        "systems_removed": found.systems_removed,
        "trend": trend,
        "trend_note": note,
    }
    return fragment("since.html.j2", since=since)


SECTION = Section("since", "Since the last review", applies=applies, markdown=markdown, html=html)
