"""The reports layer: what people read, built from the metrics and the diagrams.

- ``sections``: one module a section of the reports (stages, KPIs, maturity, what the log
  shows, ...) with its text, Markdown and HTML side by side, and ``SECTIONS``, the one
  table of them; ``sections.maturity`` and ``sections.observed`` also hold the text of
  ``silomap assess`` and ``silomap observe``;
- ``summary``: the terminal summary of ``silomap score``, the sections' text;
- ``markdown``: the Markdown report for pull requests, the sections' Markdown;
- ``html`` and ``svg``: the self-contained HTML page (``sections/report.html.j2``) around the
  sections' HTML, its diagrams, and the check of every SVG inlined into it;
- ``live``: the live page of ``silomap watch --html``, rewritten atomically at each summary;
- ``comparison``: two analyses compared, for ``whatif`` and ``diff``; ``fixes``, ``history``: the
  text of those commands;
- ``display`` and ``cards``: ``DISPLAYS``, how each result shows itself (its CLI text, its repr,
  its HTML card in a notebook);
- ``reports``: the table of report formats and :func:`report`.

May import: the diagrams, metrics and model layers, a watch's words and the foundations.
Never importers or the CLI.
"""

from .comparison import comparison_text, diff_text, priced_text, whatif_text
from .diff import diff_markdown
from .display import DISPLAYS, DRAFT
from .fixes import fixes_text
from .history import history_text
from .live import LivePage, live_page
from .reports import REPORTS, Baseline, format_of, report
from .sections import maturity_text, observed_text
from .summary import summary
from .svg import clean_svg

__all__ = [
    "DISPLAYS",
    "DRAFT",
    "REPORTS",
    "Baseline",
    "LivePage",
    "clean_svg",
    "comparison_text",
    "diff_markdown",
    "diff_text",
    "fixes_text",
    "format_of",
    "history_text",
    "live_page",
    "maturity_text",
    "observed_text",
    "priced_text",
    "report",
    "summary",
    "whatif_text",
]
