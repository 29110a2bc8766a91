"""The money a change makes (``whatif --rates``, ``diff --rates``): the total a month before and
after, and the difference; ``whatif`` and ``diff`` with ``rates=``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from .._changes import Change, ChangeSet, apply
from .._changes import whatif as compare_changes
from .._metrics import Comparison, ModelDiff
from .._metrics import diff as compare_models
from .._model import Model, need
from .fixes import money_of
from .rates import Rates, load_rates
from .text import money

__all__ = ["MoneyChange", "diff", "money_change", "whatif"]

RatesGiven = Rates | str | os.PathLike[str] | None


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


def _rates(rates: RatesGiven) -> Rates | None:
    need(rates, (Rates, str, os.PathLike), "rates", "a rates file or a silomap.Rates", optional=True)
    return rates if isinstance(rates, Rates) or rates is None else load_rates(rates)


def whatif(
    model: Model, changes: ChangeSet | Sequence[Change] | Change, *, rates: RatesGiven = None
) -> Comparison:
    """Apply changes and compare: scores, components, journeys, questions and evidence; with
    ``rates``, the money a month before and after too (``cost``).

    Parameters
    ----------
    model
        A valid model.
    changes
        A change set (:func:`silomap.load_changes`), a list of changes, or one change.
    rates
        A rates file (``silomap-rates: 1``) or :class:`silomap.Rates`: adds ``cost``.

    Returns
    -------
    Comparison
        The analysis before and after, and what changed.

    Raises
    ------
    silomap.UsageError
        ``model``, ``changes`` or ``rates`` is of another kind, naming it.
    silomap.ModelError
        The model is invalid, a change cannot be applied (SM070, SM071), or the rates file has mistakes.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> c = silomap.whatif(m, silomap.load_changes("examples/changes/connect-app.yaml"))
    >>> c.before.score, c.after.score, c.delta
    (40.0, 38.9, -1.1)
    >>> app = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> priced = silomap.whatif(m, app, rates="examples/rates.yaml")
    >>> priced.cost.line()  # a silo re-entry becomes a process one: still typed again
    'Silos cost €29,661 a month before, €29,661 after: no change'
    """
    read = _rates(rates)
    found = compare_changes(model, changes)
    if read is None:
        return found
    return replace(found, cost=money_change(model, apply(model, changes), read))


def diff(base: Model, head: Model, *, rates: RatesGiven = None) -> ModelDiff:
    """Compare two versions of a model; with ``rates``, the money a month of each too (``cost``).

    Parameters
    ----------
    base, head
        The model before and after (:func:`silomap.load`, or ``load_at_revision``).
    rates
        A rates file (``silomap-rates: 1``) or :class:`silomap.Rates`: adds ``comparison.cost``.

    Returns
    -------
    ModelDiff
        The comparison of the figures, and the systems and integrations added or removed.

    Raises
    ------
    silomap.UsageError
        ``base``, ``head`` or ``rates`` is of another kind, naming it.
    silomap.ModelError
        A side is invalid, or the rates file has mistakes.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> silomap.diff(m, m, rates="examples/rates.yaml").to_dict()["cost"]["change"]
    0.0
    """
    read = _rates(rates)
    found = compare_models(base, head)
    if read is None:
        return found
    priced = money_change(base, head, read)
    return replace(found, comparison=replace(found.comparison, cost=priced))
