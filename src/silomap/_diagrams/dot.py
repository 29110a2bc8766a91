"""Writing DOT safely: one escaper, a fixed attribute allowlist, stable order.

Model text is untrusted and Graphviz interprets a lot of it: ``\\N`` and
``\\G`` expand to names, ``&amp;`` to ``&``, ``<...>`` makes an HTML label,
and ``stylesheet``, ``URL``, ``image`` or ``fontname`` reach the SVG or the
file system. So:

- node ids come from model ids only (they match ``^[a-z0-9][a-z0-9._-]*$``),
  prefixed by their kind, and are always quoted;
- model text goes only into ``label``, ``tooltip`` and ``xlabel``, through
  :func:`quote`;
- every other attribute comes from silomap's own style table, and an
  attribute outside :data:`ALLOWED` is a bug that fails loudly.

Statements are written in the order they are added, so the same model gives
byte-identical DOT.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .legend import Key

__all__ = ["ALLOWED", "Dot", "quote"]

ALLOWED = frozenset(
    {
        "label",
        "tooltip",
        "xlabel",
        "shape",
        "style",
        "fillcolor",
        "color",
        "fontcolor",
        "fontname",
        "fontsize",
        "penwidth",
        "arrowhead",
        "arrowtail",
        "dir",
        "constraint",
        "rankdir",
        "rank",
        "nodesep",
        "ranksep",
        "newrank",
        "compound",
        "splines",
        "margin",
        "width",
        "height",
        "fixedsize",
        "labeljust",
        "labelloc",
        "weight",
        "minlen",
        "group",
        "concentrate",
        "bgcolor",
        "pad",
        "peripheries",
        "ordering",
        "pos",
        "tailport",
        "headport",
        "layout",
        "outputorder",
        "labelfloat",
        "pack",
        "packmode",
    }
)
_TEXT = frozenset({"label", "tooltip", "xlabel"})


def quote(text: str) -> str:
    r"""Quote ``text`` as a DOT string that Graphviz shows literally.

    Backslashes are doubled (so ``\N`` is not the node name), quotes escaped,
    ``&`` written as ``&amp;`` (Graphviz decodes entities in labels), and line
    breaks become Graphviz's centred line break.

    >>> print(quote('say "hi" & C:\\dir\\'))
    "say \"hi\" &amp; C:\\dir\\"
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _pair(key: str, value: str | int | float) -> str:
    if key not in ALLOWED:
        raise ValueError(f"DOT attribute {key!r} is not allowed")
    if key in _TEXT or isinstance(value, str):
        return f"{key}={quote(str(value))}"
    return f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}"


def _attrs(attrs: dict[str, str | int | float]) -> str:
    parts = [_pair(key, value) for key, value in attrs.items()]
    return f" [{', '.join(parts)}]" if parts else ""


@dataclass
class Dot:
    """A directed graph in DOT, built statement by statement.

    >>> d = Dot("landscape", graph={"rankdir": "LR"})
    >>> d.node("system:crm", label="CRM <b>")
    >>> d.edge("system:crm", "system:erp", label="address")
    >>> print(d.source())
    digraph "landscape" {
      graph [rankdir="LR"]
      "system:crm" [label="CRM <b>"]
      "system:crm" -> "system:erp" [label="address"]
    }
    <BLANKLINE>
    """

    name: str
    graph: dict[str, str | int | float] = field(default_factory=dict)
    nodes: dict[str, str | int | float] = field(default_factory=dict)
    edges: dict[str, str | int | float] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    depth: int = 1
    legend: list[Key] = field(default_factory=list)

    def node(self, ident: str, **attrs: str | int | float) -> None:
        """Add a node; ``ident`` must come from model ids, never from model text."""
        self.lines.append(f"{'  ' * self.depth}{quote(ident)}{_attrs(attrs)}")

    def edge(self, tail: str, head: str, **attrs: str | int | float) -> None:
        """Add an edge between two node ids."""
        self.lines.append(f"{'  ' * self.depth}{quote(tail)} -> {quote(head)}{_attrs(attrs)}")

    def open(self, ident: str, **attrs: str | int | float) -> None:
        """Open a subgraph (a ``cluster_`` id draws a box); close it with :meth:`close`."""
        pad = "  " * self.depth
        self.lines.append(f"{pad}subgraph {quote(ident)} {{")
        self.lines += [f"{pad}  {_pair(key, value)}" for key, value in attrs.items()]
        self.depth += 1

    def close(self) -> None:
        """Close the innermost subgraph."""
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}}}")

    def same_rank(self, idents: list[str]) -> None:
        """Keep these nodes on one rank."""
        ids = "; ".join(quote(i) for i in idents)
        self.lines.append(f"{'  ' * self.depth}{{rank=same; {ids}}}")

    def key(self, kind: str, text: str, style: dict[str, str | int | float]) -> None:
        """Add a legend entry (drawn under the picture, not in the DOT), once per text."""
        if all(k.text != text for k in self.legend):
            self.legend.append(Key(kind, text, dict(style)))

    def source(self) -> str:
        """The DOT text."""
        head = [f"digraph {quote(self.name)} {{"]
        for kind, attrs in (("graph", self.graph), ("node", self.nodes), ("edge", self.edges)):
            if attrs:
                head.append(f"  {kind}{_attrs(attrs)}")
        return "\n".join([*head, *self.lines, "}"]) + "\n"
