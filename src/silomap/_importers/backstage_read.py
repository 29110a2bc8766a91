"""Reading a Backstage software catalog: its files, its entities, their references.

A catalog is untrusted like a model: every file goes through silomap's hardened YAML reader
(several documents per file allowed, the same size, depth and alias budgets), every problem of
every file is reported at once, and nothing outside the catalog is read:

- a folder: every visible ``*.yaml`` / ``*.yml`` file under it, in path order (symlinks skipped);
- a file: that file, and the files its ``Location`` entities name, relative to it and inside its
  folder; a URL or a path that leaves the folder is listed as not followed;
- ``$text``, ``$yaml`` and ``$json`` substitutions (an API's definition in another file or at a
  URL) are never followed, only listed: silomap needs no API definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._config import Limits
from .._errors import ModelError, Problem
from .._model import inside, shown
from .._yaml import Document, read_documents
from .safe_xml import read_regular
from .sniff import describe_silomap

__all__ = ["Catalog", "Entity", "read_catalog", "ref"]

SUBSTITUTIONS = ("$text", "$yaml", "$json")
_REF = re.compile(r"^(?:([A-Za-z][\w-]*):)?(?:([\w.-]+)/)?([\w.-]+)$")


def ref(text: object, default_kind: str) -> str | None:
    """An entity reference (``[kind:][namespace/]name``) in canonical, lower-case form, or ``None``.

    >>> ref("team-a", "group"), ref("resource:artists-db", "component"), ref("user:default/Guest", "group")
    ('group:default/team-a', 'resource:default/artists-db', 'user:default/guest')
    >>> ref("https://x", "group") is None
    True
    """
    found = _REF.match(text) if isinstance(text, str) else None
    if not found:
        return None
    kind, namespace, name = found.groups()
    return f"{(kind or default_kind).lower()}:{(namespace or 'default').lower()}/{name.lower()}"


@dataclass(frozen=True)
class Entity:
    """One entity of the catalog: its kind (lower case), reference, the document and where it is."""

    kind: str
    ref: str
    data: dict[str, Any]
    file: str
    line: int

    @property
    def spec(self) -> dict[str, Any]:
        """The entity's ``spec`` (empty when missing or not a mapping)."""
        spec = self.data.get("spec")
        return spec if isinstance(spec, dict) else {}

    @property
    def metadata(self) -> dict[str, Any]:
        """The entity's ``metadata``."""
        meta = self.data.get("metadata")
        return meta if isinstance(meta, dict) else {}

    @property
    def title(self) -> str:
        """What people call it: ``metadata.title``, a profile's display name, or its name."""
        profile = self.spec.get("profile")
        shown = profile.get("displayName") if isinstance(profile, dict) else None
        for value in (self.metadata.get("title"), shown, self.metadata.get("name")):
            if isinstance(value, str) and value.strip():
                return value
        return self.ref

    def refs(self, key: str, default_kind: str) -> list[str]:
        """The references under ``spec[key]`` (one or a list), canonical; unreadable ones left out."""
        value = self.spec.get(key)
        values = value if isinstance(value, list) else [] if value is None else [value]
        return [r for r in (ref(v, default_kind) for v in values) if r is not None]


@dataclass
class Catalog:
    """What was read: entities in file order, and what the import report must tell."""

    entities: list[Entity] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    other_documents: int = 0
    substitutions: list[str] = field(default_factory=list)
    not_followed: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped_links: list[str] = field(default_factory=list)
    silomap: list[_Foreign] = field(default_factory=list)  # silomap's own files, not catalog files


@dataclass(frozen=True)
class _Foreign:
    """A silomap file met in a catalog: where, what it is, and the command that reads it."""

    where: str  # as problems name it
    name: str  # in the catalog
    line: int
    column: int
    what: str
    way: str

    def problem(self) -> Problem:
        """Refuse it (SM063), naming what it is and the way out."""
        way = f": use {self.way}" if self.way else ""
        return Problem(
            self.where, self.line, self.column, "SM063", f"this is {self.what}, not a Backstage catalog{way}"
        )


