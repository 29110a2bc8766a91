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
from collections import defaultdict

from ._analysis import Analysis
from ._schema import Model
from ._views import COLLAPSE_AT, fold

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
    """The landscape as a Mermaid flowchart: groups as subgraphs, manual links thick."""
    names = {t.id: t.name or t.id for t in model.teams}
    ids = {s.id: f"s{i}" for i, s in enumerate(model.systems)}
    groups: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, str] = {}
    for system in model.systems:
        key = system.kind if group_by == "kind" else (system.owner or "-")
        titles[key] = system.kind if group_by == "kind" else names.get(key, "no owner")
        groups[key].append(system.id)
    gid = {key: f"g{i}" for i, key in enumerate(groups)}
    out = ["flowchart LR"]
    collapse = len(model.systems) >= COLLAPSE_AT if expand is None else not expand
    if collapse:
        where = {s: key for key, members in groups.items() for s in members}
        counts: dict[tuple[str, str, bool], int] = defaultdict(int)
        for link in model.integrations:
            a, b = where[link.source], where[link.target]
            if a != b:
                counts[(a, b, link.mode == "manual")] += 1
        for key, members in groups.items():
            label = mermaid_text(titles[key] + "\n" + f"{len(members)} systems")
            out.append(f"  {gid[key]}[{label}]")
        for (a, b, manual), count in counts.items():
            label = mermaid_text(f"{count} manual" if manual else str(count))
            out.append(f"  {gid[a]} {'==>' if manual else '-->'}|{label}| {gid[b]}")
        return "\n".join(out) + "\n"
    name = {s.id: s.name or s.id for s in model.systems}
    for key, members in groups.items():
        out.append(f"  subgraph {gid[key]}[{mermaid_text(titles[key])}]")
        out += [f"    {ids[s]}[{mermaid_text(name[s])}]" for s in members]
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
    journey = next(j for j in model.journeys if j.id == journey_id)
    figure = next(j for j in analysis.journeys if j.id == journey_id)
    teams = {t.id: t.name or t.id for t in model.teams}
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
            label = f"{i + 1}. {step.name or step.id}\n[{step.channel}]"
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
        out.append(f"  {sid[r.first]} -.->|{label}| {sid[r.step]}")
    return "\n".join(out) + "\n"
