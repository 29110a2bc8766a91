"""The reports' sections, one module a subject, and :data:`SECTIONS`, the one table of them.

Each module holds a subject's text (the terminal summary of ``silomap score``), Markdown (the
pull-request comment) and HTML (the page, from the Jinja template next to the module), and ends in
its ``SECTION`` row. The summary, the Markdown and the HTML report read :data:`SECTIONS` in order;
a row's ``after`` places it elsewhere in one format, where that format has always told it there.

To add a section: write its module (its renderers and ``SECTION``) with its template, and add
its row here; the three formats take it from there. ``report.html.j2`` is the page around
the sections' HTML.
"""

from __future__ import annotations

from . import (
    blueprints,
    components,
    cost,
    desktops,
    fixes,
    gaps,
    journeys,
    kpis,
    landscape,
    maturity,
    observed,
    parity,
    questions,
    replaced,
    since,
    stages,
    unsynced,
    whole,
)
from .formats import md_row, templates
from .maturity import maturity_text
from .observed import observed_text
from .section import FORMATS, Context, Drawings, Review, Section, ordered

__all__ = [
    "FORMATS",
    "SECTIONS",
    "Context",
    "Drawings",
    "Review",
    "Section",
    "maturity_text",
    "md_row",
    "observed_text",
    "ordered",
    "templates",
]

SECTIONS: tuple[Section, ...] = (
    stages.SECTION,
    whole.SECTION,
    components.SECTION,
    cost.SECTION,
    since.SECTION,
    maturity.SECTION,
    fixes.SECTION,
    journeys.SECTION,
    replaced.SECTION,
    blueprints.SECTION,
    kpis.SECTION,
    parity.SECTION,
    observed.SECTION,
    questions.SECTION,
    desktops.SECTION,
    unsynced.SECTION,
    gaps.SECTION,
    landscape.SECTION,
)
