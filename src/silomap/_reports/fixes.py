"""The text of ``silomap fixes``: the score now, the fixes ranked and the roadmap, in money too
with rates; ``str(silomap.fixes(...))`` is the same text."""

from __future__ import annotations

from fractions import Fraction

from .._changes import Fixes
from .._cost import money
from .._text import safe_text

__all__ = ["MAX_ALTERNATIVES", "fixes_text"]


def _money(value: float | None, currency: str) -> str:
    return "not costed" if value is None else money(Fraction(value), currency)


def _score(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def _scope_line(found: Fixes) -> list[str]:
    said = []
    if found.effort is not None:
        said.append(f"{found.effort} hits only")
    if found.keep:
        said.append("keeping " + ", ".join(safe_text(s) for s in found.keep) + " out of every fix")
    if found.without:
        said.append("without " + ", ".join(found.without))
    return [f"({'; '.join(said)})"] if said else []


MAX_ALTERNATIVES = 3  # alternatives named under a fix; the JSON has them all


def fixes_text(found: Fixes) -> str:
    """The text of ``silomap fixes``: scores to two decimals, so each delta adds up.

    >>> import silomap
    >>> print(fixes_text(silomap.fixes(silomap.load("models/retail-bank"), top=1, roadmap=0)), end="")
    silomap: what to fix first in Northwind Retail Bank
    Silo score now: 40.04
    <BLANKLINE>
      1. [quick] 37.68 (-2.36)  ...
    """
    out = [f"silomap: what to fix first in {safe_text(found.name)}", *_scope_line(found)]
    out += [f"Silo score now: {_score(found.score)}"]
    cur = found.currency
    if cur is not None:
        out.append(f"Silos cost now: {_money(found.cost, cur)} a month")
        if found.by == "money":
            out.append("Fixes that save money, the most first")
    out.append("")
    if found.score is None:
        out.append("There is no score to lower: nothing in the model is measured (see silomap score).")
    elif not found.fixes:
        out.append("No single change found lowers the score.")
    for fix in found.fixes:
        head = f"{fix.rank:>3}. [{fix.effort}] {fix.score_after:.2f} ({fix.delta:+.2f})"
        if cur is not None:
            head += f" saves {_money(fix.saves, cur)} a month"
        out.append(f"{head}  {safe_text(fix.summary)}")
        out.append(f"     {safe_text(fix.change.text)}")
        shown = fix.alternatives[:MAX_ALTERNATIVES]
        out += [f"     or, with the same effect: {safe_text(a.summary)}" for a in shown]
        if len(fix.alternatives) > len(shown):
            out.append(f"     and {len(fix.alternatives) - len(shown)} more with the same effect (--json)")
    if found.roadmap:
        best = "the fix saving most, then the one saving most after it" if found.by == "money" else ""
        best = best or "the best fix, then the best after it"
        start = _score(found.score) + ("" if cur is None else f", {_money(found.cost, cur)} a month")
        out += ["", f"Roadmap: {best}, ...", f"  start {start}"]
        for i, step in enumerate(found.roadmap, 1):
            after = "" if cur is None else f", {_money(step.cost_after, cur)} a month after"
            out.append(f"  {i}. [{step.effort}] {step.score_after:.2f}{after}  {safe_text(step.summary)}")
    return "\n".join(out) + "\n"
