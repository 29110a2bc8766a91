"""What every importer fills: a :class:`Builder` with stable ids and the import report.

An importer maps a foreign file to a :class:`Builder`: systems, teams,
entities, integrations and journeys, each with its name and its id in the
original tool. The builder turns names into ids (slugs, unique, stable for
the same input), records what was mapped, dropped and assumed, and produces
YAML files and a Markdown import report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._config import Limits
from .._metrics import PLACEHOLDER_TAG
from .._model import ID_PATTERN, dump, split_files
from .._text import UNSAFE_CHARS, md, safe_text, slug
from .._yaml import VALUE_UNSAFE

__all__ = ["NAME_MAX", "Builder", "Raw", "Ref", "Scoped", "Taken", "slug"]

NAME_MAX = 200  # the loader's longest name, and the longest source_id
_LIMITS = {"name": NAME_MAX, "source_id": NAME_MAX, "description": 10_000}
_CONTROLS = "names with line breaks, tabs, runs of spaces, control or bidi characters: each became one space"
_REFUSED = "texts with control or bidi characters, which a model file cannot hold: each became one space"
_CUT = "names or source ids longer than {limit} characters: cut, ending in \u2026"
_KINDS = ("teams", "entities", "systems")
PLACEHOLDER_KEY = "placeholder:"  # the key prefix of an entity an importer makes up


@dataclass(frozen=True)
class Ref:
    """A reference to an element by its original id, turned into the model id at the end."""

    kind: str
    key: str


@dataclass(frozen=True)
class Scoped:
    """An id unique within a scope (journeys; the steps of one journey), from a name, or ``want``
    (the id the source gives) when it is a free, valid id."""

    scope: str
    key: str
    name: str
    want: str | None = None


@dataclass(frozen=True)
class Raw:
    """A value written as it is: a text the source keeps exactly (:meth:`Builder.keep`), or an
    ``x-`` field's value, which no cleaning may change."""

    value: Any


def _row(text: str) -> str:
    """A row of the import report: one line, every control or bidi character of a name escaped
    (the importers quote names, and this holds for a row that forgot), no Markdown markup."""
    return md(safe_text(" ".join(text.split())), prose=True)


def _free(want: Any, taken: Any) -> bool:
    """Whether ``want`` is a model id not ``taken`` yet."""
    return (
        isinstance(want, str)
        and len(want) <= 64
        and re.fullmatch(ID_PATTERN, want) is not None
        and (want not in taken)
    )


@dataclass
class Taken:
    """The ids used in one scope, and for each base the last number given: equal names are
    numbered in one pass, not by trying ``-2``, ``-3``... again for each (20,000 alike took 20 s)."""

    ids: set[str] = field(default_factory=set)
    last: dict[str, int] = field(default_factory=dict)

    def take(self, ident: str) -> str:
        """Use ``ident``, a free id the source gives."""
        self.ids.add(ident)
        return ident

    def next(self, base: str) -> str:
        """``base``, else ``base-2``, ``base-3``...: the first free one, as if each were tried in turn
        (the ids below the last one given were taken then, and stay taken)."""
        n = self.last.get(base, 1)
        ident = base if n == 1 else f"{base}-{n}"
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.last[base] = n
        return self.take(ident)


