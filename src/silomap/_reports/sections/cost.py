"""What the silos cost a month, in money (``cost.md``): the two lines of ``silomap cost``, what is
not costed, the journeys and teams by money, a chart of where the money goes, and, with a log, what
transfers go with in elapsed time (an association, with its interval)."""

from __future__ import annotations

from fractions import Fraction

from ..._charts import money_chart
from ..._config import DOCS_URL
from ..._cost import Cost, cost_lines, hours, money, not_costed_lines, observed_lines, whole
from ..._text import md, plural
from .formats import chart, fragment, md_row
from .section import Context, Lines, Section, given

__all__ = ["SECTION", "money_line"]

CHART_ROWS = 10  # journeys and questions in the chart, the costliest


def money_line(context: Context) -> str | None:
    """The first screen's line of money (``cost.md``'s first line), when the report has rates."""
    return None if context.cost is None else cost_lines(context.cost)[0]


def _journeys(c: Cost, top: int) -> list[tuple[str, str, str, str, str, str]]:
    """The costliest journeys' cells: id, runs, hand-offs, re-entries, channel switches, money."""
    ranked = sorted(c.declared.journeys, key=lambda j: (-j.money, j.id))[:top]
    cur = c.currency
    return [
        (
            j.id,
            whole(j.volume),
            str(j.handoffs),
            str(j.reentries),
            str(j.channel_switches),
            money(j.money, cur),
        )
        for j in ranked
    ]


def _teams(c: Cost) -> list[tuple[str, str, str, str, str]]:
    """Each team's cells, by money, then what is unattributed: id, hand-offs, re-entries, hours, money."""
    d, cur = c.declared, c.currency
    rows = [
        (t.id, whole(t.handoffs), whole(t.reentries), hours(t.agent_minutes), money(t.money, cur))
        for t in sorted(d.teams, key=lambda t: (-t.money, t.id))
    ]
    u = d.unattributed
    if u is not None:
        handoffs, reentries = ("not costed" if v is None else whole(v) for v in (u.handoffs, u.reentries))
        rows.append(("unattributed", handoffs, reentries, hours(u.agent_minutes), money(u.money, cur)))
    return rows


def _observed(c: Cost) -> Lines:
    """What transfers go with, when a log was given (without the blank line before it)."""
    return [] if c.observed is None else observed_lines(c.observed, c.currency)[1:]


def markdown(context: Context) -> Lines:
    """The lines, what is not costed, the costliest journeys and the teams, what transfers go with."""
    c = given(context.cost)
    out = ["", "### What the silos cost a month"]
    for line in (*cost_lines(c), *not_costed_lines(c.declared)):
        out += ["", md(line, prose=True)]
    if c.declared.journeys:
        out += ["", "| Journey | Runs a month | Hand-offs | Re-entries | Channel switches | Money a month |"]
        out += ["|---|---:|---:|---:|---:|---:|", *(md_row(*row) for row in _journeys(c, context.top))]
    if c.declared.teams or c.declared.unattributed is not None:
        out += ["", "| Team | Hand-offs received | Re-entries | Agent hours | Money a month |"]
        rows = _teams(c)
        shown = [*rows[: context.top], *(r for r in rows[context.top :] if r[0] == "unattributed")]
        out += ["|---|---:|---:|---:|---:|", *(md_row(*row) for row in shown)]
        if len(shown) < len(rows):
            out += [
                "",
                f"*{plural(len(rows) - len(shown), 'more team')} in the HTML report and in `silomap cost`.*",
            ]
    if c.observed is not None:
        out += ["", *(f"- {md(line.strip(), prose=True)}" for line in _observed(c))]
    return out


def _chart_rows(c: Cost) -> list[tuple[str, float, str, int]]:
    d, cur = c.declared, c.currency
    rows = [(j.id, float(j.money), money(j.money, cur), 0) for j in d.journeys if j.money > 0]
    rows += [(q.id, float(q.money), money(q.money, cur), 1) for q in d.questions if q.money]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:CHART_ROWS]


def html(context: Context) -> str:
    """The lines, the chart of where the money goes, the journeys and teams, the observed lines."""
    c = given(context.cost)
    rows = _chart_rows(c)
    svg, note = "", ""
    if rows:
        svg, note = chart(
            money_chart, rows, ["journeys", "questions (extra systems)"], f"{c.currency} a month"
        )
    observed = _observed(c)
    return fragment(
        "cost.html.j2",
        lines=cost_lines(c),
        not_costed=not_costed_lines(c.declared),
        journeys=_journeys(c, context.top),
        teams=_teams(c),
        money_svg=svg,
        money_note=note,
        observed=[line.strip() for line in observed],
        rate=money(Fraction(c.rates.agent_hour), c.currency, cents=True),
        docs=DOCS_URL,
    )


SECTION = Section(
    "cost",
    "What the silos cost",
    applies=lambda context: context.cost is not None,
    markdown=markdown,
    html=html,
)
