"""What transfers go with, as people read it (``cost.md``, Text): a line for the total and one per
estimated journey, each with its interval, its resamples and cases, and the caveat; the journeys
not estimated; and, when a customer's minute has a value, the money."""

from __future__ import annotations

from fractions import Fraction

from .._text import safe_text
from .observed import LEAST, Association, Effect
from .text import money, whole

__all__ = ["CAVEAT", "association_line", "observed_lines"]

CAVEAT = "an association, not proof of cause"


def _minutes(value: float) -> str:
    return whole(Fraction(value))


def association_line(minutes: float, low: float, high: float, resamples: int, cases: int) -> str:
    """One line: the minutes a month transfers go with, its 95 % interval, and the caveat.

    >>> line = association_line(41_200.4, 30_100.0, 52_800.0, 2000, 7554)
    >>> line.split(" (")[0]
    'Transfers go with 41,200 more elapsed minutes a month'
    >>> line.split(" (")[1]
    '95 % CI 30,100 to 52,800; 2,000 resamples of 7,554 cases): an association, not proof of cause'
    >>> association_line(-10.0, -20.0, 5.0, 100, 80).split(" (")[0]
    'Transfers go with 10 fewer elapsed minutes a month'
    """
    more = f"{_minutes(minutes)} more" if minutes >= 0 else f"{_minutes(-minutes)} fewer"
    interval = f"95 % CI {_minutes(low)} to {_minutes(high)}; {resamples:,} resamples of {cases:,} cases"
    return f"Transfers go with {more} elapsed minutes a month ({interval}): {CAVEAT}"


def _journey(e: Effect, resamples: int) -> list[str]:
    """An estimated journey's line, indented under the total; none for a journey not estimated."""
    minutes, low, high = e.minutes_per_month, e.ci_low, e.ci_high
    if minutes is None or low is None or high is None:
        return []
    return [f"  {safe_text(e.id)}: {association_line(minutes, low, high, resamples, e.cases)}"]


def observed_lines(found: Association, currency: str) -> list[str]:
    """The observed lines of ``silomap cost --observed``: where the log is and what it covers, the
    total, each estimated journey, the money when a customer's minute has a value, and the journeys
    not estimated.

    >>> from silomap._cost.observed import associate
    >>> empty = associate({"j": {}}, log="log.csv", cases=0, days=Fraction(0), customer_minute=Fraction(0))
    >>> observed_lines(empty, "EUR")[-1]
    'Not estimated (fewer than 30 cases transferred or not): j'
    """
    months = f"{found.months:,.1f} month{'' if found.months == 1 else 's'}"
    out = [
        "",
        f"Observed in {safe_text(found.log)}: {found.matched:,} of {found.cases:,} cases follow a "
        f"journey, over {months}",
    ]
    t = found.total
    if t["minutes_per_month"] is not None and t["ci_low"] is not None and t["ci_high"] is not None:
        out.append(
            association_line(
                t["minutes_per_month"], t["ci_low"], t["ci_high"], found.resamples, found.resampled
            )
        )
        out += [line for e in found.journeys for line in _journey(e, found.resamples)]
        if t["money"] is not None and t["money_low"] is not None and t["money_high"] is not None:
            amounts = [money(Fraction(t[k] or 0), currency) for k in ("money", "money_low", "money_high")]
            out.append(
                f"Customers' time, valued at the rates' customer minute: about {amounts[0]} a month "
                f"(95 % CI {amounts[1]} to {amounts[2]})"
            )
    if found.not_estimated:
        names = ", ".join(safe_text(j) for j in found.not_estimated)
        out.append(f"Not estimated (fewer than {LEAST} cases transferred or not): {names}")
    return out
