"""What a report section is, what it is rendered from, and the order each format reads them in.

A :class:`Section` holds one subject of the reports (the stages, the KPIs, what the event log
shows, ...) in each format that shows it: ``text`` (the terminal summary of ``silomap score``),
``markdown`` (the pull-request comment) and ``html`` (the self-contained page). Each renderer takes
the one :class:`Context` and gives lines of text or Markdown, or a fragment of HTML rendered from
the section's own Jinja template next to its module. Model text goes through ``silomap._text``
(:func:`safe_text`, :func:`md`) or through the templates' autoescaping; what the renderers of
a format share is in :mod:`.formats`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol, TypeVar

from markupsafe import Markup

from ..._cost import Cost
from ..._maturity import Maturity
from ..._metrics import Analysis, HistoryPoint, Ranking, rank
from ..._model import Model, names
from ..._observed import Observed

__all__ = [
    "FORMATS",
    "Context",
    "Drawings",
    "Format",
    "Lines",
    "Review",
    "Section",
    "given",
    "ordered",
]

Format = Literal["text", "md", "html"]
FORMATS: tuple[Format, ...] = ("text", "md", "html")
Lines = list[str]
T = TypeVar("T")


class Review(Protocol):
    """The model at the last review that "since the last review" compares with, and the trend
    since (a :class:`silomap.Baseline` is one)."""

    @property
    def model(self) -> Model: ...  # the model then
    @property
    def label(self) -> str: ...  # what the report calls it: a path, or a git revision
    @property
    def history(self) -> tuple[HistoryPoint, ...]: ...  # the score commit by commit, when known


@dataclass(frozen=True)
class Drawings:
    """The HTML report's diagrams, drawn once within one time budget (``budget`` seconds, as the
    page says it); a diagram not drawn in time is ``""``, and the page says so where it would be.

    ``journeys`` and ``questions``: the worst ones drawn in detail, by id; ``landscape``: the
    landscape whole, when it is one drawing (not ``split``); ``fitted``: the landscape fitted to an
    A3 page, one drawing or its overview and one per group (id, title, svg, printed width in pt);
    ``printed``: how many of the journeys' and of the questions' drawings are printed (each at
    6-point text, a page's worth; the others are shown on screen only).
    """

    journeys: Mapping[str, Markup | str] = field(default_factory=dict)
    questions: Mapping[str, Markup | str] = field(default_factory=dict)
    landscape: Markup | str = ""
    fitted: Sequence[Mapping[str, Any]] = ()
    split: bool = False
    budget: str = ""
    printed: int = 2


@dataclass(frozen=True)
class Context:
    """What every section is rendered from: the analysis, and what the report was given beside it.

    The terminal summary has the analysis alone (``model`` is ``None``); the reports have the
    model, and a ``baseline``, a ``maturity`` assessment, an ``observed`` log or the ``cost`` of
    the silos at a set of rates when given.
    ``drawings`` are the HTML report's diagrams, drawn once within one time budget.

    >>> from silomap import Model, analyze
    >>> Context(analyze(Model(silomap=1, name="Empty"))).ranked.journeys
    ()
    """

    analysis: Analysis
    model: Model | None = None
    top: int = 5
    baseline: Review | None = None
    maturity: Maturity | None = None
    observed: Observed | None = None
    cost: Cost | None = None
    drawings: Drawings = field(default_factory=Drawings)

    @cached_property
    def ranked(self) -> Ranking:
        """Journeys, questions, teams and data in the one ranking of ``silomap._metrics.ranking``."""
        return rank(self.analysis)

    @cached_property
    def names(self) -> dict[str, str]:
        """The names people read of the model's teams and data, by id, for the reports' tables."""
        model = given(self.model)
        return {**names(model.teams), **names(model.entities)}


def always(context: Context) -> bool:
    """A section shown whenever its format is: it needs nothing but the analysis."""
    return True


def given(value: T | None) -> T:
    """What a section's ``applies`` checked is there (the model, the baseline, the log).

    >>> given(3)
    3
    """
    if value is None:
        raise ValueError("a section was rendered without what it applies to")
    return value


@dataclass(frozen=True)
class Section:
    """One section of the reports, in every format that shows it: a row of ``SECTIONS``.

    Attributes
    ----------
    id : str
        The section's anchor in the HTML page (``report.html#kpis``).
    title : str
        The words its heading starts with.
    applies : callable
        Whether the context has what the section needs (a baseline, an assessment, a log, a
        replaced system); by default it always applies.
    text, markdown, html : callable or None
        How it reads in the terminal summary, the Markdown report and the HTML page; ``None``
        where that format does not show it.
    after : mapping
        Per format, the id of the section it follows there instead of its row's place: where
        that format has always told it elsewhere.
    html_place : {"header", "section", "subsection"}
        In the page's header; a section of its own, after a blank line; or a subsection that
        goes on from the section before it, shown only when it applies.
    markdown_too_long : callable or None
        What the Markdown says instead when the section would not fit a pull-request comment.

    Examples
    --------
    >>> s = Section("note", "A note", text=lambda context: ["", "A note"])
    >>> s.renderer("text") is s.text, s.renderer("md")
    (True, None)
    """

    id: str
    title: str
    applies: Callable[[Context], bool] = always
    text: Callable[[Context], Lines] | None = None
    markdown: Callable[[Context], Lines] | None = None
    html: Callable[[Context], str] | None = None
    after: Mapping[Format, str] = field(default_factory=dict)
    html_place: Literal["header", "section", "subsection"] = "section"
    markdown_too_long: Callable[[Context], Lines] | None = None

    def renderer(self, form: Format) -> Callable[[Context], Any] | None:
        """The section's renderer for a format, or ``None`` when the format does not show it."""
        return {"text": self.text, "md": self.markdown, "html": self.html}[form]


def ordered(sections: Iterable[Section], form: Format) -> tuple[Section, ...]:
    """The sections a format shows, in the table's order but for those placed ``after`` another.

    Parameters
    ----------
    sections : iterable of Section
        The table (``SECTIONS``).
    form : {"text", "md", "html"}
        The format.

    Returns
    -------
    tuple of Section
        Those with a renderer for the format, in the order the format shows them.

    Raises
    ------
    ValueError
        When a section follows one that the format does not show.

    Examples
    --------
    >>> def nothing(context):
    ...     return []
    >>> a, b = Section("a", "A", text=nothing), Section("b", "B", text=nothing)
    >>> c = Section("c", "C", text=nothing, after={"text": "a"})
    >>> [s.id for s in ordered([a, b, c], "text")], [s.id for s in ordered([a, b, c], "md")]
    (['a', 'c', 'b'], [])
    """
    shown = [s for s in sections if s.renderer(form) is not None]
    out = [s for s in shown if form not in s.after]
    for s in shown:
        if form in s.after:
            anchor = next((i for i, t in enumerate(out) if t.id == s.after[form]), None)
            if anchor is None:
                raise ValueError(f"section {s.id!r} follows {s.after[form]!r}, which {form} does not show")
            while anchor + 1 < len(out) and form in out[anchor + 1].after:
                anchor += 1  # after the others placed there before it
            out.insert(anchor + 1, s)
    return tuple(out)
