"""The rates file (``cost.md``): what an agent hour and a customer minute are worth, and how many
minutes each seam takes. Read with the hardened YAML reader; every mistake located at once.

The currency is checked against ISO 4217's current list (List One), as shipped by the ``iso4217``
package: the maintenance agency's own table (``table.xml``, published by SIX for ISO), in the
public domain, 12 kB, updated with each amendment. A list of our own would go stale unnoticed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Annotated, Any

import iso4217
from pydantic import ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .._config import Limits
from .._errors import ModelError
from .._model import OTHER_FILES, Strict, need_limits, need_path, problems_from_pydantic, read_yaml_file
from .._suggest import did_you_mean
from .._text import quote_value

__all__ = ["RATES_KEY", "Rates", "RatesFile", "exact", "load_rates"]

RATES_KEY = "silomap-rates"  # the first key of a rates file
# silomap's other files, by their first key: a model given where the rates go, say
_OTHER = {"silomap": "a model", **{key: what for key, (what, _) in OTHER_FILES.items() if key != RATES_KEY}}


def _number(*, gt: float | None = None, ge: float | None = None, le: float) -> Any:
    return Field(strict=True, gt=gt, ge=ge, le=le, allow_inf_nan=False)


AgentHour = Annotated[float, _number(gt=0, le=1e6)]
CustomerMinute = Annotated[float, _number(ge=0, le=1e4)]
UnitMinutes = Annotated[float, _number(ge=0, le=1440)]


class Minutes(Strict):
    """The minutes each seam takes: agent minutes (hand-off, re-entry, extra system), customer
    minutes (channel switch)."""

    handoff: UnitMinutes = Field(default=3, description="Agent minutes per hand-off.")
    reentry: UnitMinutes = Field(default=1, description="Agent minutes per entity typed again.")
    extra_system: UnitMinutes = Field(
        default=0.5, description="Agent minutes per extra system, per question."
    )
    channel_switch: UnitMinutes = Field(default=5, description="Customer minutes per channel switch.")


@cache
def _currencies() -> frozenset[str]:
    return frozenset(currency.code for currency in iso4217.Currency)


class RatesFile(Strict):
    """A rates file, version 1."""

    model_config = ConfigDict(title="silomap rates", populate_by_name=True)

    version: int = Field(strict=True, alias=RATES_KEY)
    currency: str = Field(strict=True, description="An active ISO 4217 code: EUR, USD, CHF.")
    agent_hour: AgentHour = Field(description="The cost of one agent hour.")
    customer_minute: CustomerMinute = Field(default=0, description="A customer's minute (0: minutes only).")
    minutes: Minutes = Minutes()

    @field_validator("version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value != 1:
            message = "unsupported rates file version {version}; this silomap reads version 1"
            raise PydanticCustomError("unsupported_version", message, {"version": value})
        return value

    @field_validator("currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        if value not in _currencies():
            raise PydanticCustomError("rates_value", _not_a_currency(value))
        return value


def _not_a_currency(value: str) -> str:
    """Why ``value`` is no currency code, with the code it may mean."""
    codes, guess = _currencies(), value.upper()
    if guess in codes:
        hint = f"; did you mean '{guess}'? (codes are upper case)"
    elif guess[:3] in codes:
        hint = f"; did you mean '{guess[:3]}'? (a code has three letters)"
    else:
        hint = did_you_mean(guess, sorted(codes)) if len(guess) < 10 else ""
    hint = hint or "; use an active code such as EUR, USD, GBP, CHF"
    return f"{quote_value(value)} is not an ISO 4217 currency code{hint}"


def exact(value: float) -> Fraction:
    """A number as written (``0.1`` is one tenth, not the float nearest it).

    >>> exact(42.5), exact(0.1), exact(3)
    (Fraction(85, 2), Fraction(1, 10), Fraction(3, 1))
    """
    if isinstance(value, int) or value.is_integer():
        return Fraction(int(value))  # the common case, without parsing text
    return Fraction(repr(value))


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Rates:
    """What silos are priced at: the currency, an agent hour, a customer minute, and the minutes a
    seam takes (defaults filled: hand-off 3, re-entry 1, extra system 0.5, channel switch 5).

    Parameters
    ----------
    currency
        An active ISO 4217 code.
    agent_hour, customer_minute
        The cost of one agent hour; the value of one customer minute (0: minutes are not valued).
    handoff, reentry, extra_system, channel_switch
        Minutes per seam: agent minutes, but customer minutes for a channel switch.
    written
        The rates as the file gives them, defaults filled: the ``rates`` of ``cost --json``.

    Examples
    --------
    >>> rates = load_rates("examples/rates.yaml")
    >>> rates.currency, rates.agent_hour, rates.handoff
    ('EUR', Fraction(85, 2), Fraction(3, 1))
    """

    currency: str
    agent_hour: Fraction
    customer_minute: Fraction
    handoff: Fraction
    reentry: Fraction
    extra_system: Fraction
    channel_switch: Fraction
    written: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The rates as read, defaults filled (the ``rates`` of ``cost --json``)."""
        return self.written


def _rates(checked: RatesFile) -> Rates:
    m = checked.minutes
    written = {
        "currency": checked.currency,
        "agent_hour": _plain(checked.agent_hour),
        "customer_minute": _plain(checked.customer_minute),
        "minutes": {key: _plain(value) for key, value in m.model_dump().items()},
    }
    return Rates(
        currency=checked.currency,
        agent_hour=exact(checked.agent_hour),
        customer_minute=exact(checked.customer_minute),
        handoff=exact(m.handoff),
        reentry=exact(m.reentry),
        extra_system=exact(m.extra_system),
        channel_switch=exact(m.channel_switch),
        written=written,
    )


def load_rates(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Rates:
    """Read and check a rates file; :class:`silomap.ModelError` with every mistake located.

    Parameters
    ----------
    path
        A rates file (``silomap-rates: 1``).
    limits
        The budgets of the YAML reader (:class:`silomap.Limits`).

    Returns
    -------
    Rates
        The rates, exact, with the defaults filled.

    Raises
    ------
    silomap.UsageError
        ``path`` or ``limits`` of another kind, named.
    silomap.ModelError
        Each mistake (an unknown key, a missing one, a currency that is not ISO 4217, a number that
        is a string, negative, not finite or out of bounds), with its line and column.

    Examples
    --------
    >>> load_rates("examples/rates.yaml").currency
    'EUR'
    """
    need_path(path)
    need_limits(limits)
    doc = read_yaml_file(path, limits)
    keys = set(doc.data) if isinstance(doc.data, dict) else set()
    other = next((what for key, what in _OTHER.items() if key in keys), None)
    if other is not None and RATES_KEY not in keys:
        message = f"this is {other}, not a rates file: a rates file starts with {RATES_KEY}: 1"
        raise ModelError([doc.problem((), "SM016", message)])
    try:
        checked = RatesFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), RatesFile)) from None
    return _rates(checked)
