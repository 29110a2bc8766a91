"""Summaries and alerts of ``silomap watch`` written by hand, field for field as watch.md lists
them, for the tests of the views (which only show what they are given)."""

from __future__ import annotations

from typing import Any


def risk(case: str, customer: str | None, journey: str | None, transfers: int, **rest: Any) -> dict[str, Any]:
    """An open case at risk, as the summary lists it."""
    row = {
        "case": case, "customer": customer, "journey": journey, "fitness": 0.5, "start": "2026-01-05T09:00:00",
        "last": "2026-01-05T09:40:00", "events": 4, "transfers": transfers, "ping_pong": 0, "repeat": False,
        "why": ["transfers"],
    }  # fmt: skip
    return {**row, **rest}


def journey(id_: str, cases: int, transfers: float | None, declared: int) -> dict[str, Any]:
    """A journey of the closed cases, with observe's fields."""
    return {
        "id": id_, "cases": cases, "fitness": 0.75 if cases else None, "transfers_observed": transfers,
        "handoffs_declared": declared, "skipped": {}, "undeclared_teams": [], "undeclared_systems": [],
        "team_sequences": None, "handoff_rates": None,
    }  # fmt: skip


def summary(at_risk: list[dict[str, Any]], journeys: list[dict[str, Any]], **rest: Any) -> dict[str, Any]:
    """A summary: 4 closed cases with 7 transfers (1.75 a case), 2 of them transferred (50%), 3
    hand-offs a case; ping-pong not measured (None: the mapping gives no team)."""
    out = {
        "type": "summary", "final": False, "stream_time": "2026-01-05T10:00:00", "events_read": 1234,
        "files_read": 2, "malformed": 3, "late": 1, "duplicates": 5, "reopened": 0, "open_cases": 17,
        "fcr_pending": 2, "at_risk": at_risk,
        "cases": 4, "events": 20, "handoffs_per_case": 3.0, "transfers_per_case": 7 / 4,
        "ping_pong_per_case": None, "systems_per_case": 2.5, "channel_switches_per_case": 0.25,
        "transfer_rate": 2 / 4, "ping_pong_rate": None, "repeat_rate": 1 / 4, "fcr_rate": 3 / 4,
        "unmapped": {"activities": 0}, "not_measured": {}, "journeys": journeys, "unmatched_cases": 0,
        "handoff_matrix": None, "transfer_matrix": None, "handoff_pairs": None, "transfer_pairs": None,
    }  # fmt: skip
    return {**out, **rest}


def alert(state: str, journey_id: str, rolling: float, declared: int = 1) -> dict[str, Any]:
    return {
        "type": "alert", "state": state, "journey": journey_id, "transfers_rolling": rolling,
        "handoffs_declared": declared, "cases": 100, "stream_time": "2026-01-05T09:59:00",
    }  # fmt: skip
