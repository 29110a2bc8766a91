"""Checking a rendered SVG before it is inlined into the HTML report, and the width it prints at."""

from __future__ import annotations

import math
from xml.etree import ElementTree

from markupsafe import Markup

from .._diagrams import MIN_TEXT, font_size
from .._errors import SilomapError

__all__ = ["FIGURE_AREA", "clean_svg", "fitted_width", "printed_text"]

MM = 72 / 25.4  # points in a millimetre
# where a drawing prints on an A4 page: its 186-mm width within 12-mm margins, and 250 of its
# 273 mm high, the rest left for the heading and the lines above the drawing
FIGURE_AREA = (186 * MM, 250 * MM)

_ACTIVE_TAGS = ("script", "foreignObject", "image", "iframe", "use", "animate", "set")


def fitted_width(width: float, height: float, smallest: float, area: tuple[float, float]) -> float:
    """The width in points at which a drawing prints: its smallest text at 6 points (never
    enlarged), or smaller when that is too big for ``area`` (width and height in points).

    Parameters
    ----------
    width, height
        The drawing's own size, in points.
    smallest
        Its smallest text at its own size, in points.
    area
        The printable width and height it must stay within.

    Returns
    -------
    float
        Its printed width in points, rounded up to a tenth: never under the scale's text.

    Examples
    --------
    A blueprint 738 x 662 pt whose smallest text is 9 pt prints at 6 / 9 of its size on A4:

    >>> fitted_width(738.0, 662.0, 9.0, FIGURE_AREA)
    492.0
    """
    scale = min(1.0, MIN_TEXT / smallest, area[0] / width, area[1] / height)
    return math.ceil(width * scale * 10) / 10


def _sized(root: ElementTree.Element) -> tuple[float, float, float] | None:
    """An SVG's width and height in points and its smallest text, or ``None`` when it has no size
    or text to go by."""
    texts = [t for t in root.iter() if t.tag.rsplit("}", 1)[-1] == "text" and "".join(t.itertext()).strip()]
    sizes = [font_size(t) for t in texts]
    try:
        width = float(root.get("width", "").removesuffix("pt"))
        height = float(root.get("height", "").removesuffix("pt"))
    except ValueError:
        return None
    if not sizes or width <= 0 or height <= 0 or min(sizes) <= 0:
        return None
    return width, height, min(sizes)


def _printed(root: ElementTree.Element, area: tuple[float, float]) -> str:
    """The ``style`` that gives an SVG its printed width (``--print-width``, read by the page's
    print rules), or ``""`` when it has no size or text to go by."""
    sized = _sized(root)
    return "" if sized is None else f"--print-width: {fitted_width(*sized, area):g}pt"


def printed_text(svg: str, area: tuple[float, float] = FIGURE_AREA) -> float | None:
    """The size in points at which a drawing's smallest text prints (:func:`fitted_width`): 6,
    or less for a drawing too big for ``area`` at that size; ``None`` without size or text.

    >>> printed_text('<svg width="90pt" height="30pt"><text font-size="9">a</text></svg>')
    6.0
    >>> round(printed_text('<svg width="600pt" height="1800pt"><text font-size="9">a</text></svg>'), 2)
    3.54
    """
    sized = _sized(ElementTree.fromstring(svg[svg.find("<svg") :]))
    if sized is None:
        return None
    width, height, smallest = sized
    return smallest * fitted_width(width, height, smallest, area) / width


def clean_svg(svg: str, *, area: tuple[float, float] | None = FIGURE_AREA) -> Markup:
    """Strip the XML prolog of a Graphviz SVG and refuse anything active in it; give it the width
    it prints at within ``area`` (:func:`fitted_width`), unless ``area`` is ``None``.

    >>> str(clean_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg><text>a &lt; b</text></svg>'))
    '<svg><text>a &lt; b</text></svg>'
    >>> str(clean_svg('<svg width="90pt" height="30pt"><text font-size="9">a</text></svg>'))
    '<svg style="--print-width: 60pt" width="90pt" height="30pt"><text font-size="9">a</text></svg>'
    """
    start = svg.find("<svg")
    body = svg[start:].strip() if start >= 0 else ""
    try:  # no DTD is left, so the parser expands no entity
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise SilomapError("a rendered diagram is not well-formed SVG; refusing to inline it") from None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        names = [name.rsplit("}", 1)[-1] for name in element.attrib]
        values = " ".join(element.attrib.values()).lower()
        if (
            tag in _ACTIVE_TAGS
            or "href" in names
            or any(n.startswith("on") for n in names)
            or "javascript:" in values
        ):
            raise SilomapError("a rendered diagram contains active content; refusing to inline it")
    style = _printed(root, area) if area is not None and "style" not in root.attrib else ""
    if style:
        body = f'<svg style="{style}"{body[4:]}'
    return Markup(body)  # checked above; produced by Graphviz from escaped DOT
