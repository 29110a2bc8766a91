"""``silomap.diagram()``: one object per view, with DOT, Mermaid, rendering and notebook display."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphviz

from .._errors import UsageError
from .._io import write_atomic
from .._metrics import Analysis, analyze
from .._model import Model, need, need_model, old_spellings, require_valid
from .grouping import GROUP_BY
from .legend import Key
from .measure import PAGES
from .mermaid_journey import MAX_TEXT, mermaid_length
from .render import render
from .views import SUBJECTS, VIEWS, Options, View, pick

__all__ = ["EXTENSIONS", "Diagram", "diagram", "in_frame", "output_format"]


MIMETYPES = ("text/html", "image/svg+xml", "text/plain")  # what a notebook may show, best first
FRAME = "overflow: auto; max-width: 100%; max-height: 80vh; border: 1px solid #d9e2ec"
EXTENSIONS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot", ".mmd": "mmd"}


def output_format(path: Path) -> str:
    """The format a file name asks for, from its extension.

    >>> output_format(Path("move-house.SVG")), output_format(Path("l.gv"))
    ('svg', 'dot')
    """
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"unknown output extension {path.suffix!r} for {{param}}; use one of {', '.join(EXTENSIONS)}",
            param="path",
        )
    return fmt


@dataclass(frozen=True)
class Diagram:
    """A rendered view of a model: its DOT source, its Mermaid text (landscape and
    journey views), and ways to draw it.

    In Jupyter the object displays itself as SVG.

    Attributes
    ----------
    view
        The view drawn: ``landscape``, ``journey``, ``question`` or ``group``.
    dot
        The DOT source.
    mermaid
        The Mermaid text, or ``None`` for a view without one.
    renderer
        How :meth:`render` draws by default: ``auto``, ``system`` or ``embedded``.
    legend
        The keys of the legend drawn under the diagram.
    name
        The stem of its file when written with others: ``landscape``, ``overview``,
        ``group-<slug>``.
    groups
        A landscape split into groups: one drawing per group (the diagram itself is the overview);
        for a page whose overview of groups does not fit, each area's drawing (``area-<n>``)
        followed by its groups' drawings. A group too big for the page: the parts it is cut
        into (the diagram itself is the whole group).
    parent
        The drawing this one is read after: ``overview``, or its area's (``area-<n>``); ``""``
        for the first.

    Examples
    --------
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
    legend: tuple[Key, ...] = ()
    _cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    name: str = ""
    groups: tuple[Diagram, ...] = ()
    parent: str = ""

    @old_spellings(positional=("renderer",))
    def render(self, fmt: str = "svg", *, renderer: str | None = None) -> bytes:
        """Draw the diagram as ``svg``, ``png`` or ``pdf`` bytes."""
        if not self.dot:
            raise UsageError(f"the {self.view} view is Mermaid text alone: write it to a .mmd file")
        if fmt == "svg" and "svg" in self._cache and renderer in (None, self.renderer):
            return self._cache["svg"].encode("utf-8")  # laid out already, to fit
        return render(self.dot, fmt, renderer or self.renderer, legend=self.legend)

    def svg(self) -> str:
        """The diagram as SVG text (drawn once, then kept)."""
        if "svg" not in self._cache:
            self._cache["svg"] = self.render("svg").decode("utf-8")
        return self._cache["svg"]

    @old_spellings(positional=("renderer",))
    def data(self, fmt: str, *, renderer: str | None = None) -> bytes:
        """The bytes of one output format: ``svg``, ``png``, ``pdf``, ``dot`` or ``mmd``."""
        if fmt == "dot" and self.dot:
            return self.dot.encode("utf-8")
        if fmt == "mmd":
            if self.mermaid is None:
                raise UsageError(f"the {self.view} view has no Mermaid form; use .svg, .png, .pdf or .dot")
            if (size := mermaid_length(self.mermaid)) > MAX_TEXT:
                raise UsageError(
                    f"the {self.view} view as Mermaid is {size:,} characters, more than the {MAX_TEXT:,} "
                    "Mermaid draws (its maxTextSize: above it Mermaid shows 'Maximum text size in diagram "
                    "exceeded'); write it as .svg, .png or .pdf",
                    code="SM052",
                )
            return self.mermaid.encode("utf-8")
        return self.render(fmt, renderer=renderer)

    @old_spellings(positional=("renderer",))
    def save(self, path: str | Path, *, renderer: str | None = None) -> Path:
        """Write the diagram to ``path``; the extension picks the format
        (.svg .png .pdf .dot .gv .mmd). The file is written atomically."""
        target = Path(path)
        write_atomic(target, self.data(output_format(target), renderer=renderer))
        return target

    def files(self) -> dict[str, str]:
        """The SVG of each drawing by file name: this one (``landscape.svg``, or ``overview.svg``
        for a landscape split into groups), then one per group (``group-<slug>.svg``), each
        area's (``area-<n>.svg``) before its groups' when the overview draws areas."""
        return {f"{d.name or d.view}.svg": d.svg() for d in (self, *self.groups)}

    def to_graphviz(self) -> graphviz.Source:
        """The DOT as a :class:`graphviz.Source`, to render or post-process with the ``graphviz``
        package (which needs Graphviz's ``dot`` on PATH to draw). Model text in it is escaped.

        >>> import silomap
        >>> d = silomap.diagram(silomap.load("models/retail-bank"), "question", question="where-is-my-card")
        >>> d.to_graphviz().source == d.dot
        True
        """
        return graphviz.Source(self.dot, filename=f"{self.view}.gv", format="svg")

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None, **_: Any
    ) -> dict[str, str]:
        """What Jupyter shows: the drawing at its natural size in a frame that scrolls (HTML),
        the SVG itself and a line of text; ``include`` and ``exclude`` pick among them, as in
        the ``graphviz`` package, and only what is asked for is drawn.

        >>> import silomap
        >>> d = silomap.diagram(silomap.load("models/telecom"), "landscape")
        >>> d._repr_mimebundle_(include=["text/html", "text/plain"], exclude=["text/html"])
        {'text/plain': '<silomap landscape diagram>'}
        """
        if not self.dot:  # Mermaid alone: JupyterLab draws a Markdown ```mermaid block
            found = {"text/markdown": f"```mermaid\n{self.mermaid}```\n", "text/plain": self.mermaid or ""}
            wanted = set(found if include is None else include) - set(exclude or ())
            return {k: v for k, v in found.items() if k in wanted}
        shown = set(MIMETYPES if include is None else include) - set(exclude or ())
        make: dict[str, Callable[[], str]] = {
            "text/html": lambda: in_frame(self.svg()),
            "image/svg+xml": self.svg,
            "text/plain": lambda: f"<silomap {self.view} diagram>",
        }
        return {mimetype: make[mimetype]() for mimetype in MIMETYPES if mimetype in shown}


