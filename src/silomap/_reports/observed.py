"""Observed journeys as text (``silomap observe``): what the log shows, and where it departs from
the model, in the words of a review ("declared 1 hand-off, observed 2.7; 30% skip self-service")."""

from __future__ import annotations

from .._observed import GIVES, JourneyObserved, Observed
from .._text import plural, safe_text

__all__ = ["NOT_MEASURED", "not_measured_lines", "observed_text"]

TOP = 5
NOT_MEASURED = "not measured"


_ONE = {"groups": "group", "activities": "activity", "systems": "system"}  # the unmapped values' kinds


def _pct(share: float | None) -> str:
    return NOT_MEASURED if share is None else f"{100 * share:.0f}%"


def _mean(value: float | None) -> str:
    return NOT_MEASURED if value is None else f"{value:.2f}"


def _summary(result: Observed) -> list[str]:
    """The means and rates per case, and what is not measured and why."""
    s = result.summary
    out = [
        f"  hand-offs {_mean(s['handoffs_per_case'])}, transfers {_mean(s['transfers_per_case'])}, "
        f"ping-pong {_mean(s['ping_pong_per_case'])}, systems {_mean(s['systems_per_case'])}, "
        f"channel switches {_mean(s['channel_switches_per_case'])}",
        f"  transferred {_pct(s['transfer_rate'])}, ping-pong {_pct(s['ping_pong_rate'])}, "
        f"repeat contacts {_pct(s['repeat_rate'])}, first-contact resolution {_pct(s['fcr_rate'])}",
    ]
    return out + [f"  {line}" for line in not_measured_lines(result)]


def not_measured_lines(result: Observed) -> list[str]:
    """One line per column the figures miss: "not measured: <why> (<the figures it gives>)"."""
    return [f"{NOT_MEASURED}: {safe_text(why)} ({GIVES[key]})" for key, why in result.not_measured.items()]


def _journey(j: JourneyObserved) -> list[str]:
    """A journey's line (and the teams and systems it does not declare)."""
    if j.cases is None:
        return [f"  {safe_text(j.id):<28} {NOT_MEASURED}: the mapping maps no log activity to its steps"]
    if not j.cases:
        return [f"  {safe_text(j.id):<28} no case follows it"]
    observed = (
        f"transfers {NOT_MEASURED}"
        if j.transfers_observed is None
        else f"{j.transfers_observed:.1f} transfers"
    )
    line = (
        f"  {safe_text(j.id):<28} {j.cases:,} cases, fitness {j.fitness:.2f}: declared "
        f"{plural(j.handoffs_declared, 'hand-off')}, observed {observed}"
    )
    skipped = [(step, share) for step, share in j.skipped or () if share > 0]
    if skipped:
        line += "; " + ", ".join(f"{_pct(share)} skip {safe_text(step)}" for step, share in skipped[:3])
    out = [line]
    if j.undeclared_teams:
        out.append(
            f"  {'':<28} teams the model does not declare: {', '.join(map(safe_text, j.undeclared_teams))}"
        )
    if j.undeclared_systems:
        out.append(
            f"  {'':<28} systems it does not declare: {', '.join(map(safe_text, j.undeclared_systems))}"
        )
    return out


def observed_text(result: Observed, name: str) -> str:
    """The summary, each journey against the model, and the most frequent transfers; each figure
    the log or the mapping cannot give is "not measured", and a line says why.

    >>> import silomap
    >>> seen = silomap.observe(silomap.load("models/retail-bank"), "examples/observed/retail-bank.yaml")
    >>> observed_text(seen, "Northwind").splitlines()[0]
    'Observed journeys: Northwind (400 cases, 1,626 events; engine duckdb)'
    """
    s = result.summary
    size = f"{s['cases']:,} cases, {s['events']:,} events; engine {result.engine}"
    out = [f"Observed journeys: {safe_text(name)} ({size})", "", "Per case (means)", *_summary(result)]
    out += ["", "Declared against observed (cases matched to each journey of the model)"]
    for j in result.journeys:
        out += _journey(j)
    unmatched = result.unmatched_cases
    out.append(f"  unmatched cases: {NOT_MEASURED if unmatched is None else f'{unmatched:,}'}")
    if result.transfer_matrix:
        out += ["", "Most frequent transfers (team to team)"]
        out += [f"  {safe_text(a)} -> {safe_text(b)}: {n:,}" for a, b, n in result.transfer_matrix[:TOP]]
    u = result.unmapped
    if any(u.values()):
        counts = [plural(n, _ONE.get(label, label), label) for label, n in u.items() if n is not None]
        out += ["", f"Unmapped log values (kept as they are): {', '.join(counts)}"]
    return "\n".join(out) + "\n"
