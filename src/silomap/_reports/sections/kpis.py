"""What customers say: the KPIs given, met or missed, and frictions against NPS."""

from __future__ import annotations

from typing import Any

from ..._charts import nps_chart
from ..._metrics import KpiRow
from ..._model import Model, by_id
from ..._text import md, plural, safe_text
from .formats import chart, fragment, md_head
from .section import Context, Lines, Section, given

__all__ = ["SECTION", "kpi_text", "kpi_value"]


def kpi_value(row: KpiRow) -> str:
    """``-12``, ``71%``: a KPI's value as people write it."""
    return f"{row.goal.value:g}{row.kpi.unit}"


def kpi_text(row: KpiRow) -> str:
    """``csat 71% (target 80%): missed``."""
    if row.goal.target is None:
        return f"{row.kpi.id} {kpi_value(row)}"
    verdict = "met" if row.met else "missed"
    return f"{row.kpi.id} {kpi_value(row)} (target {row.goal.target:g}{row.kpi.unit}): {verdict}"


def text(context: Context) -> Lines:
    """Every KPI given, holder by holder, with met or missed; and the frictions-versus-NPS correlation."""
    analysis = context.analysis
    if not analysis.kpis:
        return []
    out = ["", "KPIs (measured outcomes; not part of the score)"]
    for scope, ident, rows in analysis.joined.kpi_holders():
        who = "the model" if scope == "model" else f"{scope} {safe_text(ident)}"
        out.append(f"  {who:<36} {'; '.join(kpi_text(r) for r in rows)}")
    c = analysis.kpi_correlation
    if c is not None:
        out.append(
            f"  frictions (hand-offs + re-entries) against NPS over {c.n} journeys: "
            f"Spearman's rho {c.spearman:.3f} (correlation, not cause)"
        )
    return out


def markdown(context: Context) -> Lines:
    """The KPIs as a table, with met or missed, and the correlation with frictions."""
    analysis = context.analysis
    if not analysis.kpis:
        return []
    out = md_head("Of", "KPI", "Value:", "Target:", "Met?", title="KPIs")
    for r in analysis.kpis:
        who = "the model" if r.scope == "model" else f"{r.scope} {md(r.id)}"
        target = "" if r.goal.target is None else f"{r.goal.target:g}{r.kpi.unit}"
        met = {True: "met", False: "**missed**", None: ""}[r.met]
        out.append(f"| {who} | {r.kpi.id} | {kpi_value(r)} | {target} | {met} |")
    c = analysis.kpi_correlation
    if c is not None:
        out += [
            "",
            f"Frictions (hand-offs + re-entries) against NPS over {c.n} journeys: "
            f"Spearman's rho {c.spearman:.3f}. Correlation, not cause.",
        ]
    return out


def _holder(model: Model, scope: str, ident: str) -> str:
    if scope == "model":
        return "The whole organisation"
    if scope == "journey":
        return by_id(model.journeys, ident).label
    return by_id(model.questions, ident).label


def html(context: Context) -> str:
    """The KPIs by holder, with their date, and the chart of frictions against NPS."""
    model, analysis = given(context.model), context.analysis
    rows: list[dict[str, Any]] = [
        {
            "holder": _holder(model, r.scope, r.id),
            "scope": r.scope,
            "kpi": r.kpi.label,
            "value": kpi_value(r),
            "target": "" if r.goal.target is None else f"{r.goal.target:g}{r.kpi.unit}",
            "met": r.met,
            "better": "higher" if r.kpi.higher_is_better else "lower",
            "measured": "" if r.measured is None else r.measured.isoformat(),
        }
        for r in analysis.kpis
    ]
    c = analysis.kpi_correlation
    svg, note = chart(nps_chart, c.points, c.spearman) if c else ("", "")
    return fragment(
        "kpis.html.j2",
        kpis=rows,
        kpi_correlation=c,
        kpi_svg=svg,
        kpi_note=note,
        kpis_met=plural(sum(1 for r in rows if r["met"] is True), "target"),
        kpis_missed=sum(1 for r in rows if r["met"] is False),
    )


# the terminal tells of the channels first, then the KPIs
SECTION = Section("kpis", "KPIs", text=text, markdown=markdown, html=html, after={"text": "parity"})