def in_frame(svg: str) -> str:
    """The SVG for a notebook or a web page: at its natural size, never squeezed to the cell (its
    labels keep their size), in a frame that scrolls when the drawing is wider or taller.

    >>> framed = in_frame('<?xml version="1.0"?><svg width="900pt" viewBox="0 0 900 300"></svg>')
    >>> framed.startswith('<div style="overflow: auto; max-width: 100%;'), framed.split(">")[1]
    (True, '<svg style="max-width: none; height: auto" width="900pt" viewBox="0 0 900 300"')
    """
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    body = body.replace("<svg", '<svg style="max-width: none; height: auto"', 1)
    return f'<div style="{FRAME}">{body}</div>'


def diagram(
    model: Model,
    view: str = "landscape",
    *,
    journey: str | None = None,
    question: str | None = None,
    group: str | None = None,
    group_by: str = "auto",
    overlay: str | None = None,
    expand: bool | None = None,
    page: str | None = None,
    renderer: str = "auto",
    analysis: Analysis | None = None,
    transfer_rates: Mapping[tuple[str, str], float | None] | None = None,
) -> Diagram:
    """Draw one view of a model: ``landscape``, ``journey`` (a service blueprint), ``question`` (the
    systems behind a customer question) or ``group`` (one group of a big landscape, drawn whole).

    Parameters
    ----------
    model, view, journey, question, group
        A valid model; the view (``landscape``, ``journey``, ``question``, ``group``); the
        journey, question or group it draws (the ``journey`` view needs ``journey=``...).
    group_by, overlay, expand, page
        The landscape's groups (``auto``, ``owner``, ``kind``, ``domain``, ``cluster``, ``none``);
        the systems behind each question marked (``overlay="questions"``); every system drawn
        (``expand=True``) or an overview and a drawing per group (``False``; default: by size);
        the page to fit with text of 6 pt or more (``a3``, ``a4``, ``16:9``), else split.
    renderer, analysis, transfer_rates
        ``auto``, ``system`` (Graphviz's ``dot``) or ``embedded``; the model's analysis, if at hand;
        each hand-off's share of a log's cases by (team, team): ``observe(...).journeys[i].rates()``.

    Returns
    -------
    Diagram
        The view as DOT (and Mermaid, for some views), drawn on demand (the landscape: laid out).

    Raises
    ------
    silomap.UsageError, silomap.ModelError
        An unknown view, id or option, named; an invalid model.

    Examples
    --------
    >>> import silomap
    >>> m = silomap.load("models/retail-bank")
    >>> silomap.diagram(m, "question", question="where-is-my-card").view
    'question'
    """
    need_model(model)
    subjects = {"journey": journey, "question": question, "group": group, "overlay": overlay}
    _need_options(view, subjects, group_by, expand, renderer, analysis, transfer_rates, page)
    require_valid(model)  # a model changed in Python gets the errors a file would
    chosen = VIEWS.get(view)
    if chosen is None:
        raise UsageError(f"{{param}} must be one of {', '.join(VIEWS)}; not {view!r}", param="view")
    subject = "" if chosen.subject is None else _subject(model, chosen.subject, subjects)
    options = Options(subject, group_by, overlay, expand, tuple(sorted((transfer_rates or {}).items())), page)
    return _draw(model, chosen, options, renderer, analysis or analyze(model))


