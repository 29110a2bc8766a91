"""The frame every DOT view starts from: base styles, and the legend box."""

from __future__ import annotations

from .dot import Dot
from .styles import BASE, LANE

__all__ = ["legend", "start"]

Attrs = dict[str, str | int | float]


def start(name: str, **graph: str | int | float) -> Dot:
    """A new graph with silomap's base fonts and colours, plus ``graph`` attributes."""
    return Dot(name, graph={**BASE["graph"], **graph}, nodes=dict(BASE["node"]), edges=dict(BASE["edge"]))


def legend(dot: Dot, rows: list[tuple[str, str, Attrs]]) -> None:
    """Add a legend: one short line per ``(key, text, style)``, drawn in that style."""
    dot.open("cluster_legend", label="legend", **LANE["legend"])
    for key, text, style in rows:
        dot.node(f"legend:{key}:a", label="", shape="point", width=0.05)
        dot.node(f"legend:{key}:b", label=text, shape="plaintext")
        dot.edge(f"legend:{key}:a", f"legend:{key}:b", **{**style, "constraint": "true", "minlen": 1})
    dot.close()
