"""Writing output files: atomically, never over an input, never through a symlink.

The bytes are computed first; then they go to a temporary file beside the
target, which is renamed over it. A failed run leaves the old file intact
(or none) and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ._errors import ToolError, UsageError
from ._text import safe_text

__all__ = ["check_target", "check_writable", "refuse_symlink", "write_atomic"]


def refuse_symlink(target: Path) -> None:
    """Refuse to write through a symlink (SM050, exit 2): it could point anywhere."""
    if target.is_symlink():
        raise UsageError(f"refusing to write through symlink {safe_text(str(target))}", code="SM050")


def check_writable(target: Path) -> None:
    """Refuse what silomap must never replace or cannot write into (SM050, exit 2).

    Only a regular file or a new path in an existing folder is written: a
    device (``/dev/null``), a FIFO or a folder is refused, never replaced.
    """
    refuse_symlink(target)
    shown = safe_text(str(target))
    if target.exists() and not target.is_file():
        raise UsageError(f"{shown} is not a regular file (a device, a FIFO or a folder); write to a file",
                         code="SM050")  # fmt: skip
    folder = target.absolute().parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"cannot write {shown}: {safe_text(str(folder))} {what}", code="SM050")


def check_target(target: Path, model_root: Path | None) -> None:
    """Refuse a target inside the model (or that is the model), a symlink, a device or FIFO, or a
    missing folder (SM050, exit 2)."""
    check_writable(target)
    if model_root is not None:
        root = model_root.resolve()
        where = target.resolve()
        inside = where == root or (root.is_dir() and where.is_relative_to(root))
        if inside:
            raise UsageError(
                f"output {safe_text(str(target))} would overwrite or live inside the model; "
                "write it elsewhere",
                code="SM050",
            )


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _cannot_write(target: Path, exc: OSError) -> ToolError:
    return ToolError(f"cannot write {safe_text(str(target))}: {exc.strerror}", code="SM051")


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename (SM051, exit 3 on failure)."""
    check_writable(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, _mode(target))  # mkstemp makes 0600; give the file the usual mode
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _cannot_write(target, exc) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
