"""Money, minutes and hours as people read them (``cost.md``, Text), and the text of ``silomap cost``.

Amounts are exact until here: money in whole units and minutes whole, half up, each figure rounded
on its own; hours to one decimal; thousands with commas; ``€ $ £ ¥`` before the amount for EUR,
USD, GBP and JPY, else the code and a space (``CHF 1,234``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from .._text import safe_text
from .declared import Declared, Seam
from .result import Cost

__all__ = ["cost_lines", "cost_text", "hours", "money", "not_costed_lines", "whole"]

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
NOTHING = "Silos cost: not costed (no journey or question has a volume)"


def _half_up(value: Fraction, places: int) -> Fraction:
    """Half up, away from zero for a negative amount (a fix that costs more, say)."""
    scale = 10**places
    rounded = Fraction(math.floor(abs(value) * scale + Fraction(1, 2)), scale)
    return rounded if value >= 0 else -rounded


def whole(value: Fraction) -> str:
    """A count or minutes, whole, half up, with thousands commas.

    >>> whole(Fraction(105999, 2)), whole(Fraction(1234))
    ('53,000', '1,234')
    """
    return f"{int(_half_up(value, 0)):,}"


def hours(minutes: Fraction) -> str:
    """Minutes as hours with one decimal, half up.

    >>> hours(Fraction(41875)), hours(Fraction(3))
    ('697.9', '0.1')
    """
    return f"{float(_half_up(minutes / 60, 1)):,.1f}"


def money(value: Fraction, currency: str, *, cents: bool = False) -> str:
    """An amount in whole units (or with ``cents``), half up, its symbol or code before it.

    >>> money(Fraction(59322917, 2000), "EUR"), money(Fraction(1234), "CHF"), money(Fraction(-5, 2), "USD")
    ('€29,661', 'CHF 1,234', '-$3')
    >>> money(Fraction(85, 2), "EUR", cents=True)
    '€42.50'
    """
    places = 2 if cents else 0
    rounded = _half_up(value, places)
    sign = "-" if rounded < 0 else ""
    prefix = SYMBOLS.get(currency, currency + " ")
    return f"{sign}{prefix}{float(abs(rounded)):,.{places}f}"


def _seam_money(name: str, seam: Seam | None, currency: str) -> str:
    if seam is None or seam.money is None:
        return f"{name} not costed"
    return f"{name} {money(seam.money, currency)}"


def cost_lines(c: Cost) -> list[str]:
    """The first two lines of ``silomap cost``: the money a month by seam kind, then the agent
    hours and the customers' minutes (``cost.md``, Text).

    >>> import silomap
    >>> c = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml")
    >>> print("\\n".join(cost_lines(c)))
    Silos cost about €29,661 a month: hand-offs €20,400, re-entries €6,304, extra systems €2,957
    697.9 agent hours a month at €42.50 an hour; customers spend 53,000 minutes a month switching channels
    """
    d, cur = c.declared, c.currency
    if d.total is None:
        return [NOTHING]
    s = d.seams
    parts = [
        _seam_money("hand-offs", s.handoffs, cur),
        _seam_money("re-entries", s.reentries, cur),
        _seam_money("extra systems", s.extra_systems, cur),
    ]
    if c.rates.customer_minute > 0:
        parts.append(_seam_money("channel switches", s.channel_switches, cur))
    first = f"Silos cost about {money(d.total.money, cur)} a month: {', '.join(parts)}"
    rate = money(c.rates.agent_hour, cur, cents=True)
    second = f"{hours(d.total.agent_minutes)} agent hours a month at {rate} an hour"
    if d.total.customer_minutes is not None:
        second += f"; customers spend {whole(d.total.customer_minutes)} minutes a month switching channels"
    return [first, second]


def not_costed_lines(d: Declared) -> list[str]:
    """The line of what has no volume, if anything: ``Not costed (no volume): journeys a, b; questions c``."""
    parts = []
    if d.not_costed.journeys:
        parts.append("journeys " + ", ".join(safe_text(i) for i in d.not_costed.journeys))
    if d.not_costed.questions:
        parts.append("questions " + ", ".join(safe_text(i) for i in d.not_costed.questions))
    return [f"Not costed (no volume): {'; '.join(parts)}"] if parts else []


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table with its title; the first column left-aligned, the others right-aligned."""
    if not rows:
        return []
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        return (
            "  "
            + "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]).rstrip()
        )

    return ["", title, line(header), *(line(r) for r in rows)]


def _journeys(d: Declared, cur: str) -> list[str]:
    rows = [
        (
            safe_text(j.id),
            whole(j.volume),
            str(j.handoffs),
            str(j.reentries),
            str(j.channel_switches),
            hours(j.agent_minutes),
            money(j.money, cur),
        )
        for j in sorted(d.journeys, key=lambda j: (-j.money, j.id))
    ]
    header = (
        "journey",
        "runs a month",
        "hand-offs",
        "re-entries",
        "channel switches",
        "agent hours",
        "money",
    )
    return _table("Journeys by money a month", header, rows)


def _questions(d: Declared, cur: str) -> list[str]:
    rows = [
        (
            safe_text(q.id),
            whole(q.volume),
            f"{'at most ' if q.upper_bound else ''}{q.systems}",
            hours(q.agent_minutes),
            money(q.money, cur),
        )
        for q in sorted(d.questions, key=lambda q: (-q.money, q.id))
    ]
    header = ("question", "asked a month", "systems", "agent hours", "money")
    return _table("Questions by money a month (extra systems)", header, rows)


def _count(value: Fraction | None) -> str:
    return "not costed" if value is None else whole(value)


def _teams(d: Declared, cur: str) -> list[str]:
    rows = [
        (safe_text(t.id), whole(t.handoffs), whole(t.reentries), hours(t.agent_minutes), money(t.money, cur))
        for t in sorted(d.teams, key=lambda t: (-t.money, t.id))
    ]
    u = d.unattributed
    if u is not None:
        loose = (
            "unattributed",
            _count(u.handoffs),
            _count(u.reentries),
            hours(u.agent_minutes),
            money(u.money, cur),
        )
        rows.append(loose)
    header = ("team", "hand-offs received", "re-entries", "agent hours", "money")
    return _table("Teams by money a month", header, rows)


def cost_text(c: Cost) -> str:
    """The text of ``silomap cost``: the two lines, what is not costed, and the tables by money.

    >>> import silomap
    >>> c = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml")
    >>> print(cost_text(c).splitlines()[3])
    Journeys by money a month
    """
    d, cur = c.declared, c.currency
    lines = [*cost_lines(c), *not_costed_lines(d), *_journeys(d, cur), *_questions(d, cur), *_teams(d, cur)]
    if c.observed is not None:
        from .observed_text import observed_lines  # which reads this module's amounts

        lines += observed_lines(c.observed, cur)
    return "\n".join(lines) + "\n"