@dataclass
class _Item:
    kind: str
    key: str  # the original tool's id
    name: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Builder:
    """Collects a model from an importer, then gives every element a stable, unique id."""

    name: str
    source: str
    items: dict[str, list[_Item]] = field(default_factory=lambda: {k: [] for k in _KINDS})
    integrations: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    journeys: list[dict[str, Any]] = field(default_factory=list)
    head: dict[str, Any] = field(default_factory=dict)  # the model's own fields the source gives
    mapped: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    _ids: dict[tuple[str, str], str] = field(default_factory=dict)
    _scoped: dict[str, dict[str, str]] = field(default_factory=dict)
    _taken: dict[str, Taken] = field(default_factory=dict)
    _keys: dict[str, dict[str, _Item]] = field(default_factory=dict)
    _names: dict[str, dict[str, str]] = field(default_factory=dict)
    changed: Counter[str] = field(default_factory=Counter)
    # where the source states an element, by its id there: (line, column), for a problem's place
    where: Callable[[str], tuple[int, int] | None] = field(default=lambda key: None, repr=False)
    _cleaned: dict[tuple[str, int], str] = field(default_factory=dict)

    def clean(self, text: str, limit: int) -> str:
        """``text`` as the loader accepts it: controls and line breaks made spaces, runs of space
        made one, at most ``limit`` characters; what changed is counted for the import report."""
        if (text, limit) in self._cleaned:  # the same name is cleaned for its id and its row: count it once
            return self._cleaned[(text, limit)]
        head = text[: 4 * limit]  # never normalise megabytes: a 50 MB name is cut first
        cleaned = " ".join(UNSAFE_CHARS.sub(" ", head).split())
        if cleaned != head.strip():
            self.changed[_CONTROLS] += 1
        if len(cleaned) > limit or len(text) > len(head):
            self.changed[_CUT.format(limit=limit)] += 1
            cleaned = cleaned[: limit - 1].rstrip() + "\u2026"
        self._cleaned[(text, limit)] = cleaned
        return cleaned

    def keep(self, text: str, limit: int) -> Raw:
        """``text`` exactly as the source wrote it (line breaks, tabs and spaces too), but for the
        characters a model file cannot hold (each one space) and the length (cut at ``limit``)."""
        head = text[: 4 * limit]
        lines = head.replace("\r\n", "\n").replace("\r", "\n")  # a line break as the model file writes one
        kept = VALUE_UNSAFE.sub(" ", lines)
        if kept != lines:
            self.changed[_REFUSED] += 1
        if len(kept) > limit or len(text) > 4 * limit:
            self.changed[_CUT.format(limit=limit)] += 1
            kept = kept[: limit - 1] + "\u2026"
        return Raw(kept)

    def scoped_id(self, scope: str, key: str, name: str) -> str:
        """An id unique within ``scope`` (journeys; the steps of one journey), in order of first use."""
        return self._scoped_id(Scoped(scope, key, name))

    def _scoped_id(self, ref: Scoped) -> str:
        scope, key, name = ref.scope, ref.key, ref.name
        ids = self._scoped.setdefault(scope, {})
        taken = self._taken.setdefault(scope, Taken())
        if key not in ids and _free(ref.want, taken.ids):
            ids[key] = taken.take(str(ref.want))
        if key not in ids:
            ids[key] = taken.next(slug(self.clean(name, NAME_MAX), scope.split(":")[0].rstrip("s")))
        return ids[key]

    def add(self, kind: str, key: str, name: str, /, **fields: Any) -> None:
        """Add a team, entity or system, known by its original id ``key``; a :class:`Raw` name in
        ``fields`` is the name as the source keeps it (``name`` then only makes its id)."""
        if key not in self._keys.setdefault(kind, {}):
            if kind == "entities" and key.startswith(PLACEHOLDER_KEY):  # made up: the source names no data
                fields = {"tags": [PLACEHOLDER_TAG], **fields}
            kept = fields.get("name")
            shown = kept.value if isinstance(kept, Raw) else None
            item = _Item(kind, key, shown or self.clean(name, NAME_MAX) or self.clean(key, NAME_MAX), fields)
            self._keys[kind][key] = item
            self.items[kind].append(item)
            self._names.setdefault(kind, {}).setdefault(item.name.casefold(), key)

    def has(self, kind: str, key: str) -> bool:
        """Whether an element of ``kind`` with original id ``key`` was added."""
        return key in self._keys.get(kind, {})

    def id(self, kind: str, key: str) -> str:
        """The model id of an element, assigning all ids of its kind on first use.

        Ids come from names; equal names get ``-2``, ``-3``... in the order of the
        original ids, so the same file always gives the same ids. An element whose
        source gives its id (the field ``id``) keeps it, where it is valid and free.
        """
        if (kind, key) not in self._ids:
            taken = Taken({"customer"} if kind == "teams" else set())
            for item in self.items[kind]:
                if _free(item.fields.get("id"), taken.ids):
                    self._ids[(kind, item.key)] = taken.take(item.fields["id"])
            slugs = {item.key: slug(item.name, kind.rstrip("s")) for item in self.items[kind]}
            for item in sorted(self.items[kind], key=lambda i: (slugs[i.key], i.key)):
                if (kind, item.key) not in self._ids:
                    self._ids[(kind, item.key)] = taken.next(slugs[item.key])
        return self._ids[(kind, key)]

    def entity_named(self, name: str, key_prefix: str = "name:") -> str:
        """The original key of the entity called ``name`` (case-insensitive), adding it if new."""
        name = self.clean(name, NAME_MAX)
        known = self._names.get("entities", {}).get(name.casefold())
        if known is not None:
            return known
        self.add("entities", key_prefix + name.casefold(), name)
        return key_prefix + name.casefold()

    def documents(self) -> dict[str, Any]:
        """The model's documents (plain data) by file name, each within the loader's limits."""
        return {name: doc for name, (doc, _) in self.written().items()}

    def written(self, limits: Limits | None = None) -> dict[str, tuple[Any, str]]:
        """The model's documents by file name, each with its YAML text, within ``limits``."""
        head, lists = self.rows()
        return {"model.yaml": (head, dump(head))} | split_files(lists, limits=limits)

    def rows(self) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """The model's own fields, and each kind's rows, every id given."""
        head = {
            "silomap": 1,
            "name": self.clean(self.name, NAME_MAX),
            "description": f"Imported from {self.clean(self.source, NAME_MAX)} by silomap.",
        }
        head = {k: self._resolve(v) for k, v in (head | self.head).items() if v is not None}
        lists: dict[str, list[Any]] = {}
        for kind in _KINDS:
            rows = []
            for item in self.items[kind]:
                row: dict[str, Any] = {"id": self.id(kind, item.key), "name": item.name}
                for key, value in item.fields.items():
                    if key != "id":
                        row[key] = self._field(key, value)
                if "source_id" not in item.fields:  # the tool's own id, unless the source gives one
                    row["source_id"] = self.clean(item.key, NAME_MAX)
                rows.append({k: v for k, v in row.items() if k.startswith("x-") or v not in (None, [], ())})
            lists[kind] = rows
        lists["integrations"] = [self._resolve(i) for i in self.integrations]
        lists["questions"] = [self._resolve(q) for q in self.questions]
        lists["journeys"] = [self._resolve(j) for j in self.journeys]
        return head, lists

    def files(self) -> dict[str, str]:
        """The model's YAML files and the import report, by file name."""
        out = {name: text for name, (_, text) in self.written().items()}
        out["import-report.md"] = self.report()
        return out

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, Raw):
            return value.value
        if isinstance(value, Ref):
            return self.id(value.kind, value.key)
        if isinstance(value, Scoped):
            return self._scoped_id(value)
        if isinstance(value, dict):
            return {k: self._field(k, v) for k, v in value.items() if v is not None and v != []}
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    def _field(self, key: str, value: Any) -> Any:
        """A field's value: a name, source id or description as the loader takes it (one line, at most
        its length), whoever gave it; the rest resolved."""
        return (
            self.clean(value, _LIMITS[key])
            if key in _LIMITS and isinstance(value, str)
            else self._resolve(value)
        )

    def report(self) -> str:
        """The import report in Markdown: counts, then what was mapped, dropped and assumed."""
        counts = ", ".join(f"{len(self.items[k])} {k}" for k in _KINDS)
        asked = f", {len(self.questions)} questions" if self.questions else ""
        result = f"{counts}, {len(self.integrations)} integrations{asked}, {len(self.journeys)} journeys"
        # names in the rows come from the imported file: every row is escaped, so none makes markup
        name, source = md(self.clean(self.name, NAME_MAX), True), md(self.clean(self.source, NAME_MAX), True)
        lines = [f"# Import report: {name}", "", f"Source: {source}", "", f"Result: {result}.", ""]
        changed = [f"{count} {what}" for what, count in self.changed.items() if count]
        sections = (
            ("Mapped", self.mapped),
            ("Dropped", self.dropped),
            ("Assumed", self.assumed),
            ("Changed", changed),
        )
        for title, rows in sections:
            lines += [f"## {title}", ""]
            lines += [f"- {_row(row)}" for row in rows] or ["- nothing"]
            lines.append("")
        return "\n".join(lines)
