"""A result's HTML card for a notebook: its score and band, a few figures, the worst items, and
its evidence and text folded in ``<details>``.

Like scikit-learn's estimator card: one self-contained ``<div>``, no script, every style scoped to
the card's class, so that it neither leaks into the notebook nor takes its styles. Every string
passes through :func:`safe_text` (control and bidi characters made visible), then the template's
autoescaping (``sections/card.html.j2``): model text is data, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._metrics import BANDS
from .._text import safe_text
from .sections import templates

__all__ = ["Card", "Table", "card_html"]

TONES = {name: f"b{i}" for i, (_, name, _) in enumerate(BANDS)}  # a colour a band, as the report's
ROWS = 20  # rows of a card's table shown; its title says how many there are
LINES = 200  # lines of one piece of evidence unfolded; the text and the JSON have them all


@dataclass(frozen=True)
class Table:
    """A small table of a card: its title, its header and its rows (the first column a name)."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class Card:
    """What a card shows: the kind of result and its model, the score and band (or a headline), a
    few figures (``facts``: label and value), tables of the worst items, and evidence to unfold
    (``evidence``: a title and its lines); ``text`` is the CLI's text, folded at the end."""

    kind: str
    name: str
    score: str
    band: str | None
    facts: Sequence[tuple[str, object]] = ()
    tables: Sequence[Table] = ()
    evidence: Sequence[tuple[str, Sequence[str]]] = ()
    text: str = ""
    note: str = ""  # what the headline figure is: "silo score, 0 joined up to 100 siloed"
    text_title: str = "As the command line prints it"


def _safe(value: object) -> str:
    return "not measured" if value is None else safe_text(str(value))


_NUMBER = re.compile(r"[-+]?[€$£¥]?[\d,.]+%?( (->|→) [-+]?[\d,.]+)?|-|not measured|not costed")


def _cell(value: object) -> tuple[str, bool]:
    """A cell's text, and whether it is text (left-aligned) rather than a figure (right-aligned)."""
    shown = _safe(value)
    return shown, not _NUMBER.fullmatch(shown)


def _table(t: Table) -> dict[str, Any]:
    """A table's cells, each with whether it is text; a column's head aligns as its first row. At
    most :data:`ROWS` rows, the title saying so when there are more."""
    rows = [[_cell(c) for c in row] for row in t.rows[:ROWS]]
    lefts = [text for _, text in rows[0]] if rows else [i == 0 for i in range(len(t.header))]
    more = f" (the first {ROWS} of {len(t.rows):,})" if len(t.rows) > ROWS else ""
    return {
        "title": _safe(t.title) + more,
        "header": list(zip([_safe(h) for h in t.header], lefts, strict=False)),
        "rows": rows,
    }


def _evidence(title: str, lines: Sequence[str]) -> tuple[str, str, list[str]]:
    """A piece of evidence: its title, how many lines it has, and at most :data:`LINES` of them (then
    how many more)."""
    shown = [_safe(line) for line in lines[:LINES]]
    more = [f"… and {len(lines) - LINES:,} more"] if len(lines) > LINES else []
    return _safe(title), f"{len(lines):,}", shown + more


def card_html(card: Card) -> str:
    """The card as HTML: one ``<div class="silomap-card">`` with its scoped styles, no script.

    >>> html = card_html(Card("Analysis", "<b>Bank</b>", "40.0", "partly integrated"))
    >>> "&lt;b&gt;Bank&lt;/b&gt;" in html, "<script" in html
    (True, False)
    >>> html = card_html(Card("Diff", "Bank", "1.0", None, evidence=[("New", ["x"] * 250)]))
    >>> "<summary>New (250)</summary>" in html, html.count("<li>"), "<li>… and 50 more</li>" in html
    (True, 201, True)
    """
    values = {
        "kind": _safe(card.kind),
        "name": _safe(card.name),
        "score": _safe(card.score),
        "band": None if card.band is None else _safe(card.band),
        "tone": TONES.get(card.band or "", "none"),
        "note": _safe(card.note),
        "facts": [(_safe(k), *_cell(v)) for k, v in card.facts],
        "tables": [_table(t) for t in card.tables if t.rows],
        "evidence": [_evidence(title, lines) for title, lines in card.evidence if lines],
        "text_title": _safe(card.text_title),
        "text": card.text,  # the CLI's text: every name in it is escaped by safe_text already
    }
    return templates().get_template("card.html.j2").render(values)
