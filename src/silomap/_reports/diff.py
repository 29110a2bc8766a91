"""A diff of two versions of a model, as Markdown for a pull-request comment."""

from __future__ import annotations

from .._metrics import Comparison, ModelDiff
from .._text import md
from .markdown import _fit
from .sections import md_row as _row

__all__ = ["diff_markdown"]


def _score(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.1f}"


def diff_markdown(d: ModelDiff) -> str:
    """The diff for a pull-request comment: every name escaped, within GitHub's 65,536 characters;
    when it was priced (``diff --rates``), the change in money a month under the score.

    >>> import silomap
    >>> m = silomap.load("models/telecom")
    >>> diff_markdown(silomap.diff(m, m)).splitlines()[0]
    '## Silo diff: Brightwave Telecom'
    """
    c = d.comparison
    b, h = c.before, c.after
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    out = [
        f"## Silo diff: {md(h.name)}",
        "",
        f"**Silo score: {_score(b.score)} → {_score(h.score)}{delta}**, "
        f"{b.band or 'no band'} → {h.band or 'no band'}.",
        "",
    ]
    if c.cost is not None:
        out += [f"**{md(c.cost.line(), prose=True)}.**", ""]
    out += ["| Component | Base | Head |", "|---|---:|---:|"]
    for name in dict.fromkeys([x.name for x in (*b.components, *h.components)]):
        values = [f"{float(v):.3f}" if v is not None else "-" for v in (b.component(name), h.component(name))]
        out.append(_row(name, *values))
    out += _changed(c)
    for title, items in (
        ("Systems added", d.systems_added),
        ("Systems removed", d.systems_removed),
        ("Integrations added", d.integrations_added),
        ("Integrations removed", d.integrations_removed),
        ("Matched by slug", d.matched_words),
    ):
        if items:
            out += ["", f"**{title}:** " + md(", ".join(items))]
    for title, evidence in (("New evidence", c.appeared), ("Evidence gone", c.disappeared)):
        if evidence:
            out += ["", f"### {title}", ""] + [
                f"- {md(e.kind)}: {md(e.where)}: {md(e.text)}" for e in evidence
            ]
    return _fit("\n".join(out) + "\n")


def _changed(c: Comparison) -> list[str]:
    """The journeys and the questions whose figures change, each as a table."""
    out = []
    journeys = c.journeys()
    if journeys:
        out += [
            "",
            "### Journeys that change for customers",
            "",
            "| Journey | Hand-offs | Re-entries | Channel switches |",
            "|---|---:|---:|---:|",
        ]
        for ident, x, y in journeys:
            cells = [
                f"{getattr(x, k) if x else '-'} → {getattr(y, k) if y else '-'}"
                for k in ("handoffs", "channel_switches")
            ]
            again = f"{len(x.reentries) if x else '-'} → {len(y.reentries) if y else '-'}"
            out.append("| " + " | ".join([md(ident), cells[0], again, cells[1]]) + " |")
    questions = c.questions()
    if questions:
        out += ["", "### Questions", "", "| Question | Systems needed |", "|---|---:|"]
        for ident, q0, q1 in questions:
            out.append(f"| {md(ident)} | {q0.spq if q0 else '-'} → {q1.spq if q1 else '-'} |")
    return out
