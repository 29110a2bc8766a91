"""The question view as DOT: a customer question, the data it needs, the systems exposing it.

The cover (the fewest systems that together expose everything needed) is
bold blue; systems consulted in journeys are dashed purple.
"""

from __future__ import annotations

from .._metrics import Analysis, QuestionFigure
from .._model import Model, by_id, names
from .._text import plural
from .canvas import start
from .dot import Dot
from .labels import wrap
from .styles import LANE, SYSTEM

__all__ = ["question_view"]

COVER_LINE: dict[str, str | int | float] = {"color": "#1d4ed8", "penwidth": 2}
OTHER_LINE: dict[str, str | int | float] = {"style": "dashed"}
KEYS = {  # the legend, in this order, only what the drawing uses
    "cover": "in the cover: the fewest systems that together expose all it needs",
    "consulted": "consulted in journeys: opened at a step answering the question",
    "normal": "also exposes some of the data",
    "cover-line": "the cover's system for this data",
    "other-line": "another system exposing this data",
}


def question_view(model: Model, analysis: Analysis, question_id: str) -> Dot:
    """A question, the entities it needs, the systems exposing each; the cover in bold blue."""
    question = by_id(model.questions, question_id)
    figure = analysis.question(question_id)
    entities = names(model.entities)
    bound = "" if figure.exact else " at most"
    dot = start(
        f"question: {question.id}",
        rankdir="LR",
        ranksep=1.0,
        labelloc="t",
        label=f"\u201c{question.label}\u201d needs{bound} "
        f"{plural(figure.spq, 'system')} (the cover, in bold blue)",
    )
    dot.node(
        f"question:{question.id}",
        label=wrap(question.label, 26),
        shape="oval",
        style="filled",
        fillcolor="#fff8e6",
    )
    shown: list[str] = []
    for entity, systems in figure.exposers:
        dot.node(
            f"entity:{entity}", label=entities[entity], shape="folder", style="filled", fillcolor="#f0f4f8"
        )
        dot.edge(f"question:{question.id}", f"entity:{entity}", label="needs")
        shown += [s for s in systems if s not in shown]
    _systems(dot, model, figure, shown)
    return dot


def _systems(dot: Dot, model: Model, figure: QuestionFigure, shown: list[str]) -> None:
    systems = names(model.systems)
    for system in shown:
        in_cover, consulted = system in figure.cover, system in figure.consulted
        style = "cover" if in_cover else "consulted" if consulted else "normal"
        extra = ("\nin the cover" if in_cover else "") + ("\nconsulted in journeys" if consulted else "")
        dot.node(f"system:{system}", label=wrap(systems[system], 20) + extra, **SYSTEM[style])
        dot.key("box", KEYS[style], SYSTEM[style])
    for entity, exposers in figure.exposers:
        for system in exposers:
            chosen = system in figure.cover
            line = COVER_LINE if chosen else OTHER_LINE
            dot.edge(f"entity:{entity}", f"system:{system}", **line)
            dot.key("line", KEYS["cover-line" if chosen else "other-line"], line)
    extra_consulted = [s for s in figure.consulted if s not in shown]
    if extra_consulted:
        dot.open(
            "cluster_consulted", label="also opened in journeys, exposing none of this", **LANE["legend"]
        )
        for system in extra_consulted:
            label = wrap(systems[system], 20) + "\nconsulted in journeys"
            dot.node(f"system:{system}", label=label, **SYSTEM["consulted"])
            dot.key("box", KEYS["consulted"], SYSTEM["consulted"])
        dot.close()
    order = list(KEYS.values())
    dot.legend.sort(key=lambda k: order.index(k.text))
