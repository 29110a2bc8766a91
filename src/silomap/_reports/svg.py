"""Checking a rendered SVG before it is inlined into the HTML report."""

from __future__ import annotations

from xml.etree import ElementTree

from markupsafe import Markup

from .._errors import SilomapError

__all__ = ["clean_svg"]

_ACTIVE_TAGS = ("script", "foreignObject", "image", "iframe", "use", "animate", "set")


def clean_svg(svg: str) -> Markup:
    """Strip the XML prolog of a Graphviz SVG and refuse anything active in it.

    >>> str(clean_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg><text>a &lt; b</text></svg>'))
    '<svg><text>a &lt; b</text></svg>'
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
    return Markup(body)  # checked above; produced by Graphviz from escaped DOT
