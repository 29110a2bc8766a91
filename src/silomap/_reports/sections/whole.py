"""The whole model: the silo score, its band and what the model lets silomap measure."""

from __future__ import annotations

from ..._metrics import BANDS, band_meaning
from ..._text import md
from .cost import money_line
from .formats import fragment
from .section import Context, Lines, Section

__all__ = ["SECTION"]


def text(context: Context) -> Lines:
    """The score and its band, the scale of bands, and how complete the model is."""
    analysis = context.analysis
    out = ["", "The whole model"]
    if analysis.score is None:
        out.append(f"Silo score: not measured ({analysis.unmeasured})")
    else:
        scale = " < ".join(name for _, name, _ in BANDS)
        out.append(f"Silo score: {analysis.score:.1f} / 100  ({analysis.band})")
        out.append(f"  0 is fully joined up, 100 fully siloed; bands: {scale}")
    return [*out, f"  {analysis.completeness.sentence}"]


def markdown(context: Context) -> Lines:
    """The score in bold with what its band means, and how complete the model is."""
    analysis = context.analysis
    out = ["", "### The whole model", ""]
    if analysis.score is None:
        out.append(f"**Silo score: not measured** ({md(analysis.unmeasured)}).")
    else:
        out.append(
            f"**Silo score: {analysis.score:.1f} / 100, {analysis.band}.** {band_meaning(analysis.band)}"
        )
    if (money := money_line(context)) is not None:
        out += ["", f"**{md(money, prose=True)}**"]
    return [*out, "", md(f"{analysis.completeness.sentence}.", prose=True)]


def html(context: Context) -> str:
    """The score large, on the scale of bands, and how complete the model is."""
    analysis = context.analysis
    return fragment(
        "whole.html.j2",
        score=analysis.score,
        band=analysis.band,
        meaning=band_meaning(analysis.band),
        why_unmeasured=analysis.unmeasured,
        completeness=analysis.completeness.sentence,
        money=money_line(context),
    )


SECTION = Section("whole", "The whole model", text=text, markdown=markdown, html=html, html_place="header")
