"""What to fix first: each change measured, the quick and the big hits, and the roadmap."""

from __future__ import annotations

from ..._changes import fixes
from ..._charts import roadmap_chart
from ..._config import DOCS_URL
from .formats import chart, fragment, md_head, md_row
from .section import Context, Lines, Section, given

__all__ = ["SECTION"]

ROADMAP = 5  # steps of the report's roadmap
SHOWN_FIXES = 3  # quick hits and big hits shown in the page


def markdown(context: Context) -> Lines:
    """The best fixes of either effort, each with the score after it."""
    found = fixes(given(context.model), top=context.top)
    if not found.fixes:
        return []
    now = f"{found.score:.2f}" if found.score is not None else "not measured"
    title = f"What to fix first (each measured: the score after it, from {now} now)"
    out = md_head("Score after:", "Change:", "Effort", "What it buys", title=title)
    for fix in found.fixes:
        others = "; ".join(a.summary for a in fix.alternatives)
        also = f" (or, with the same effect: {others})" if others else ""
        out.append(md_row(f"{fix.score_after:.2f}", f"{fix.delta:+.2f}", fix.effort, fix.summary + also))
    return out


def html(context: Context) -> str:
    """The top quick and big hits, and the roadmap (of either effort) with its chart."""
    model = given(context.model)
    quick = fixes(model, top=SHOWN_FIXES, effort="quick", roadmap=0)
    big = fixes(model, top=SHOWN_FIXES, effort="big", roadmap=0)
    road = fixes(model, top=1, roadmap=ROADMAP).roadmap
    svg, note = "", ""
    if road and quick.score is not None:
        svg, note = chart(roadmap_chart, quick.score, [(s.summary, s.score_after) for s in road])
    return fragment(
        "fixes.html.j2",
        quick_fixes=quick.fixes,
        big_fixes=big.fixes,
        fixes_score=quick.score,
        roadmap=road,
        roadmap_svg=svg,
        roadmap_note=note,
        docs=DOCS_URL,
    )


SECTION = Section("fixes", "What to fix first", markdown=markdown, html=html)
