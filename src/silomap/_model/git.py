"""A model as it was at a git revision, read from git's objects: no checkout, the work tree untouched.

``git ls-tree`` lists the model's files at the revision and ``git cat-file
--batch`` reads them, bounded by the same budgets as files on disk; they are
loaded from a temporary folder like any model.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .._config import Limits
from .._errors import UsageError
from .._text import safe_text
from .load import load_with_warnings
from .schema import Model

__all__ = ["git_log", "load_at_revision"]

_TIMEOUT = 60.0


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True,
                              timeout=_TIMEOUT, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"cannot run git: {safe_text(str(exc))[:200]}") from None
    if done.returncode != 0:
        words = " ".join(done.stderr.decode("utf-8", "replace").split())[:200]
        raise UsageError(f"git {args[0]} failed: {safe_text(words)}")
    return done.stdout


def _files(root: Path, relative: str, rev: str, limits: Limits) -> dict[str, bytes]:
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", relative or ".")
    names = [n for n in listing.decode("utf-8", "replace").split("\0") if n.endswith((".yaml", ".yml"))]
    names = [n for n in names if not any(part.startswith(".") for part in n.split("/"))][: limits.files]
    if not names:
        raise UsageError(f"no model at {safe_text(relative or '.')} in revision {safe_text(rev)}")
    sizes = _git(root, "cat-file", "--batch-check", data="".join(f"{rev}:{n}\n" for n in names).encode())
    if sum(int(line.split()[2]) for line in sizes.decode().splitlines()) > limits.total_bytes:
        raise UsageError(f"the model at {safe_text(rev)} is bigger than {limits.total_bytes:,} bytes")
    out = _git(root, "cat-file", "--batch", data="".join(f"{rev}:{n}\n" for n in names).encode())
    files, at = {}, 0
    for name in names:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        files[name] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return files


def _where(path: Path) -> tuple[Path, str]:
    target = path.absolute()
    folder = target if target.is_dir() else target.parent
    root = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    return root, (target.relative_to(root.resolve()).as_posix() if target != root else "")


def git_log(path: Path, since: str | None, limit: int) -> list[tuple[str, str, str]]:
    """The commits that changed the model's files, newest first: (hash, ISO date, author's first name)."""
    if limit < 1:
        raise UsageError("{param} must be at least 1", param="limit")
    if since is not None and since.startswith("-"):
        raise UsageError(f"{{param}} must be a date, not an option: {safe_text(since)}", param="since")
    root, relative = _where(path)
    args = ["log", "--format=%h%x1f%cI%x1f%an", f"--max-count={limit}"]
    if since is not None:
        args.append(f"--since={since}")
    lines = _git(root, *args, "--", relative or ".").decode("utf-8", "replace").splitlines()
    out = []
    for line in lines:
        commit, date, author = [*line.split("\x1f"), "", "", ""][:3]
        out.append((commit, date, (author.split() or ["?"])[0]))
    return out


def load_at_revision(path: str | os.PathLike[str], rev: str, limits: Limits | None = None) -> Model:
    """Load the model at ``path`` as it was at git revision ``rev`` (a branch, a tag, ``HEAD~3``).

    Problems name their files as ``git show`` reads them: ``REV:PATH``, the path from the
    repository's root (``HEAD~3:models/acme/systems.yaml``).

    >>> import silomap
    >>> load_at_revision("models/telecom", "HEAD").name
    'Brightwave Telecom'
    """
    limits = limits or Limits()
    root, relative = _where(Path(path))
    if rev.startswith("-"):
        raise UsageError(f"{{param}} must be a revision, not an option: {safe_text(rev)}", param="rev")
    files = _files(root, relative, rev, limits)
    with tempfile.TemporaryDirectory() as scratch:
        for name, data in files.items():
            out = Path(scratch) / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        # named as git names them (git show REV:PATH): the scratch folder is nowhere a user can open
        label = f"{rev}:{relative}" if relative else f"{rev}:"
        return load_with_warnings(Path(scratch) / relative, limits, label=label)[0]
