"""``cost(model, rates)``: what silos cost a month, as one frozen result with its JSON and frames."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._config import Limits
from .._display import Shown
from .._metrics import Analysis, Schema, analyze, build_frames
from .._model import Model, need, need_model
from .._observed import LogMapping
from .declared import Declared, JourneyCost, QuestionCost, Seam, TeamCost, declared
from .from_log import check_bootstrap, observed_cost
from .observed import Association
from .rates import Rates, load_rates

__all__ = ["Cost", "cost", "number"]


def number(value: Fraction | None) -> int | float | None:
    """An exact figure in JSON: a whole number as one, else the nearest float; ``None`` stays.

    >>> number(Fraction(9600)), number(Fraction(1, 3)), number(None)
    (9600, 0.3333333333333333, None)
    """
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def _money(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _seam(seam: Seam | None, minutes: str) -> dict[str, Any] | None:
    if seam is None:
        return None
    return {"count": number(seam.count), minutes: _money(seam.minutes), "money": _money(seam.money)}


def _journey(j: JourneyCost) -> dict[str, Any]:
    return {
        "id": j.id,
        "volume": number(j.volume),
        "handoffs": j.handoffs,
        "reentries": j.reentries,
        "channel_switches": j.channel_switches,
        "agent_minutes": _money(j.agent_minutes),
        "customer_minutes": _money(j.customer_minutes),
        "money": _money(j.money),
    }


def _question(q: QuestionCost) -> dict[str, Any]:
    return {
        "id": q.id,
        "volume": number(q.volume),
        "systems": q.systems,
        "upper_bound": q.upper_bound,
        "agent_minutes": _money(q.agent_minutes),
        "money": _money(q.money),
    }


def _team(t: TeamCost) -> dict[str, Any]:
    return {
        "id": t.id,
        "handoffs": number(t.handoffs),
        "reentries": number(t.reentries),
        "agent_minutes": _money(t.agent_minutes),
        "money": _money(t.money),
    }


@dataclass(frozen=True, repr=False)
class Cost(Shown):  # str(): the CLI's text; repr(): one line; an HTML card
    """What the silos of a model cost a month, at a set of rates (``cost.md``).

    Attributes
    ----------
    name
        The model's name.
    rates
        The rates used (:class:`silomap.Rates`), defaults filled.
    declared
        The declared cost: ``total``, ``seams``, ``journeys``, ``questions``, ``teams``,
        ``unattributed`` and ``not_costed``, exact (:class:`fractions.Fraction`); ``None`` where
        nothing is costed.
    observed
        What transfers go with in elapsed time, when a log was given (``observed=``); else ``None``.

    Examples
    --------
    >>> import silomap
    >>> c = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml")
    >>> c.currency, round(float(c.declared.total.money), 2)
    ('EUR', 29661.46)
    """

    name: str
    rates: Rates
    declared: Declared
    observed: Association | None = None

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""
        return self.rates.currency

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``silomap cost --json`` (keys may be added, never renamed)."""
        d = self.declared
        t, u, s = d.total, d.unattributed, d.seams
        data: dict[str, Any] = {
            "currency": self.currency,
            "rates": self.rates.to_dict(),
            "total": None
            if t is None
            else {
                "money": _money(t.money),
                "agent_minutes": _money(t.agent_minutes),
                "agent_hours": _money(t.agent_hours),
                "customer_minutes": _money(t.customer_minutes),
                "customer_money": _money(t.customer_money),
            },
            "seams": {
                "handoffs": _seam(s.handoffs, "agent_minutes"),
                "reentries": _seam(s.reentries, "agent_minutes"),
                "extra_systems": _seam(s.extra_systems, "agent_minutes"),
                "channel_switches": _seam(s.channel_switches, "customer_minutes"),
            },
            "journeys": [_journey(j) for j in d.journeys],
            "questions": [_question(q) for q in d.questions],
            "teams": [_team(team) for team in d.teams],
            "unattributed": None
            if u is None
            else {
                "handoffs": number(u.handoffs),
                "reentries": number(u.reentries),
                "extra_systems": number(u.extra_systems),
                "agent_minutes": _money(u.agent_minutes),
                "money": _money(u.money),
            },
            "not_costed": {
                "journeys": list(d.not_costed.journeys),
                "questions": list(d.not_costed.questions),
            },
        }
        if self.observed is not None:
            data["observed"] = self.observed.to_dict()
        return data

    def to_json(self) -> str:
        """``to_dict()`` as ``cost --json`` prints it: indented, UTF-8, the same bytes every run.

        >>> import silomap
        >>> c = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml")
        >>> c.to_json().splitlines()[1]
        '  "currency": "EUR",'
        """
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def frames(self, backend: str = "pandas") -> dict[str, Any]:
        """The costed journeys, questions and teams as DataFrames of ``backend`` (``"pandas"``,
        ``"polars"`` or ``"pyarrow"``), columns as in the JSON; amounts as floats, null where not costed.

        >>> import silomap
        >>> f = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml").frames()
        >>> round(float(f["journeys"].set_index("id").loc["move-house", "money"]), 2)  # 800 * 11 min
        6233.33
        """
        data = self.to_dict()
        return build_frames({name: data[name] for name in COST_SCHEMAS}, COST_SCHEMAS, backend)


