"""The terminal sections of ``silomap score`` on what customers feel (``experience.md``).

Stages, systems per journey and effort, channel parity, replaced systems and
KPIs: reported beside the silo score, never part of it. Every model string
passes through :func:`safe_text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from .._diagrams import fold
from .._metrics import COMPONENTS, Analysis, JourneyExperience, KpiRow, round_half_up
from .._text import plural, safe_text

__all__ = [
    "effort_lines",
    "hours",
    "kpi_lines",
    "kpi_text",
    "kpi_value",
    "parity_lines",
    "replaced_text",
    "stage_lines",
]

NAMED = 12  # names on one line before "+N more"


def join_names(items: Iterable[str], limit: int = NAMED) -> str:
    """Names, escaped, at most ``limit`` of them and a count of the rest: a line stays a line."""
    return fold([safe_text(i) for i in items], limit) or "-"


def hours(value: Fraction) -> str:
    """Hours with one decimal, rounded half up: ``1,234.5 h``."""
    return f"{round_half_up(value):,.1f} h"


def stage_lines(analysis: Analysis) -> list[str]:
    """The three life-cycle stages in order, each with its score, band and components."""
    label = {row.id: row.label for row in COMPONENTS}
    out = ["", "By life-cycle stage (the customer's order: discovery, sales, after-sales)"]
    for s in analysis.stages:
        if s.score is None:
            out.append(f"  {s.stage:<12} not measured (no journey of this stage)")
            continue
        parts = ", ".join(f"{label[c.name]} {float(c.value):.3f}" for c in s.components)
        out.append(f"  {s.stage:<12} {s.score:5.1f}  {s.band:<18} {parts}")
    return out


def effort_lines(analysis: Analysis, top: int) -> list[str]:
    """Systems per journey, journey minutes and agent hours; journeys on replaced systems."""
    figures = {j.id: j for j in analysis.journeys}
    out = ["", "Journeys crossing most systems: systems, minutes, agent hours a month"]
    for e in sorted(analysis.experience, key=lambda e: -len(e.systems))[:top]:
        j = figures[e.id]
        minutes = "-" if e.minutes is None else f"{float(round_half_up(e.minutes)):g} min"
        agent = (
            "-" if e.agent_hours is None else hours(e.agent_hours) + ("" if e.agent_hours_complete else "+")
        )
        systems = f"{len(e.systems):>2} {'system' if len(e.systems) == 1 else 'systems'}"
        out.append(
            f"  {safe_text(e.id):<28} {systems}, {plural(j.handoffs, 'hand-off')}, {minutes:>9}, "
            f"agents {agent:>10}: {join_names(e.systems)}"
        )
    if any(not e.agent_hours_complete and e.agent_hours is not None for e in analysis.experience):
        out.append("  + some team steps have no minutes: at least this many hours")
    replaced = [e for e in analysis.experience if e.replaced]
    if replaced:
        out += ["", "Journeys that still depend on replaced systems (phasing-out or retired)"]
        for e in replaced:
            out.append(f"  {safe_text(e.id):<28} {replaced_text(e)}")
    return out


def replaced_text(e: JourneyExperience) -> str:
    """``advisor-callback: crm-harbor (phasing-out), mortgage-tracker (phasing-out); offer-by-email: …``."""
    steps: dict[str, list[str]] = {}
    for r in e.replaced:
        steps.setdefault(r.step, []).append(f"{safe_text(r.system)} ({r.lifecycle})")
    return "; ".join(f"{safe_text(step)}: {', '.join(uses)}" for step, uses in steps.items())


def parity_lines(analysis: Analysis, top: int) -> list[str]:
    """Channel parity: per self-served question, its channels, gap and diverging channels."""
    if not analysis.digital_channels:
        return []
    served = [p for p in analysis.parity if p.self_served]
    out = [
        "",
        f"Channel parity across the digital channels customers use: {', '.join(analysis.digital_channels)}",
    ]
    if not served:
        return [*out, "  no question is answered by the customer alone on a digital channel"]
    for p in served:
        gap = f"missing on {', '.join(p.gap)}" if p.gap else "on every digital channel"
        out.append(f"  {safe_text(p.id):<28} self-served on {', '.join(p.channels)}; {gap}")
        for d in p.diverging[:top]:
            out.append(
                f"  {'':<28} diverges: {d.a.channel} answers from {join_names(d.a.systems)}, "
                f"{d.b.channel} from {join_names(d.b.systems)}"
            )
    return out


def kpi_value(row: KpiRow) -> str:
    """``-12``, ``71%``: a KPI's value as people write it."""
    return f"{row.goal.value:g}{row.kpi.unit}"


def kpi_text(row: KpiRow) -> str:
    """``csat 71% (target 80%): missed``."""
    if row.goal.target is None:
        return f"{row.kpi.id} {kpi_value(row)}"
    verdict = "met" if row.met else "missed"
    return f"{row.kpi.id} {kpi_value(row)} (target {row.goal.target:g}{row.kpi.unit}): {verdict}"


def kpi_lines(analysis: Analysis) -> list[str]:
    """Every KPI given, holder by holder, with met or missed; and the frictions-versus-NPS correlation."""
    if not analysis.kpis:
        return []
    out = ["", "KPIs (measured outcomes; not part of the score)"]
    holders: dict[tuple[str, str], list[KpiRow]] = {}
    for row in analysis.kpis:
        holders.setdefault((row.scope, row.id), []).append(row)
    for (scope, ident), rows in holders.items():
        who = "the model" if scope == "model" else f"{scope} {safe_text(ident)}"
        out.append(f"  {who:<36} {'; '.join(kpi_text(r) for r in rows)}")
    c = analysis.kpi_correlation
    if c is not None:
        out.append(
            f"  frictions (hand-offs + re-entries) against NPS over {c.n} journeys: "
            f"Spearman's rho {c.spearman:.3f} (correlation, not cause)"
        )
    return out
