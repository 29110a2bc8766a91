"""Outcome measures (KPIs) on journeys, questions and the model (``experience.md``).

A KPI is a number, or ``{value, target}``; both are checked against the
KPI's range. :data:`KPIS` is the one table of KPIs: their range, which way
is better, and how people name them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .base import Strict

__all__ = ["KPIS", "Goal", "KpiSpec", "Kpis"]


@dataclass(frozen=True)
class KpiSpec:
    """One KPI: its id, its range, whether higher is better, and its name."""

    id: str
    low: float
    high: float
    higher_is_better: bool
    label: str
    unit: str


KPIS: tuple[KpiSpec, ...] = (
    KpiSpec("nps", -100, 100, True, "Net Promoter Score", ""),
    KpiSpec("csat", 0, 100, True, "customer satisfaction", "%"),
    KpiSpec("ces", 1, 7, True, "Customer Effort Score (7 = very easy)", ""),
    KpiSpec("fcr", 0, 100, True, "first-contact resolution", "%"),
    KpiSpec("transfer_rate", 0, 100, False, "transfer rate", "%"),
)
_BY_ID = {row.id: row for row in KPIS}
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]


class Goal(Strict):
    """A KPI's measured value and, optionally, its target.

    Parameters
    ----------
    value
        The value measured.
    target
        The value aimed at, if any.

    Examples
    --------
    >>> Goal(value=71, target=80).met("csat"), Goal(value=30, target=35).met("transfer_rate")
    (False, True)
    >>> Goal(value=71).met("csat") is None
    True
    """

    value: Number
    target: Number | None = None

    def met(self, kpi: str) -> bool | None:
        """Whether the target is met (``None`` without a target); lower is better for ``transfer_rate``."""
        if self.target is None:
            return None
        return self.value >= self.target if _BY_ID[kpi].higher_is_better else self.value <= self.target


def _as_goal(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | dict | Goal):
        raise PydanticCustomError("kpi_type", "expected a number, or a mapping with value and target")
    return {"value": value} if isinstance(value, int | float) else value


Kpi = Annotated[Goal, BeforeValidator(_as_goal, json_schema_input_type=float | Goal)]


class Kpis(Strict):
    """Measured outcomes: each a number or ``{value, target}``, within its range.

    Parameters
    ----------
    nps, csat, ces, fcr, transfer_rate
        Each a number or a :class:`Goal` (``{value, target}``), within the KPI's range.
    measured
        The date of the measurement.

    Examples
    --------
    >>> k = Kpis(nps=-18, fcr={"value": 58, "target": 75})
    >>> k.nps.value, k.fcr.target
    (-18.0, 75.0)
    """

    nps: Kpi | None = Field(default=None, description="Net Promoter Score, -100..100.")
    csat: Kpi | None = Field(default=None, description="% satisfied, 0..100.")
    ces: Kpi | None = Field(default=None, description="Customer Effort Score, 1..7 (7 = very easy).")
    fcr: Kpi | None = Field(default=None, description="First-contact resolution, % 0..100.")
    transfer_rate: Kpi | None = Field(
        default=None, description="% of contacts passed on, 0..100; lower is better."
    )
    measured: datetime.date | None = Field(default=None, description="When they were measured (YYYY-MM-DD).")

    @field_validator("nps", "csat", "ces", "fcr", "transfer_rate")
    @classmethod
    def _in_range(cls, goal: Goal | None, info: ValidationInfo) -> Goal | None:
        spec = _BY_ID[str(info.field_name)]
        numbers = () if goal is None else (("value", goal.value), ("target", goal.target))
        for what, number in numbers:
            if number is not None and not spec.low <= number <= spec.high:
                raise PydanticCustomError(
                    "kpi_range",
                    "{kpi} {what} must be between {low} and {high}; got {got}",
                    {
                        "kpi": spec.id,
                        "what": what,
                        "low": f"{spec.low:g}",
                        "high": f"{spec.high:g}",
                        "got": f"{number:g}",
                    },
                )
        return goal

    def goals(self) -> list[tuple[KpiSpec, Goal]]:
        """The KPIs given, in the table's order.

        >>> [(s.id, g.value) for s, g in Kpis(nps=-12, fcr=64).goals()]
        [('nps', -12.0), ('fcr', 64.0)]
        """
        return [(spec, goal) for spec in KPIS if (goal := getattr(self, spec.id)) is not None]
