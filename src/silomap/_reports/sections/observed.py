"""What an event log shows, journey by journey, beside the model: as text (``silomap observe``),
in the words of a review ("declared 1 hand-off, observed 2.7; 30% skip self-service"), and as the
reports' "Observed" section.

A log's values (teams, systems) are untrusted text, as a model's names are: each is shown through
:func:`silomap._text.safe_text`, so a control or bidi character is seen, never acted on.
"""

from __future__ import annotations

from typing import Any

from ..._model import Model, by_id
from ..._observed import GIVES, JourneyObserved, Observed
from ..._text import md, plural, safe_text
from .formats import fragment
from .section import Context, Lines, Section, given

__all__ = ["MATRIX_TEAMS", "NOT_MEASURED", "SECTION", "not_measured_lines", "observed_text"]

TOP = 5
NOT_MEASURED = "not measured"
MATRIX_TEAMS = 12  # teams in the transfer heat map, by how often they appear in transfers


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


def ocel_lines(result: Observed) -> list[str]:
    """For an object-centric log: which objects are the cases, and the cases that touch each other
    object type ("Payment 3" : 3 cases relate, through an event, to a payment)."""
    o = result.ocel
    if o is None:
        return []
    kind = safe_text(o["case_object"])
    objects = f"{o['objects']:,} objects of that type"
    out = [f"Object-centric log: each object of type {kind} with events is a case ({objects})"]

    def listed(counts: dict[str, int]) -> str:
        return ", ".join(f"{safe_text(t)} {n:,}" for t, n in counts.items()) or "none"

    out.append(f"  cases that touch other object types: {listed(o['object_types'])}")
    return out + [f"  {safe_text(j)}: its cases touch {listed(c)}" for j, c in o.get("journeys", {}).items()]


def contact_lines(result: Observed) -> list[str]:
    """Containment, average handle time and, per journey with cases falling out, where they go."""
    c = result.contact_center
    if c is None:
        return []
    why = c["not_measured"]
    listed = ", ".join(map(safe_text, c["self_service_channels"])) or "none"
    if c["containment_rate"] is None:
        contained = f"containment {NOT_MEASURED}: {safe_text(why['containment'])}"
    else:
        contained = (
            f"containment {_pct(c['containment_rate'])} ({c['contained_cases']:,} cases on self-service "
            f"channels alone, not repeated within the window; self-service: {listed})"
        )
    if c["average_handle_time_seconds"] is None:
        handled = f"average handle time {NOT_MEASURED}: {safe_text(why['average_handle_time'])}"
    else:
        seconds = c["average_handle_time_seconds"]
        handled = f"average handle time {seconds / 60:.1f} min over {c['handled_cases']:,} cases"
    out = ["", "Contact center", f"  {contained}", f"  {handled}"]
    for funnel in c["fallout"] or ():
        for s in funnel["steps"]:
            if s["fell_out"]:
                out.append(f"  {_fallout(funnel['journey'], s)}")
    return out


def _fallout(journey: str, s: dict[str, Any]) -> str:
    """ "move-house: 4 of 10 reaching call-about-card go no further: next phone 3, ended 1"."""
    went = [f"{safe_text(k)} {n:,}" for k, n in s["next"]["channels"].items()]
    went += [f"ended {s['ended']:,}"] if s["ended"] else []
    return (
        f"{safe_text(journey)}: {s['fell_out']:,} of {s['reached']:,} reaching {safe_text(s['step'])} go no "
        f"further: next {', '.join(went) or 'no channel'}"
    )


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
    out = [f"Observed journeys: {safe_text(name)} ({size})", ""]
    out += [*ocel_lines(result), ""] if result.ocel is not None else []
    out += ["Per case (means)", *_summary(result)]
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
    out += contact_lines(result)
    return "\n".join(out) + "\n"


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


def _mean_of(value: float | None, label: str) -> str:
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
        _mean_of(s["handoffs_per_case"], "hand-offs"),
        _mean_of(s["transfers_per_case"], "transfers between teams"),
        _mean_of(s["ping_pong_per_case"], "ping-pongs"),
        _mean_of(s["systems_per_case"], "systems"),
    ]
    rates = ", ".join(
        [
            _share(s["transfer_rate"], "of cases are transferred", "transfers"),
            _share(s["repeat_rate"], "are repeat contacts", "repeat contacts"),
            _share(s["fcr_rate"], "are resolved at first contact (proxy)", "first-contact resolution"),
        ]
    )
    return {"means": ", ".join(means), "rates": rates[:1].upper() + rates[1:]}


def _journey_row(model: Model, j: JourneyObserved) -> dict[str, Any]:
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


def applies(context: Context) -> bool:
    """Only with an event log (``silomap report --observed``)."""
    return context.observed is not None


def markdown(context: Context) -> Lines:
    """Each journey's cases in the log against what the model declares; what is not measured, and why."""
    observed = given(context.observed)
    out = ["", f"### Observed in the event log ({observed.summary['cases']:,} cases)", ""]
    lines = [*ocel_lines(observed), *not_measured_lines(observed)]
    gaps = [f"- {md(line.strip(), prose=True)}" for line in lines]
    out += [*gaps, ""] if gaps else []
    out += [
        "| Journey | Cases | Fitness | Hand-offs declared | Transfers observed | Skipped |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for j in observed.journeys:
        if j.cases is None:
            out.append(f"| {md(j.id)} | {NOT_MEASURED} | - | {j.handoffs_declared} | - | |")
            continue
        if not j.cases:
            out.append(f"| {md(j.id)} | 0 | - | {j.handoffs_declared} | - | |")
            continue
        skipped = ", ".join(f"{md(step)} {100 * share:.0f}%" for step, share in j.skipped or () if share > 0)
        seen = NOT_MEASURED if j.transfers_observed is None else f"{j.transfers_observed:.1f}"
        out.append(
            f"| {md(j.id)} | {j.cases:,} | {j.fitness:.2f} | {j.handoffs_declared} | {seen} | {skipped} |"
        )
    contact = [f"- {md(line.strip(), prose=True)}" for line in contact_lines(observed)[2:]]
    out += ["", "Contact center:", "", *contact] if contact else []
    return out


def html(context: Context) -> str:
    """The summary, each journey against the model, the transfers between teams as a heat map;
    what is not measured is ``None`` (the matrix too), said in words with why."""
    model, observed = given(context.model), given(context.observed)
    u = observed.unmapped
    matrix = observed.transfer_matrix
    seen = {
        "summary": observed.summary,
        "lead": _lead(observed.summary),
        "gaps": not_measured_lines(observed),
        "journeys": [_journey_row(model, j) for j in observed.journeys],
        "unmatched": observed.unmatched_cases,
        "unmapped": ", ".join(f"{n} {label}" for label, n in u.items() if n is not None),
        "matrix": None if matrix is None else _matrix(matrix, observed.matrix_pairs.get("transfer")),
        "matrix_gap": observed.not_measured.get("group"),
        "engine": observed.engine,
        "contact": [line.strip() for line in contact_lines(observed)[2:]],
    }
    return fragment("observed.html.j2", observed=seen)


SECTION = Section("observed", "Observed in the event log", applies=applies, markdown=markdown, html=html)
