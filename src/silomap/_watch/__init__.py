"""Live monitoring (``watch.md``): observe's figures kept current as events arrive, the open cases
at risk now, and rolling alerts.

- ``cases``: one open case's state and the rules that fold an event in; ``customers``: repeat
  contacts and first-contact resolution over a window of each customer's cases; ``totals``: the
  closed cases, in observe's JSON, through observe's own tallies; ``alerts``: the rolling windows;
- ``engine``: :class:`Watch`, events in (late, duplicate and malformed lines handled), cases
  closed (``close``, ``--idle``, end of input), summaries out; ``times``: timestamps and durations;
  ``notices``: the warnings, located;
- ``fields``: an event's mapped values, read once from a record; ``sources``: standard input (CSV
  or JSON lines) and a folder files land in, as events ``(source, line, values)``; ``run``:
  :func:`watch` and the objects in order; ``text``: the objects as text, and the writers
  (:data:`Emit`) the CLI writes each object through;
  ``replay``: a log paced by its timestamps, for trying a watch;
- ``live``: the terminal's live view, redrawn in place (rich); ``spark``: Spark Structured
  Streaming finds a folder's files (or a Kafka topic's values), as events like a folder's.

May import: the observed journeys, the metrics and model layers and the foundations.
"""

from .engine import Options, Row, Watch
from .live import (
    ALERTS,
    NOT_MEASURED,
    LiveView,
    counts_text,
    live_view,
    mean_text,
    means_text,
    standing,
    why_text,
)
from .notices import DUPLICATE, LATE, MALFORMED, Notices
from .run import Alert, Emit, Summary, objects, watch
from .sources import FORMATS, Folder, Interrupted, Stop, stdin_rows
from .text import alert_text, json_writer, summary_text, text_writer
from .times import duration

__all__ = [
    "ALERTS",
    "DUPLICATE",
    "FORMATS",
    "LATE",
    "MALFORMED",
    "NOT_MEASURED",
    "Alert",
    "Emit",
    "Folder",
    "Interrupted",
    "LiveView",
    "Notices",
    "Options",
    "Row",
    "Stop",
    "Summary",
    "Watch",
    "alert_text",
    "counts_text",
    "duration",
    "json_writer",
    "live_view",
    "mean_text",
    "means_text",
    "objects",
    "standing",
    "stdin_rows",
    "summary_text",
    "text_writer",
    "watch",
    "why_text",
]
