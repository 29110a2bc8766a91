"""A model as a Structurizr DSL workspace: a system landscape view and one dynamic view per journey.

- systems -> software systems (tagged with their kind, and ``phasing-out`` / ``retired``);
- teams -> people tagged ``Team``; the customer -> the person "Customer";
- integrations -> relationships named after the data they carry, the mode as technology;
- journeys -> dynamic views: each step, in order, as its actor using each of its systems (the
  model gets one "uses" relationship per actor and system, which dynamic views require).

Structurizr's rules are kept: identifiers of ``a-z0-9_-``, unique; names of people and software
systems unique (a repeated name gets its id in brackets); one relationship per source, target and
description. User text is made safe for the DSL: a double quote becomes ``'``, a backslash ``/``,
line breaks spaces, and ``${`` becomes ``$ {`` so that Structurizr never substitutes a constant or
an environment variable into a name.
"""

from __future__ import annotations

import re

from .._model import Model
from .._text import numbered

__all__ = ["dsl_text", "structurizr_dsl"]

_UNSAFE = re.compile(r"[\r\n\t\x00-\x1f\x7f\u2028\u2029]+")
_STYLES = """\
styles {
    element "Person" {
        shape person
    }
    element "Team" {
        background #5b7fa6
        color #ffffff
    }
    element "phasing-out" {
        opacity 50
    }
    relationship "Journey" {
        style dashed
    }
}
"""


def dsl_text(text: str) -> str:
    """A user string as a DSL string literal that Structurizr reads back as written (nearly).

    >>> print(dsl_text('Say "hi" to ${HOME}\\\\now'))
    "Say 'hi' to $ {HOME}/now"
    """
    clean = _UNSAFE.sub(" ", text).replace('"', "'").replace("\\", "/").replace("${", "$ {")
    return f'"{clean.strip()}"'


class _Names:
    """DSL identifiers and unique element names."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.names: set[str] = set()

    def ident(self, prefix: str, key: str) -> str:
        return numbered(f"{prefix}_{re.sub(r'[^a-z0-9_-]', '_', key.lower())}", self.ids, "_")

    def name(self, label: str, key: str) -> str:
        name = label if label.casefold() not in self.names else f"{label} ({key})"
        self.names.add(name.casefold())
        return name


def _model(model: Model, names: _Names) -> tuple[list[str], dict[str, str]]:
    """The model block's lines and the identifier of each actor and system."""
    lines: list[str] = []
    ident: dict[str, str] = {}
    if any(s.actor == "customer" for j in model.journeys for s in j.steps):
        ident["customer"] = names.ident("person", "customer")
        lines.append(
            f"{ident['customer']} = person {dsl_text(names.name('Customer', 'customer'))} "
            '"The customer" "Customer"'
        )
    for t in model.teams:
        ident[f"team:{t.id}"] = names.ident("team", t.id)
        lines.append(
            f"{ident[f'team:{t.id}']} = person {dsl_text(names.name(t.label, t.id))} "
            f'{dsl_text(t.description or "")} "Team"'
        )
    for s in model.systems:
        ident[s.id] = names.ident("system", s.id)
        tags = ",".join([s.kind] + ([s.lifecycle] if s.lifecycle != "active" else []))
        lines.append(
            f"{ident[s.id]} = softwareSystem {dsl_text(names.name(s.label, s.id))} "
            f"{dsl_text(s.description or '')} {dsl_text(tags)}"
        )
    entity = {e.id: e.label for e in model.entities}
    links: dict[tuple[str, str, str], list[str]] = {}
    for i in model.integrations:
        links.setdefault((i.source, i.target, i.mode), []).extend(entity[c] for c in i.carries)
    for (source, target, mode), carried in links.items():
        lines.append(
            f"{ident[source]} -> {ident[target]} {dsl_text(', '.join(dict.fromkeys(carried)))} "
            f"{dsl_text(mode)}"
        )
    used = dict.fromkeys(
        (_actor(s.actor), system) for j in model.journeys for s in j.steps for system in s.systems
    )
    lines += [f'{ident[actor]} -> {ident[system]} "uses" "" "Journey"' for actor, system in used]
    return lines, ident


def _actor(actor: str) -> str:
    return "customer" if actor == "customer" else f"team:{actor}"


def _views(model: Model, ident: dict[str, str]) -> list[str]:
    lines = [
        'systemLandscape "landscape" "Systems, teams and the data between them" {',
        "    include *",
        "    autoLayout lr",
        "}",
    ]
    for j in model.journeys:
        steps = [(s, system) for s in j.steps for system in s.systems]
        if not steps:
            lines.append(f"// {j.id}: no step uses a system, so no dynamic view")
            continue
        lines.append(f"dynamic * {dsl_text('journey-' + j.id)} {dsl_text(j.label)} {{")
        for step, system in steps:
            lines.append(f"    {ident[_actor(step.actor)]} -> {ident[system]} {dsl_text(step.label)}")
        lines += ["    autoLayout lr", "}"]
    return lines + _STYLES.splitlines()


def structurizr_dsl(model: Model) -> bytes:
    """The model as a Structurizr DSL workspace (UTF-8).

    >>> import silomap
    >>> dsl = structurizr_dsl(silomap.load("models/retail-bank")).decode()
    >>> dsl.count("= softwareSystem "), dsl.count("dynamic * ")
    (19, 6)
    """
    names = _Names()
    model_lines, ident = _model(model, names)
    out = [f"workspace {dsl_text(model.name)} {dsl_text(model.description or '')} {{", "    model {"]
    out += [f"        {line}" for line in model_lines]
    out += ["    }", "    views {"]
    out += [f"        {line}" for line in _views(model, ident)]
    out += ["    }", "}"]
    return ("\n".join(out) + "\n").encode("utf-8")
