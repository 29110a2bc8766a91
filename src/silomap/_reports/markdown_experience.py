"""The Markdown report's sections on stages, KPIs, channel parity, replaced systems and maturity.

Every model string goes through :func:`md`.
"""

from __future__ import annotations

from .._maturity import Maturity
from .._metrics import COMPONENTS, Analysis
from .._observed import Observed
from .._text import md
from .experience import kpi_value, replaced_text
from .observed import NOT_MEASURED, not_measured_lines

__all__ = ["customer_lines", "maturity_lines", "observed_lines", "stage_lines"]


def stage_lines(analysis: Analysis) -> list[str]:
    """The three stages first, in the customer's order."""
    title = {row.id: row.title for row in COMPONENTS}
    out = ["", "### By life-cycle stage", "", "| Stage | Score | Band | Components |", "|---|---:|---|---|"]
    for s in analysis.stages:
        if s.score is None:
            out.append(f"| {s.stage} | n/a | not measured | no journey of this stage |")
            continue
        parts = ", ".join(f"{title[c.name]} {float(c.value):.3f}" for c in s.components)
        out.append(f"| {s.stage} | {s.score:.1f} | {s.band} | {parts} |")
    return [*out, "", "### The whole model", ""]


def customer_lines(analysis: Analysis, top: int) -> list[str]:
    """KPIs with met or missed, channel parity gaps and divergences, journeys on replaced systems."""
    out: list[str] = []
    if analysis.kpis:
        out += ["", "### KPIs", "", "| Of | KPI | Value | Target | Met? |", "|---|---|---:|---:|---|"]
        for r in analysis.kpis:
            who = "the model" if r.scope == "model" else f"{r.scope} {md(r.id)}"
            target = "" if r.goal.target is None else f"{r.goal.target:g}{r.kpi.unit}"
            met = {True: "met", False: "**missed**", None: ""}[r.met]
            out.append(f"| {who} | {r.kpi.id} | {kpi_value(r)} | {target} | {met} |")
        c = analysis.kpi_correlation
        if c is not None:
            out += ["", f"Frictions (hand-offs + re-entries) against NPS over {c.n} journeys: "
                    f"Spearman's rho {c.spearman:.3f}. Correlation, not cause."]  # fmt: skip
    served = [p for p in analysis.parity if p.self_served and (p.gap or p.diverging)]
    if served:
        out += ["", "### Channel parity", ""]
        for p in served[:top]:
            gap = f"missing on {', '.join(p.gap)}" if p.gap else "on every digital channel"
            diverge = "; ".join(
                f"{d.a.channel} answers from {md(', '.join(d.a.systems) or 'nothing')}, "
                f"{d.b.channel} from {md(', '.join(d.b.systems) or 'nothing')}"
                for d in p.diverging
            )
            out.append(f"- **{md(p.id)}**: self-served on {', '.join(p.channels)}; {gap}"
                       + (f"; diverges: {diverge}" if diverge else ""))  # fmt: skip
    replaced = [e for e in analysis.experience if e.replaced]
    if replaced:
        out += ["", "### Journeys that still depend on replaced systems", ""]
        out += [f"- **{md(e.id)}**: {md(replaced_text(e))}" for e in replaced]
    return out


def maturity_lines(result: Maturity | None) -> list[str]:
    """The maturity assessment: criteria self against evidence, and the gaps."""
    if result is None:
        return []
    out = ["", "### Customer-alignment maturity", "", "| Criterion | Stage | Self | Model suggests |",
           "|---|---|---:|---:|"]  # fmt: skip
    for c in result.criteria:
        own = "-" if c.self_level is None else f"{c.self_level:g}"
        out.append(f"| {c.name} | {c.stage} | {own} | {'-' if c.evidence is None else c.evidence} |")
    out += [""] + ([f"- {md(g.text)}" for g in result.gaps] or ["No gap of 2 levels or more."])
    return out


def observed_lines(observed: Observed | None) -> list[str]:
    """Each journey's cases in the log against what the model declares; what is not measured, and why."""
    if observed is None:
        return []
    s = observed.summary
    out = ["", f"### Observed in the event log ({s['cases']:,} cases)", ""]
    gaps = [f"- {md(line, prose=True)}" for line in not_measured_lines(observed)]
    out += [*gaps, ""] if gaps else []
    out += [
        "| Journey | Cases | Fitness | Hand-offs declared | Transfers observed | Skipped |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for j in observed.journeys:
        if j.cases is None:
            out.append(f"| {md(j.id)} | {NOT_MEASURED} | - | {j.handoffs_declared} | - | |")
            continue
        if not j.cases:
            out.append(f"| {md(j.id)} | 0 | - | {j.handoffs_declared} | - | |")
            continue
        skipped = ", ".join(f"{md(step)} {100 * share:.0f}%" for step, share in j.skipped or () if share > 0)
        seen = NOT_MEASURED if j.transfers_observed is None else f"{j.transfers_observed:.1f}"
        out.append(
            f"| {md(j.id)} | {j.cases:,} | {j.fitness:.2f} | {j.handoffs_declared} | {seen} | {skipped} |"
        )
    return out
