"""The legend: a compact table of the line styles, fills and borders a diagram uses.

Graphviz lays a legend out as part of the graph, where it takes a rank or a
cluster of its own (a third of a small picture). So the views list the keys
they used (:class:`Key`), and the legend is drawn as a strip of SVG under
the drawing once Graphviz is done: a few columns of a sample and a word,
as many columns as the drawing is wide. Legend text is silomap's own, and
escaped all the same.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .typeface import FAMILY, FONT_STACK, text_width

__all__ = ["Key", "finish_svg", "legend_svg"]

SIZE = 9.0  # points: 12 px on screen at 100%
SAMPLE, GAP, PAD, ROW = 30.0, 6.0, 14.0, 17.0
MIN_WIDTH = 420.0
_ROOT = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([\d.\s-]+)"')
_DASH = {"dashed": "5,3", "dotted": "1.5,2.5"}


@dataclass(frozen=True)
class Key:
    """One legend entry: ``kind`` is ``line``, ``box`` or ``note`` (text alone); ``style`` uses
    the DOT attribute names of :mod:`.styles` (``color``, ``fillcolor``, ``style``, ``penwidth``,
    ``arrowhead``)."""

    kind: str
    text: str
    style: dict[str, str | int | float] = field(default_factory=dict)


def _dash(style: str) -> str:
    for word, pattern in _DASH.items():
        if word in style.split(","):
            return f' stroke-dasharray="{pattern}"'
    return ""


def _sample(key: Key, x: float, y: float) -> str:
    s = key.style
    if key.kind == "note":
        return ""
    color = str(s.get("color", "#52606d"))
    width = float(s.get("penwidth", 2.0 if "bold" in str(s.get("style", "")) else 1.0))
    dash = _dash(str(s.get("style", "")))
    if key.kind == "line":
        end = x + SAMPLE - (0 if s.get("arrowhead") == "none" else 6)
        paint = quoteattr(color)
        stroke = f'stroke={paint} stroke-width="{width:g}"{dash}'
        out = f'<line x1="{x:g}" y1="{y:g}" x2="{end:g}" y2="{y:g}" {stroke}/>'
        if s.get("arrowhead") != "none":
            tip = x + SAMPLE
            out += f'<polygon points="{end:g},{y - 3.5:g} {tip:g},{y:g} {end:g},{y + 3.5:g}" fill={paint}/>'
        return out
    fill = str(s.get("fillcolor", "white")) if "filled" in str(s.get("style", "")) else "none"
    rounded = ' rx="3"' if "rounded" in str(s.get("style", "")) else ""
    return (
        f'<rect x="{x:g}" y="{y - 6:g}" width="{SAMPLE:g}" height="12"{rounded} fill={quoteattr(fill)} '
        f'stroke={quoteattr(color)} stroke-width="{width:g}"{dash}/>'
    )


def _indent(key: Key) -> float:
    return 0.0 if key.kind == "note" else SAMPLE + GAP


def legend_svg(keys: Sequence[Key], width: float) -> tuple[str, float, float]:
    """The legend as an SVG group drawn from (0, 0), with its width and height in points,
    laid out in as many columns as fit in ``width`` (at least :data:`MIN_WIDTH`)."""
    if not keys:
        return "", 0.0, 0.0
    cell = max(_indent(k) + text_width(k.text, SIZE) for k in keys) + PAD
    columns = max(1, min(len(keys), int((max(width, MIN_WIDTH) - PAD) // cell)))
    rows = math.ceil(len(keys) / columns)
    parts = [f'<text x="{PAD:g}" y="{PAD + 3:g}" font-size="{SIZE:g}" fill="#52606d">Legend</text>']
    top = PAD + 10
    for n, key in enumerate(keys):
        col, row = divmod(n, rows)  # fill down each column, so related keys stay together
        x, y = PAD + col * cell, top + row * ROW + ROW / 2
        parts.append(_sample(key, x, y))
        parts.append(
            f'<text x="{x + _indent(key):g}" y="{y + 3:g}" font-size="{SIZE:g}" fill="#1f2933">'
            f"{xml_escape(key.text)}</text>"
        )
    return "".join(parts), PAD + columns * cell, top + rows * ROW + PAD / 2


def finish_svg(svg: str, keys: Sequence[Key] = ()) -> str:
    """Add the legend under a Graphviz SVG, and name the fonts a browser may use instead of the
    shipped one (same widths under other names)."""
    svg = svg.replace(f'font-family="{FAMILY}"', f'font-family="{FONT_STACK}"')
    root = _ROOT.search(svg)
    if not keys or root is None:
        return svg
    width, height = float(root.group(1)), float(root.group(2))
    x0, y0, _, _ = (float(v) for v in root.group(3).split())
    body, legend_w, legend_h = legend_svg(keys, width)
    new_w, new_h = max(width, legend_w), height + legend_h
    head = f'<svg width="{new_w:g}pt" height="{new_h:g}pt"\n viewBox="{x0:g} {y0:g} {new_w:g} {new_h:g}"'
    opened = svg.index(">", root.end()) + 1
    paper = f'\n<rect x="{x0:g}" y="{y0:g}" width="{new_w:g}" height="{new_h:g}" fill="white"/>'
    group = (
        f'<g id="legend" class="legend" font-family="{FONT_STACK}" '
        f'transform="translate({x0:g} {y0 + height:g})">{body}</g>\n'
    )
    end = svg.rindex("</svg>")
    return svg[: root.start()] + head + svg[root.end() : opened] + paper + svg[opened:end] + group + svg[end:]
