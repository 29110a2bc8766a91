"""What the sections share in each format: names on a line of text, a Markdown table row, hours,
and the HTML templates (with autoescaping) and charts.

Every model string goes through :func:`safe_text` (text) or :func:`md` (Markdown), or through the
templates' autoescaping (HTML): model text is data, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..._charts import ChartUnavailable
from ..._diagrams import MIN_TEXT, fold
from ..._metrics import round_half_up
from ..._text import md, safe_text
from ..svg import clean_svg, printed_text

__all__ = ["MD_NAMED", "NAMED", "chart", "fragment", "hours", "join_names", "md_row", "templates"]

NAMED = 12  # names on one line of text before "+N more"
MD_NAMED = 8  # systems named in a Markdown cell before "+N more"
_NUMBER = re.compile(r"[+-]?[\d,.]+( \(\d+ / \d+\))?( of \d+)?")


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


def md_head(*columns: str, title: str = "") -> list[str]:
    """The head of a Markdown table: a blank line, then ``### title`` and a blank line if given, the
    column names and their alignment (a name ending in ``:`` is right-aligned, as figures are).

    >>> md_head("Team", "Systems:", title="Agent desktops")
    ['', '### Agent desktops', '', '| Team | Systems |', '|---|---:|']
    """
    names = " | ".join(c.removesuffix(":") for c in columns)
    align = "|".join("---:" if c.endswith(":") else "---" for c in columns)
    lead = ["", f"### {title}", ""] if title else [""]
    return [*lead, f"| {names} |", f"|{align}|"]


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


def printed_rows(rows: list[dict[str, Any]], most: int, what: str) -> str:
    """Mark the first ``most`` rows with a drawing (``svg``) as printed on paper (``printed``),
    each with the size its smallest text prints at when that is under 6 pt (``small``, else
    ``""``); say which are printed, by id, each ``what`` ("blueprint").

    >>> svg = '<svg width="9pt" height="9pt"><text font-size="9">a</text></svg>'
    >>> rows = [{"id": "a", "svg": ""}, {"id": "b", "svg": svg}]
    >>> printed_rows(rows, 2, "blueprint"), [r["printed"] for r in rows], rows[1]["small"]
    ('the blueprint of b is', [False, True], '')
    """
    names: list[str] = []
    for row in rows:
        row["printed"] = bool(row["svg"]) and len(names) < most
        size = printed_text(str(row["svg"])) if row["printed"] else None
        row["small"] = f"{size:.1f}" if size is not None and size < MIN_TEXT - 1e-9 else ""
        names += [str(row["id"])] if row["printed"] else []
    if len(names) <= 1:
        return f"the {what} of {names[0]} is" if names else f"no {what} is"
    return f"the {what}s of {', '.join(names[:-1])} and {names[-1]} are"
