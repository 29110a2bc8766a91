"""Finding and reading a model's files without leaving the model root.

A model is one file or a directory of ``*.yaml``/``*.yml`` files. Symlinks
that point outside the directory are refused; FIFOs, devices and sockets are
refused before they are opened (opening a FIFO with no writer never returns),
in a directory and named on the command line alike: only standard input
(``-``, ``/dev/stdin``) and a descriptor the shell opened (``<(...)``,
``/dev/fd/N``) are read as streams. A symlink inside the root is read once, at
its target; symlinked directories are not walked (``loop -> ..`` would recurse,
``etc -> /etc`` would leak). Hidden files and directories (``.github/``) are skipped.

A file is named as the user would type it to open it: the model's path as it
was given, then the file's path inside the model (:func:`shown`, :func:`inside`),
so that ``silomap validate acme`` reports ``acme/systems.yaml:3:51``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath

from .._config import Limits
from .._errors import Problem

__all__ = ["SourceFile", "discover", "inside", "not_regular", "read_bytes", "shown"]

SUFFIXES = (".yaml", ".yml")


STDIN = ("-", "/dev/stdin")


def shown(path: str | os.PathLike[str]) -> str:
    """A path as problems name it: as the user gave it, without ``./``, doubled or trailing slashes.

    Relative stays relative (to the working directory), absolute stays absolute; ``..`` is kept,
    since a symlinked folder makes ``a/link/..`` something else than ``a``.

    >>> shown("./acme/"), shown("models//acme"), shown("/srv/acme"), shown("../acme"), shown(".")
    ('acme', 'models/acme', '/srv/acme', '../acme', '.')
    """
    return str(PurePath(path))


def inside(root: str, name: str) -> str:
    """The name of file ``name`` (relative, with ``/``) of a model whose root is shown as ``root``.

    A root ending in ``/`` or ``:`` (``HEAD~1:``, a git revision) is followed by the name as is.

    >>> inside("acme", "journeys/retail.yaml"), inside(".", "systems.yaml"), inside("HEAD:", "m.yaml")
    ('acme/journeys/retail.yaml', 'systems.yaml', 'HEAD:m.yaml')
    """
    if root in ("", "."):
        return name
    return root + name if root.endswith(("/", ":", os.sep)) else f"{root}/{name}"


@dataclass(frozen=True)
class SourceFile:
    """One file of a model: its name as problems show it, and where to read it.

    ``stream`` is set for a pipe or a terminal named on the command line (``-``,
    ``/dev/stdin``): it is read as it comes, up to the size budget.
    """

    name: str
    path: Path
    stream: bool = False


def discover(
    path: Path, limits: Limits, label: str | None = None, *, model: bool = True
) -> tuple[list[SourceFile], list[Problem]]:
    """List the files of the model at ``path`` (a file or a directory), sorted by path.

    Files are named from ``label``, how the model's path is shown (by default :func:`shown`:
    as it was given); a pipe named ``-`` or ``/dev/stdin`` is ``<stdin>``. ``model`` false: one
    file that is not a model (a change, rates or mapping file), whose absence is not "no model here".
    """
    if str(path) in STDIN:
        return [SourceFile("<stdin>", Path("/dev/stdin"), stream=True)], []
    name = shown(path) if label is None else label
    try:
        info = path.stat()  # never blocks, whatever the path is: open() could, on a FIFO
    except OSError as exc:
        reason = exc.strerror or "cannot be read"
        missing = f"{reason.lower()}: no model here" if model else reason.lower()
        return [], [Problem(name, 1, 1, "SM003", missing)]
    if stat.S_ISDIR(info.st_mode):
        return _walk(path, name, limits)
    if _DESCRIPTOR.match(str(path)) and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        return [SourceFile(name, path, stream=True)], []  # the shell's <(...): a pipe already open
    if not stat.S_ISREG(info.st_mode):
        # a FIFO with no writer would block open() forever, a device read forever
        return [], [Problem(name, 1, 1, "SM003", f"{not_regular(info.st_mode)}; {_PIPE_HINT}")]
    # a file named by the user is read where its symlink points
    return [SourceFile(name, Path(os.path.realpath(path)))], []


_DESCRIPTOR = re.compile(r"/(dev|proc/self)/fd/[0-9]+\Z")
_PIPE_HINT = "to read a model from a pipe, give - and pipe it in (silomap validate - < model.yaml)"


def not_regular(mode: int) -> str:
    """What a path that is not a regular file is, as problems say it.

    >>> not_regular(stat.S_IFIFO), not_regular(stat.S_IFCHR)
    ('not a regular file (a FIFO)', 'not a regular file (a device)')
    """
    if stat.S_ISFIFO(mode):
        kind = " (a FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = " (a device)"
    elif stat.S_ISSOCK(mode):
        kind = " (a socket)"
    else:
        kind = ""
    return f"not a regular file{kind}"


def _walk(path: Path, label: str, limits: Limits) -> tuple[list[SourceFile], list[Problem]]:
    root = path.resolve()
    found: dict[Path, SourceFile] = {}
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename).relative_to(root).as_posix() if exc.filename else "."
        where = label if folder == "." else inside(label, folder)
        problems.append(Problem(where, 1, 1, "SM003", f"cannot read this folder: {exc.strerror}"))

    for folder, dirs, names in os.walk(root, followlinks=False, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for filename in names:
            if filename.startswith(".") or not filename.endswith(SUFFIXES):
                continue
            full = Path(folder) / filename
            name = inside(label, full.relative_to(root).as_posix())
            target = full
            if full.is_symlink():
                target = Path(os.path.realpath(full))
                if not target.is_relative_to(root):
                    problems.append(Problem(name, 1, 1, "SM003", "symlink points outside the model root"))
                    continue
            try:
                mode = os.stat(target).st_mode
            except OSError as exc:
                problems.append(Problem(name, 1, 1, "SM003", f"cannot read: {exc.strerror}"))
                continue
            if not stat.S_ISREG(mode):
                problems.append(Problem(name, 1, 1, "SM003", not_regular(mode)))
                continue
            found.setdefault(target, SourceFile(name, target))
    files = sorted(found.values(), key=lambda f: f.name)
    if not files and not problems:
        problems.append(Problem(label, 1, 1, "SM003", "no *.yaml or *.yml files in this directory"))
    if len(files) > limits.files:
        problems.append(Problem(label, 1, 1, "SM002", f"more than {limits.files:,} files in the model"))
        files = []
    return files, problems


def read_bytes(source: SourceFile, limits: Limits) -> tuple[bytes | None, Problem | None]:
    """Read a file that was found by :func:`discover`, refusing anything but a regular file.

    At most ``limits.file_bytes + 1`` bytes are read, so a huge file costs nothing.
    """
    if source.stream:
        flags = os.O_RDONLY
    else:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source.path, flags)
    except OSError as exc:
        return None, Problem(source.name, 1, 1, "SM003", f"cannot read: {exc.strerror}")
    try:
        mode = os.fstat(fd).st_mode
        if not source.stream and not stat.S_ISREG(mode):  # swapped for a FIFO since it was listed
            return None, Problem(source.name, 1, 1, "SM003", not_regular(mode))
        chunks: list[bytes] = []
        left = limits.file_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), None
    finally:
        os.close(fd)
