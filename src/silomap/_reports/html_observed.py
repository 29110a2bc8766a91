"""The report's "Observed" section: what an event log shows, journey by journey, beside the model."""

from __future__ import annotations

from typing import Any

from .._model import Model, by_id
from .._observed import Observed

__all__ = ["MATRIX_TEAMS", "observed_context"]

MATRIX_TEAMS = 12  # teams in the transfer heat map, by how often they appear in transfers


def _matrix(pairs: list[tuple[str, str, int]]) -> dict[str, Any]:
    """The transfer matrix as a heat map: rows from, columns to, each cell's share of the largest."""
    weight: dict[str, int] = {}
    for a, b, n in pairs:
        weight[a] = weight.get(a, 0) + n
        weight[b] = weight.get(b, 0) + n
    teams = sorted(weight, key=lambda t: (-weight[t], t))[:MATRIX_TEAMS]
    counts = {(a, b): n for a, b, n in pairs}
    top = max((n for (a, b), n in counts.items() if a in teams and b in teams), default=1)
    rows = [
        {
            "team": a,
            "cells": [{"count": counts.get((a, b), 0), "shade": counts.get((a, b), 0) / top} for b in teams],
        }
        for a in teams
    ]
    return {"teams": teams, "rows": rows, "left_out": max(0, len(weight) - len(teams))}


def observed_context(model: Model, observed: Observed | None) -> dict[str, Any]:
    """The section's data, or ``{"observed": None}`` without a log."""
    if observed is None:
        return {"observed": None}
    journeys = [
        {
            "id": j.id,
            "name": by_id(model.journeys, j.id).label,
            "cases": j.cases,
            "fitness": j.fitness,
            "declared": j.handoffs_declared,
            "observed": j.transfers_observed,
            "skipped": [(step, share) for step, share in j.skipped if share > 0],
            "teams": j.undeclared_teams,
            "systems": j.undeclared_systems,
            "sequences": j.sequences,
        }
        for j in observed.journeys
    ]
    return {
        "observed": {
            "summary": observed.summary,
            "journeys": journeys,
            "unmatched": observed.unmatched_cases,
            "unmapped": observed.unmapped,
            "matrix": _matrix(observed.transfer_matrix),
            "engine": observed.engine,
        }
    }
