"""Mermaid flowcharts of the landscape and a journey, for Markdown on GitHub and GitLab.

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
from .._model import Model, by_id, names
from .grouping import collapsed, group_links, group_systems
from .labels import fold

__all__ = ["journey_mermaid", "landscape_mermaid", "mermaid_text"]

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "#": "&num;", "`": "&grave;"}
_SPECIAL = re.compile('[&<>"#`]')
_ARROW = {"realtime": "-->", "batch": "-.->", "file": "-.->", "manual": "==>"}


def mermaid_text(text: str) -> str:
    """Quote a label for Mermaid; line breaks become ``<br>``.

    >>> mermaid_text('CRM "main" <b> #1 & Ö\\nnext')
    '"CRM &quot;main&quot; &lt;b&gt; &num;1 &amp; Ö<br>next"'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_SPECIAL.sub(lambda m: _ESCAPES[m.group()], line) for line in lines]
    return '"' + "<br>".join(escaped) + '"'


def landscape_mermaid(model: Model, analysis: Analysis, group_by: str = "owner",
                      expand: bool | None = None) -> str:  # fmt: skip
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
        out += [f"    {ids[s.id]}[{mermaid_text(s.label)}]" for s in members]
        out.append("  end")
    for link in model.integrations:
        label = ("manual: " if link.mode == "manual" else "") + fold(link.carries)
        out.append(f"  {ids[link.source]} {_ARROW[link.mode]}|{mermaid_text(label)}| {ids[link.target]}")
    isolated = [ids[s] for s in analysis.isolated]
    unsynced = sorted(
        {ids[h] for e in analysis.entities if e.unsynced for h in e.holders}, key=lambda x: int(x[1:])
    )
    out.append("  classDef isolated stroke-dasharray: 5 5")
    out.append("  classDef unsynced fill:#fde8c8,stroke:#c65d00")
    if unsynced:
        out.append(f"  class {','.join(unsynced)} unsynced")
    if isolated:
        out.append(f"  class {','.join(isolated)} isolated")
    return "\n".join(out) + "\n"


def journey_mermaid(model: Model, analysis: Analysis, journey_id: str) -> str:
    """A journey as a Mermaid flowchart: one subgraph per lane, hand-offs and re-entries marked."""
    journey = by_id(model.journeys, journey_id)
    figure = analysis.journey(journey_id)
    teams = names(model.teams)
    sid = {s.id: f"j{i}" for i, s in enumerate(journey.steps)}
    lanes: dict[str, list[int]] = {"customer": []}
    for i, step in enumerate(journey.steps):
        lanes.setdefault(step.actor, []).append(i)
    out = ["flowchart LR"]
    for n, (lane, members) in enumerate(lanes.items()):
        if not members:
            continue
        title = "Customer" if lane == "customer" else teams.get(lane, lane)
        out.append(f"  subgraph lane{n}[{mermaid_text(title)}]")
        for i in members:
            step = journey.steps[i]
            label = f"{i + 1}. {step.label}\n[{step.channel}]"
            out.append(f"    {sid[step.id]}[{mermaid_text(label)}]")
        out.append("  end")
    handoff_before = {h.before for h in figure.handoff_at}
    for prev, step in zip(journey.steps, journey.steps[1:], strict=False):
        if step.id in handoff_before:
            out.append(f"  {sid[prev.id]} ==>|{mermaid_text('hand-off')}| {sid[step.id]}")
        else:
            out.append(f"  {sid[prev.id]} --> {sid[step.id]}")
    for r in figure.reentries:
        label = mermaid_text(f"{r.entity} typed again ({r.kind})")
        out.append(f"  {sid[r.source]} -.->|{label}| {sid[r.step]}")
    return "\n".join(out) + "\n"
