"""The report's "Observed" section: what an event log shows, journey by journey, beside the model.

A log's values (teams, systems) are untrusted text, as a model's names are: each is shown through
:func:`silomap._text.safe_text`, so a control or bidi character is seen, never acted on.
"""

from __future__ import annotations

from typing import Any

from .._model import Model, by_id
from .._observed import JourneyObserved, Observed
from .._text import safe_text
from .observed import NOT_MEASURED, not_measured_lines

__all__ = ["MATRIX_TEAMS", "observed_context"]

MATRIX_TEAMS = 12  # teams in the transfer heat map, by how often they appear in transfers


def _matrix(pairs: list[tuple[str, str, int]], total: int | None = None) -> dict[str, Any]:
    """The transfer matrix as a heat map: rows from, columns to, each cell's share of the largest;
    ``total``: the pairs the matrix has, when the observed figures list only the most frequent."""
    weight: dict[str, int] = {}
    for a, b, n in pairs:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    teams = sorted(weight, key=lambda t: (-weight[t], t))[:MATRIX_TEAMS]
    counts = {(a, b): n for a, b, n in pairs}
    top = max((n for (a, b), n in counts.items() if a in teams and b in teams), default=1)
    rows = [
        {
            "team": safe_text(a),
            "cells": [{"count": counts.get((a, b), 0), "shade": counts.get((a, b), 0) / top} for b in teams],
        }
        for a in teams
    ]
    listed = len(pairs)
    cut = total is not None and total > listed
    return {
        "teams": [safe_text(t) for t in teams],
        "rows": rows,
        "left_out": max(0, len(weight) - len(teams)),
        "cut": cut,
        "listed": listed,
        "pairs": total,
    }


def _mean(value: float | None, label: str) -> str:
    return f"{label} {NOT_MEASURED}" if value is None else f"{value:.2f} {label}"


def _share(value: float | None, text: str, figure: str) -> str:
    return f"{figure}: {NOT_MEASURED}" if value is None else f"{100 * value:.0f}% {text}"


def _lead(s: dict[str, Any]) -> dict[str, str]:
    """The summary's means and rates as two phrases, "not measured" where the log cannot say.

    >>> _lead({"handoffs_per_case": 2.5, "transfers_per_case": None, "ping_pong_per_case": None,
    ...        "systems_per_case": 1.0, "transfer_rate": None, "repeat_rate": 0.5, "fcr_rate": None})["rates"]
    'Transfers: not measured, 50% are repeat contacts, first-contact resolution: not measured'
    """
    means = [
        _mean(s["handoffs_per_case"], "hand-offs"),
        _mean(s["transfers_per_case"], "transfers between teams"),
        _mean(s["ping_pong_per_case"], "ping-pongs"),
        _mean(s["systems_per_case"], "systems"),
    ]
    rates = ", ".join(
        [
            _share(s["transfer_rate"], "of cases are transferred", "transfers"),
            _share(s["repeat_rate"], "are repeat contacts", "repeat contacts"),
            _share(s["fcr_rate"], "are resolved at first contact (proxy)", "first-contact resolution"),
        ]
    )
    return {"means": ", ".join(means), "rates": rates[:1].upper() + rates[1:]}


def _journey(model: Model, j: JourneyObserved) -> dict[str, Any]:
    return {
        "id": j.id,
        "name": by_id(model.journeys, j.id).label,
        "cases": j.cases,
        "fitness": j.fitness,
        "declared": j.handoffs_declared,
        "observed": j.transfers_observed,
        "skipped": [(step, share) for step, share in j.skipped or () if share > 0],
        "teams": [safe_text(t) for t in j.undeclared_teams or ()],
        "systems": [safe_text(x) for x in j.undeclared_systems or ()],
        "sequences": None if j.sequences is None else [(_teams(seq), n) for seq, n in j.sequences],
    }


def _teams(sequence: tuple[str, ...]) -> str:
    r"""A team sequence as the report shows it (the teams apart in the data, joined here to be read).

    >>> print(_teams(("l1", "l2\u202e")))
    l1 > l2\u202e
    """
    return " > ".join(safe_text(t) for t in sequence)


def observed_context(model: Model, observed: Observed | None) -> dict[str, Any]:
    """The section's data, or ``{"observed": None}`` without a log; what is not measured is ``None``
    (the matrix too), said in words with why."""
    if observed is None:
        return {"observed": None}
    u = observed.unmapped
    return {
        "observed": {
            "summary": observed.summary,
            "lead": _lead(observed.summary),
            "gaps": not_measured_lines(observed),
            "journeys": [_journey(model, j) for j in observed.journeys],
            "unmatched": observed.unmatched_cases,
            "unmapped": ", ".join(f"{n} {label}" for label, n in u.items() if n is not None),
            "matrix": None
            if observed.transfer_matrix is None
            else _matrix(observed.transfer_matrix, observed.matrix_pairs.get("transfer")),
            "matrix_gap": observed.not_measured.get("group"),
            "engine": observed.engine,
        }
    }
