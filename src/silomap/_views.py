"""The three views as DOT: landscape, journey blueprint, question fan-out.

Each view is a function from a model and its analysis to a :class:`Dot`.
Node ids are ``<kind>:<model id>``; model text only reaches labels through
:func:`silomap._dot.quote`. Output order follows the model, so the DOT is
byte-identical for the same model.
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from collections.abc import Sequence

from ._analysis import Analysis
from ._dot import Dot
from ._errors import ToolError, UsageError
from ._schema import Journey, Model, System
from ._styles import BASE, EDGE_BY_MODE, LANE, OVERLAY, REENTRY, SYSTEM
from ._text import did_you_mean

__all__ = ["COLLAPSE_AT", "fold", "journey_view", "landscape_view", "pick", "plural", "question_view", "wrap"]

COLLAPSE_AT = 300  # systems; from this many the landscape shows groups unless expanded
MAX_NODES, MAX_EDGES = 2_000, 10_000  # never handed to Graphviz, even when asked to expand
SOFT_EDGES = 300  # links between groups drawn in a collapsed landscape
FOLD_AFTER = 3  # entities named on an integration before "+N more"


def wrap(text: str, width: int = 24) -> str:
    """Wrap a label on word boundaries.

    >>> wrap("Customer asks where the card is", 16)
    'Customer asks\\nwhere the card\\nis'
    """
    return "\n".join(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)) or text


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 hand-off``, ``2 hand-offs``.

    >>> plural(1, "channel switch", "channel switches"), plural(2, "hand-off")
    ('1 channel switch', '2 hand-offs')
    """
    return f"{count} {one if count == 1 else many or one + 's'}"


def fold(items: Sequence[str], limit: int = FOLD_AFTER) -> str:
    """Name a few items and count the rest.

    >>> fold(["address", "profile", "order", "invoice", "payment"])
    'address, profile, order +2 more'
    """
    shown = ", ".join(items[:limit])
    return shown + (f" +{len(items) - limit} more" if len(items) > limit else "")


def pick(kind: str, wanted: str | None, known: Sequence[str]) -> str:
    """Check that the journey or question asked for exists, or say which do."""
    if wanted is None:
        raise UsageError(f"the {kind} view needs --{kind} ID; one of: {', '.join(known[:10]) or 'none'}")
    if wanted not in known:
        hint = did_you_mean(wanted, known)
        raise UsageError(f"no {kind} '{wanted}' in the model{hint}")
    return wanted


def _start(name: str, **graph: str | int | float) -> Dot:
    return Dot(name, graph={**BASE["graph"], **graph}, nodes=dict(BASE["node"]), edges=dict(BASE["edge"]))


def _system_style(system: System, analysis: Analysis, unsynced: dict[str, list[str]]) -> tuple[str, str]:
    notes = []
    if system.id in analysis.isolated:
        style = "isolated"
        notes.append("isolated")
    elif system.id in unsynced:
        style = "unsynced"
        notes.append("unsynced: " + fold(unsynced[system.id], 2))
    elif system.kind == "spreadsheet":
        style = "spreadsheet"
    else:
        style = "normal"
    return style, "\n".join(notes)


