"""The customer-alignment maturity assessment: as text (``silomap assess``), Markdown and HTML."""

from __future__ import annotations

from ..._charts import maturity_chart
from ..._maturity import Maturity, framework
from ..._text import md, safe_text
from .formats import chart, fragment, md_head
from .section import Context, Lines, Section, given

__all__ = ["SECTION", "maturity_text"]


def _level(value: float | int | None) -> str:
    return "-" if value is None else f"{value:g}"


def maturity_text(result: Maturity, name: str) -> str:
    """The assessment for a terminal: criteria, questions with evidence, gaps, unanswered questions.

    >>> import silomap
    >>> text = maturity_text(silomap.assess(silomap.load("models/telecom")), "Brightwave")
    >>> text.splitlines()[0]
    'Customer-alignment maturity: Brightwave'
    """
    fw = framework()
    a = result.assessment
    out = [f"Customer-alignment maturity: {safe_text(name)}"]
    if a is None:
        out.append("  no assessment given: evidence levels only (write one: silomap assess --template)")
    else:
        by = f" by {safe_text(a.by)}" if a.by else ""
        overall = "-" if result.overall is None else f"{result.overall:g}"
        out.append(f"  assessed {a.assessed.isoformat()}{by}; overall self-assessed level {overall}")
    out.append("  levels: " + ", ".join(f"{lv.number} {lv.name}" for lv in fw.levels))
    out += ["", f"{'Criterion':<32} {'stage':<12} {'self':>5} {'model':>6}  stage score"]
    for c in result.criteria:
        score = "not measured" if c.stage_score is None else f"{c.stage_score:.1f}"
        out.append(f"  {c.name:<30} {c.stage:<12} {_level(c.self_level):>5} {_level(c.evidence):>6}  {score}")
    out += ["", "Questions the model can check"]
    for q in result.questions:
        if q.because is not None:
            out.append(f"  {q.id:<20} self {_level(q.self_level):>2}, model {q.evidence}: {q.because}")
    out += ["", "Gaps (self-assessed 2 or more levels above the evidence)"]
    out += [f"  {safe_text(g.text)}" for g in result.gaps] or ["  none"]
    if a is not None and result.unanswered:
        counted = f"{len(result.unanswered)} of {len(result.questions)}"
        out += ["", f"Not answered ({counted}): {', '.join(result.unanswered)}"]
    return "\n".join(out) + "\n"


def applies(context: Context) -> bool:
    """Only with an assessment (``silomap report --assessment``)."""
    return context.maturity is not None


def markdown(context: Context) -> Lines:
    """The criteria, self-assessed against the evidence, and the gaps."""
    result = given(context.maturity)
    out = md_head("Criterion", "Stage", "Self:", "Model suggests:", title="Customer-alignment maturity")
    for c in result.criteria:
        own = "-" if c.self_level is None else f"{c.self_level:g}"
        out.append(f"| {c.name} | {c.stage} | {own} | {'-' if c.evidence is None else c.evidence} |")
    out += [""] + ([f"- {md(g.text)}" for g in result.gaps] or ["No gap of 2 levels or more."])
    return out


def html(context: Context) -> str:
    """The chart of the three criteria, the gaps, the evidence and the questions nobody answered."""
    result = given(context.maturity)
    svg, note = chart(maturity_chart, [(c.name, c.self_level, c.evidence) for c in result.criteria])
    a = result.assessment
    maturity = {
        "assessed": "" if a is None else a.assessed.isoformat(),
        "by": "" if a is None else a.by or "",
        "overall": result.overall,
        "criteria": result.criteria,
        "svg": svg,
        "note": note,
        "gaps": result.gaps,
        "evidence": [q for q in result.questions if q.because is not None],
        "unanswered": [q for q in result.questions if q.self_level is None],
    }
    return fragment("maturity.html.j2", maturity=maturity)


SECTION = Section("maturity", "Customer-alignment maturity", applies=applies, markdown=markdown, html=html)
