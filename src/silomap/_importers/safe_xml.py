"""Reading a foreign file safely: bounded in size, XML without DTDs or entities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from .._config import MAX_INPUT_BYTES, mib
from .._errors import ModelError, Problem
from .._model import shown
from .._text import safe_text

__all__ = ["check_size", "parse_xml", "read_source"]


def check_size(path: Path, data: bytes) -> None:
    """Refuse a file over the import budget (SM002)."""
    if len(data) > MAX_INPUT_BYTES:
        raise ModelError([Problem(shown(path), 1, 1, "SM002", f"file exceeds {mib(MAX_INPUT_BYTES)} MiB")])


def read_source(path: Path) -> bytes:
    """Read a file to import, at most one byte over the budget (SM003 unreadable, SM002 too big)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise ModelError([Problem(shown(path), 1, 1, "SM003", f"cannot read: {exc.strerror}")]) from None
    check_size(path, data)
    return data


def parse_xml(path: Path, data: bytes) -> Any:
    """Parse untrusted XML: no DTD, no entities, no external references; errors name the line."""
    check_size(path, data)
    try:
        return SafeTree.fromstring(data, forbid_dtd=True)
    except SafeTree.ParseError as exc:
        line, col = getattr(exc, "position", (1, 0))
        message = f"not well-formed XML: {safe_text(str(exc))}"
        raise ModelError([Problem(shown(path), line, col + 1, "SM060", message)]) from None
    except DefusedXmlException as exc:  # a DTD, an entity, an external reference
        message = (
            f"refused: {type(exc).__name__} ({safe_text(str(exc))[:200]}); DTDs and entities are not allowed"
        )
        raise ModelError([Problem(shown(path), 1, 1, "SM061", message)]) from None
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read (UTF-7, multi-byte)
        reason = safe_text(str(exc))[:100]
        message = f"the XML declares an encoding silomap cannot read ({reason}); save it as UTF-8"
        raise ModelError([Problem(shown(path), 1, 1, "SM060", message)]) from None