def landscape_view(
    model: Model,
    analysis: Analysis,
    group_by: str = "owner",
    overlay: str | None = None,
    expand: bool | None = None,
) -> Dot:
    """Systems grouped by owner team (or kind), integrations labelled with what they carry.

    Manual integrations are bold red "swivel chairs"; isolated systems are
    dashed; systems holding unsynced copies are orange and say which data.
    ``overlay="questions"`` shades each system by how many customer
    questions need it in their cover. With 300 or more systems the view
    shows one box per group unless ``expand=True``.
    """
    if group_by not in ("owner", "kind"):
        raise UsageError(f"--group-by must be owner or kind, not {group_by!r}")
    if overlay not in (None, "questions"):
        raise UsageError(f"--overlay must be questions, not {overlay!r}")
    names = {t.id: t.name or t.id for t in model.teams}

    def group_of(system: System) -> tuple[str, str]:
        if group_by == "kind":
            return system.kind, system.kind
        if system.owner:
            return system.owner, names.get(system.owner, system.owner)
        return "-", "no owner"

    groups: dict[str, list[System]] = defaultdict(list)
    titles: dict[str, str] = {}
    for system in model.systems:
        key, title = group_of(system)
        groups[key].append(system)
        titles[key] = title
    collapse = len(model.systems) >= COLLAPSE_AT if expand is None else not expand
    if not collapse and (len(model.systems) > MAX_NODES or len(model.integrations) > MAX_EDGES):
        raise ToolError(
            f"error[SM040]: the diagram would have {len(model.systems):,} systems and "
            f"{len(model.integrations):,} integrations (limits {MAX_NODES:,} and {MAX_EDGES:,}); "
            "leave out --expand to see groups"
        )
    dot = _start(f"landscape: {model.name}", rankdir="LR", nodesep=0.35, ranksep=0.9, compound="true",
                 label=f"{model.name}: system landscape", labelloc="t")  # fmt: skip
    if collapse:
        return _collapsed(dot, model, groups, titles, group_of)
    unsynced: dict[str, list[str]] = defaultdict(list)
    for entity in analysis.entities:
        if entity.unsynced:
            for holder in entity.holders:
                unsynced[holder].append(entity.id)
    need: Counter[str] = Counter(s for q in analysis.questions for s in q.cover)
    for key, members in groups.items():
        dot.open(f"cluster_{group_by}:{key}", label=titles[key], **LANE["team"])
        for system in members:
            style, notes = _system_style(system, analysis, unsynced)
            attrs: dict[str, str | int | float] = dict(SYSTEM[style])
            label = wrap(system.name or system.id, 22) + f"\n[{system.kind}]"
            if overlay == "questions":
                count = need[system.id]
                attrs["fillcolor"] = OVERLAY[min(count, len(OVERLAY) - 1)]
                label += f"\nneeded by {plural(count, 'question')}"
            if notes:
                label += "\n" + notes
            dot.node(f"system:{system.id}", label=label, tooltip=system.id, **attrs)
        dot.close()
    for link in model.integrations:
        prefix = "manual: " if link.mode == "manual" else ""
        mode = "" if link.mode in ("realtime", "manual") else f" ({link.mode})"
        dot.edge(f"system:{link.source}", f"system:{link.target}",
                 label=prefix + fold(link.carries) + mode, **EDGE_BY_MODE[link.mode])  # fmt: skip
    _legend(dot, [
        ("realtime", "realtime", EDGE_BY_MODE["realtime"]),
        ("batch", "batch", EDGE_BY_MODE["batch"]),
        ("file", "file", EDGE_BY_MODE["file"]),
        ("manual", "manual (people copy by hand)", EDGE_BY_MODE["manual"]),
    ])  # fmt: skip
    return dot


def _collapsed(
    dot: Dot,
    model: Model,
    groups: dict[str, list[System]],
    titles: dict[str, str],
    group_of: object,
) -> Dot:
    where = {s.id: key for key, members in groups.items() for s in members}
    order = {key: i for i, key in enumerate(groups)}
    links: Counter[tuple[str, str]] = Counter()  # both directions merged
    manual: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    for link in model.integrations:
        a, b = sorted((where[link.source], where[link.target]), key=order.__getitem__)
        if a == b:
            inside[a] += 1
        else:
            links[(a, b)] += 1
            manual[(a, b)] += link.mode == "manual"
    for key, members in groups.items():
        label = f"{titles[key]}\n{len(members)} systems, {inside[key]} integrations inside"
        dot.node(f"group:{key}", label=label, **SYSTEM["group"])
    # Beyond a few lines per group a picture is a hairball (and Graphviz takes minutes):
    # draw the strongest links between groups and say how many are left out.
    ranked = sorted(links.items(), key=lambda item: (-item[1], order[item[0][0]], order[item[0][1]]))
    shown = ranked[: min(SOFT_EDGES, 2 * len(groups))]
    for (a, b), count in shown:
        by_hand = manual[(a, b)]
        label = f"{count}, {by_hand} manual" if by_hand else str(count)
        style: dict[str, str | int | float] = {"dir": "both", "arrowhead": "none", "arrowtail": "none",
                                               "penwidth": min(1 + count / 5, 6), "label": label}  # fmt: skip
        if 2 * by_hand >= count:
            style |= {**EDGE_BY_MODE["manual"], "label": label}
        dot.edge(f"group:{a}", f"group:{b}", **style)
    left_out = len(ranked) - len(shown)
    note = (
        f"; the {left_out:,} weakest of {len(ranked):,} links between groups are not drawn"
        if left_out
        else ""
    )
    dot.graph["label"] = (
        f"{model.name}: {len(model.systems):,} systems in {len(groups)} groups, "
        f"line labels count integrations (collapsed; use --expand to show every system){note}"
    )
    return dot