class _Reader:
    def __init__(self, root: Path, limits: Limits, label: str) -> None:
        self.root = root
        self.label = label  # the catalog's folder as the user named it, which problems start with
        self.limits = limits
        self.catalog = Catalog()
        self.problems: list[Problem] = []
        self.seen: set[Path] = set()
        self.known: set[str] = set()
        self.total = 0

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else path.name

    def read(self, path: Path) -> list[Entity]:
        """One file's entities (its problems recorded); an over-budget catalog stops here."""
        real = _resolved(path)
        if real is None:
            where = inside(self.label, self.name(path))
            self.problems.append(Problem(where, 1, 1, "SM003", "cannot read: a symlink loop"))
            return []
        path = real
        if path in self.seen:
            return []
        self.seen.add(path)
        name = self.name(path)
        where = inside(self.label, name)
        if len(self.seen) > self.limits.files:
            many = f"the catalog has more than {self.limits.files:,} files; import a part of it"
            raise ModelError([Problem(where, 0, 0, "SM002", many)])
        data, why = read_regular(path, self.limits.file_bytes)  # a FIFO would block, a device never end
        if data is None:
            self.problems.append(Problem(where, 1, 1, "SM003", why))
            return []
        self.total += len(data)
        if self.total > self.limits.total_bytes:
            over = f"the catalog is over {self.limits.total_bytes // 2**20} MiB; import a part of it"
            raise ModelError([Problem(where, 0, 0, "SM002", over)])
        # a title may hold "\r\n" or other controls, which a model refuses: the builder makes it one line
        doc, problems = read_documents(where, data, self.limits, keep_controls=True)
        self.problems += [p for p in problems if p.severity == "error"]
        if doc is None or problems:
            return []
        self.catalog.files.append(name)
        found = [e for i, item in enumerate(doc.data) if (e := self._entity(doc, i, item, name)) is not None]
        for i, item in enumerate(doc.data):
            if (what := describe_silomap(item)) is not None:  # a silomap file is no catalog file
                line, col = doc.locate((i,))
                way = what[1].replace("FILE", where).replace("FOLDER", self.label)
                self.catalog.silomap.append(_Foreign(doc.name, name, line, col, what[0], way))
                break
        return found

    def _entity(self, doc: Document, index: int, item: Any, name: str) -> Entity | None:
        self._substitutions(doc, item, (index,), name)
        meta = item.get("metadata") if isinstance(item, dict) else None
        kind = item.get("kind") if isinstance(item, dict) else None
        named = meta.get("name") if isinstance(meta, dict) else None
        if not (isinstance(kind, str) and isinstance(named, str) and str(item.get("apiVersion", "")).strip()):
            self.catalog.other_documents += 1  # an OpenAPI file, an empty document: not an entity
            return None
        assert isinstance(meta, dict)  # checked with the name above
        namespace = meta.get("namespace") if isinstance(meta.get("namespace"), str) else "default"
        key = ref(f"{kind}:{namespace}/{named}", kind)
        line = doc.locate((index,))[0]
        if key is None:
            what = f"not a Backstage entity name: {named[:80]!r}"
            self.problems.append(Problem(doc.name, line, 1, "SM020", what, f"[{index}].metadata.name"))
            return None
        if key in self.known:
            self.catalog.duplicates.append(f"{key} ({name}:{line})")
            return None
        self.known.add(key)
        return Entity(kind.lower(), key, item, name, line)

    def _substitutions(self, doc: Document, node: Any, path: tuple[str | int, ...], name: str) -> None:
        stack = [(node, path)]
        while stack:
            value, where = stack.pop()
            if isinstance(value, dict):
                for key, child in value.items():
                    if key in SUBSTITUTIONS:
                        line = doc.locate((*where, key), key=True)[0]
                        self.catalog.substitutions.append(f"{key} at {name}:{line}")
                    stack.append((child, (*where, key)))
            elif isinstance(value, list):
                stack.extend((child, (*where, i)) for i, child in enumerate(value))

    def _refused(self, path: Path) -> str:
        """Why a Location's target is not followed; empty if it is."""
        real = _resolved(path)
        if real is None:
            return "a symlink loop"
        if not real.is_relative_to(self.root):
            return "outside the catalog"
        return "" if path.is_file() else "no such file"

    def follow(self, entity: Entity, folder: Path) -> list[Path]:
        """The files a ``Location`` names, inside the catalog's folder; the rest is listed."""
        targets = entity.spec.get("targets")
        named = [entity.spec.get("target"), *(targets if isinstance(targets, list) else [])]
        out: list[Path] = []
        for target in (t for t in named if isinstance(t, str)):
            if "://" in target or target.startswith(("/", "~")):
                self.catalog.not_followed.append(f"{target[:120]} ({entity.file}): not a path in the catalog")
                continue
            found = sorted(folder.glob(target)) if any(c in target for c in "*?[") else [folder / target]
            if not found:
                self.catalog.not_followed.append(f"{target[:120]} ({entity.file}): matches no file")
            for path in found:
                why = self._refused(path)
                matched = "" if path == folder / target else f" {self.name(path)}:"  # which file of a pattern
                if why:
                    self.catalog.not_followed.append(f"{target[:120]} ({entity.file}):{matched} {why}")
                else:
                    out.append(path)
        return out


def _resolved(path: Path) -> Path | None:
    """Where ``path`` leads, or ``None`` for a symlink loop (Python 3.11 raises RuntimeError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _nothing(catalog: Catalog, path: Path) -> list[Problem]:
    """Why a catalog without entities is refused: each silomap file in it, or none is an entity."""
    what = "no Backstage entity here (a document with apiVersion, kind and metadata.name): nothing to import"
    return [f.problem() for f in catalog.silomap] or [Problem(shown(path), 1, 1, "SM063", what)]


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def read_catalog(path: Path, limits: Limits | None = None) -> Catalog:
    """Read a catalog file (following its ``Location`` entities) or folder; raise every problem at once.

    >>> from pathlib import Path
    >>> c = read_catalog(Path("tests/data/backstage/catalog-info.yaml"))
    >>> [e.kind for e in c.entities][:3], c.substitutions
    (['system', 'component', 'component'], ['$text at catalog-info.yaml:47'])
    """
    limits = limits or Limits()
    folder = path if path.is_dir() else path.parent
    reader = _Reader(folder.resolve(), limits, shown(folder))
    root = reader.root
    if path.is_dir():
        files = sorted(
            p for p in root.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and _visible(p, root)
        )
        reader.catalog.skipped_links = [reader.name(p) for p in files if p.is_symlink()]
        for file in (p for p in files if not p.is_symlink() and p.is_file()):
            reader.catalog.entities += reader.read(file)
    else:
        queue = [path]
        while queue:
            found = reader.read(queue.pop(0))
            reader.catalog.entities += found
            for entity in (e for e in found if e.kind == "location"):
                queue += reader.follow(entity, (root / entity.file).parent)
    if not reader.problems and not reader.catalog.entities:  # nothing to import is no empty model
        reader.problems = _nothing(reader.catalog, path)
    if reader.problems:
        raise ModelError(reader.problems)
    return reader.catalog
