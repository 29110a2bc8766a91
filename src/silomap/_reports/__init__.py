"""The reports layer: what people read, built from the metrics and the diagrams.

- ``summary`` and ``experience``: the terminal summary of ``silomap score``;
- ``maturity``: the maturity assessment as text;
- ``comparison``: two analyses compared, for ``whatif`` and ``diff``;
- ``html`` (with ``templates/``) and ``svg``: the self-contained HTML report
  and the check of every SVG inlined into it;
- ``markdown``: the Markdown report for pull requests, and its escaper;
- ``reports``: the table of report formats and :func:`report`.

May import: the diagrams, metrics and model layers and the foundations.
Never importers or the CLI.
"""

from .comparison import comparison_text
from .diff import diff_markdown
from .maturity import maturity_text
from .observed import observed_text
from .reports import REPORTS, Baseline, format_of, report
from .summary import summary
from .svg import clean_svg

__all__ = [
    "REPORTS",
    "Baseline",
    "clean_svg",
    "comparison_text",
    "diff_markdown",
    "format_of",
    "maturity_text",
    "observed_text",
    "report",
    "summary",
]
