"""Convert an SVG to PNG or PDF with CairoSVG, in a child process.

The parent starts it with a fontconfig configuration that holds only the
shipped font (:func:`silomap._diagrams.typeface.font_environment`), which
fontconfig reads once, when a process first draws text: a child is the one
place where that setting cannot be overridden by whatever drew text before.
Reads the SVG on stdin, writes the bytes on stdout.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Convert stdin's SVG to ``argv[1]`` (png or pdf); exit 1 with a message on failure."""
    fmt = sys.argv[1]
    svg = sys.stdin.buffer.read()
    try:
        import cairosvg

        out = cairosvg.svg2png(bytestring=svg, scale=2) if fmt == "png" else cairosvg.svg2pdf(bytestring=svg)
    except (ImportError, OSError) as exc:  # OSError: the cairo library is missing
        print(f"{fmt.upper()} needs the cairo library ({exc}); install cairo, or write .svg", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
