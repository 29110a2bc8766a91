"""The diagrams layer: the views as DOT and Mermaid, and drawing them with or without Graphviz.

- ``dot``: writing DOT safely (one escaper, an attribute allowlist);
- ``styles``: colours, shapes and line styles, as data; ``canvas``: the
  frame and legend every DOT view shares; ``labels``: wrapped label text;
- ``grouping``: systems in groups, and links between groups;
- ``landscape``, ``journey``, ``question``: one module per view;
- ``mermaid``: the landscape and journey views as Mermaid;
- ``views``: the table of views that the library and the CLI read;
- ``render``, ``wasm_worker``: Graphviz on PATH, or embedded (WebAssembly);
- ``diagram``: :func:`diagram` and the :class:`Diagram` object.

May import: the metrics and model layers and the foundations. Never
reports, importers or the CLI.
"""

from .diagram import EXTENSIONS, Diagram, diagram, output_format
from .grouping import GROUP_BY
from .journey import journey_view
from .labels import fold
from .landscape import OVERLAYS, landscape_view
from .mermaid import journey_mermaid
from .question import question_view
from .render import RENDERERS, render_svgs, render_within
from .views import VIEWS

__all__ = [
    "EXTENSIONS",
    "GROUP_BY",
    "OVERLAYS",
    "RENDERERS",
    "VIEWS",
    "Diagram",
    "diagram",
    "fold",
    "journey_mermaid",
    "journey_view",
    "landscape_view",
    "output_format",
    "question_view",
    "render_svgs",
    "render_within",
]
