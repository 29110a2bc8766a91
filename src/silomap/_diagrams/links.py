"""Lines and their labels kept apart: one label a pair of boxes, placed as a node of its own, and
titles as nodes too, so that Graphviz keeps labels off each other and lines off titles.

Graphviz places an edge's label beside the edge, where another label or a cluster's title may
already be; a node it keeps ``nodesep`` away from every other node and routes lines around it. So
the label of the lines between two boxes is a plain-text node that the lines pass through (``label:
<n>``), and a group's title is a plain-text node inside its group (``title:<key>``). When the
labels cannot fit (a page too small), they become numbers, and the legend lists each number with
the data it stands for (``keyed``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .dot import Dot
from .grouping import Line
from .labels import wrap
from .legend import Key
from .styles import EDGE_BY_MODE

__all__ = [
    "DATA_NAMED",
    "Link",
    "carried",
    "key_rows",
    "label_node",
    "link_edges",
    "pair_links",
    "title_node",
]

DATA_NAMED = 3  # data named on a label before "and N more"
LABEL_WIDTH = 26  # characters on a line of a label: narrow labels keep the drawing narrow
LABEL_NODE: dict[str, str | int | float] = {"shape": "plaintext", "fontsize": 9, "fontcolor": "#3e4c59",
                                            "margin": 0.04, "height": 0.1, "width": 0.1}  # fmt: skip
TITLE_NODE: dict[str, str | int | float] = {"shape": "plaintext", "fontsize": 12, "margin": 0.02}
_MODE_ORDER = ("realtime", "batch", "file", "manual")


@dataclass(frozen=True)
class Link:
    """The lines between two boxes (node ids ``source`` and ``target``), one a mode, and their one
    label; ``style`` is added to every line's (a pen width)."""

    source: str
    target: str
    lines: tuple[Line, ...]
    label: str
    style: tuple[tuple[str, str | int | float], ...] = ()


def carried(items: Sequence[str], limit: int = DATA_NAMED) -> str:
    """The data a line carries: the first few named, then how many more.

    >>> carried(["address", "profile", "order", "invoice", "payment"])
    'address, profile, order and 2 more'
    """
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _text(line: Line) -> str:
    """What a line carries, on one line: ``manual: address`` or ``invoice, payment (batch)``."""
    prefix = "manual: " if line.mode == "manual" else ""
    mode = "" if line.mode in ("realtime", "manual") else f" ({line.mode})"
    return prefix + carried(line.carries) + mode


def _words(line: Line) -> str:
    return wrap(_text(line), LABEL_WIDTH)


def pair_links(drawn: Sequence[Line], prefix: str = "system") -> list[Link]:
    """The lines between each pair of boxes together, labelled once: a line of the label a mode.

    >>> a = Line("crm", "bill", "realtime", ("customer", "contact"), False)
    >>> b = Line("bill", "crm", "batch", ("invoice", "payment"), False)
    >>> link = pair_links([a, b])[0]
    >>> link.source, link.target, link.label
    ('system:crm', 'system:bill', 'customer, contact\\ninvoice, payment (batch)')
    """
    pairs: dict[frozenset[str], list[Line]] = {}
    for line in drawn:
        pairs.setdefault(frozenset((line.source, line.target)), []).append(line)
    out = []
    for found in pairs.values():
        found.sort(key=lambda line: _MODE_ORDER.index(line.mode))
        first = found[0]
        label = "\n".join(_words(n) for n in found)
        out.append(Link(f"{prefix}:{first.source}", f"{prefix}:{first.target}", tuple(found), label))
    return out


def label_node(dot: Dot, n: int, link: Link, keyed: bool = False) -> None:
    """The ``n``-th link's label as a node (its number when ``keyed``): drawn inside the group of
    both its ends when they share one, so that the lines stay in their group's box."""
    dot.node(f"label:{n}", label=str(n) if keyed else link.label, tooltip=link.label, **LABEL_NODE)


def link_edges(dot: Dot, n: int, link: Link) -> None:
    """The ``n``-th link's lines, each through its label node, all one way (the link's: from its
    ``source`` box), so that Graphviz sees no cycle; an arrowhead shows each line's direction."""
    node = f"label:{n}"
    for line in link.lines:
        style = {**EDGE_BY_MODE[line.mode], **dict(link.style)}
        forward = link.source.split(":", 1)[1] == line.source
        dot.edge(link.source, node, **style, dir="back" if line.both or not forward else "none")
        dot.edge(node, link.target, **style, dir="forward" if line.both or forward else "none")


def key_rows(links: Sequence[Link], names: Mapping[str, str]) -> list[Key]:
    """The legend's entries for numbered labels: ``1: CRM - Billing: customer, contact``, each
    line's data unwrapped, the lines apart by ``;``.

    >>> a = Line("crm", "bill", "realtime", ("customer", "contact", "address"), False)
    >>> b = Line("bill", "crm", "batch", ("invoice",), False)
    >>> key_rows(pair_links([a, b]), {"system:crm": "CRM", "system:bill": "Billing"})[0].text
    '1: CRM - Billing: customer, contact, address; invoice (batch)'
    """
    return [
        Key("note", f"{n}: {_one_line(names[link.source])} - {_one_line(names[link.target])}: {data}")
        for n, link in enumerate(links, start=1)
        for data in ["; ".join(map(_text, link.lines))]
    ]


def _one_line(name: str) -> str:
    """A box's name on one line (an area's is ``area 1: payments`` over ``6 groups``)."""
    return " ".join(name.split())


def title_node(dot: Dot, key: str, title: str) -> None:
    """A group's title as a node inside the group's box: Graphviz routes lines around it."""
    dot.node(f"title:{key}", label=title, **TITLE_NODE)
