"""How diagrams look: colours, shapes and line styles, as data.

The model never knows a colour; the views look their styles up here.
Colours are chosen to stay distinct for the common colour-vision
deficiencies (blue/orange/red-purple rather than red/green alone) and every
meaning is also carried by a word or a line style, not by colour only.
"""

from __future__ import annotations

from .typeface import FAMILY

__all__ = [
    "BADGE",
    "BASE",
    "BLUEPRINT",
    "EDGE_BY_MODE",
    "FONT",
    "LANE",
    "LANE_FILL",
    "LIFECYCLE_WORDS",
    "OVERLAY",
    "REENTRY",
    "SYSTEM",
    "TEXT",
    "lifecycle_style",
]

FONT = FAMILY  # the shipped font (typeface.py): the same metrics everywhere
TEXT = "#1f2933"

BASE: dict[str, dict[str, str | int | float]] = {
    "graph": {"fontname": FONT, "fontsize": 12, "fontcolor": TEXT, "bgcolor": "white", "pad": 0.3},
    "node": {"fontname": FONT, "fontsize": 11, "fontcolor": TEXT, "color": "#52606d"},
    "edge": {"fontname": FONT, "fontsize": 9, "fontcolor": "#3e4c59", "color": "#7b8794"},
}

SYSTEM: dict[str, dict[str, str | int | float]] = {
    "normal": {"shape": "box", "style": "rounded,filled", "fillcolor": "#e4ecf7"},
    "isolated": {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#f5f7fa", "penwidth": 1.5},
    "unsynced": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fde8c8", "color": "#c65d00",
                 "penwidth": 1.5},
    "spreadsheet": {"shape": "note", "style": "filled", "fillcolor": "#fff6d6"},
    "group": {"shape": "box3d", "style": "filled", "fillcolor": "#e4ecf7"},
    "cover": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#c9e3ff", "color": "#1d4ed8",
              "penwidth": 2.5},
    "consulted": {"shape": "box", "style": "rounded,dashed", "color": "#6d28d9", "penwidth": 1.5},
}  # fmt: skip

EDGE_BY_MODE: dict[str, dict[str, str | int | float]] = {
    "realtime": {"style": "solid"},
    "batch": {"style": "dashed"},
    "file": {"style": "dotted", "penwidth": 1.5},
    "manual": {"style": "bold", "color": "#b42318", "fontcolor": "#b42318", "penwidth": 2.5},
}

# A system being replaced, or not there yet: greyed, its border dashed (dotted when planned), and its
# lifecycle written in the box, so the meaning does not rest on colour alone.
_LIFECYCLE: dict[str, tuple[str, dict[str, str | int | float]]] = {
    "planned": ("dotted", {"fillcolor": "#ffffff", "color": "#7b8794", "fontcolor": "#52606d"}),
    "phasing-out": ("dashed", {"fillcolor": "#eceff1", "color": "#7b8794", "fontcolor": "#52606d"}),
    "retired": ("dashed", {"fillcolor": "#d9dde1", "color": "#616e7c", "fontcolor": "#3e4c59",
                           "penwidth": 1.5}),
}  # fmt: skip
LIFECYCLE_WORDS = {"planned": "planned", "phasing-out": "phasing out", "retired": "retired"}


def lifecycle_style(base: dict[str, str | int | float], lifecycle: str) -> dict[str, str | int | float]:
    """``base`` greyed for a system ``planned``, ``phasing-out`` or ``retired``; ``base`` for ``active``.

    >>> lifecycle_style({"style": "rounded,filled", "fillcolor": "#e4ecf7"}, "retired")["style"]
    'rounded,filled,dashed'
    """
    if lifecycle not in _LIFECYCLE:
        return base
    line, colours = _LIFECYCLE[lifecycle]
    styles = [s for s in str(base.get("style", "")).split(",") if s and s not in ("dashed", "dotted", "bold")]
    return {
        **base,
        **colours,
        "style": ",".join([*styles, "filled", line] if "filled" not in styles else [*styles, line]),
    }


# Fill colours for "how many customer questions need this system", 0 to 3+.
OVERLAY = ("#f5f7fa", "#cfe4fa", "#8fbdf0", "#3f83d6")

LANE: dict[str, dict[str, str | int | float]] = {
    "customer": {"style": "filled", "fillcolor": "#fff8e6", "color": "#e0c27a"},
    "team": {"style": "filled", "fillcolor": "#f0f4f8", "color": "#9aa5b1"},
    "systems": {"style": "filled", "fillcolor": "#eef7ee", "color": "#8fbf8f"},
    "legend": {"style": "rounded", "color": "#9aa5b1"},
}

REENTRY: dict[str, dict[str, str | int | float]] = {
    "handoff": {"color": "#b42318", "fontcolor": "#b42318", "penwidth": 2.5},
    "flow": {"color": "#52606d", "penwidth": 1.5},
    "silo": {"color": "#b42318", "fontcolor": "#b42318", "style": "dashed", "penwidth": 2,
             "constraint": "false"},
    "process": {"color": "#c65d00", "fontcolor": "#c65d00", "style": "dashed", "penwidth": 1.5,
                "constraint": "false"},
    "uses": {"color": "#9aa5b1", "style": "dotted", "arrowhead": "none"},
}  # fmt: skip

# The service blueprint (journey view): lane fills by section, the badge of a step where data is typed
# again, and the boxes of the systems lane.
LANE_FILL: dict[str, dict[str, str | int | float]] = {
    "customer": {"fillcolor": "#fff8e6", "color": "#fff8e6"},
    "front": {"fillcolor": "#f0f4f8", "color": "#f0f4f8"},
    "back": {"fillcolor": "#e4e9f0", "color": "#e4e9f0"},
    "systems": {"fillcolor": "#eef7ee", "color": "#eef7ee"},
}
BADGE: dict[str, dict[str, str | int | float]] = {
    "silo": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fdecea", "color": "#b42318",
             "fontcolor": "#8a1c12", "penwidth": 1.5},
    "process": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff1e0", "color": "#c65d00",
                "fontcolor": "#7a3a00", "penwidth": 1.5},
}  # fmt: skip
BLUEPRINT: dict[str, dict[str, str | int | float]] = {
    "line": {"color": "#7b8794", "style": "dashed", "arrowhead": "none", "penwidth": 1.2},
    "system": {"shape": "box", "style": "filled", "fillcolor": "white", "color": "#8fbf8f"},
    "more": {"shape": "plaintext", "style": "", "fillcolor": "white"},
}
