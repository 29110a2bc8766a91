"""Live monitoring (``watch.md``): the views of a watch's summaries and alerts.

- ``live``: the terminal view, redrawn in place (rich);
- ``spark``: Spark Structured Streaming on a folder, as a source of rows.
"""

from .live import (
    ALERTS,
    NOT_MEASURED,
    LiveView,
    alert_text,
    counts_text,
    live_view,
    mean_text,
    means_text,
    standing,
    why_text,
)

__all__ = [
    "ALERTS",
    "NOT_MEASURED",
    "LiveView",
    "alert_text",
    "counts_text",
    "live_view",
    "mean_text",
    "means_text",
    "standing",
    "why_text",
]
