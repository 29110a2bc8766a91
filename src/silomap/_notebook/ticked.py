"""The what-if of ticked fixes, as plain functions: which fixes are ticked, the model with them made,
what the score and its components become, and a journey's blueprint after them.

:func:`ticked` measures (through :func:`silomap.whatif`, so the figures are those of ``silomap
whatif``); :func:`ticked_html` shows the result, every user string escaped. The widget
(:mod:`.widget`) only wires checkboxes to these two.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from .._changes import Fixes, apply, whatif
from .._diagrams import diagram, in_frame
from .._errors import SilomapError
from .._metrics import Comparison
from .._model import Model

__all__ = ["Ticked", "ticked", "ticked_html"]


@dataclass(frozen=True)
class Ticked:
    """The ticked fixes made, and what they change.

    Attributes
    ----------
    ranks
        The ranks of the fixes ticked, in order.
    comparison
        The model before and with them (:func:`silomap.whatif`); ``None`` when they cannot be made
        together (two fixes that touch the same thing, say).
    problem
        Why they cannot be made together (``None`` when they can).
    journey, svg
        The journey drawn, and its blueprint with the fixes made (SVG; empty without a journey).
    """

    ranks: tuple[int, ...]
    comparison: Comparison | None
    problem: str | None = None
    journey: str | None = None
    svg: str = ""


def ticked(
    model: Model, found: Fixes, ranks: Iterable[int], *, journey: str | None = None, renderer: str = "auto"
) -> Ticked:
    """Make the fixes of ``ranks`` (of ``found``, ranked for ``model``) and measure the model again;
    draw ``journey``'s blueprint after them.

    >>> import silomap
    >>> bank = silomap.load("models/retail-bank")
    >>> found = silomap.fixes(bank, top=3, roadmap=0)
    >>> t = ticked(bank, found, [1, 3])  # the roadmap's first two steps: 40.04 -> 37.68 -> 35.6
    >>> t.comparison.before.score, t.comparison.after.score, t.comparison.delta
    (40.0, 35.6, -4.4)
    """
    chosen = tuple(sorted(set(ranks)))
    changes = [fix.change for fix in found.fixes if fix.rank in chosen]
    try:
        comparison = whatif(model, changes)
        after = apply(model, changes)
    except SilomapError as err:  # made one after the other, a fix can undo what another needs
        return Ticked(chosen, None, str(err), journey)
    if journey is None or journey not in {j.id for j in after.journeys}:
        return Ticked(chosen, comparison, None, journey)
    drawn = diagram(after, "journey", journey=journey, analysis=comparison.after, renderer=renderer)
    return Ticked(chosen, comparison, None, journey, drawn.svg())


def ticked_html(state: Ticked) -> str:
    """The score before and with the ticked fixes, each component and the evidence (the what-if's own
    card), and the journey's blueprint after them.

    >>> import silomap
    >>> bank = silomap.load("models/retail-bank")
    >>> html = ticked_html(ticked(bank, silomap.fixes(bank, top=1, roadmap=0), [1]))
    >>> "40.0 → 37.7 (-2.3)" in html
    True
    """
    if state.comparison is None:
        return f'<p class="silomap-problem">These fixes cannot be made together: {escape(state.problem)}</p>'
    parts = [f"<p>{len(state.ranks)} of the fixes ticked</p>", state.comparison._repr_html_() or ""]
    if state.journey is not None:
        title = f"<p><b>{escape(state.journey)}</b> with the ticked fixes</p>"
        parts.append(title + (in_frame(state.svg) if state.svg else "<p>not drawn: no such journey</p>"))
    return "".join(parts)
