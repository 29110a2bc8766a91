"""Channel parity: which digital channel lets a customer get each answer alone, and from which systems."""

from __future__ import annotations

from typing import Any

from ..._model import by_id
from ..._text import md, safe_text
from .formats import fragment, join_names
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """Per self-served question: its channels, its gap and the channels that answer differently."""
    analysis = context.analysis
    if not analysis.digital_channels:
        return []
    served = [p for p in analysis.parity if p.self_served]
    channels = ", ".join(analysis.digital_channels)
    out = ["", f"Channel parity across the digital channels customers use: {channels}"]
    if not served:
        return [*out, "  no question is answered by the customer alone on a digital channel"]
    for p in served:
        gap = f"missing on {', '.join(p.gap)}" if p.gap else "on every digital channel"
        out.append(f"  {safe_text(p.id):<28} self-served on {', '.join(p.channels)}; {gap}")
        for d in p.diverging[: context.top]:
            out.append(
                f"  {'':<28} diverges: {d.a.channel} answers from {join_names(d.a.systems)}, "
                f"{d.b.channel} from {join_names(d.b.systems)}"
            )
    return out


def markdown(context: Context) -> Lines:
    """A bullet per self-served question with a gap or a divergence."""
    served = [p for p in context.analysis.parity if p.self_served and (p.gap or p.diverging)]
    if not served:
        return []
    out = ["", "### Channel parity", ""]
    for p in served[: context.top]:
        gap = f"missing on {', '.join(p.gap)}" if p.gap else "on every digital channel"
        diverge = "; ".join(
            f"{d.a.channel} answers from {md(', '.join(d.a.systems) or 'nothing')}, "
            f"{d.b.channel} from {md(', '.join(d.b.systems) or 'nothing')}"
            for d in p.diverging
        )
        out.append(
            f"- **{md(p.id)}**: self-served on {', '.join(p.channels)}; {gap}"
            + (f"; diverges: {diverge}" if diverge else "")
        )
    return out


def html(context: Context) -> str:
    """A grid of questions by digital channel: answered, a gap, or answered from other systems."""
    model, analysis = given(context.model), context.analysis
    rows: list[dict[str, Any]] = []
    for p in analysis.parity:
        if not p.self_served:
            continue
        cells = []
        for channel in analysis.digital_channels:
            sides = [d for d in p.diverging if channel in (d.a.channel, d.b.channel)]
            cells.append({"channel": channel, "served": channel in p.channels, "diverges": bool(sides)})
        text = by_id(model.questions, p.id).label
        rows.append({"id": p.id, "text": text, "cells": cells, "diverging": p.diverging, "gap": p.gap})
    return fragment(
        "parity.html.j2",
        channels=analysis.digital_channels,
        parity=rows,
        not_self_served=[p.id for p in analysis.parity if not p.self_served],
    )


SECTION = Section("parity", "Channel parity", text=text, markdown=markdown, html=html)
