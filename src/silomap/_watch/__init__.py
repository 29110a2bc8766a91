"""Live monitoring (``watch.md``): the views of a watch's summaries and alerts.

- ``live``: the terminal view, redrawn in place (rich);
- ``spark``: Spark Structured Streaming on a folder, as a source of rows.
"""

from .live import LiveView, live_view

__all__ = ["LiveView", "live_view"]
