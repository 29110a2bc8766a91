"""The readable terminal summary of ``silomap score``: the sections' text, in the table's order.

Plain text, aligned, no colour codes: it reads the same in a terminal, a CI
log and a pull-request comment. Every model string passes through
:func:`safe_text`. Journeys and questions come in the one ranking of
``silomap._metrics.ranking``, the same as the report's.
"""

from __future__ import annotations

from .._metrics import Analysis
from .._text import safe_text
from . import sections

__all__ = ["summary"]


def summary(analysis: Analysis, top: int = 5) -> str:
    """Render the summary as text.

    >>> from silomap import Model, analyze
    >>> print(summary(analyze(Model(silomap=1, name="Empty"))).splitlines()[8])
    Silo score: not measured (the model has no questions, journeys, shared data or agent systems)
    """
    context = sections.Context(analysis, top=top)
    lines = [f"silomap: {safe_text(analysis.name)}"]
    for section in sections.ordered(sections.SECTIONS, "text"):
        if section.text is not None and section.applies(context):
            lines += section.text(context)
    return "\n".join(lines) + "\n"
