"""The diagrams layer: the views as DOT and Mermaid, and drawing them with or without Graphviz.

- ``dot``: writing DOT safely (one escaper, an attribute allowlist);
- ``styles``: colours, shapes and line styles, as data; ``canvas``: the
  frame every DOT view starts from; ``labels``: label text wrapped to
  measured widths; ``typeface`` and ``fonts/``: the one font, shipped;
  ``legend``: the legend strip added under a drawing;
- ``grouping``: systems in groups, lines between systems and groups; ``clusters``: which
  grouping (``auto``'s rule, defaults refused) and the clusters of the integration graph;
- ``links``: a label a pair of boxes, and titles, as nodes Graphviz keeps apart;
- ``landscape``, ``overview`` (one box per group, and one group drawn whole), ``areas`` (groups
  gathered in areas, for an overview too big for its page), ``journey`` with
  ``blueprint`` (its
  grid), ``question``: one module per view;
- ``mermaid``: every view as Mermaid;
- ``views``: the table of views that the library and the CLI read;
- ``render``, ``wasm_worker``, ``convert_worker``: Graphviz on PATH, or
  embedded (WebAssembly); PNG and PDF drawn by CairoSVG with the shipped font;
- ``measure``: a drawing's size, aspect, smallest text on a page, overlaps, read from its SVG;
  ``fit``: the landscape laid out a few ways, measured, the first that fits kept;
- ``diagram``: :func:`diagram` and the :class:`Diagram` object.

May import: the metrics and model layers and the foundations. Never
reports, importers or the CLI.
"""

from .diagram import EXTENSIONS, Diagram, diagram, in_frame, output_format
from .dot import Dot
from .fit import Drawn, fit_landscape
from .grouping import COLLAPSE_AT_ITEMS, GROUP_BY, collapsed, group_systems
from .journey import journey_view
from .labels import fold
from .landscape import OVERLAYS, Layout, landscape_view
from .legend import finish_svg
from .measure import MIN_TEXT, PAGES, Measure, font_size, measure, page_area
from .mermaid import journey_mermaid
from .mermaid_journey import MAX_TEXT as MERMAID_MAX_TEXT
from .mermaid_journey import mermaid_length
from .overview import group_keys, group_view, grouping
from .question import question_view
from .render import RENDERERS, render_svgs, render_within
from .views import VIEWS

__all__ = [
    "COLLAPSE_AT_ITEMS",
    "EXTENSIONS",
    "GROUP_BY",
    "MERMAID_MAX_TEXT",
    "MIN_TEXT",
    "OVERLAYS",
    "PAGES",
    "RENDERERS",
    "VIEWS",
    "Diagram",
    "Dot",
    "Drawn",
    "Layout",
    "Measure",
    "collapsed",
    "diagram",
    "finish_svg",
    "fit_landscape",
    "fold",
    "font_size",
    "group_keys",
    "group_systems",
    "group_view",
    "grouping",
    "in_frame",
    "journey_mermaid",
    "journey_view",
    "landscape_view",
    "measure",
    "mermaid_length",
    "output_format",
    "page_area",
    "question_view",
    "render_svgs",
    "render_within",
]
