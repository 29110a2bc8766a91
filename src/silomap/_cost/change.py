"""The money a change makes (``whatif --rates``, ``diff --rates``): the total a month before and
after, and the difference."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._model import Model
from .fixes import money_of
from .rates import Rates
from .text import money

__all__ = ["MoneyChange", "money_change"]


@dataclass(frozen=True)
class MoneyChange:
    """The money a month of two models at the same rates; ``None`` where one is not costed.

    >>> c = MoneyChange("EUR", Fraction(100), Fraction(60))
    >>> c.change, c.line()
    (Fraction(-40, 1), 'Silos cost €100 a month before, €60 after: €40 a month less')
    """

    currency: str
    before: Fraction | None
    after: Fraction | None

    @property
    def change(self) -> Fraction | None:
        """After minus before (negative: the change saves money); ``None`` if either is."""
        return None if self.before is None or self.after is None else self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        """The ``cost`` of ``whatif --json`` and ``diff --json`` with ``--rates``: unrounded."""
        values = (self.before, self.after, self.change)
        before, after, change = (None if v is None else float(v) for v in values)
        return {"currency": self.currency, "before": before, "after": after, "change": change}

    def line(self) -> str:
        """The change in money, as the terminal shows it."""

        def said(value: Fraction | None) -> str:
            return "not costed" if value is None else money(value, self.currency)

        head = f"Silos cost {said(self.before)} a month before, {said(self.after)} after"
        change = self.change
        if change is None:
            return head
        if change == 0:
            return f"{head}: no change"
        amount, more = money(abs(change), self.currency), "more" if change > 0 else "less"
        if amount == money(Fraction(0), self.currency):
            amount = "less than " + money(Fraction(1), self.currency)
        return f"{head}: {amount} a month {more}"


def money_change(before: Model, after: Model, rates: Rates) -> MoneyChange:
    """The money a month of ``before`` and ``after`` at ``rates``.

    >>> import silomap
    >>> from silomap._cost import load_rates
    >>> bank = silomap.load("models/retail-bank")
    >>> money_change(bank, bank, load_rates("examples/rates.yaml")).line()
    'Silos cost €29,661 a month before, €29,661 after: no change'
    """
    return MoneyChange(rates.currency, money_of(before, rates), money_of(after, rates))
