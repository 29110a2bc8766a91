"""The readable terminal summary of ``silomap score``.

Plain text, aligned, no colour codes: it reads the same in a terminal, a CI
log and a pull-request comment. Every model string passes through
:func:`safe_text`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._analysis import Analysis
from ._figures import JourneyFigure, QuestionFigure
from ._score import BANDS
from ._text import safe_text

__all__ = ["EXPLAIN", "summary", "worst_journeys", "worst_questions"]

EXPLAIN = {
    "fragmentation": ("fragmentation", "systems someone must open per customer question"),
    "handoffs": ("hand-offs", "times a journey passes the customer on"),
    "reentry": ("re-entry", "captured data typed in again"),
    "desktop": ("desktop", "systems on each agent team's desktop"),
    "sync": ("data sync", "copies of the same data not kept in sync"),
}


def worst_questions(analysis: Analysis) -> list[QuestionFigure]:
    """Questions by systems needed, then by volume, then by id."""
    return sorted(analysis.questions, key=lambda q: (-q.spq, -(q.volume or 0), q.id))


def worst_journeys(analysis: Analysis) -> list[JourneyFigure]:
    """Journeys by hand-offs plus re-entries, then channel switches, volume, id."""
    return sorted(
        analysis.journeys,
        key=lambda j: (
            -(j.handoffs + len(j.reentries)),
            -j.channel_switches,
            -(j.volume or 0),
            j.id,
        ),
    )


def _join(items: Iterable[str]) -> str:
    return ", ".join(safe_text(i) for i in items) or "-"


def summary(analysis: Analysis, top: int = 5) -> str:
    """Render the summary as text.

    >>> from silomap import Model, analyze
    >>> print(summary(analyze(Model(silomap=1, name="Empty"))).splitlines()[1])
    Silo score: not measured (the model has no questions, journeys, shared data or agent systems)
    """
    out = [f"silomap: {safe_text(analysis.name)}"]
    if analysis.score is None:
        out.append(
            "Silo score: not measured (the model has no questions, journeys, shared data or agent systems)"
        )
    else:
        scale = " < ".join(f"{name}" for _, name in BANDS)
        out.append(f"Silo score: {analysis.score:.1f} / 100  ({analysis.band})")
        out.append(f"  0 is fully joined up, 100 fully siloed; bands: {scale}")
    if analysis.components:
        out += ["", f"{'Components':<67} value  weight  points"]
        for c in analysis.components:
            label, meaning = EXPLAIN[c.name]
            out.append(
                f"  {label:<14} {meaning:<50} {float(c.value):5.3f}  {float(c.weight):6.2g}  "
                f"{analysis.points(c.name):6.1f}"
            )
        missing = [EXPLAIN[n][0] for n in EXPLAIN if analysis.component(n) is None]
        if missing:
            out.append(f"  not measured: {', '.join(missing)}")
    if analysis.questions:
        out += ["", "Worst questions: systems needed to answer (the cover), and those consulted"]
        for q in worst_questions(analysis)[:top]:
            bound = "" if q.exact else " (at most)"
            out.append(f"  {safe_text(q.id):<28} {q.spq} system(s){bound}: {_join(q.cover)}")
            out.append(f"  {'':<28} consulted in journeys: {_join(q.consulted)}")
    if analysis.journeys:
        out += ["", "Worst journeys: hand-offs, re-entered data, channel switches"]
        for j in worst_journeys(analysis)[:top]:
            out.append(
                f"  {safe_text(j.id):<28} {j.handoffs} hand-off(s), {len(j.reentries)} re-entr"
                f"{'y' if len(j.reentries) == 1 else 'ies'} ({j.silo_reentries} silo, "
                f"{j.process_reentries} process), {j.channel_switches} channel switch(es)"
            )
            for r in j.reentries:
                out.append(
                    f"  {'':<28} {safe_text(r.entity)} typed again at {safe_text(r.step)} "
                    f"({r.kind}; first at {safe_text(r.first)})"
                )
    if analysis.teams:
        out += ["", "Agent desktops: distinct systems each team uses"]
        for t in sorted(analysis.teams, key=lambda t: (-t.desktop, t.id))[:top]:
            out.append(f"  {safe_text(t.id):<28} {t.desktop}: {_join(t.systems)}")
    unsynced = [e for e in analysis.entities if e.unsynced]
    if unsynced:
        out += ["", "Unsynced data: copies in groups that no integration connects"]
        for e in sorted(unsynced, key=lambda e: (-e.unsynced, e.id))[:top]:
            groups = " | ".join(_join(g) for g in e.groups)
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
    return "\n".join(out) + "\n"
