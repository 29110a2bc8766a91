"""A laid-out drawing measured from Graphviz's own SVG: its size, its aspect, its smallest text at
the scale of a page, and the labels and titles that overlap or that a line runs through.

Graphviz writes every text with its position (``x``, ``y``, ``text-anchor``) and size
(``font-size``); its width is measured with the shipped font (:func:`.typeface.text_width`), the
font Graphviz laid it out with. A text's box runs from 0.75 of its size above the baseline to 0.2
below (the capitals and the descenders of Liberation Sans), with room around it:
two texts must be two sizes apart on a line (an em each side; closer, they read as one line) and
half a size above one another. The texts of one edge are its label, those of one cluster its
title, as are the nodes that stand for a label or a title (``label:<n>``, ``title:<key>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree import ElementTree

from .._errors import UsageError
from .typeface import text_width

__all__ = ["MARGIN_MM", "MIN_TEXT", "PAGES", "Measure", "font_size", "measure", "page_area"]

MM = 72 / 25.4  # points in a millimetre
MARGIN_MM = 10.0  # each side of a page, kept free
MIN_TEXT = 6.0  # points: the smallest text that reads on paper or a slide
PAGES = {"a3": (420.0, 297.0), "a4": (297.0, 210.0), "16:9": (338.7, 190.5)}  # landscape, in mm
_SVG = "{http://www.w3.org/2000/svg}"
_PLACED = ("label:", "title:")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)")  # "9", "9.00", "9pt": points (user units)
_STYLED = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)(?:px|pt)?")

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Measure:
    """What :func:`measure` reads from a drawing.

    ``width`` and ``height`` in points; ``aspect`` is width / height; ``smallest`` the smallest
    text in points once the drawing is fitted to the page (``None`` without a page); ``overlaps``
    the pairs of an edge label or a cluster title overlapping another text; ``crossings`` the
    lines that run through a cluster title or another edge's label.
    """

    width: float
    height: float
    aspect: float
    scale: float | None
    smallest: float | None
    overlaps: int
    crossings: int


def page_area(page: str) -> tuple[float, float]:
    """The printable width and height of a page in points: the page, landscape, less its margins.

    >>> [round(v, 1) for v in page_area("a3")]
    [1133.9, 785.2]
    """
    if page not in PAGES:
        raise UsageError(f"{{param}} must be one of {', '.join(PAGES)}, not {page!r}", param="page")
    width, height = PAGES[page]
    return (width - 2 * MARGIN_MM) * MM, (height - 2 * MARGIN_MM) * MM


def font_size(text: ElementTree.Element) -> float:
    """The size of an SVG text in the drawing's units: its ``font-size``, as Graphviz writes it,
    else the one in its ``style`` (as Matplotlib writes it), else 14 (Graphviz's default).

    >>> font_size(ElementTree.fromstring('<text style="font-size: 10px; font-family: Arial">a</text>'))
    10.0
    >>> font_size(ElementTree.fromstring('<text font-size="9pt">a</text>'))
    9.0
    """
    found = _SIZE.match(text.get("font-size", "")) or _STYLED.search(text.get("style", ""))
    return float(found.group(1)) if found else 14.0


def _text_box(text: ElementTree.Element) -> tuple[Box, float]:
    size = font_size(text)
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    width = text_width("".join(text.itertext()), size)
    left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", "start"), x)
    return (left, y - 0.75 * size, left + width, y + 0.2 * size), size


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _meet(a: Box, b: Box, size: float) -> bool:
    """Whether two boxes come closer than ``size`` side by side or a quarter ``size`` one above the other."""
    x, y = size, size / 4
    return a[0] - x < b[2] + x and b[0] - x < a[2] + x and a[1] - y < b[3] + y and b[1] - y < a[3] + y


def _curve(d: str) -> list[tuple[float, float]]:
    """Points along a Graphviz edge path (``M x,y C x,y x,y x,y ...``), 20 a cubic segment."""
    values = [float(v) for v in _NUMBER.findall(d)]
    points = list(zip(values[::2], values[1::2], strict=False))
    out = points[:1]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, 21):
            t = step / 20
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            x = a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0]
            out.append((x, a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


Part = tuple[int, Box, float]  # whose (an edge's number, or a title's), its box, its text size


def _parts(root: ElementTree.Element) -> tuple[list[Part], list[list[tuple[float, float]]], float]:
    """Each edge label and cluster title; each edge's points; the smallest text size."""
    boxes: list[Part] = []
    paths: list[list[tuple[float, float]]] = []
    smallest = float("inf")
    for n, group in enumerate(root.iter(f"{_SVG}g")):
        kind = group.get("class", "")
        texts = [_text_box(t) for t in group.findall(f"{_SVG}text")]
        texts += [_text_box(t) for a in group.iter(f"{_SVG}a") for t in a.findall(f"{_SVG}text")]
        smallest = min([smallest, *(size for _, size in texts)])
        if kind == "edge":
            paths.append([p for path in group.iter(f"{_SVG}path") for p in _curve(path.get("d", ""))])
            whose = len(paths) - 1
        elif kind == "cluster":
            whose = -n - 1
        elif kind == "node" and (group.findtext(f"{_SVG}title") or "").startswith(_PLACED):
            whose = -n - 1  # a label or a title drawn as a node of its own (``links``)
        else:
            continue
        if texts:
            boxes.append((whose, _union([b for b, _ in texts]), min(size for _, size in texts)))
    return boxes, paths, smallest


def measure(svg: str, page: str | None = None) -> Measure:
    """Measure a Graphviz SVG (a silomap drawing, its legend too), fitted to ``page`` if given.

    The drawing is fitted to the page's printable area (:func:`page_area`) and never enlarged:
    its scale is the smallest of 1, the area's width over its width and the height over its height.

    >>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="2000pt" height="500pt">'
    ...        '<g class="cluster"><text x="50" y="20" font-size="12">Sales</text></g>'
    ...        '<g class="edge"><path d="M0,18C20,18 40,18 60,18"/>'
    ...        '<text x="55" y="22" font-size="9">order</text></g></svg>')
    >>> m = measure(svg, "a3")
    >>> m.aspect, round(m.scale, 3), round(m.smallest, 2), m.overlaps, m.crossings
    (4.0, 0.567, 5.1, 1, 1)
    """
    root = ElementTree.fromstring(svg[svg.find("<svg") :] if "<svg" in svg else svg)
    width = float(root.get("width", "0").removesuffix("pt"))
    height = float(root.get("height", "0").removesuffix("pt"))
    boxes, paths, smallest = _parts(root)
    overlaps = sum(
        1
        for i, (whose, box, size) in enumerate(boxes)
        for other, other_box, other_size in boxes[i + 1 :]
        if whose != other and _meet(box, other_box, min(size, other_size))
    )
    crossings = sum(
        1
        for n, points in enumerate(paths)
        for whose, box, _ in boxes
        if whose != n and any(_inside(p, box) for p in points)
    )
    scale = None
    if page is not None:
        area_w, area_h = page_area(page)
        scale = min(1.0, area_w / width, area_h / height) if width and height else 1.0
    small = None if scale is None or smallest == float("inf") else smallest * scale
    return Measure(width, height, width / height if height else 0.0, scale, small, overlaps, crossings)