# The costed tables' columns and their types (docs/python.md lists them)
COST_SCHEMAS: dict[str, Schema] = {
    "journeys": (("id", "text"), ("volume", "number"), ("handoffs", "integer"), ("reentries", "integer"),
                 ("channel_switches", "integer"), ("agent_minutes", "number"), ("customer_minutes", "number"),
                 ("money", "number")),
    "questions": (("id", "text"), ("volume", "number"), ("systems", "integer"), ("upper_bound", "boolean"),
                  ("agent_minutes", "number"), ("money", "number")),
    "teams": (("id", "text"), ("handoffs", "integer"), ("reentries", "integer"), ("agent_minutes", "number"),
              ("money", "number")),
}  # fmt: skip


def cost(
    model: Model,
    rates: Rates | str | os.PathLike[str],
    *,
    observed: str | os.PathLike[str] | LogMapping | None = None,
    seed: int = 0,
    resamples: int = 2000,
    analysis: Analysis | None = None,
    limits: Limits | None = None,
) -> Cost:
    """What the silos of ``model`` cost a month at ``rates`` (``cost.md``), exact.

    Parameters
    ----------
    model
        A valid model (:func:`silomap.load`).
    rates
        A rates file (``silomap-rates: 1``) or :class:`silomap.Rates` already read.
    observed
        A log mapping file (``silomap-log: 1``): adds what transfers go with in elapsed time.
    seed, resamples
        The bootstrap of the observed interval: its seed and its number of resamples.
    analysis
        ``silomap.analyze(model)`` if you have it already (it is not measured again).
    limits
        The budgets of the YAML reader (:class:`silomap.Limits`).

    Returns
    -------
    Cost
        The declared cost a month, per seam kind, journey, question and team, and what is not
        costed; the observed association when ``observed`` is given.

    Raises
    ------
    silomap.UsageError
        An argument of another kind (a path for ``model``, say), named.
    silomap.ModelError
        Each mistake of the rates file, located; an invalid model.

    Examples
    --------
    >>> import silomap
    >>> c = silomap.cost(silomap.load("models/retail-bank"), "examples/rates.yaml")
    >>> int(c.declared.seams.handoffs.count), float(c.declared.seams.handoffs.money)
    (9600, 20400.0)
    """
    _check(model, rates, observed, analysis, seed, resamples)
    read = rates if isinstance(rates, Rates) else load_rates(rates, limits=limits)
    measured = analysis if analysis is not None else analyze(model)
    found = declared(model, measured.journeys, measured.questions, read)
    if observed is None:
        return Cost(model.name, read, found)
    minute = read.customer_minute
    seen = observed_cost(
        model, observed, customer_minute=minute, seed=seed, resamples=resamples, limits=limits
    )
    return Cost(model.name, read, found, seen)


def _check(
    model: object, rates: object, observed: object, analysis: object, seed: object, resamples: object
) -> None:
    """Refuse an argument of :func:`cost` of another kind, naming it, before any work."""
    need_model(model)
    check_bootstrap(seed, resamples)
    need(observed, (str, os.PathLike, LogMapping), "observed", "a log mapping file's path", optional=True)
    need(analysis, Analysis, "analysis", "a silomap.Analysis (silomap.analyze(model))", optional=True)
    need(rates, (Rates, str, os.PathLike), "rates", "a rates file or a silomap.Rates")
