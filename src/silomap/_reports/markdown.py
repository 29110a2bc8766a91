"""The CIO report in Markdown, short enough for a pull-request comment: the sections' Markdown,
in the table's order.

Every model string goes through :func:`md`, which leaves no markup, link,
image, HTML or mention in a GitHub table cell.
"""

from __future__ import annotations

from .._config import docs_url
from .._cost import Cost
from .._maturity import Maturity
from .._metrics import Analysis
from .._model import Model
from .._observed import Observed
from .._text import md
from .._version import __version__
from . import sections

__all__ = ["LIMIT", "markdown_report"]

LIMIT = 65_536  # characters GitHub takes in a pull-request comment


def markdown_report(
    model: Model,
    analysis: Analysis,
    top: int = 5,
    baseline: sections.Review | None = None,
    maturity: Maturity | None = None,
    observed: Observed | None = None,
    cost: Cost | None = None,
) -> str:
    """The report in Markdown, short enough for a pull-request comment, with a Mermaid blueprint
    of the worst journey."""
    context = sections.Context(
        analysis, model, top=top, baseline=baseline, maturity=maturity, observed=observed, cost=cost
    )
    # the address as code: a link the reader can copy, never one the page follows by itself
    foot = ["", f"<sub>silomap {__version__}: figures defined in `{docs_url('metrics')}`</sub>", ""]
    out = [f"## Silo report: {md(model.name)}"]
    for section in sections.ordered(sections.SECTIONS, "md"):
        if section.markdown is None or not section.applies(context):
            continue
        lines = section.markdown(context)
        if section.markdown_too_long is not None and len("\n".join(out + lines + foot)) > LIMIT:
            lines = section.markdown_too_long(context)
        out += lines
    return _fit("\n".join(out + foot))


def _fit(text: str) -> str:
    """Cut the text at a line so that it fits a GitHub comment, and say so."""
    if len(text) <= LIMIT:
        return text
    note = f"\n\n*Cut to fit GitHub's {LIMIT:,}-character limit for a comment: see the HTML report.*\n"
    return text[: text.rfind("\n", 0, LIMIT - len(note))] + note
