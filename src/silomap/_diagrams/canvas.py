"""The frame every DOT view starts from: base fonts and colours.

The legend is not part of the DOT: views list their keys (:meth:`Dot.key`) and
:func:`silomap._diagrams.legend.finish_svg` draws them under the picture.
"""

from __future__ import annotations

from .dot import Dot
from .styles import BASE

__all__ = ["start"]


def start(name: str, **graph: str | int | float) -> Dot:
    """A new graph with silomap's base fonts and colours, plus ``graph`` attributes."""
    return Dot(name, graph={**BASE["graph"], **graph}, nodes=dict(BASE["node"]), edges=dict(BASE["edge"]))
