"""The journey view as DOT: a service blueprint of one journey.

Lanes run top to bottom in blueprint order (the customer; each team's front
stage, on customer-facing channels; each team's back stage, on ``internal``;
then the systems each step uses), separated by the line of interaction, the
line of visibility and the line of internal interaction. Steps are columns
in journey order; a long journey wraps into rows (:mod:`.blueprint`).
Hand-offs are red arrows. A re-entry is a badge on the step that asks
again, naming the data, silo or process, and the step it came from, so no
arrow crosses the drawing.
"""

from __future__ import annotations

from .._metrics import Analysis, JourneyFigure, log_evidence
from .._model import Journey, Model, Step, by_id, names
from .._text import plural
from .blueprint import (
    HEADER,
    PAD,
    ROW_TITLE,
    Geometry,
    column_width,
    geometry,
    head_y,
    lane_key,
    line_name,
    row_lanes,
    rows,
)
from .canvas import start
from .dot import Dot
from .labels import fit, widest_word
from .styles import BADGE, BLUEPRINT, LANE_FILL, LIFECYCLE_WORDS, REENTRY, lifecycle_style
from .typeface import text_width

__all__ = ["journey_view"]

STEP, SMALL = 10.0, 9.0  # font sizes in points
MAX_SYSTEMS = 4  # systems listed under a step before "+N more"
SYSTEMS_LANE = 0.36  # the least content of the systems lane: room for its line's name and its title
KEYS = {  # the legend, in the order a reader meets these
    "flow": "next step",
    "handoff": "hand-off to another team or the customer",
    "silo": "typed again, silo: no system of this step could have it; from step N: where it was given",
    "process": "typed again, process: it was in the step's systems; from step N: where it came from",
    "uses": "the step uses the systems under it",
    "observed": "observed N%: the share of the event log's cases that made this hand-off",
    "planned": "planned system: not in use yet",
    "phasing-out": "system phasing out: being replaced",
    "retired": "retired system: replaced, still used here",
    "line": "line of interaction, visibility or internal interaction",
}


def _height(lines: int, size: float, margin: float = 0.06) -> float:
    """A box's height in inches for ``lines`` of text (Graphviz spaces lines at 1.2 em)."""
    return round((lines * size * 1.2) / 72 + 2 * margin + 0.02, 3)


def _observed(share: float | None) -> str:
    """A hand-off's observed share, as its arrow says it.

    >>> _observed(1 / 3), _observed(None)
    ('observed 33%', 'observed: not measured')
    """
    return "observed: not measured" if share is None else f"observed {100 * share:.0f}%"


def _pin(x: float, y: float) -> str:
    return f"{x:.3f},{-y:.3f}!"


def _title(journey: Journey, figure: JourneyFigure, drafted: str | None) -> str:
    return (
        f"{journey.label} ({journey.stage}): {plural(figure.handoffs, 'hand-off')}, "
        f"{figure.silo_reentries} silo and {figure.process_reentries} process "
        f"{'re-entry' if figure.silo_reentries + figure.process_reentries == 1 else 're-entries'}, "
        f"{plural(figure.channel_switches, 'channel switch', 'channel switches')}"
        + (f"; {drafted}" if drafted else "")
    )


def _tip(step: Step) -> str:
    found = log_evidence(step)  # a drafted step: its cases and their share of the journey's
    return step.id if found is None else f"{step.id}: {found.text(share_of='the journey')}"


def journey_view(
    model: Model,
    analysis: Analysis,
    journey_id: str,
    rates: dict[tuple[str, str], float | None] | None = None,
) -> Dot:
    """A service blueprint of one journey: lanes in blueprint order, steps in columns.

    A red arrow marks a hand-off; a badge under a step lists the data typed
    again there (red: silo, orange: process) and the step it came from. With
    ``rates`` (from, to) -> share, each hand-off says how many observed cases made it.
    """
    journey = by_id(model.journeys, journey_id)
    figure = analysis.journey(journey_id)
    dot = start(
        f"journey: {journey.id}",
        layout="neato",
        splines="false",
        outputorder="nodesfirst",
        label=_title(journey, figure, analysis.experience_of(journey_id).drafted),
        labelloc="t",
        pad=0.1,
    )
    dot.nodes.update({"shape": "box", "style": "rounded,filled", "fillcolor": "white", "fontsize": STEP})
    Blueprint(dot, model, journey, figure, rates or {}).draw()
    return dot


