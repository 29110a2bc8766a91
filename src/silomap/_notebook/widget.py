"""``silomap.WhatIf``: the ranked fixes with checkboxes, and a journey to draw; ticking one shows the
score, the components and the blueprint with the ticked fixes made (:mod:`.ticked` does the work).

The panel's state is plain Python (:meth:`WhatIf.tick`, :meth:`WhatIf.draw`, :attr:`WhatIf.state`);
its widget, built on ipywidgets (the ``notebook`` extra), is made when it is first shown and only
wires checkboxes and a list to that state. Without ipywidgets a notebook shows the state as HTML.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from markupsafe import escape

from .._changes import Fixes, fixes
from .._errors import ToolError, UsageError
from .._model import Model, need, need_model
from .._suggest import did_you_mean
from .ticked import Ticked, ticked, ticked_html

__all__ = ["WhatIf"]


class WhatIf:
    """An interactive what-if in a notebook: the ranked fixes with checkboxes, a journey to draw,
    and, as fixes are ticked, the score, its components and the journey's blueprint with them made.

    :attr:`state` is what the ticked fixes change (the comparison, the blueprint), measured again
    at each tick; :attr:`widget` the ipywidgets panel (``pip install 'silomap[notebook]'``, else a
    :class:`silomap.ToolError`, SM044). A ``found`` that is not a :class:`silomap.Fixes`, or a
    ``journey`` the model lacks, is a :class:`silomap.UsageError` naming it.

    Parameters
    ----------
    model
        A valid model.
    found
        Its ranked fixes (:func:`silomap.fixes`); by default the 10 best.
    journey
        The journey whose blueprint is drawn (``None``: none until one is picked).
    renderer
        How the blueprint is drawn: ``auto``, ``system`` or ``embedded``.

    Examples
    --------
    >>> import silomap
    >>> bank = silomap.load("models/retail-bank")
    >>> panel = silomap.WhatIf(bank, silomap.fixes(bank, top=3, roadmap=0))
    >>> panel.tick(1)  # what a tick in the panel does: the model measured again with fix 1
    >>> panel.ticked, panel.state.comparison.after.score
    ((1,), 37.7)
    """

    def __init__(
        self, model: Model, found: Fixes | None = None, *, journey: str | None = None, renderer: str = "auto"
    ) -> None:
        need_model(model)
        need(found, Fixes, "found", "the model's fixes: silomap.fixes(model)", optional=True)
        self.model, self.found, self.renderer = model, found or fixes(model), renderer
        self._journeys = [j.id for j in model.journeys]
        self._journey = self._known(journey)
        self._ticked: set[int] = set()
        self._widget: Any = None
        self.state: Ticked = self._measure()

    @property
    def ticked(self) -> tuple[int, ...]:
        """The ranks of the fixes ticked, in order."""
        return tuple(sorted(self._ticked))

    def tick(self, rank: int, on: bool = True) -> None:
        """Tick (or, ``on=False``, untick) the fix of ``rank`` and measure again."""
        if rank not in {f.rank for f in self.found.fixes}:
            raise UsageError(f"{{param}} is {rank!r}: no fix has that rank", param="rank")
        if (rank in self._ticked) != on:
            (self._ticked.add if on else self._ticked.discard)(rank)
            self._measure()

    def draw(self, journey: str | None) -> None:
        """Draw ``journey``'s blueprint with the ticked fixes made (``None``: no blueprint)."""
        self._journey = self._known(journey)
        self._measure()

    def html(self) -> str:
        """What the ticked fixes change, as HTML (the panel's lower part)."""
        return ticked_html(self.state)

    @property
    def widget(self) -> Any:
        """The panel as an ipywidgets ``VBox``: a checkbox per fix, the journey list, the HTML.

        Raises
        ------
        silomap.ToolError
            ipywidgets is not installed: ``pip install 'silomap[notebook]'`` (SM044).
        """
        if self._widget is None:
            self._widget = _panel(self, _ipywidgets())
        return self._widget

    def _known(self, journey: str | None) -> str | None:
        if journey is not None and journey not in self._journeys:
            hint = did_you_mean(journey, self._journeys) if isinstance(journey, str) else ""
            raise UsageError(f"{{param}} is {journey!r}: no journey of the model{hint}", param="journey")
        return journey

    def _measure(self) -> Ticked:
        self.state = ticked(
            self.model, self.found, self._ticked, journey=self._journey, renderer=self.renderer
        )
        if self._widget is not None:  # a tick from Python shows in the panel too
            for fix, box in zip(self.found.fixes, self._widget.boxes, strict=True):
                box.value = fix.rank in self._ticked
            self._widget.children[-1].value = self.html()
        return self.state

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The panel in a notebook, with its HTML beside it for what cannot run a widget (a page made
        by nbconvert, GitHub); without ipywidgets, the HTML alone."""
        shown = {"text/html": self.html(), "text/plain": repr(self)}
        try:
            widget = self.widget._repr_mimebundle_(**kwargs)
        except ToolError:
            return shown
        return {**widget, **shown}

    def __repr__(self) -> str:
        return (
            f"<silomap.WhatIf {self.model.name!r}: {len(self.found.fixes)} fixes, ticked {list(self.ticked)}>"
        )


def _ipywidgets() -> Any:
    try:
        return importlib.import_module("ipywidgets")
    except ImportError:
        raise ToolError(
            "the what-if panel needs ipywidgets: pip install 'silomap[notebook]'", code="SM044"
        ) from None


def _panel(panel: WhatIf, widgets: Any) -> Any:
    """The widget: a checkbox per fix (its words beside it, escaped, whole) and the journey list, each
    change told to ``panel``; the checkboxes are its ``boxes``."""
    rows = []
    for fix in panel.found.fixes:
        narrow = widgets.Layout(width="2em", flex="0 0 auto")  # the words beside it take the rest
        box = widgets.Checkbox(value=fix.rank in panel.ticked, indent=False, layout=narrow)
        box.observe(lambda change, rank=fix.rank: panel.tick(rank, bool(change["new"])), names="value")
        words = widgets.HTML(f"{fix.rank}. [{escape(fix.effort)}] {escape(fix.summary)}")
        rows.append(widgets.HBox([box, words]))
    options = [("no journey", None), *[(j, j) for j in panel._journeys]]
    journeys = widgets.Dropdown(options=options, value=panel.state.journey, description="journey")

    def picked(change: Mapping[str, Any]) -> None:
        panel.draw(change["new"])

    journeys.observe(picked, names="value")
    title = widgets.HTML(f"<b>{escape(panel.model.name)}</b>: tick fixes to see what they change together")
    shown = widgets.VBox([title, *rows, journeys, widgets.HTML(panel.html())])
    shown.boxes = [row.children[0] for row in rows]
    return shown
