"""A model as it was at a git revision, read from git's objects: no checkout, the work tree untouched.

``git ls-tree`` lists the model's files at the revision and ``git cat-file
--batch`` reads them, bounded by the same budgets as files on disk; they are
loaded from a temporary folder like any model. Git's output is parsed only
where it is NUL-separated (``-z``), so a file name may hold a line break. A
revision without the model's files (it was deleted there) is an invalid
model, SM003, so that ``history`` lists it as a point with an error.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .._config import Limits, mib
from .._errors import ModelError, Problem, UsageError
from .._text import safe_text
from .load import load_with_warnings
from .schema import Model

__all__ = ["git_log", "load_at_revision"]

_TIMEOUT = 60.0


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=data, capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"cannot run git: {safe_text(str(exc))[:200]}") from None
    if done.returncode != 0:
        words = " ".join(done.stderr.decode("utf-8", "replace").split())[:200]
        raise UsageError(f"git {args[0]} failed: {safe_text(words)}")
    return done.stdout


def _listing(root: Path, relative: str, rev: str) -> list[tuple[str, str, int]]:
    """The model's files at ``rev``: (name, object id, size), from NUL-separated ``git ls-tree``.

    A name may hold any byte but NUL (a line break too), so only ``-z`` output is parsed.
    """
    out = []
    for entry in _git(root, "ls-tree", "-r", "-z", "-l", rev, "--", relative or ".").split(b"\0"):
        head, tab, raw = entry.partition(b"\t")
        fields = head.split()
        if not tab or len(fields) != 4 or fields[1] != b"blob":
            continue  # the end, a submodule
        name = os.fsdecode(raw)
        if name.endswith((".yaml", ".yml")) and not any(part.startswith(".") for part in name.split("/")):
            out.append((name, fields[2].decode("ascii"), int(fields[3])))
    return out


def _files(root: Path, relative: str, rev: str, label: str, limits: Limits) -> dict[str, bytes]:
    """The model's files at ``rev`` by name; a revision without them, or over a budget, is invalid."""
    listing = _listing(root, relative, rev)
    if not listing:
        message = "no model in this revision: no *.yaml or *.yml file here (deleted, or not yet added)"
        raise ModelError([Problem(label, 0, 0, "SM003", message)])  # line 0: no file to point into
    if len(listing) > limits.files:
        raise ModelError([Problem(label, 0, 0, "SM002", f"more than {limits.files:,} files in the model")])
    if sum(size for _, _, size in listing) > limits.total_bytes:
        message = f"the model exceeds {mib(limits.total_bytes)} MiB in all"
        raise ModelError([Problem(label, 0, 0, "SM002", message)])
    # object ids, one a line: no file name goes into cat-file's line-based input
    out = _git(root, "cat-file", "--batch", data="".join(f"{oid}\n" for _, oid, _ in listing).encode())
    files, at = {}, 0
    for name, _, size in listing:
        start = out.index(b"\n", at) + 1
        files[name] = out[start : start + size]
        at = start + size + 1
    return files


def _where(path: Path) -> tuple[Path, str]:
    """The repository's top level and the model's path from it (``/``-separated, ``""`` for the top).

    Git names its top level with every symlink resolved (macOS's ``/tmp`` is one), so the model's
    path is resolved too before it is made relative.
    """
    target = path.absolute()
    folder = target if target.is_dir() else target.parent
    root = Path(os.fsdecode(_git(folder, "rev-parse", "--show-toplevel")).removesuffix("\n")).resolve()
    real = target.resolve()
    if not real.is_relative_to(root):
        raise UsageError(
            f"{safe_text(str(path))} leads to {safe_text(str(real))}, outside the git work tree "
            f"{safe_text(str(root))}; give a path inside it"
        )
    return root, real.relative_to(root).as_posix() if real != root else ""


def git_log(path: Path, since: str | None, limit: int) -> list[tuple[str, str, str]]:
    """The commits that changed the model's files, newest first: (hash, ISO date, author's first name).

    An author's name is untrusted text: it comes escaped as :func:`~silomap._text.safe_text` shows
    it, control and bidi characters made visible.
    """
    if limit < 1:
        raise UsageError("{param} must be at least 1", param="limit")
    if since is not None and since.startswith("-"):
        raise UsageError(f"{{param}} must be a date, not an option: {safe_text(since)}", param="since")
    root, relative = _where(path)
    args = ["log", "-z", "--format=%h%x1f%cI%x1f%an", f"--max-count={limit}"]
    if since is not None:
        args.append(f"--since={since}")
    out = []
    for record in _git(root, *args, "--", relative or ".").decode("utf-8", "replace").split("\0"):
        if record:
            commit, date, author = [*record.split("\x1f", 2), "", ""][:3]
            out.append((commit, date, safe_text((author.split() or ["?"])[0])))
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
    # named as git names them (git show REV:PATH): the scratch folder is nowhere a user can open
    label = f"{rev}:{relative}" if relative else f"{rev}:"
    files = _files(root, relative, rev, label, limits)
    with tempfile.TemporaryDirectory() as scratch:
        for name, data in files.items():
            out = Path(scratch) / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        return load_with_warnings(Path(scratch) / relative, limits, label=label)[0]
