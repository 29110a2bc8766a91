"""The engine's resources: its memory bound and its spill folder, checked before it starts, and what
their failures mean to the user (``observed.md``, "The engines").

A memory bound is a size (``500MB``, ``4GB``, ``1.5GiB``; at least ``64MB``) or a share of the
machine's memory (``60%``); the spill folder is a folder, or a new one in an existing folder.
Running out of either while the engine works is no bug of silomap: out of memory is SM086, a spill
file that cannot be written (a full disk) SM051, both exit 3, and each names the setting that helps.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from .._errors import ToolError, UsageError
from .._text import quote_value, safe_text

__all__ = [
    "LEAST",
    "SPILL_FILES",
    "check_memory_limit",
    "check_temp_directory",
    "engine_failure",
    "reason",
    "size_bytes",
]

LEAST = 64 * 1000**2  # bytes: the least memory bound (DuckDB's buffers are 256 KiB a thread)
SPILL_FILES = "duckdb_temp"  # how DuckDB names what it spills
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|[kmgt]i?b)\s*$", re.IGNORECASE)
_UNITS = {
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "tb": 1000**4,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "tib": 1024**4,
}


def size_bytes(text: str) -> int | None:
    """The bytes a memory bound names, ``-1`` for a share of the machine's memory, or ``None``
    when it is no size.

    >>> size_bytes("500MB"), size_bytes("1.5 GiB"), size_bytes("60%"), size_bytes("lots")
    (500000000, 1610612736, -1, None)
    """
    found = _SIZE.match(text)
    if found is None:
        return None
    number, unit = float(found.group(1)), found.group(2).lower()
    if unit == "%":
        return -1 if 0 < number <= 100 else None
    return int(number * _UNITS[unit])


def check_memory_limit(value: object, where: str = "{param}") -> None:
    """Refuse a memory bound that is no size, or below ``64MB`` (:class:`silomap.UsageError`, naming
    the parameter, or ``where``).

    >>> check_memory_limit("lots")
    Traceback (most recent call last):
    ...
    silomap.UsageError: memory_limit= must be a size such as 500MB, 4GB or 60%, not 'lots'
    """
    if value is None:
        return
    size = size_bytes(value) if isinstance(value, str) else None
    if size is None:
        shown = quote_value(value) if isinstance(value, str) else safe_text(repr(value)[:40])
        raise UsageError(
            f"{where} must be a size such as 500MB, 4GB or 60%, not {shown}", param="memory_limit"
        )
    if 0 <= size < LEAST:
        raise UsageError(f"{where} must be at least 64MB, not {quote_value(value)}", param="memory_limit")


def check_temp_directory(value: object) -> None:
    """Refuse a spill folder that is a file, or whose folder does not exist (SM050, exit 2)."""
    if value is None:
        return
    if not isinstance(value, str | os.PathLike):
        raise UsageError(
            f"{{param}} must be a folder's path, not a {type(value).__name__}",
            param="temp_directory",
            code="SM050",
        )
    folder = Path(value)
    shown = safe_text(str(folder))
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{{param}} must be a folder; {shown} is not one", param="temp_directory", code="SM050"
        )
    if not folder.exists() and not folder.absolute().parent.is_dir():
        raise UsageError(
            f"{{param}} {shown}: its folder does not exist", param="temp_directory", code="SM050"
        )


def reason(text: str) -> str:
    """Why an engine's file operation failed, from its message: the system's words for the error
    number it gives, else the end of its first line; never a value of the log.

    >>> reason('IO Error: Could not write file "x.tmp": No space left on device')
    'No space left on device'
    >>> reason('IO Error: Async write failed: {"exception_message":"…","errno":"27"}')
    'File too large'
    """
    if (number := re.search(r'"errno"\s*:\s*"?(\d+)', text)) is not None:
        return os.strerror(int(number.group(1)))
    first = text.splitlines()[0] if text else ""
    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EACCES, errno.EROFS, errno.EIO):
        if os.strerror(code) in first:
            return os.strerror(code)
    return safe_text(first.rpartition(": ")[2][:120]) or "the engine gave no reason"


def engine_failure(exc: Exception, memory_limit: str, temp_directory: str) -> ToolError | None:
    """The user's words for an engine failure that is the machine's, not silomap's: out of memory
    (SM086), or a spill file that cannot be written (SM051); ``None`` for any other."""
    kind = type(exc).__name__
    text = str(exc)
    if kind == "OutOfMemoryException":
        return ToolError(
            f"the engine ran out of memory within its bound of {safe_text(memory_limit)} (spilling to "
            f"{safe_text(temp_directory)}): raise {{param}}",
            code="SM086",
            param="memory_limit",
        )
    if kind == "IOException" and (SPILL_FILES in text or temp_directory in text):
        return ToolError(
            f"cannot spill to {safe_text(temp_directory)}: {reason(text)}; free room there, "
            "or give {param} on another disk",
            code="SM051",
            param="temp_directory",
        )
    return None
