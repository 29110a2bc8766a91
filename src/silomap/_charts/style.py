"""How charts look, in one place: sizes, fonts and colours shared with the diagrams and the report."""

from __future__ import annotations

__all__ = ["BAR", "GRID", "MUTED", "NOW", "RC", "TEXT"]

TEXT = "#1f2933"
BAR = "#1d4ed8"
NOW = "#b42318"
GRID = "#d9e2ec"
MUTED = "#9aa5b1"

# matplotlib settings for every chart: text stays text (searchable, readable, no glyph copies),
# ids and dates are fixed so the same data gives the same bytes
RC: dict[str, object] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "silomap",
    "font.family": "sans-serif",
    "font.sans-serif": ["Helvetica", "Arial", "Liberation Sans", "DejaVu Sans"],
    "font.size": 10,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": GRID,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