def _legend(dot: Dot, rows: list[tuple[str, str, dict[str, str | int | float]]]) -> None:
    dot.open("cluster_legend", label="legend", **LANE["legend"])
    for key, text, style in rows:
        dot.node(f"legend:{key}:a", label="", shape="point", width=0.05)
        dot.node(f"legend:{key}:b", label=text, shape="plaintext")
        dot.edge(f"legend:{key}:a", f"legend:{key}:b", **{**style, "constraint": "true", "minlen": 1})
    dot.close()


def _step_label(journey: Journey, index: int) -> str:
    step = journey.steps[index]
    minutes = f", {step.minutes:g} min" if step.minutes is not None else ""
    return f"{index + 1}. {wrap(step.name or step.id, 22)}\n[{step.channel}{minutes}]"


def journey_view(model: Model, analysis: Analysis, journey_id: str, legend: bool = True) -> Dot:
    """A service blueprint: a lane for the customer, one per team, one for systems.

    Steps run left to right in journey order. A red arrow marks a hand-off;
    a dashed red arrow a silo re-entry, a dashed orange one a process
    re-entry, each labelled with the entity typed again.
    """
    journey = next(j for j in model.journeys if j.id == journey_id)
    figure = next(j for j in analysis.journeys if j.id == journey_id)
    teams = {t.id: t.name or t.id for t in model.teams}
    names = {s.id: s.name or s.id for s in model.systems}
    title = (
        f"{journey.name or journey.id} ({journey.stage}): {plural(figure.handoffs, 'hand-off')}, "
        f"{figure.silo_reentries} silo and "
        f"{plural(figure.process_reentries, 'process re-entry', 'process re-entries')}, "
        f"{plural(figure.channel_switches, 'channel switch', 'channel switches')}"
    )
    dot = _start(f"journey: {journey.id}", rankdir="LR", newrank="true", nodesep=0.3, ranksep=0.5,
                 label=title, labelloc="t")  # fmt: skip
    dot.nodes.update({"shape": "box", "style": "rounded,filled", "fillcolor": "white"})
    lanes: list[str] = ["customer"]
    for step in journey.steps:
        if step.actor not in lanes:
            lanes.append(step.actor)
    sid = [f"step:{journey.id}/{s.id}" for s in journey.steps]
    for lane in lanes:
        label = "Customer" if lane == "customer" else teams.get(lane, lane)
        dot.open(f"cluster_lane:{lane}", label=label, labeljust="l",
                 **LANE["customer" if lane == "customer" else "team"])  # fmt: skip
        members = [i for i, s in enumerate(journey.steps) if s.actor == lane]
        if not members:  # keep the customer lane visible even when empty
            dot.node(f"lane:{lane}", label="", shape="point", style="invis")
        for i in members:
            dot.node(sid[i], label=_step_label(journey, i), tooltip=journey.steps[i].id)
        dot.close()
    used: list[str] = []
    for step in journey.steps:
        used += [s for s in step.systems if s not in used]
    if used:
        dot.open("cluster_lane:systems", label="Systems", labeljust="l", **LANE["systems"])
        for system in used:
            dot.node(f"system:{system}", label=wrap(names[system], 20), shape="box", style="filled",
                     fillcolor="white")  # fmt: skip
        dot.close()
    handoff_before = {h.before for h in figure.handoff_at}
    for i in range(1, len(sid)):
        style = REENTRY["handoff"] if journey.steps[i].id in handoff_before else REENTRY["flow"]
        label = "hand-off" if journey.steps[i].id in handoff_before else ""
        dot.edge(sid[i - 1], sid[i], label=label, weight=10, **style)
    first_use: dict[str, int] = {}
    for i, step in enumerate(journey.steps):
        for system in step.systems:
            first_use.setdefault(system, i)
            dot.edge(sid[i], f"system:{system}", constraint="false" if first_use[system] != i else "true",
                     **REENTRY["uses"])  # fmt: skip
    index = {s.id: i for i, s in enumerate(journey.steps)}
    for reentry in figure.reentries:
        dot.edge(sid[index[reentry.first]], sid[index[reentry.step]],
                 label=f"{reentry.entity} typed again ({reentry.kind})", **REENTRY[reentry.kind])  # fmt: skip
    if not legend:
        return dot
    _legend(dot, [
        ("flow", "next step", REENTRY["flow"]),
        ("handoff", "hand-off to another provider", REENTRY["handoff"]),
        ("silo", "silo re-entry: no system could have it", REENTRY["silo"]),
        ("process", "process re-entry: it was there, typed again", REENTRY["process"]),
        ("uses", "step uses system", REENTRY["uses"]),
    ])  # fmt: skip
    return dot


