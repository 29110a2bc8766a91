"""What a report section is, what it is rendered from, and the order each format reads them in.

A :class:`Section` holds one subject of the reports (the stages, the KPIs, what the event log
shows, ...) in each format that shows it: ``text`` (the terminal summary of ``silomap score``),
``markdown`` (the pull-request comment) and ``html`` (the self-contained page). Each renderer takes
the one :class:`Context` and gives lines of text or Markdown, or a fragment of HTML rendered from
the section's own Jinja template next to its module. Model text goes through ``silomap._text``
(:func:`safe_text`, :func:`md`) or through the templates' autoescaping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..._charts import ChartUnavailable
from ..._diagrams import fold
from ..._maturity import Maturity
from ..._metrics import Analysis, Ranking, rank
from ..._metrics.score import round_half_up
from ..._model import Model, names
from ..._observed import Observed
from ..._text import md, safe_text
from ..svg import clean_svg

if TYPE_CHECKING:
    from ..reports import Baseline

__all__ = [
    "FORMATS",
    "MD_NAMED",
    "NAMED",
    "Context",
    "Drawings",
    "Format",
    "Lines",
    "Section",
    "chart",
    "fragment",
    "given",
    "hours",
    "join_names",
    "md_row",
    "ordered",
    "templates",
]

Format = Literal["text", "md", "html"]
FORMATS: tuple[Format, ...] = ("text", "md", "html")
Lines = list[str]
NAMED = 12  # names on one line of text before "+N more"
MD_NAMED = 8  # systems named in a Markdown cell before "+N more"
T = TypeVar("T")
_NUMBER = re.compile(r"[+-]?[\d,.]+( \(\d+ / \d+\))?( of \d+)?")


@dataclass(frozen=True)
class Drawings:
    """The HTML report's diagrams, drawn once within one time budget (``budget`` seconds, as the
    page says it); a diagram not drawn in time is ``""``, and the page says so where it would be.

    ``journeys`` and ``questions``: the worst ones drawn in detail, by id; ``groups``: for a
    landscape too big for one drawing, its biggest groups (id, title, svg) and how many are left.
    """

    journeys: Mapping[str, Markup | str] = field(default_factory=dict)
    questions: Mapping[str, Markup | str] = field(default_factory=dict)
    landscape: Markup | str = ""
    groups: Sequence[Mapping[str, Any]] = ()
    groups_left: int = 0
    budget: str = ""


@dataclass(frozen=True)
class Context:
    """What every section is rendered from: the analysis, and what the report was given beside it.

    The terminal summary has the analysis alone (``model`` is ``None``); the reports have the
    model, and a ``baseline``, a ``maturity`` assessment or an ``observed`` log when given.
    ``drawings`` are the HTML report's diagrams, drawn once within one time budget.

    >>> from silomap import Model, analyze
    >>> Context(analyze(Model(silomap=1, name="Empty"))).ranked.journeys
    ()
    """

    analysis: Analysis
    model: Model | None = None
    top: int = 5
    baseline: Baseline | None = None
    maturity: Maturity | None = None
    observed: Observed | None = None
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
    """One section of the reports, in every format that shows it.

    ``id`` is the section's anchor in the HTML page (``report.html#kpis``); ``title`` the words its
    heading starts with.
    ``applies`` says whether the context has what the section needs (a model, a baseline, a log);
    a renderer left ``None`` means the format does not show the section. ``after`` places the
    section, in one format, right after another one instead of at its row in the table.
    ``html_place``: in the page's ``header``, a ``section`` of its own (after a blank line), or a
    ``subsection`` that goes on from the one before it. ``markdown_too_long``: what the Markdown
    says instead when the section would not fit a pull-request comment.

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

    >>> a, b, c = (Section(x, x, text=lambda context: []) for x in "abc")
    >>> [s.id for s in ordered([a, b, Section("c", "c", text=c.text, after={"text": "a"})], "text")]
    ['a', 'c', 'b']
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


def join_names(items: Iterable[str], limit: int = NAMED) -> str:
    """Names, escaped, at most ``limit`` of them and a count of the rest: a line stays a line.

    >>> join_names(["crm", "erp"]), join_names([])
    ('crm, erp', '-')
    """
    return fold([safe_text(i) for i in items], limit) or "-"


def hours(value: Fraction) -> str:
    """Hours with one decimal, rounded half up.

    >>> hours(Fraction(24691, 20))
    '1,234.6 h'
    """
    return f"{round_half_up(value):,.1f} h"


def md_row(*cells: object) -> str:
    """A Markdown table row: figures stay readable in the raw comment; any text goes through md().

    >>> md_row("a|b", "1,234.5")
    '| a\\\\|b | 1,234.5 |'
    """
    return "| " + " | ".join(str(c) if _NUMBER.fullmatch(str(c)) else md(c) for c in cells) + " |"


@cache
def templates() -> Environment:
    """The Jinja environment of the page and its sections: autoescaping, and a missing value is
    an error, never an empty string."""
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def fragment(template: str, **values: Any) -> Markup:
    """A section's HTML from its template next to its module, with autoescaping: model text is
    data, never markup.

    >>> str(fragment("stages.html.j2", stages=[])).startswith('<section id="stages">')
    True
    """
    return Markup(templates().get_template(template).render(values))


def chart(draw: Callable[..., str], *args: Any) -> tuple[Markup | str, str]:
    """A chart for the page, checked, or a note that it needs matplotlib (the table has the figures)."""
    try:
        return clean_svg(draw(*args)), ""
    except ChartUnavailable as err:
        return "", f"The chart needs matplotlib ({err.message}); the table has the same figures."
