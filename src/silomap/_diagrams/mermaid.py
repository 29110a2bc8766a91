"""Mermaid flowcharts of every view (landscape, journey, question), for Markdown on GitHub and GitLab.

Node ids are generated (``s0``, ``j0``...), never taken from model text.
Labels are quoted and HTML-escaped: Mermaid draws labels as HTML, so a raw
``<b>`` would be bold and ``&amp;`` an ampersand, while ``&lt;b&gt;`` shows
as written. ``#`` is written ``&num;`` because Mermaid rewrites ``#word;``
itself (its own entity codes, which its renderer does not turn back into
text), and a backtick as ``&grave;`` (a label opening with one is
Markdown). Everything else, Unicode included, stays as it is. This was
checked with Mermaid 11 in Chromium (tests/test_mermaid.py).
"""

from __future__ import annotations

import re

from .._metrics import Analysis
from .._model import REPLACED, Model, System, by_id, names
from .blueprint import blueprint_lanes, lane_key
from .grouping import collapsed, group_links, group_systems, line_label, lines
from .styles import BADGE, LIFECYCLE_WORDS, SYSTEM, lifecycle_style

__all__ = ["journey_mermaid", "landscape_mermaid", "mermaid_text", "question_mermaid"]

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "#": "&num;", "`": "&grave;"}
_SPECIAL = re.compile('[&<>"#`]')
# batch and file are both dashed arrows in Mermaid's syntax; a link style makes file transfers dotted
# and manual links red, and every label says the mode (as the DOT landscape does)
_ARROW = {"realtime": "-->", "batch": "-.->", "file": "-.->", "manual": "==>"}
_BOTH = {"realtime": "<-->", "batch": "<-.->", "file": "<-.->", "manual": "<==>"}
_LINK_STYLE = {"file": "stroke-dasharray:1 4,stroke-width:2px", "manual": "stroke:#b42318,color:#b42318"}


def mermaid_text(text: str) -> str:
    """Quote a label for Mermaid; line breaks become ``<br>``.

    >>> mermaid_text('CRM "main" <b> #1 & Ö\\nnext')
    '"CRM &quot;main&quot; &lt;b&gt; &num;1 &amp; Ö<br>next"'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_SPECIAL.sub(lambda m: _ESCAPES[m.group()], line) for line in lines]
    return '"' + "<br>".join(escaped) + '"'


def _css(style: dict[str, str | int | float], text: bool = True) -> str:
    """A Mermaid class style from a style of :mod:`.styles`: its fill, border and (``text``) text colour.

    >>> _css({"fillcolor": "#fff", "color": "#000", "fontcolor": "#111"})
    'fill:#fff,stroke:#000,color:#111'
    """
    parts = [f"fill:{style['fillcolor']}", f"stroke:{style['color']}"]
    return ",".join(parts + ([f"color:{style['fontcolor']}"] if text else []))


def _classes(classes: list[tuple[str, str, list[str]]], order: tuple[str, ...] = ()) -> list[str]:
    """Mermaid lines defining each class, then putting the nodes in it (in ``order`` if given)."""
    defined = [f"  classDef {name} {style}" for name, style, _ in classes]
    members = {name: ids for name, _, ids in classes}
    return defined + [f"  class {','.join(members[n])} {n}" for n in order or tuple(members) if members[n]]


def landscape_mermaid(
    model: Model, analysis: Analysis, group_by: str = "owner", expand: bool | None = None
) -> str:
    """The landscape as a Mermaid flowchart: groups as subgraphs, manual links thick.

    A big landscape is collapsed as the DOT one is: one box per group and the
    same strongest links between groups.
    """
    groups = group_systems(model, group_by)
    gid = {key: f"g{i}" for i, key in enumerate(groups.members)}
    out = ["flowchart LR"]
    if collapsed(model, expand):
        links, _, _ = group_links(model, groups)
        for key, members in groups.members.items():
            title = mermaid_text(f"{groups.titles[key]}\n{len(members)} systems")
            out.append(f"  {gid[key]}[{title}]")
        for pair in links:
            label = mermaid_text(f"{pair.count}, {pair.manual} manual" if pair.manual else str(pair.count))
            line = "===" if 2 * pair.manual >= pair.count else "---"  # thick: mostly manual, as in DOT
            out.append(f"  {gid[pair.a]} {line}|{label}| {gid[pair.b]}")
        return "\n".join(out) + "\n"
    ids = {s.id: f"s{i}" for i, s in enumerate(model.systems)}
    for key, members in groups.members.items():
        out.append(f"  subgraph {gid[key]}[{mermaid_text(groups.titles[key])}]")
        out += [f"    {ids[s.id]}[{mermaid_text(_system_label(s))}]" for s in members]
        out.append("  end")
    for n, link in enumerate(lines(model)):
        arrow = _BOTH[link.mode] if link.both else _ARROW[link.mode]
        out.append(f"  {ids[link.source]} {arrow}|{mermaid_text(line_label(link))}| {ids[link.target]}")
        if link.mode in _LINK_STYLE:  # Mermaid has one dotted arrow: file transfers get their own dots
            out.append(f"  linkStyle {n} {_LINK_STYLE[link.mode]}")
    isolated = [ids[s] for s in analysis.isolated]
    unsynced = sorted(
        {ids[h] for e in analysis.entities if e.unsynced for h in e.holders}, key=lambda x: int(x[1:])
    )
    replaced = [ids[s.id] for s in model.systems if s.lifecycle in REPLACED]
    grey = lifecycle_style(SYSTEM["normal"], "phasing-out")
    out += _classes(
        [
            ("isolated", "stroke-dasharray: 5 5", isolated),
            ("unsynced", _css(SYSTEM["unsynced"], text=False), unsynced),
            ("replaced", _css(grey) + ",stroke-dasharray: 5 5", replaced),
        ],
        order=("unsynced", "isolated", "replaced"),
    )
    return "\n".join(out) + "\n"


def _system_label(system: System) -> str:
    """The system's name, and its lifecycle when it is planned, phasing out or retired."""
    word = LIFECYCLE_WORDS.get(system.lifecycle)
    return f"{system.label}\n({word})" if word else system.label


