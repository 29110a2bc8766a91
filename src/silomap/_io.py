"""Writing output files and directories: atomically, never over an input, never through a symlink.

The bytes are computed first; then they go to a temporary file beside the
target, which is renamed over it. A failed run leaves the old file intact
(or none) and no temporary file behind. A directory (an imported or changed
model) is staged whole beside its target and renamed into place.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from ._errors import ToolError, UsageError
from ._text import safe_text

__all__ = [
    "check_outside",
    "check_target",
    "check_writable",
    "existing_files",
    "refuse_symlink",
    "write_atomic",
    "write_directory",
]


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
        raise UsageError(
            f"{shown} is not a regular file (a device, a FIFO or a folder); write to a file", code="SM050"
        )
    folder = target.absolute().parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"cannot write {shown}: {safe_text(str(folder))} {what}", code="SM050")


def check_target(target: Path, model_root: Path | None) -> None:
    """Refuse a target inside the model (or that is the model), a symlink, a device or FIFO, or a
    missing folder (SM050, exit 2)."""
    check_writable(target)
    if model_root is not None:
        check_outside(target, model_root)


def check_outside(target: Path, model_root: Path) -> None:
    """Refuse an output that is the model or lies inside it (SM050, exit 2)."""
    root = model_root.resolve()
    where = target.resolve()
    if where == root or (root.is_dir() and where.is_relative_to(root)):
        raise UsageError(
            f"output {safe_text(str(target))} would overwrite or live inside the model; write it elsewhere",
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
    """Write ``data`` to ``target`` through a temporary file and a rename (SM051, exit 3 on failure).

    Where the system has unnamed files (Linux's ``O_TMPFILE``), the bytes go to a file without a
    name, which gets one only once complete, just before the rename: silomap killed while writing
    (even by SIGKILL, which no cleanup can catch) leaves nothing behind.
    """
    check_writable(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd = _unnamed(folder)
    if fd is not None:
        try:
            _write_all(fd, data)
            os.fchmod(fd, _mode(target))  # as mkstemp's below, made 0600
            named = _name(fd, folder, target.name)
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        finally:
            os.close(fd)
        if named is not None:
            _replace(named, target)
            return
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, _mode(target))  # mkstemp makes 0600; give the file the usual mode
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise
    _replace(Path(temp), target)


def _unnamed(folder: Path) -> int | None:
    """An unnamed file in ``folder``, where the system and the file system make one (else ``None``)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:  # a file system without unnamed files (EOPNOTSUPP), or an old kernel
        return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _name(fd: int, folder: Path, name: str) -> Path | None:
    """Give the unnamed file ``fd`` a new temporary name beside the target (``None`` if it cannot)."""
    for _ in range(100):
        temp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            os.link(f"/proc/self/fd/{fd}", temp, follow_symlinks=True)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.EPERM, errno.EACCES, errno.EXDEV):
                return None  # no /proc, or linking refused: write the usual way
            raise
        return temp
    return None


def _replace(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise


def _is_model_file(relative: str) -> bool:
    """Whether silomap would read this file of a model directory (a visible ``*.yaml``/``*.yml``)."""
    return relative.endswith((".yaml", ".yml")) and not any(
        part.startswith(".") for part in relative.split("/")
    )


def existing_files(out: Path) -> list[str]:
    """The model files in ``out`` (relative, sorted): writing there with ``force`` replaces them.

    Other files (notes, a ``.git`` folder) are kept.
    """
    if not out.is_dir() or out.is_symlink():
        return []
    return sorted(
        r
        for r in (p.relative_to(out).as_posix() for p in out.rglob("*") if not p.is_dir())
        if _is_model_file(r) or r == "import-report.md"
    )


def write_directory(files: dict[str, str], out: Path, force: bool) -> None:
    """Write ``files`` as the directory ``out``, whole: staged beside it, then renamed into place."""
    refuse_symlink(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{safe_text(str(out))} exists and is not a directory", code="SM050")
    parent = out.absolute().parent
    if not parent.is_dir():
        raise UsageError(
            f"cannot write {safe_text(str(out))}: {safe_text(str(parent))} is not a directory", code="SM050"
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(
            f"{safe_text(str(out))} is not empty; use {{param}} to overwrite its files",
            code="SM050",
            param="force",
        )
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise ToolError(f"cannot write {safe_text(str(out))}: {exc.strerror}", code="SM051") from None
    try:
        _fill(stage, files)
        if out.is_dir():
            _keep_others(out, stage)
        _swap(stage, out)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise ToolError(f"cannot write {safe_text(str(out))}: {exc.strerror}", code="SM051") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _fill(stage: Path, files: dict[str, str]) -> None:
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(stage, 0o777 & ~mask)  # mkdtemp makes 0700; give the directory the usual mode
    for name, text in files.items():
        target = stage / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:  # a fresh folder: nothing to follow, nothing to overwrite
            handle.write(text.encode("utf-8"))


def _keep_others(out: Path, stage: Path) -> None:
    """Link the files of ``out`` that are not part of a model into the staged directory."""
    for folder, dirs, names in os.walk(out):
        for name in names:
            source = Path(folder) / name
            relative = source.relative_to(out).as_posix()
            target = stage / relative
            if _is_model_file(relative) or relative == "import-report.md" or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target, follow_symlinks=False)
        dirs.sort()


def _swap(stage: Path, out: Path) -> None:
    """Put the staged directory at ``out``; an earlier one is moved aside first and removed after."""
    if not out.exists():
        os.rename(stage, out)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.absolute().parent))
    os.rename(out, aside / "model")
    try:
        os.rename(stage, out)
    except OSError:
        os.rename(aside / "model", out)  # put the earlier one back
        aside.rmdir()
        raise
    shutil.rmtree(aside, ignore_errors=True)
