"""Two analyses compared, as the terminal shows it (``silomap whatif`` and ``silomap diff``).

Plain text like :func:`summary`; every model string passes through :func:`safe_text`.
"""

from __future__ import annotations

from fractions import Fraction

from .._metrics import Comparison, ModelDiff, Priced
from .._text import safe_text

__all__ = ["comparison_text", "diff_text", "priced_text", "whatif_text"]


def _figure(value: Fraction | None) -> str:
    return "-" if value is None else f"{float(value):.3f}"


def comparison_text(c: Comparison, title: str) -> str:
    """The comparison as the terminal shows it: score, components, what changes, evidence.

    >>> import silomap
    >>> from silomap._metrics import compare
    >>> a = silomap.analyze(silomap.load("models/telecom"))
    >>> comparison_text(compare(a, a), "same model").splitlines()[1].startswith("Silo score:")
    True
    """
    b, a = c.before, c.after
    out = [title]
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    out.append(f"Silo score: {b.score} -> {a.score}{delta}   {b.band} -> {a.band}")
    out += ["", f"{'Components':<16}{'before':>8}{'after':>8}"]
    for name in dict.fromkeys([x.name for x in (*b.components, *a.components)]):
        out.append(f"  {name:<14}{_figure(b.component(name)):>8}{_figure(a.component(name)):>8}")
    journeys = c.journeys()
    if journeys:
        out += ["", "Journeys that change: hand-offs, re-entries (silo/process)"]
        for ident, x, y in journeys:
            was = f"{x.handoffs}, {len(x.reentries)} ({x.silo_reentries}/{x.process_reentries})" if x else "-"
            now = f"{y.handoffs}, {len(y.reentries)} ({y.silo_reentries}/{y.process_reentries})" if y else "-"
            out.append(f"  {safe_text(ident):<28} {was} -> {now}")
    questions = c.questions()
    if questions:
        out += ["", "Questions that change: systems needed to answer"]
        for ident, q_before, q_after in questions:
            spq = [str(q.spq) if q else "-" for q in (q_before, q_after)]
            out.append(f"  {safe_text(ident):<28} {spq[0]} -> {spq[1]}")
    for label, items in (("Evidence gone", c.disappeared), ("Evidence new", c.appeared)):
        if items:
            out += ["", f"{label}:"]
            out += [f"  {e.kind}: {safe_text(e.where)}: {safe_text(e.text)}" for e in items[:40]]
            if len(items) > 40:
                out.append(f"  ... and {len(items) - 40} more")
    return "\n".join(out) + "\n"


def priced_text(text: str, cost: Priced | None) -> str:
    """A result's text with, given rates, the money it makes on a last line."""
    return text if cost is None else text + cost.line() + "\n"


def whatif_text(c: Comparison) -> str:
    """The text of ``silomap whatif``: its title (the model and the changes), the comparison and,
    priced, the money on a last line; ``str(silomap.whatif(...))`` is the same text.

    >>> import silomap
    >>> bank = silomap.load("models/retail-bank")
    >>> app = silomap.load_changes("examples/changes/connect-app.yaml")
    >>> print(whatif_text(silomap.whatif(bank, app))[:80])
    silomap what-if: Northwind Retail Bank, Connect the app to core banking
    Silo sco
    """
    return priced_text(comparison_text(c, c.title or f"silomap what-if: {safe_text(c.after.name)}"), c.cost)


def diff_text(found: ModelDiff) -> str:
    """The text of ``silomap diff``: the comparison named after the head, what was added, removed and
    matched, every name escaped; priced, the money on a last line.

    >>> import silomap
    >>> m = silomap.load("models/telecom")
    >>> diff_text(silomap.diff(m, m)).splitlines()[0]
    'silomap diff: Brightwave Telecom'
    """
    out = [comparison_text(found.comparison, f"silomap diff: {safe_text(found.comparison.after.name)}")]
    listed = {
        "systems added": found.systems_added,
        "systems removed": found.systems_removed,
        "integrations added": found.integrations_added,
        "integrations removed": found.integrations_removed,
        "matched by slug": found.matched_words,
    }
    for title, items in listed.items():
        out += [f"{title}: {safe_text(item)}\n" for item in items]
    return priced_text("".join(out), found.comparison.cost)
