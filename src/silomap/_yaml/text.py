"""The bytes and scalars of a YAML file: checked before parsing, resolved by YAML 1.2.

:func:`decode` refuses what is not a UTF-8 text file (size, UTF-16, binary
data, unusual line terminators, raw control characters) with the place;
:func:`resolve` reads a plain scalar by the YAML 1.2 core schema, so ``NO``,
``yes``, ``on`` and ``2024-01-01`` stay strings. :class:`Parser` is libyaml's
event parser when the PyYAML wheel has it, the pure-Python one otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from .._config import Limits, mib
from .._errors import Problem
from .document import Spot

__all__ = ["VALUE_UNSAFE", "Parser", "TooLarge", "decode", "deep_flow", "resolve"]

try:  # libyaml's parser when the wheel has it; the pure-Python one otherwise
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


_UNUSUAL_BREAKS = re.compile("[\x85\u2028\u2029]")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# In values: controls (tab and newline allowed), bidi controls, line separators,
# surrogates and non-characters. Zero-width joiners stay: scripts and emoji use them.
VALUE_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _one_break(text: str) -> str:
    """One kind of line break, so that the parser's line numbers and ours agree (CR-only files too)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _spot_of(text: str, index: int) -> Spot:
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def decode(name: str, data: bytes, limits: Limits) -> tuple[str | None, list[Problem]]:
    """Check a file's bytes and decode them, or say precisely why not."""

    def fail(line: int, col: int, code: str, msg: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, col, code, msg)]

    if len(data) > limits.file_bytes:
        return fail(
            1, 1, "SM002", f"file exceeds {mib(limits.file_bytes)} MiB ({len(data):,} bytes); split it"
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff",):
        return fail(1, 1, "SM001", "UTF-16 or UTF-32 detected; save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        # BOM-less UTF-16 of ASCII text: every other byte is NUL
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            return fail(1, 1, "SM001", "UTF-16 detected; save the file as UTF-8")
        return fail(1, 1, "SM001", f"binary data (NUL byte at offset {nul}); this is not a YAML text file")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = _one_break(body[: exc.start].decode("utf-8", "replace"))
        line, col = _spot_of(prefix, len(prefix))
        byte = body[exc.start]
        return fail(
            line + 1,
            col + 1,
            "SM001",
            f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8",
        )
    text = _one_break(text)
    for pattern, problem in (
        (
            _UNUSUAL_BREAKS,
            "unusual line terminator U+{:04X}; editors and YAML "
            "disagree on line numbers after it; use a plain newline",
        ),
        (_RAW_CONTROL, "control character U+{:04X} in the file; remove it"),
    ):
        match = pattern.search(text)
        if match:
            line, col = _spot_of(text, match.start())
            return fail(line + 1, col + 1, "SM001", problem.format(ord(match.group())))
    return text, []


# ---------------------------------------------------------------------------
# YAML 1.2 core schema resolution of plain scalars

_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))
_MAX_DIGITS = 18


class TooLarge(ValueError):
    pass


def resolve(text: str) -> Any:
    first = text[:1]
    if first and first not in "-+.0123456789tTfFnN~":
        return text  # the common case: a word
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.match(text):
        if len(text.lstrip("+-")) > _MAX_DIGITS:
            raise TooLarge(text)
        return int(text)
    if _INT_OCT.match(text) or _INT_HEX.match(text):
        if len(text) > _MAX_DIGITS + 2:
            raise TooLarge(text)
        return int(text[2:], 8 if text[1] == "o" else 16)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        if len(text) > 64:
            raise TooLarge(text)
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def deep_flow(text: str, depth: int) -> tuple[int, int] | None:
    """Where flow brackets (``[``, ``{``) first open deeper than ``depth`` (0-based line and column),
    quoted text skipped.

    >>> deep_flow("a: [[[1]]]", 2)
    (0, 5)
    """
    level = line = col = 0
    quote = ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            level += 1
            if level > depth:
                return (line, col)
        elif char in "]}":
            level = max(0, level - 1)
        if char == "\n":
            line, col = line + 1, 0
        else:
            col += 1
    return None