def question_view(model: Model, analysis: Analysis, question_id: str) -> Dot:
    """A question, the entities it needs, the systems exposing each; the cover in bold blue."""
    question = next(q for q in model.questions if q.id == question_id)
    figure = next(q for q in analysis.questions if q.id == question_id)
    names = {s.id: s.name or s.id for s in model.systems}
    entities = {e.id: e.name or e.id for e in model.entities}
    bound = "" if figure.exact else " at most"
    dot = _start(f"question: {question.id}", rankdir="LR", ranksep=1.0, labelloc="t",
                 label=f"\u201c{question.text or question.id}\u201d needs{bound} "
                       f"{plural(figure.spq, 'system')} (the cover, in bold blue)")  # fmt: skip
    dot.node(f"question:{question.id}", label=wrap(question.text or question.id, 26), shape="oval",
             style="filled", fillcolor="#fff8e6")  # fmt: skip
    shown: list[str] = []
    for entity, systems in figure.exposers:
        dot.node(f"entity:{entity}", label=entities[entity], shape="folder", style="filled",
                 fillcolor="#f0f4f8")  # fmt: skip
        dot.edge(f"question:{question.id}", f"entity:{entity}", label="needs")
        shown += [s for s in systems if s not in shown]
    for system in shown:
        in_cover, consulted = system in figure.cover, system in figure.consulted
        style = "cover" if in_cover else "consulted" if consulted else "normal"
        extra = ("\nin the cover" if in_cover else "") + ("\nconsulted in journeys" if consulted else "")
        dot.node(f"system:{system}", label=wrap(names[system], 20) + extra, **SYSTEM[style])
    for entity, systems in figure.exposers:
        for system in systems:
            chosen = system in figure.cover
            dot.edge(f"entity:{entity}", f"system:{system}",
                     **({"color": "#1d4ed8", "penwidth": 2} if chosen else {"style": "dashed"}))  # fmt: skip
    extra_consulted = [s for s in figure.consulted if s not in shown]
    if extra_consulted:
        dot.open("cluster_consulted", label="also opened in journeys, exposing none of this",
                 **LANE["legend"])  # fmt: skip
        for system in extra_consulted:
            label = wrap(names[system], 20) + "\nconsulted in journeys"
            dot.node(f"system:{system}", label=label, **SYSTEM["consulted"])
        dot.close()
    return dot