def _subject(model: Model, kind: str, subjects: Mapping[str, str | None]) -> str:
    """The journey, question or group asked for, checked against the model's."""
    return pick(kind, subjects[kind], SUBJECTS[kind](model))


def _draw(model: Model, chosen: View, options: Options, renderer: str, result: Analysis) -> Diagram:
    """The view drawn, as DOT and (where it has one) Mermaid; laid out to fit, if the view is."""
    mermaid = chosen.mermaid(model, result, options) if chosen.mermaid else None
    if chosen.dot is None:  # drawn by Mermaid alone: no DOT
        return Diagram(chosen.name, "", mermaid, renderer)
    if chosen.fit is None:
        made = chosen.dot(model, result, options)
        return Diagram(chosen.name, made.source(), mermaid, renderer, tuple(made.legend))
    first, *rest = chosen.fit(model, result, options, renderer)
    groups = tuple(
        Diagram(
            "group", d.dot.source(), None, renderer, tuple(d.dot.legend), {"svg": d.svg}, d.name, (), d.parent
        )
        for d in rest
    )
    return Diagram(
        chosen.name,
        first.dot.source(),
        mermaid,
        renderer,
        tuple(first.dot.legend),
        {"svg": first.svg},
        first.name,
        groups,
    )


def _need_options(
    view: object,
    subjects: Mapping[str, object],
    group_by: object,
    expand: object,
    renderer: object,
    analysis: object,
    transfer_rates: object,
    page: object,
) -> None:
    """Check the options of :func:`diagram`, each naming its parameter when it is wrong."""
    need(view, str, "view", f"one of {', '.join(VIEWS)}")
    for param, value in subjects.items():
        need(value, str, param, "an id (a str) or None", optional=True)
    need(group_by, str, "group_by", "auto, owner, kind, domain, cluster or none")
    need(expand, bool, "expand", "True, False or None", optional=True)
    need(renderer, str, "renderer", "a renderer name (auto, graphviz, embedded)")
    need(analysis, Analysis, "analysis", "a silomap.Analysis of the model", optional=True)
    need(transfer_rates, Mapping, "transfer_rates", "a mapping of (team, team) to a share", optional=True)
    need(page, str, "page", f"one of {', '.join(PAGES)} or None", optional=True)
    if group_by not in GROUP_BY:
        raise UsageError(
            f"{{param}} must be one of {', '.join(GROUP_BY)}, not {group_by!r}", param="group_by"
        )
    if page is not None and page not in PAGES:
        raise UsageError(f"{{param}} must be one of {', '.join(PAGES)}, not {page!r}", param="page")
