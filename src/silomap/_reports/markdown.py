"""The CIO report in Markdown: short enough for a pull-request comment.

Every model string goes through :func:`md`, which leaves no markup, link,
image, HTML or mention in a GitHub table cell.
"""

from __future__ import annotations

import re
from typing import Any

from .._changes import fixes
from .._config import docs_url
from .._diagrams import fold, journey_mermaid
from .._maturity import Maturity
from .._metrics import Analysis, Ranking, band_meaning, diff, rank, spec
from .._model import Model
from .._text import md, plural
from .._version import __version__
from .markdown_experience import customer_lines, maturity_lines, observed_lines, stage_lines

__all__ = ["LIMIT", "markdown_report"]

LIMIT = 65_536  # characters GitHub takes in a pull-request comment
NAMED = 8  # systems named in a cell before "+N more"

_NUMBER = re.compile(r"[+-]?[\d,.]+( \(\d+ / \d+\))?( of \d+)?")


def _row(*cells: object) -> str:
    # figures stay readable in the raw comment; any text goes through md()
    return "| " + " | ".join(str(c) if _NUMBER.fullmatch(str(c)) else md(c) for c in cells) + " |"


def _head(model: Model, analysis: Analysis) -> list[str]:
    out = [f"## Silo report: {md(model.name)}", *stage_lines(analysis)]
    if analysis.score is None:
        out.append(f"**Silo score: not measured** ({md(analysis.unmeasured)}).")
    else:
        out.append(
            f"**Silo score: {analysis.score:.1f} / 100, {analysis.band}.** {band_meaning(analysis.band)}"
        )
    out += ["", md(f"{analysis.completeness.sentence}.", prose=True)]
    out += ["", "| Component | Value | Points |", "|---|---:|---:|"]
    for c in analysis.components:
        out.append(_row(spec(c.name).title, f"{float(c.value):.3f}", f"{analysis.points(c.name):.1f}"))
    return out


def _fixes_table(model: Model, top: int) -> list[str]:
    found = fixes(model, top=top)
    if not found.fixes:
        return []
    now = f"{found.score:.2f}" if found.score is not None else "not measured"
    out = ["", f"### What to fix first (each measured: the score after it, from {now} now)", ""]
    out += ["| Score after | Change | Effort | What it buys |", "|---:|---:|---|---|"]
    for fix in found.fixes:
        others = "; ".join(a.summary for a in fix.alternatives)
        also = f" (or, with the same effect: {others})" if others else ""
        out.append(_row(f"{fix.score_after:.2f}", f"{fix.delta:+.2f}", fix.effort, fix.summary + also))
    return out


def _since(baseline: Any, model: Model) -> list[str]:
    """ "Since the last review": the diff's summary against the baseline's model."""
    if baseline is None:
        return []
    found = diff(baseline.model, model)
    c = found.comparison
    shown = "not measured" if c.before.score is None else f"{c.before.score:.1f}"
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    out = ["", f"### Since the last review ({md(baseline.label)})", "",
           f"Silo score {shown} → {c.after.score}{delta}; {plural(len(c.journeys()), 'journey')} and "
           f"{plural(len(c.questions()), 'question')} changed; {len(c.appeared)} new and "
           f"{len(c.disappeared)} gone {'piece' if len(c.appeared) + len(c.disappeared) == 1 else 'pieces'} "
           "of evidence."]  # fmt: skip
    return out


def _journeys(model: Model, analysis: Analysis, ranked: Ranking, top: int) -> list[str]:
    """The journeys that hurt most, with their stage and the systems they cross."""
    out: list[str] = []
    if ranked.journeys:
        weight = "× volume" if ranked.journeys_weighted else "unweighted"  # noqa: RUF001 - a times sign
        out += [
            "",
            f"### Journeys that hurt most (frictions per month: (hand-offs + re-entries) {weight})",
            "",
            "| Journey | Stage | Systems | Hand-offs | Re-entries (silo / process) | Channel switches "
            "| Frictions |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        felt = {e.id: e for e in analysis.experience}
        stage = {j.id: j.stage for j in model.journeys}
        for j, impact in ranked.journeys[:top]:
            reentries = f"{len(j.reentries)} ({j.silo_reentries} / {j.process_reentries})"
            systems = len(felt[j.id].systems)
            out.append(
                _row(j.id, stage[j.id], systems, j.handoffs, reentries, j.channel_switches, f"{impact:,.0f}")
            )
    return out


def markdown_report(
    model: Model,
    analysis: Analysis,
    top: int = 5,
    baseline: Any = None,
    maturity: Maturity | None = None,
    observed: Any = None,
) -> str:
    """The report in Markdown, short enough for a pull-request comment, with a Mermaid blueprint
    of the worst journey."""
    ranked = rank(analysis)
    out = _head(model, analysis)
    out += _since(baseline, model)
    out += maturity_lines(maturity)
    out += _fixes_table(model, top)
    out += _journeys(model, analysis, ranked, top)
    out += customer_lines(analysis, top)
    out += observed_lines(observed)
    if ranked.questions:
        out += ["", "### Questions that need the most systems", "",
                "| Question | Systems | Cover | Consulted |", "|---|---:|---|---|"]  # fmt: skip
        for q, _ in ranked.questions[:top]:
            out.append(_row(q.id, q.spq, fold(q.cover, NAMED), fold(q.consulted, NAMED) or "none"))
    if ranked.unsynced:
        out += ["", "### Unsynced data", "", "| Data | Unsynced | Groups |", "|---|---:|---|"]
        for e in ranked.unsynced[:top]:
            out.append(
                _row(
                    e.id,
                    f"{e.unsynced} of {e.possible}",
                    fold([", ".join(g) for g in e.groups], NAMED, " / "),
                )
            )
    if analysis.teams:
        out += ["", "### Agent desktops", "", "| Team | Systems |", "|---|---:|"]
        for t in ranked.teams[:top]:
            out.append(_row(t.id, t.desktop))
    notes = []
    if analysis.isolated:
        notes.append(f"**Isolated systems:** {md(fold(analysis.isolated, NAMED))}")
    if analysis.manual:
        notes.append(f"**Manual integrations:** {len(analysis.manual)}")
    if analysis.unbacked:
        notes.append(f"**Unbacked answers:** {len(analysis.unbacked)}")
    if notes:
        out += ["", "  \n".join(notes)]
    # the address as code: a link the reader can copy, never one the page follows by itself
    foot = ["", f"<sub>silomap {__version__}: figures defined in `{docs_url('metrics')}`</sub>", ""]
    if ranked.journeys:
        worst = ranked.journeys[0][0].id
        blueprint = ["", f"### Blueprint of the worst journey: {md(worst)}", "", "```mermaid",
                     journey_mermaid(model, analysis, worst).rstrip(), "```"]  # fmt: skip
        if len("\n".join(out + blueprint + foot)) <= LIMIT:
            out += blueprint
        else:
            out += ["", f"*The blueprint of {md(worst)} is too big for a comment: see the HTML report.*"]
    return _fit("\n".join(out + foot))


def _fit(text: str) -> str:
    """Cut the text at a line so that it fits a GitHub comment, and say so."""
    if len(text) <= LIMIT:
        return text
    note = f"\n\n*Cut to fit GitHub's {LIMIT:,}-character limit for a comment: see the HTML report.*\n"
    return text[: text.rfind("\n", 0, LIMIT - len(note))] + note