class Blueprint:
    """Draws one journey onto a :class:`Dot`, box by box, at the places :mod:`.blueprint` computes."""

    def __init__(
        self,
        dot: Dot,
        model: Model,
        journey: Journey,
        figure: JourneyFigure,
        rates: dict[tuple[str, str], float | None],
    ) -> None:
        self.dot, self.model, self.journey, self.figure = dot, model, journey, figure
        self.rates = rates
        self.sid = [f"step:{journey.id}/{s.id}" for s in journey.steps]
        self.column, per_row = self._column()
        self.text = self.column * 72 - 14  # the width a box's text may take, in points
        self.rows = rows(len(journey.steps), per_row)
        self.lines = [self._step_text(i) for i in range(len(journey.steps))]
        self.step_h = _height(max(len(t) for t in self.lines), STEP)
        self.badges = self._badges()
        self.lifecycle = {system.id: system.lifecycle for system in model.systems}
        self.systems = self._systems()
        lanes = [row_lanes(journey, steps, len(self.rows) > 1) for steps in self.rows]
        content: dict[str, float] = {}
        for i, step in enumerate(journey.steps):
            key = lane_key(step)
            badge = _height(len(self.badges[i][0]), SMALL) + 0.12 if i in self.badges else 0.0
            content[key] = max(content.get(key, 0.0), self.step_h + badge)
            stack = sum(h + 0.08 for _, h in self.systems[i]) - 0.08
            content["systems"] = max(content.get("systems", 0.0), stack, SYSTEMS_LANE)
        self.geo: Geometry = geometry(lanes, content, max(len(r) for r in self.rows), self.column)

    def _column(self) -> tuple[float, int]:
        """Columns wide enough for the widest word of a step's or a system's name (never broken)."""
        label = names(self.model.systems)
        steps = self.journey.steps
        widest = [widest_word(f"{i + 1}. {step.label}", STEP) for i, step in enumerate(steps)]
        widest += [widest_word(label[s], SMALL) for step in steps for s in step.systems[:MAX_SYSTEMS]]
        return column_width(max(widest))

    def _step_text(self, i: int) -> list[str]:
        step = self.journey.steps[i]
        minutes = f", {step.minutes:g} min" if step.minutes is not None else ""
        return [*fit(f"{i + 1}. {step.label}", STEP, self.text, 4), f"[{step.channel}{minutes}]"]

    def _badges(self) -> dict[int, tuple[list[str], tuple[str, ...]]]:
        index = {s.id: i for i, s in enumerate(self.journey.steps)}
        entities = names(self.model.entities)
        found: dict[int, list[tuple[str, str, int]]] = {}
        for r in self.figure.reentries:
            found.setdefault(index[r.step], []).append(
                (entities.get(r.entity, r.entity), r.kind, index[r.source])
            )
        badges = {}
        for i, items in found.items():
            lines = ["typed again:"]
            for name, kind, source in items[:3]:
                lines += [*fit(name, SMALL, self.text, 2), f"{kind}, from step {source + 1}"]
            if len(items) > 3:
                lines.append(f"+{len(items) - 3} more")
            badges[i] = (lines, tuple(dict.fromkeys(kind for _, kind, _ in items)))
        return badges

    def _systems(self) -> list[list[tuple[str, float]]]:
        label = names(self.model.systems)
        out: list[list[tuple[str, float]]] = []
        for step in self.journey.steps:
            shown = [
                ("\n".join(fit(label[s], SMALL, self.text, 2) + self._lifecycle(s)), 0.0)
                for s in step.systems[:MAX_SYSTEMS]
            ]
            if len(step.systems) > MAX_SYSTEMS:
                shown.append((f"+{len(step.systems) - MAX_SYSTEMS} more", 0.0))
            out.append([(text, _height(text.count("\n") + 1, SMALL, 0.04)) for text, _ in shown])
        return out

    def _lifecycle(self, system: str) -> list[str]:
        """The line that says a system is planned, phasing out or retired (none when active)."""
        word = LIFECYCLE_WORDS.get(self.lifecycle[system])
        return [f"({word})"] if word else []

    def draw(self) -> None:
        """Lanes first (drawn underneath), then the boxes, then the arrows."""
        for row, steps in enumerate(self.rows):
            self._lanes(row, steps)
        for row, steps in enumerate(self.rows):
            for column, i in enumerate(steps):
                self._step(row, column, i)
            self._arrows(row, steps)
        self._keys()

    def _lanes(self, row: int, steps: range) -> None:
        dot, geo = self.dot, self.geo
        titles = names(self.model.teams)
        if len(self.rows) > 1:
            text = f"steps {steps[0] + 1} to {steps[-1] + 1}" + (" (continued)" if row else "")
            at = _pin(0.1 + text_width(text, STEP) / 144, geo.row_tops[row] + ROW_TITLE / 2)
            dot.node(f"row:{row}", label=text, shape="plaintext", style="", fontsize=STEP, pos=at)
        previous = ""
        for n, lane in enumerate(geo.lanes[row]):
            top, height = geo.lane_top(row, lane.key), geo.heights[lane.key]
            dot.node(
                f"lane:{row}:{lane.key}",
                label="",
                shape="box",
                style="filled",
                fixedsize="true",
                width=geo.width,
                height=height,
                pos=_pin(geo.width / 2, top + height / 2),
                **LANE_FILL[lane.section],
            )
            title = {"customer": "Customer", "systems": "Systems"}.get(lane.section) or titles.get(
                lane.actor, lane.actor
            )
            head = fit(title, STEP, HEADER * 72 - 16)
            name = line_name(previous, lane.section, SMALL) if n else []
            dot.node(
                f"head:{row}:{lane.key}",
                label="\n".join(head),
                shape="plaintext",
                style="",
                pos=_pin(HEADER / 2, head_y(top, height, _height(len(head), STEP, 0), len(name))),
            )
            if name:
                self._line(row, n, name, top)
            previous = lane.section

    def _line(self, row: int, n: int, name: list[str], y: float) -> None:
        """The blueprint's line (named ``name``) where a lane meets the one above it."""
        a, b = f"line:{row}:{n}:a", f"line:{row}:{n}:b"
        self.dot.node(a, label="", shape="point", style="invis", width=0.01, pos=_pin(HEADER, y))
        self.dot.node(b, label="", shape="point", style="invis", width=0.01, pos=_pin(self.geo.width, y))
        self.dot.edge(a, b, **BLUEPRINT["line"])
        # the name sits in the column of lane titles, just under its line
        where = _pin(HEADER / 2, y + 0.03 + 0.09 * len(name))
        color = str(BLUEPRINT["line"]["color"])
        self.dot.node(
            f"linename:{row}:{n}",
            label="\n".join(name),
            shape="plaintext",
            style="",
            fontsize=SMALL,
            fontcolor=color,
            pos=where,
        )
        self.dot.key("line", KEYS["line"], BLUEPRINT["line"])

    def _step(self, row: int, column: int, i: int) -> None:
        dot, geo, step = self.dot, self.geo, self.journey.steps[i]
        x = geo.x(column)
        y = geo.lane_top(row, lane_key(step)) + PAD + self.step_h / 2
        dot.node(
            self.sid[i],
            label="\n".join(self.lines[i]),
            tooltip=_tip(step),
            width=self.geo.column,
            height=self.step_h,
            margin="0.07,0.06",
            pos=_pin(x, y),
        )
        lowest = self.sid[i]
        if i in self.badges:
            lines, kinds = self.badges[i]
            height = _height(len(lines), SMALL)
            lowest = f"badge:{self.journey.id}/{step.id}"
            style = BADGE["silo" if "silo" in kinds else "process"]  # red when any is a silo re-entry
            at = _pin(x, y + self.step_h / 2 + 0.12 + height / 2)
            dot.node(
                lowest,
                label="\n".join(lines),
                width=self.geo.column,
                height=height,
                fontsize=SMALL,
                margin="0.07,0.06",
                pos=at,
                **style,
            )
            dot.edge(
                self.sid[i],
                lowest,
                tailport="s",
                headport="n",
                arrowhead="none",
                color=str(style["color"]),
                penwidth=1.5,
            )
            for kind in kinds:
                dot.key("box", KEYS[kind], BADGE[kind])
        self._uses(row, column, i, lowest)

    def _uses(self, row: int, column: int, i: int, lowest: str) -> None:
        step = self.journey.steps[i]
        if not self.systems[i]:
            return
        x, y = self.geo.x(column), self.geo.lane_top(row, "systems") + PAD
        first = ""
        for n, (text, height) in enumerate(self.systems[i]):
            ident = f"use:{self.journey.id}/{step.id}/{n}"
            more = n >= MAX_SYSTEMS
            style = BLUEPRINT["more" if more else "system"]
            tip = "" if more else step.systems[n]
            if not more and self.lifecycle[tip] in LIFECYCLE_WORDS:
                style = lifecycle_style(style, self.lifecycle[tip])
                self.dot.key("box", KEYS[self.lifecycle[tip]], style)
            self.dot.node(
                ident,
                label=text,
                width=self.geo.column,
                height=height,
                fontsize=SMALL,
                margin="0.07,0.04",
                tooltip=tip,
                pos=_pin(x, y + height / 2),
                **style,
            )
            first = first or ident
            y += height + 0.08
        self.dot.edge(lowest, first, tailport="s", headport="n", **REENTRY["uses"])
        self.dot.key("line", KEYS["uses"], REENTRY["uses"])

    def _arrows(self, row: int, steps: range) -> None:
        handoff_before = {h.before: (h.from_provider, h.to_provider) for h in self.figure.handoff_at}
        for i in steps:
            nxt = i + 1
            if nxt >= len(self.journey.steps):
                break
            pair = handoff_before.get(self.journey.steps[nxt].id)
            kind = "handoff" if pair else "flow"
            target = self.sid[nxt] if nxt in steps else self._continues(row, steps, i, kind)
            extra: dict[str, str | int | float] = {}
            if pair and pair in self.rates:
                extra = {
                    "xlabel": _observed(self.rates[pair]),
                    "fontcolor": "#b42318",
                    "fontsize": 9,
                }
                self.dot.key("line", KEYS["observed"], REENTRY[kind])
            self.dot.edge(self.sid[i], target, tailport="e", headport="w", **{**REENTRY[kind], **extra})
            self.dot.key("line", KEYS[kind], REENTRY[kind])

    def _continues(self, row: int, steps: range, i: int, kind: str) -> str:
        """Where a row ends before the journey does: say at which step it goes on."""
        target = f"continue:{row}"
        right = self.geo.x(len(steps) - 1) + self.geo.column / 2 + 0.12
        room = self.geo.width - right - 0.08
        text = ("hand-off, " if kind == "handoff" else "") + f"continues at step {i + 2}"
        y = self.geo.lane_top(row, lane_key(self.journey.steps[i])) + PAD + self.step_h / 2
        color = str(REENTRY[kind].get("fontcolor", "#1f2933"))
        label = "\n".join(fit(text, SMALL, room * 72 - 4))
        self.dot.node(
            target,
            label=label,
            shape="plaintext",
            style="",
            fontsize=SMALL,
            margin="0,0",
            fontcolor=color,
            pos=_pin(right + room / 2, y),
        )
        return target

    def _keys(self) -> None:
        """Order the legend as a reader meets it: arrows, badges, then the rest."""
        order = (
            "next step",
            "hand-off",
            "observed",
            "typed again, silo",
            "typed again, process",
            "the step uses",
            "line of",
        )
        last = len(order)  # the systems' lifecycles, after the rest
        self.dot.legend.sort(
            key=lambda k: next((n for n, p in enumerate(order) if k.text.startswith(p)), last)
        )
