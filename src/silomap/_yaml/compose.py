"""Composing plain data from PyYAML's event stream, with an explicit stack and the position of
every node (see :mod:`.reader` for what it checks and why)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import yaml
from yaml import events as ev

from .._config import Limits
from .._errors import Problem
from .._text import quote_value, safe_text
from .document import SHIFT, MapPos, SeqPos, Spot, format_path, pack, unpack
from .text import VALUE_UNSAFE, Parser, TooLarge, deep_flow, resolve

__all__ = ["Abort", "Composer"]

_ALLOWED_TAGS = frozenset(("tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"))


# ---------------------------------------------------------------------------
# Composition from events


class Abort(Exception):
    """The file cannot be read further; its problem is already recorded."""


class _Frame:
    __slots__ = ("anchor", "key", "key_spot", "label", "merges", "obj", "pos", "size", "skip_key")

    def __init__(self, obj: Any, pos: Any, anchor: str | None, label: str | int | None) -> None:
        self.obj = obj
        self.pos = pos
        self.anchor = anchor
        self.label = label
        self.size = 1
        self.key: Any = None
        self.key_spot = 0  # packed
        self.skip_key = False
        self.merges: list[Any] | None = None


class Composer:
    def __init__(
        self, name: str, text: str, limits: Limits, multi: bool = False, keep_controls: bool = False
    ) -> None:
        self.name = name
        self.multi = multi
        self.keep_controls = keep_controls  # values keep control and bidi characters: an importer cleans them
        self.limits = limits
        self.text = text
        self.parser = Parser(text)
        self.problems: list[Problem] = []
        self.positions: dict[int, MapPos | SeqPos] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.events = 0
        self.documents = 0
        self.expanded = 0
        # Only a value can be refused for its characters, and only if the text has such a
        # character or an escape that makes one (``"\e"``): most files need no check per value.
        self.check_values = "\\" in text or VALUE_UNSAFE.search(text) is not None
        self.poisoned: list[tuple[str | int, ...]] = []
        self.result: Any = None
        # One object for each distinct text of the file: ids are repeated in every reference to
        # them. A dict of our own, not sys.intern: some Pythons (early 3.12 releases, free-threaded
        # builds) never free an interned string.
        self.strings: dict[str, str] = {}
        if multi:  # the documents of a stream, as the items of one list
            root: list[Any] = []
            self.positions[id(root)] = SeqPos(0)
            self.stack.append(_Frame(root, self.positions[id(root)], None, None))

    # -- reporting --------------------------------------------------------
    def _path(self, extra: tuple[str | int, ...] = ()) -> tuple[str | int, ...]:
        out: list[str | int] = []
        for frame in self.stack[1:]:
            if frame.label is not None:
                out.append(frame.label)
        return (*out, *extra)

    def _child_label(self) -> str | int | None:
        if not self.stack:
            return None
        top = self.stack[-1]
        if isinstance(top.obj, list):
            return len(top.obj)
        return top.key if isinstance(top.key, str) else None

    def report(self, spot: Spot, code: str, message: str, path: tuple[str | int, ...]) -> None:
        self.problems.append(Problem(self.name, spot[0] + 1, spot[1] + 1, code, message, format_path(path)))

    def _too_deep(self, spot: Spot) -> NoReturn:
        self.report(
            spot, "SM014", f"nesting deeper than {self.limits.depth} levels; a model needs about 6", ()
        )
        raise Abort

    def _value_path(self) -> tuple[str | int, ...]:
        label = self._child_label()
        return self._path(() if label is None else (label,))

    # -- main loop --------------------------------------------------------
    def compose(self) -> Any:
        try:
            return self._compose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            spot = (mark.line, mark.column) if mark else (0, 0)
            if "maximum nesting depth" in (exc.problem or ""):
                # PyYAML 6.0.4 stops deep flow collections itself while it scans ahead, before our
                # depth check sees the events: report our limit, at the bracket that crosses it
                self._too_deep(deep_flow(self.text, self.limits.depth) or spot)
            msg = safe_text(exc.problem or "invalid YAML")
            if exc.context and exc.context_mark:
                ctx = exc.context.replace("while parsing a ", "").replace("while scanning a ", "")
                cm = exc.context_mark
                msg += f" ({safe_text(ctx)} started at {cm.line + 1}:{cm.column + 1})"
            lines = self.text.splitlines()
            if spot[0] < len(lines) and lines[spot[0]][spot[1] : spot[1] + 1] == "\t":
                msg += "; YAML indentation must use spaces, not tabs"
            self.report(spot, "SM010", msg, ())
            raise Abort from None
        except yaml.YAMLError as exc:  # a reader error without a mark
            self.report((0, 0), "SM010", safe_text(str(exc)), ())
            raise Abort from None

    def _compose(self) -> Any:
        get, stack, limit = self.parser.get_event, self.stack, self.limits.events
        one = self.strings.setdefault
        scalar_cls, words = ev.ScalarEvent, _WORDS
        count = 0
        mark: Any
        while True:
            event: Any = get()
            count += 1
            if count > limit:
                mark = event.start_mark
                self.report(
                    (mark.line, mark.column),
                    "SM002",
                    f"file has more than {limit:,} YAML nodes; split it",
                    (),
                )
                raise Abort
            if type(event) is not scalar_cls:
                self.events = count  # the alias budget grows with the nodes read so far
                if self._structure(event):
                    return self.stack.pop().obj if self.multi else self.result
                continue
            text = event.value
            top = stack[-1] if stack else None
            if (
                # the common case, inlined: a word (not a number, a null or a boolean), plain or
                # quoted, in a file without a character to refuse, as an item or a value
                top is not None
                and text
                and text[:1] not in words
                and event.tag is None
                and event.anchor is None
                and not self.check_values
            ):
                obj, mark = top.obj, event.start_mark
                if type(obj) is list:
                    obj.append(one(text, text))
                    top.pos.spots.append(mark.line << SHIFT | mark.column)  # pack(), inlined
                    top.size += 1
                    continue
                key = top.key
                if key is None and not top.skip_key and text != "<<" and text not in obj:
                    top.key = one(text, text)  # a key, not one already there (see _take_key)
                    top.key_spot = mark.line << SHIFT | mark.column
                    top.size += 1
                    continue
                if key is not None and key is not _MERGE:
                    top.key = None
                    obj[key] = one(text, text)
                    top.pos.add(key, top.key_spot, mark.line << SHIFT | mark.column, None)
                    top.size += 1
                    continue
            value, raw = self._scalar(event), None
            if type(value) is tuple:
                value, raw = value
            mark = event.start_mark
            self._add(value, mark.line << SHIFT | mark.column, raw, 1, event.anchor)  # pack(), inlined

    def _structure(self, event: Any) -> bool:
        """Take an event that is not a scalar; ``True`` at the end of the stream."""
        cls = type(event)
        if cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
            self._open(event, cls is ev.MappingStartEvent)
        elif cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            frame = self.stack.pop()
            if frame.merges is not None:
                self._merge(frame)
            self._add(frame.obj, frame.pos.start, None, frame.size, frame.anchor)
        elif cls is ev.AliasEvent:
            self._alias(event)
        elif cls is ev.DocumentStartEvent:
            self.documents += 1
            if self.multi:
                self.anchors = {}  # an anchor names a node of its own document only
            elif self.documents > 1:
                spot = (event.start_mark.line, event.start_mark.column)
                self.report(
                    spot, "SM015", "multiple YAML documents in one file; put each in its own file", ()
                )
                raise Abort
        return cls is ev.StreamEndEvent

    def _refuse(self, event: Any, code: str, message: str | Callable[[str], str]) -> None:
        """Report a value that is refused, and keep the schema from reporting its path again.

        ``message`` may be a function of the value's path, as people read it.
        """
        path = self._value_path()
        shown = message(format_path(path) or "a value") if callable(message) else message
        self.report((event.start_mark.line, event.start_mark.column), code, shown, path)
        self.poisoned.append(path)

    def _scalar(self, event: Any) -> Any:
        """The value of a scalar, or ``(value, source text)`` for one that is not a string."""
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            self._refuse(
                event, "SM012", f"explicit YAML tag {quote_value(tag)} is not allowed; write plain data"
            )
            return None
        text: str = event.value
        if not event.style and tag is None:
            try:
                value = resolve(text)
            except TooLarge:
                self._refuse(event, "SM022", f"number too large: {quote_value(text)}")
                return None
            if value is not text and not isinstance(value, str):
                return (value, text)
        # plain or quoted, a value is refused for the same characters
        if self.check_values and self._unsafe(event, text):
            return None
        return self.strings.setdefault(text, text)

    def _unsafe(self, event: Any, text: str) -> bool:
        """Report a control or bidi character in a value (keys are checked as unknown fields)."""
        bad = None if self.keep_controls else VALUE_UNSAFE.search(text)
        if not bad:
            return False
        top = self.stack[-1] if self.stack else None
        if top is not None and type(top.obj) is dict and top.key is None and not top.skip_key:
            return False  # a key
        char = ord(bad.group())
        bidi = 0x202A <= char <= 0x2069 or char in (0x200E, 0x200F, 0x061C)
        kind = "bidirectional control" if bidi else "control character"
        self._refuse(event, "SM024", lambda where: f"{kind} U+{char:04X} in {where}; remove it")
        return True

    def _open(self, event: Any, is_map: bool) -> None:
        mark = event.start_mark
        if len(self.stack) >= self.limits.depth:
            self._too_deep((mark.line, mark.column))
        tag = event.tag
        label = self._child_label()
        if tag is not None and tag not in _ALLOWED_TAGS:
            path = self._value_path()
            self.report(
                (mark.line, mark.column),
                "SM012",
                f"explicit YAML tag {quote_value(tag)} is not allowed",
                path,
            )
            self.poisoned.append(path)
        obj: Any = {} if is_map else []
        spot = pack(mark.line, mark.column)
        pos: Any = MapPos(spot) if is_map else SeqPos(spot)
        self.positions[id(obj)] = pos
        self.stack.append(_Frame(obj, pos, event.anchor, label))

    def _alias(self, event: Any) -> None:
        spot = (event.start_mark.line, event.start_mark.column)
        target = self.anchors.get(event.anchor)
        if target is None:
            self.report(spot, "SM010", f"unknown alias *{safe_text(event.anchor)}", self._value_path())
            raise Abort
        obj, size = target
        self.expanded += size
        budget = min(self.limits.alias_nodes, self.limits.alias_ratio * self.events)
        if self.expanded > budget:
            self.report(
                spot,
                "SM013",
                f"alias expansion exceeds {budget:,} nodes (a 'billion laughs' pattern?)",
                self._value_path(),
            )
            raise Abort
        self._add(obj, pack(*spot), None, size, None)

    def _add(self, value: Any, spot: int, raw: str | None, size: int, anchor: str | None) -> None:
        """Put a composed node into its parent; ``spot`` is where it starts, packed."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        top.size += size
        obj = top.obj
        if type(obj) is list:
            pos = top.pos
            if raw is not None:
                if pos.raws is None:
                    pos.raws = {}
                pos.raws[len(obj)] = raw
            obj.append(value)
            pos.spots.append(spot)
            return
        if top.key is None and not top.skip_key:
            self._take_key(top, value, spot, raw)
            return
        key, top.key = top.key, None
        if top.skip_key:
            top.skip_key = False
            return
        if key is _MERGE:
            self._add_merge(top, value, unpack(spot))
            return
        obj[key] = value
        top.pos.add(key, top.key_spot, spot, raw)

    def _take_key(self, top: _Frame, key: Any, packed: int, raw: str | None) -> None:
        top.key_spot = packed
        spot = unpack(packed)
        if not isinstance(key, str):
            shown = raw if raw is not None else repr(key) if not isinstance(key, dict | list) else None
            if shown is None:
                message = "keys must be plain text; a complex key (mapping or list) is not allowed"
            elif isinstance(key, bool) or key is None:
                message = (
                    f"keys must be strings; `{safe_text(shown)}` was read as "
                    f"{'a boolean' if isinstance(key, bool) else 'null'}, quote it"
                )
            else:
                message = f"keys must be strings; `{safe_text(shown)}` was read as a number, quote it"
            self.report(spot, "SM017", message, self._path())
            top.skip_key = True  # the value that follows is dropped: the key was reported
            return
        if key == "<<" and raw is None:
            if top.merges is not None:
                self.report(
                    spot,
                    "SM011",
                    "duplicate merge key '<<'; use `<<: [*a, *b]`",
                    self._path(),
                )
                top.skip_key = True  # the value that follows is dropped: the key was reported
                return
            top.merges = []
            top.key = _MERGE
            return
        if key in top.pos.keys:
            first = top.pos.key_spot(key)
            self.report(
                spot,
                "SM011",
                f"duplicate key {quote_value(key)} (first defined at line {first[0] + 1})",
                self._path((key,)),
            )
            top.skip_key = True  # the value that follows is dropped: the key was reported
            return
        top.key = key

    def _add_merge(self, top: _Frame, value: Any, spot: Spot) -> None:
        sources = value if isinstance(value, list) else [value]
        assert top.merges is not None
        for source in sources:
            if not isinstance(source, dict):
                self.report(spot, "SM010", "'<<' must merge a mapping or a list of mappings", self._path())
                return
            top.merges.append(source)

    def _merge(self, frame: _Frame) -> None:
        obj, pos = frame.obj, frame.pos
        assert frame.merges is not None
        for source in frame.merges:
            source_pos = self.positions.get(id(source))
            for key, value in source.items():
                if key not in obj:
                    obj[key] = value
                    if isinstance(source_pos, MapPos) and key in source_pos.keys:
                        at = source_pos.keys[key]
                        raw = source_pos.raws.get(key) if source_pos.raws is not None else None
                        pos.add(key, source_pos.spots[at], source_pos.spots[at + 1], raw)


_MERGE = object()
_WORDS = frozenset("-+.0123456789tTfFnN~")  # first letters of what may not be a word: see resolve()