def journey_mermaid(model: Model, analysis: Analysis, journey_id: str) -> str:
    """A journey as a Mermaid flowchart: lanes in blueprint order (customer, front stage, back
    stage), hand-offs thick, and the data typed again named on the step that asks again."""
    journey = by_id(model.journeys, journey_id)
    figure = analysis.journey(journey_id)
    teams, entities = names(model.teams), names(model.entities)
    index = {s.id: i for i, s in enumerate(journey.steps)}
    again: dict[str, list[str]] = {}
    for r in figure.reentries:
        name = entities.get(r.entity, r.entity)
        again.setdefault(r.step, []).append(
            f"typed again: {name} ({r.kind}, from step {index[r.source] + 1})"
        )
    out = ["flowchart LR"]
    for n, lane in enumerate(blueprint_lanes(journey)):
        members = [i for i, step in enumerate(journey.steps) if lane_key(step) == lane.key]
        if not members:
            continue
        title = (
            "Customer"
            if lane.section == "customer"
            else f"{teams.get(lane.actor, lane.actor)} ({lane.section} stage)"
        )
        out.append(f"  subgraph lane{n}[{mermaid_text(title)}]")
        for i in members:
            step = journey.steps[i]
            label = "\n".join([f"{i + 1}. {step.label}", f"[{step.channel}]", *again.get(step.id, [])])
            out.append(f"    j{i}[{mermaid_text(label)}]")
        out.append("  end")
    handoff_before = {h.before for h in figure.handoff_at}
    for i in range(1, len(journey.steps)):
        arrow = f"==>|{mermaid_text('hand-off')}|" if journey.steps[i].id in handoff_before else "-->"
        out.append(f"  j{i - 1} {arrow} j{i}")
    silo = list(dict.fromkeys(f"j{index[r.step]}" for r in figure.reentries if r.kind == "silo"))
    process = [p for p in dict.fromkeys(f"j{index[r.step]}" for r in figure.reentries) if p not in silo]
    # red when any is a silo re-entry
    out += _classes(
        [
            ("silo", _css(BADGE["silo"]), silo),
            ("process", _css(BADGE["process"]), process),
        ],
        order=("process", "silo"),
    )
    return "\n".join(out) + "\n"


def question_mermaid(model: Model, analysis: Analysis, question_id: str) -> str:
    """A question's fan-out as a Mermaid flowchart: the data it needs and the systems exposing
    each; the cover thick and blue, systems consulted in journeys dashed purple."""
    question = by_id(model.questions, question_id)
    figure = analysis.question(question_id)
    entities, systems = names(model.entities), names(model.systems)
    out = ["flowchart LR", f"  q0([{mermaid_text(question.label)}])"]
    shown: list[str] = []
    for n, (entity, exposers) in enumerate(figure.exposers):
        out.append(f"  e{n}[/{mermaid_text(entities[entity])}/]")
        out.append(f"  q0 -->|{mermaid_text('needs')}| e{n}")
        shown += [s for s in exposers if s not in shown]
    extra = [s for s in figure.consulted if s not in shown]
    sid = {s: f"s{i}" for i, s in enumerate([*shown, *extra])}
    for system in shown:
        note = ("\nin the cover" if system in figure.cover else "") + (
            "\nconsulted in journeys" if system in figure.consulted else ""
        )
        out.append(f"  {sid[system]}[{mermaid_text(systems[system] + note)}]")
    if extra:
        out.append(f"  subgraph also[{mermaid_text('also opened in journeys, exposing none of this')}]")
        out += [
            f"    {sid[s]}[{mermaid_text(systems[s] + chr(10) + 'consulted in journeys')}]" for s in extra
        ]
        out.append("  end")
    for n, (_, exposers) in enumerate(figure.exposers):
        out += [f"  e{n} {'==>' if s in figure.cover else '-.->'} {sid[s]}" for s in exposers]
    cover = [sid[s] for s in shown if s in figure.cover]
    consulted = [sid[s] for s in [*shown, *extra] if s in figure.consulted and s not in figure.cover]
    out += _classes(
        [
            ("cover", "fill:#c9e3ff,stroke:#1d4ed8,stroke-width:3px", cover),
            ("consulted", "stroke:#6d28d9,stroke-dasharray: 5 5", consulted),
        ]
    )
    return "\n".join(out) + "\n"
