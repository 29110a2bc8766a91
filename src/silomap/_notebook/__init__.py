"""The notebook layer: an interactive what-if over the ranked fixes.

- ``ticked``: the plain functions: the model with the ticked fixes made (through
  :func:`silomap.whatif`), its score, components and a journey's blueprint, as HTML; tested
  without a browser;
- ``widget``: :class:`WhatIf`, the ipywidgets panel that shows them (``pip install
  'silomap[notebook]'``), checkboxes and a journey to draw.

May import: changes, diagrams, metrics, the model and the foundations. ipywidgets is optional and
imported only when a panel is made.
"""

from .ticked import Ticked, ticked, ticked_html
from .widget import WhatIf

__all__ = ["Ticked", "WhatIf", "ticked", "ticked_html"]
