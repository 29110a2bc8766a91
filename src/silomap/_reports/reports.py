"""The report formats, declared once, and :func:`report`, the library's way to write one.

To add a format: write its module (a function from a model and its
analysis to text) and add one row to :data:`REPORTS`; ``silomap report
--format`` and ``silomap.report(fmt=...)`` take it from there.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

from .._cost import Cost, Rates, cost, seen_association
from .._errors import UsageError
from .._maturity import Assessment, Maturity, assess
from .._metrics import Analysis, HistoryPoint, analyze
from .._model import Model, need, need_model, old_spellings
from .._observed import Observed
from .html import html_report
from .markdown import markdown_report
from .pdf import html_to_pdf, need_weasyprint

__all__ = ["REPORTS", "Baseline", "ReportFormat", "format_of", "report"]


@dataclass(frozen=True)
class ReportFormat:
    """One report format: its name, the file extensions that ask for it, how to make it (text,
    or bytes for a binary format such as PDF), and a check, before any work, that what it needs
    is installed (raising :class:`~silomap.UsageError` that says how to install it)."""

    name: str
    suffixes: tuple[str, ...]
    help: str
    make: Callable[[Model, Analysis, str, Extras], str | bytes]
    ready: Callable[[], object] = lambda: None


@dataclass(frozen=True)
class Extras:
    """What a report may add to the model's own figures: a baseline, a maturity assessment, a log,
    the cost of the silos."""

    baseline: Baseline | None = None
    maturity: Maturity | None = None
    observed: Observed | None = None
    cost: Cost | None = None


@dataclass(frozen=True)
class Baseline:
    """The model at the last review (another path or a git revision), and the trend since, if known.

    Parameters
    ----------
    model
        The model as it was at the last review.
    label
        How the report names it (``"last review"``, a revision).
    history
        The scores since, oldest first (:func:`silomap.history`), when known.

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> html = silomap.report(model, baseline=Baseline(model, "last review"))
    >>> "last review" in html
    True
    """

    model: Model
    label: str
    history: tuple[HistoryPoint, ...] = ()


REPORTS: dict[str, ReportFormat] = {
    "html": ReportFormat("html", (".html", ".htm"), "one self-contained HTML page, offline in any browser",
                         lambda model, analysis, renderer, x: html_report(
                             model, analysis, renderer, x.baseline, x.maturity, x.observed, x.cost)),
    "md": ReportFormat("md", (".md", ".markdown"),
                       "short Markdown with a Mermaid blueprint, for pull requests",
                       lambda model, analysis, renderer, x: markdown_report(
                           model, analysis, baseline=x.baseline, maturity=x.maturity, observed=x.observed,
                           cost=x.cost)),
    "pdf": ReportFormat("pdf", (".pdf",), "the HTML report laid out on A4 pages, the landscape on A3 "
                        "(needs pip install 'silomap[pdf]')",
                        lambda model, analysis, renderer, x: html_to_pdf(html_report(
                            model, analysis, renderer, x.baseline, x.maturity, x.observed, x.cost)),
                        ready=need_weasyprint),
}  # fmt: skip
DEFAULT = "html"


def _need_extras(
    analysis: object, baseline: object, assessment: object, observed: object, rates: object
) -> None:
    """Check the optional inputs of :func:`report`, each naming its parameter when it is wrong."""
    need(rates, (Rates, str, os.PathLike), "rates", "a rates file or a silomap.Rates", optional=True)
    need(analysis, Analysis, "analysis", "a silomap.Analysis of the model", optional=True)
    need(baseline, Baseline, "baseline", "a silomap.Baseline (the model of the last review)", optional=True)
    need(
        assessment,
        Assessment,
        "assessment",
        "a silomap.Assessment (silomap.load_assessment(path))",
        optional=True,
    )
    need(
        observed, Observed, "observed", "a silomap.Observed (silomap.observe(model, mapping))", optional=True
    )


def _chosen(fmt: str) -> ReportFormat:
    """The format ``fmt`` names, once what it needs is known to be installed."""
    chosen = REPORTS.get(fmt)
    if chosen is None:
        raise UsageError(f"{{param}} must be one of {', '.join(REPORTS)}, not {fmt!r}", param="fmt")
    chosen.ready()
    return chosen


def format_of(path: Path, asked: str | None = None) -> str:
    """The report format a file name asks for, by its extension; an unknown one is refused, as
    is one that contradicts the format ``asked``.

    >>> format_of(Path("pr-comment.md")), format_of(Path("report.HTML"))
    ('md', 'html')
    """
    suffix = path.suffix.lower()
    found = next((name for name, row in REPORTS.items() if suffix in row.suffixes), None)
    known = ", ".join(s for row in REPORTS.values() for s in row.suffixes)
    if found is None:
        raise UsageError(
            f"unknown report extension {suffix or 'none'!r} for {{param}}; use one of {known}", param="path"
        )
    if asked is not None and asked != found:
        raise UsageError(
            f"{{fmt={asked}}} but {{param}} ends in {suffix}; "
            f"use one of {', '.join(REPORTS[asked].suffixes)}",
            param="path",
            mentions=("fmt",),
        )
    return found


@overload
def report(
    model: Model,
    fmt: Literal["html", "md"] = ...,
    *,
    renderer: str = ...,
    analysis: Analysis | None = ...,
    baseline: Baseline | None = ...,
    assessment: Assessment | None = ...,
    observed: Observed | None = ...,
    rates: Rates | str | os.PathLike[str] | None = ...,
) -> str: ...
@overload
def report(
    model: Model,
    fmt: Literal["pdf"],
    *,
    renderer: str = ...,
    analysis: Analysis | None = ...,
    baseline: Baseline | None = ...,
    assessment: Assessment | None = ...,
    observed: Observed | None = ...,
    rates: Rates | str | os.PathLike[str] | None = ...,
) -> bytes: ...
@overload
def report(
    model: Model,
    fmt: str = ...,
    *,
    renderer: str = ...,
    analysis: Analysis | None = ...,
    baseline: Baseline | None = ...,
    assessment: Assessment | None = ...,
    observed: Observed | None = ...,
    rates: Rates | str | os.PathLike[str] | None = ...,
) -> str | bytes: ...
@old_spellings(renamed={"format": "fmt"})
def report(
    model: Model,
    fmt: str = DEFAULT,
    *,
    renderer: str = "auto",
    analysis: Analysis | None = None,
    baseline: Baseline | None = None,
    assessment: Assessment | None = None,
    observed: Observed | None = None,
    rates: Rates | str | os.PathLike[str] | None = None,
) -> str | bytes:
    """The CIO report of a model: ``html`` (one self-contained page) or ``md`` as text, ``pdf``
    as bytes (``pip install 'silomap[pdf]'``); each input given adds its section (``rates``: what
    the silos cost, also on the first screen).

    Parameters
    ----------
    model
        A valid model.
    fmt
        ``html``, ``md`` or ``pdf``.
    renderer
        How diagrams are drawn: ``auto``, ``system`` or ``embedded``.
    analysis
        The model's analysis, when it is at hand (else it is measured).
    baseline, assessment, observed
        The model of the last review (:class:`silomap.Baseline`), a self-assessment
        (:func:`silomap.load_assessment`), what an event log shows (:func:`silomap.observe`).
    rates
        A rates file or :class:`silomap.Rates` (:func:`silomap.cost`; with a log, transfers too).

    Returns
    -------
    str or bytes
        The report's text; for ``pdf``, the PDF's bytes.

    Raises
    ------
    silomap.UsageError
        An unknown ``fmt``, an argument of another kind (naming it), ``pdf`` without WeasyPrint.
    silomap.ModelError
        The model is invalid.
    silomap.ToolError
        A diagram could not be drawn (Graphviz missing or too slow).

    Examples
    --------
    >>> import silomap
    >>> text = silomap.report(silomap.load("models/retail-bank"), "md")
    >>> text.splitlines()[0]
    '## Silo report: Northwind Retail Bank'
    """
    need_model(model)
    _need_extras(analysis, baseline, assessment, observed, rates)
    chosen = _chosen(fmt)
    analysis = analysis or analyze(model)
    maturity = None if assessment is None else assess(model, assessment, analysis=analysis)
    priced = None if rates is None else _priced(model, analysis, rates, observed)
    return chosen.make(model, analysis, renderer, Extras(baseline, maturity, observed, priced))


def _priced(
    model: Model, analysis: Analysis, rates: Rates | str | os.PathLike[str], observed: Observed | None
) -> Cost:
    """The cost of the silos at ``rates``; with a log, what transfers go with in it (read once)."""
    found = cost(model, rates, analysis=analysis)
    if observed is None:
        return found
    minute = found.rates.customer_minute
    return dataclasses.replace(found, observed=seen_association(observed, model, customer_minute=minute))
