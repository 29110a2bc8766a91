"""``silomap.diagram()``: one object per view, with DOT, Mermaid, rendering and notebook display."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._analysis import Analysis, analyze
from ._errors import UsageError
from ._mermaid import journey_mermaid, landscape_mermaid
from ._output import write_atomic
from ._render import render
from ._schema import Model
from ._views import journey_view, landscape_view, pick, question_view

__all__ = ["VIEWS", "Diagram", "diagram"]

VIEWS = ("landscape", "journey", "question")
EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mmd"}


@dataclass(frozen=True)
class Diagram:
    """A rendered view of a model: its DOT source, its Mermaid text (landscape and
    journey views), and ways to draw it.

    In Jupyter the object displays itself as SVG.

    >>> import silomap
    >>> d = silomap.diagram(silomap.load("models/retail-bank"), "journey", journey="move-house")
    >>> d.dot.splitlines()[0]
    'digraph "journey: move-house" {'
    >>> d.mermaid.splitlines()[0]
    'flowchart LR'
    """

    view: str
    dot: str
    mermaid: str | None = None
    renderer: str = "auto"
    _cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def render(self, fmt: str = "svg", renderer: str | None = None) -> bytes:
        """Draw the diagram as ``svg``, ``png`` or ``pdf`` bytes."""
        return render(self.dot, fmt, renderer or self.renderer)

    def svg(self) -> str:
        """The diagram as SVG text (drawn once, then kept)."""
        if "svg" not in self._cache:
            self._cache["svg"] = self.render("svg").decode("utf-8")
        return self._cache["svg"]

    def save(self, path: str | Path, renderer: str | None = None) -> Path:
        """Write the diagram to ``path``; the extension picks the format
        (.svg .png .pdf .dot .gv .mmd). The file is written atomically."""
        target = Path(path)
        fmt = EXTENSIONS.get(target.suffix.lower())
        if fmt is None:
            raise UsageError(
                f"unknown output extension {target.suffix!r}; use one of {', '.join(EXTENSIONS)}"
            )
        if fmt == "dot":
            data = self.dot.encode("utf-8")
        elif fmt == "mmd":
            if self.mermaid is None:
                raise UsageError(f"the {self.view} view has no Mermaid form; use .svg, .png, .pdf or .dot")
            data = self.mermaid.encode("utf-8")
        else:
            data = self.render(fmt, renderer)
        write_atomic(target, data)
        return target

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"image/svg+xml": self.svg(), "text/plain": f"<silomap {self.view} diagram>"}


def diagram(
    model: Model,
    view: str = "landscape",
    *,
    journey: str | None = None,
    question: str | None = None,
    group_by: str = "owner",
    overlay: str | None = None,
    expand: bool | None = None,
    renderer: str = "auto",
    analysis: Analysis | None = None,
) -> Diagram:
    """Draw one view of a model: ``landscape``, ``journey`` (a service blueprint)
    or ``question`` (the systems behind one customer question).

    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> silomap.diagram(m, "question", question="where-is-my-card").view
    'question'
    """
    result = analysis or analyze(model)
    if view == "landscape":
        return Diagram(
            view,
            landscape_view(model, result, group_by, overlay, expand).source(),
            landscape_mermaid(model, result, group_by, expand),
            renderer,
        )
    if view == "journey":
        chosen = pick("journey", journey, [j.id for j in model.journeys])
        return Diagram(
            view,
            journey_view(model, result, chosen).source(),
            journey_mermaid(model, result, chosen),
            renderer,
        )
    if view == "question":
        chosen = pick("question", question, [q.id for q in model.questions])
        return Diagram(view, question_view(model, result, chosen).source(), None, renderer)
    raise UsageError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
