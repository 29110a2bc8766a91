"""What silomap's own ArchiMate export says, read back: ids, texts as written, ``silomap`` properties.

An element with the property ``silomap id`` was written by silomap's export: its id, its name
exactly as written (none where the name is the id and no ``silomap name`` says otherwise), its
documentation, and each field kept in a ``silomap <field>`` property come back as they were. A
value the field does not take (a hand edit in another tool) is left out and listed under
*Dropped*, so the model still loads.

Other files say what a system is, if at all, in a property named ``kind`` or ``type``: its value is
the system's kind when it is an id (``CRM`` is read as ``crm``, ``Meter data`` as ``meter-data``);
any other value gives ``other``, reported.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from .._formats import archimate as vocab
from .._model import CHANNELS, ID_PATTERN, LIFECYCLES, MAX_VOLUME, MODES, STAGES, Kpis
from .._text import quote_value, safe_text
from .archimate_read import MODEL, ArchiMateFile
from .builder import NAME_MAX, Builder, Raw, Ref

__all__ = ["TEXT_MAX", "Own", "valid_id"]

TEXT_MAX = 10_000  # the loader's longest description or question text
_KIND_PROPERTIES = ("kind", "type")  # the properties of other tools that say what a system is


def valid_id(text: str) -> bool:
    """Whether ``text`` is a model id (lower case, at most 64 characters).

    >>> valid_id("meter-data"), valid_id("CRM"), valid_id("a" * 65)
    (True, False, False)
    """
    return len(text) <= 64 and re.fullmatch(ID_PATTERN, text) is not None


def _choice(options: tuple[str, ...]) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        return text.strip() if text.strip() in options else None

    read.__doc__ = "one of " + ", ".join(options)
    return read


def _number(low: float, high: float, above: bool = False) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        try:
            value = float(text.strip())
        except ValueError:
            return None
        ok = math.isfinite(value) and (value > low if above else value >= low) and value <= high
        return value if ok else None

    read.__doc__ = f"a number {'above' if above else 'from'} {low:g}" + (
        f" to {high:g}" if high < math.inf else ""
    )
    return read


def _boolean(text: str) -> Any:
    """true or false"""
    return {"true": True, "false": False}.get(text.strip().lower())


def _channels(text: str) -> Any:
    """channels among web, mobile, phone..., separated by commas"""
    found = [part.strip() for part in text.split(",") if part.strip()]
    return found if all(c in CHANNELS for c in found) else None


def _kpis(text: str) -> Any:
    """KPIs as JSON ({"nps": -8, "csat": {"value": 68, "target": 75}})"""
    try:
        return Raw(Kpis.model_validate(json.loads(text)).model_dump(mode="json", exclude_none=True))
    except (ValueError, ValidationError):
        return None


_READ: dict[str, Callable[[str], Any]] = {
    "external": _boolean,
    "lifecycle": _choice(LIFECYCLES),
    "channels": _channels,
    "stage": _choice(STAGES),
    "mode": _choice(MODES),
    "channel": _choice(CHANNELS),
    "volume": _number(0, MAX_VOLUME, above=True),
    "minutes": _number(0, math.inf),
    "kpis": _kpis,
    **{f"weight {w}": _number(0, math.inf) for w in vocab.WEIGHTS},
}


class Own:
    """Reads the ``silomap`` properties of one file into a :class:`Builder`'s fields."""

    def __init__(self, b: Builder, f: ArchiMateFile) -> None:
        self.b, self.f = b, f
        # a silomap export (maybe edited): the model says so, or an element has a silomap id
        self.exported = "format" in f.props.get(MODEL, {}) or any("id" in p for p in f.props.values())

    def id(self, key: str) -> str | None:
        """The silomap id the export gave the element, if any."""
        found = self.f.props.get(key, {}).get("id")
        return found.strip() if found is not None else None

    def bad(self, key: str, prop: str, value: str, expected: str, then: str = "left out") -> None:
        """Report a property whose value the field does not take, with its element."""
        kind, label = self.f.elements.get(key, ("relationship", ""))
        where = f"{kind} {safe_text(key)[:80]} {quote_value(label, 60)}"
        self.b.dropped.append(f"{where}: {prop} {quote_value(value, 60)} is not {expected}; {then}")

    def value(self, key: str, prop: str) -> Any:
        """The value of the property ``silomap <prop>`` as its field takes it; ``None`` if absent or bad."""
        text = self.f.props.get(key, {}).get(prop)
        if text is None:
            return None
        read = _READ.get(prop)
        value = read(text) if read else text.strip()
        if value is None:
            self.bad(key, vocab.property_name(prop), text, (read.__doc__ or "") if read else "")
        return value

    def fields(self, key: str, wanted: tuple[str, ...], name: str | None = "name") -> dict[str, Any]:
        """The id (``id``), name (``name``, or ``text`` for questions), the ``wanted`` fields, tags and
        ``x-`` fields of an element silomap wrote, as its builder row takes them."""
        props = self.f.props.get(key, {})
        out: dict[str, Any] = {}
        if name is not None:
            ident, written = self.id(key) or "", self.f.written.get(key, "")
            text = props.get(name, None if written == ident else written)
            out["id"] = ident
            if not valid_id(ident):
                self.bad(
                    key, vocab.property_name("id"), ident, "a lower-case id", "the id is made from the name"
                )
            out[name] = None if text is None else self.b.keep(text, TEXT_MAX if name == "text" else NAME_MAX)
        for field in wanted:
            if field == "description":
                doc = self.f.docs.get(key)
                out[field] = None if doc is None else self.b.keep(doc, TEXT_MAX)
            elif field == "source_id":
                given = props.get(field)
                out[field] = None if given is None else self.b.keep(given, NAME_MAX)
            elif field == "kind":
                out[field] = self.kind(key)
            else:
                out[field] = self.value(key, field)
        tags = [t.strip() for t in props.get("tags", "").split(",") if t.strip()]
        if not all(valid_id(t) for t in tags):
            self.bad(key, vocab.property_name("tags"), props["tags"], "ids separated by commas")
            tags = [t for t in tags if valid_id(t)]
        out["tags"] = tags
        for prop, text in props.items():
            if prop.startswith("x-"):
                out[prop] = Raw(_json(text))
        return out

    def kind(self, key: str) -> str | None:
        """A system's kind: ``silomap kind``, else another tool's ``kind`` or ``type`` property; ``None``
        (the default, ``other``) when none is an id."""
        own = self.f.props.get(key, {}).get("kind")
        found = [(vocab.property_name("kind"), own)] if own is not None else []
        other = self.f.other.get(key, {})
        found += [(prop, other[prop]) for prop in _KIND_PROPERTIES if prop in other]
        if not found:
            return None
        prop, text = found[0]
        kind = re.sub(r"\s+", "-", text.strip().lower())
        if valid_id(kind):
            return kind
        self.bad(key, prop, text, "a kind (an id such as crm or meter-data)", "the kind is 'other'")
        return None

    def head(self) -> None:
        """The model's own fields: its name and description as written, weights and KPIs."""
        if not self.exported:
            return
        written = self.f.written.get(MODEL, "")
        if written.strip():
            self.b.head["name"] = self.b.keep(written, NAME_MAX)
        doc = self.f.docs.get(MODEL)
        self.b.head["description"] = None if doc is None else self.b.keep(doc, TEXT_MAX)
        given = [w for w in vocab.WEIGHTS if f"weight {w}" in self.f.props.get(MODEL, {})]
        if given:  # a weight left out (not a number) keeps its default
            weights = {w: self.value(MODEL, f"weight {w}") for w in given}
            self.b.head["scoring"] = {"weights": {w: v for w, v in weights.items() if v is not None}}
        self.b.head["kpis"] = self.value(MODEL, "kpis")

    def questions(self) -> dict[str, str]:
        """Add the questions (business services silomap wrote); their ids by element."""
        ids: dict[str, str] = {}
        taken: set[str] = set()
        needs: dict[str, list[Ref]] = {}
        for r in self.f.rels:
            entity = self.f.elements[r.target][0] in vocab.ENTITY_TYPES and self.b.has("entities", r.target)
            if (
                r.kind == vocab.LINKED_AS["needs"]
                and entity
                and Ref("entities", r.target) not in needs.setdefault(r.source, [])
            ):
                needs[r.source].append(Ref("entities", r.target))
        for key, (kind, _) in self.f.elements.items():
            ident = self.id(key)
            if kind != vocab.WRITTEN_AS["question"] or ident is None:
                continue
            unique = valid_id(ident) and ident not in taken
            if not unique or not needs.get(key):
                why = "the data it needs" if unique else "an id of its own"
                self.bad(key, vocab.property_name("id"), ident, f"a question with {why}")
                continue
            ids[key] = ident
            taken.add(ident)
            self.b.questions.append(
                {**self.fields(key, vocab.FIELDS["Question"], "text"), "needs": needs[key]}
            )
        if ids:
            self.b.mapped.append(f"{len(ids)} business services silomap wrote -> questions")
        return ids


def _json(text: str) -> Any:
    """An ``x-`` field's value: the JSON silomap wrote, or the text as it is (edited by hand)."""
    try:
        return json.loads(text)
    except ValueError:
        return text
