"""The readable terminal summary of ``silomap score``.

Plain text, aligned, no colour codes: it reads the same in a terminal, a CI
log and a pull-request comment. Every model string passes through
:func:`safe_text`. Journeys and questions come in the one ranking of
``silomap._metrics.ranking``, the same as the report's.
"""

from __future__ import annotations

from .._diagrams import fold
from .._metrics import BANDS, COMPONENTS, Analysis, Ranking, Reentry, rank
from .._text import plural, safe_text
from .experience import NAMED, effort_lines, kpi_lines, parity_lines, stage_lines
from .experience import join_names as _join

__all__ = ["summary"]


def _since(r: Reentry) -> str:
    """Where the data of a process re-entry came from, when that is not where it was first given."""
    return f"there since {safe_text(r.source)}, " if r.source != r.first else ""


def _score(analysis: Analysis) -> list[str]:
    out = [f"silomap: {safe_text(analysis.name)}", *stage_lines(analysis), "", "The whole model"]
    if analysis.score is None:
        out.append(f"Silo score: not measured ({analysis.unmeasured})")
    else:
        scale = " < ".join(name for _, name, _ in BANDS)
        out.append(f"Silo score: {analysis.score:.1f} / 100  ({analysis.band})")
        out.append(f"  0 is fully joined up, 100 fully siloed; bands: {scale}")
    out.append(f"  {analysis.completeness.sentence}")
    if analysis.components:
        out += ["", f"{'Components':<67} value  weight  points"]
        rows = {row.id: row for row in COMPONENTS}
        for c in analysis.components:
            row = rows[c.name]
            out.append(
                f"  {row.label:<14} {row.measures:<50} {float(c.value):5.3f}  {float(c.weight):6.2g}  "
                f"{analysis.points(c.name):6.1f}"
            )
    return out


def _worst(ranked: Ranking, top: int) -> list[str]:
    out: list[str] = []
    if ranked.questions:
        if ranked.questions_weighted:
            how, unit = "extra systems a month = (systems needed - 1) x volume", "extra a month"
        else:
            how, unit = (
                "extra systems = systems needed - 1 (unweighted: not every question has a volume)",
                "extra",
            )
        out += [
            "",
            f"Worst questions: {how}",
            "  the systems needed to answer (the cover), and those consulted",
        ]
        for q, impact in ranked.questions[:top]:
            bound = "" if q.exact else " (at most)"
            systems = plural(q.spq, "system")
            out.append(f"  {safe_text(q.id):<28} {systems}{bound}, {impact:,.0f} {unit}: {_join(q.cover)}")
            out.append(f"  {'':<28} consulted in journeys: {_join(q.consulted)}")
    if ranked.journeys:
        if ranked.journeys_weighted:
            how = "frictions a month = (hand-offs + re-entries) x volume"
        else:
            how = "frictions = hand-offs + re-entries (unweighted: not every journey has a volume)"
        out += ["", f"Worst journeys: {how}"]
        for j, impact in ranked.journeys[:top]:
            amount = f"{impact:,.0f} a month" if ranked.journeys_weighted else _frictions(impact)
            out.append(
                f"  {safe_text(j.id):<28} {amount}: {plural(j.handoffs, 'hand-off')}, "
                f"{plural(len(j.reentries), 're-entry', 're-entries')} ({j.silo_reentries} silo, "
                f"{j.process_reentries} process), {_switches(j.channel_switches)}"
            )
            for r in j.reentries:
                out.append(
                    f"  {'':<28} {safe_text(r.entity)} typed again at {safe_text(r.step)} "
                    f"({r.kind}; {_since(r)}first at {safe_text(r.first)})"
                )
    return out


def _switches(count: int) -> str:
    return plural(count, "channel switch", "channel switches")


def _frictions(count: float) -> str:
    return "1 friction" if count == 1 else f"{count:,.0f} frictions"


def _seams(analysis: Analysis, ranked: Ranking, top: int) -> list[str]:
    out: list[str] = []
    if ranked.teams:
        out += ["", "Agent desktops: distinct systems each team uses"]
        for t in ranked.teams[:top]:
            out.append(f"  {safe_text(t.id):<28} {t.desktop}: {_join(t.systems)}")
    if ranked.unsynced:
        out += ["", "Unsynced data: copies in groups that no integration connects"]
        for e in ranked.unsynced[:top]:
            groups = fold([_join(g) for g in e.groups], NAMED, " | ")
            out.append(f"  {safe_text(e.id):<28} {e.unsynced} of {e.possible} unsynced: {groups}")
    if analysis.isolated:
        out += ["", f"Isolated systems (no automated integration): {_join(analysis.isolated)}"]
    if analysis.manual:
        out += ["", "Manual integrations (people copying data by hand):"]
        for a, b, carries in analysis.manual[:top]:
            out.append(f"  {safe_text(a)} -> {safe_text(b)}: {_join(carries)}")
    if analysis.unbacked:
        out += ["", "Unbacked answers (answered without the systems that hold the data):"]
        for u in analysis.unbacked[:top]:
            out.append(
                f"  {safe_text(u.question)} at {safe_text(u.journey)}/{safe_text(u.step)}: "
                f"missing {_join(u.missing)}"
            )
    return out


def summary(analysis: Analysis, top: int = 5) -> str:
    """Render the summary as text.

    >>> from silomap import Model, analyze
    >>> print(summary(analyze(Model(silomap=1, name="Empty"))).splitlines()[8])
    Silo score: not measured (the model has no questions, journeys, shared data or agent systems)
    """
    ranked = rank(analysis)
    lines = _score(analysis) + _worst(ranked, top) + effort_lines(analysis, top)
    lines += parity_lines(analysis, top) + kpi_lines(analysis) + _seams(analysis, ranked, top)
    return "\n".join(lines) + "\n"
