"""Reading a foreign file safely: bounded in size, XML without DTDs or entities."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from .._config import MAX_INPUT_BYTES, mib
from .._errors import ModelError, Problem
from .._model import shown
from .._text import safe_text

__all__ = ["check_size", "parse_xml", "read_regular", "read_source"]


def check_size(path: Path, data: bytes) -> None:
    """Refuse a file over the import budget (SM002)."""
    if len(data) > MAX_INPUT_BYTES:
        raise ModelError([Problem(shown(path), 1, 1, "SM002", f"file exceeds {mib(MAX_INPUT_BYTES)} MiB")])


def read_regular(path: Path, limit: int) -> tuple[bytes | None, str]:
    """At most ``limit + 1`` bytes of a regular file, or ``None`` and why it cannot be read.

    A FIFO, a device or a folder is refused before a byte is read (a FIFO would block, /dev/zero
    never end): the file is opened without waiting for a writer, then checked. A symlink loop
    says so.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        loop = exc.errno == errno.ELOOP
        return None, "cannot read: a symlink loop" if loop else f"cannot read: {exc.strerror or 'unreadable'}"
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device"
            return None, f"{what}, not a regular file"
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), ""
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or 'unreadable'}"
    finally:
        os.close(fd)


def read_source(path: Path) -> bytes:
    """Read a file to import, at most one byte over the budget (SM003 unreadable, SM002 too big)."""
    data, why = read_regular(path, MAX_INPUT_BYTES)
    if data is None:
        raise ModelError([Problem(shown(path), 1, 1, "SM003", why)])
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
