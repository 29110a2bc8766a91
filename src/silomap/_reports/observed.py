"""Observed journeys as text (``silomap observe``): what the log shows, and where it departs from
the model, in the words of a review ("declared 1 hand-off, observed 2.7; 30% skip self-service")."""

from __future__ import annotations

from .._observed import Observed
from .._text import safe_text

__all__ = ["observed_text"]

TOP = 5


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


def observed_text(result: Observed, name: str) -> str:
    """The summary, each journey against the model, and the most frequent transfers.

    >>> import silomap
    >>> seen = silomap.observe(silomap.load("models/retail-bank"), "examples/observed/retail-bank.yaml")
    >>> observed_text(seen, "Northwind").splitlines()[0]
    'Observed journeys: Northwind (400 cases, 1,626 events; engine duckdb)'
    """
    s = result.summary
    size = f"{s['cases']:,} cases, {s['events']:,} events; engine {result.engine}"
    out = [
        f"Observed journeys: {safe_text(name)} ({size})",
        "",
        "Per case (means)",
        f"  hand-offs {s['handoffs_per_case']:.2f}, transfers {s['transfers_per_case']:.2f}, "
        f"ping-pong {s['ping_pong_per_case']:.2f}, systems {s['systems_per_case']:.2f}, "
        f"channel switches {s['channel_switches_per_case']:.2f}",
        f"  transferred {_pct(s['transfer_rate'])}, ping-pong {_pct(s['ping_pong_rate'])}, "
        f"repeat contacts {_pct(s['repeat_rate'])}, first-contact resolution {_pct(s['fcr_rate'])}",
        "",
        "Declared against observed (cases matched to each journey of the model)",
    ]
    for j in result.journeys:
        if not j.cases:
            out.append(f"  {safe_text(j.id):<28} no case follows it")
            continue
        line = (
            f"  {safe_text(j.id):<28} {j.cases:,} cases, fitness {j.fitness:.2f}: declared "
            f"{j.handoffs_declared} hand-off(s), observed {j.transfers_observed:.1f} transfers"
        )
        skipped = [(step, share) for step, share in j.skipped if share > 0]
        if skipped:
            line += "; " + ", ".join(f"{_pct(share)} skip {safe_text(step)}" for step, share in skipped[:3])
        out.append(line)
        if j.undeclared_teams:
            out.append(
                f"  {'':<28} teams the model does not declare: "
                f"{', '.join(map(safe_text, j.undeclared_teams))}"
            )
        if j.undeclared_systems:
            out.append(
                f"  {'':<28} systems it does not declare: {', '.join(map(safe_text, j.undeclared_systems))}"
            )
    out.append(f"  unmatched cases: {result.unmatched_cases:,}")
    if result.transfer_matrix:
        out += ["", "Most frequent transfers (team to team)"]
        out += [f"  {safe_text(a)} -> {safe_text(b)}: {n:,}" for a, b, n in result.transfer_matrix[:TOP]]
    u = result.unmapped
    if any(u.values()):
        out += [
            "",
            f"Unmapped log values (kept as they are): {u['groups']} groups, {u['activities']} activities, "
            f"{u['systems']} systems",
        ]
    return "\n".join(out) + "\n"
