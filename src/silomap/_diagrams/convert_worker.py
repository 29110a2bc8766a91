"""Convert an SVG to PNG or PDF with CairoSVG, in a child process.

The parent starts it with a fontconfig configuration that holds only the
shipped font (:func:`silomap._diagrams.typeface.font_environment`), which
fontconfig reads once, when a process first draws text: a child is the one
place where that setting cannot be overridden by whatever drew text before.
Reads the SVG on stdin, writes the bytes on stdout. A PNG says its
resolution (a ``pHYs`` chunk), so it prints and pastes at the size the SVG
has: CairoSVG draws 96 pixels to the inch, times :data:`SCALE`.
"""

from __future__ import annotations

import struct
import sys
import zlib

SCALE = 2  # pixels per CSS pixel: sharp on a high-density screen
DPI = 96 * SCALE  # CairoSVG's 96 pixels to the inch, scaled
_IHDR_END = 8 + 4 + 4 + 13 + 4  # the signature, then IHDR's length, type, data and CRC


def with_dpi(png: bytes, dpi: float) -> bytes:
    """``png`` with a ``pHYs`` chunk saying ``dpi`` (in pixels per metre, as PNG counts), after IHDR.

    >>> import io
    >>> from PIL import Image
    >>> blank = io.BytesIO()
    >>> Image.new("1", (1, 1)).save(blank, "PNG")
    >>> round(Image.open(io.BytesIO(with_dpi(blank.getvalue(), 192))).info["dpi"][0])
    192
    """
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)  # unit 1: the metre
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return png[:_IHDR_END] + chunk + png[_IHDR_END:]


def main() -> int:
    """Convert stdin's SVG to ``argv[1]`` (png or pdf); exit 1 with a message on failure."""
    fmt = sys.argv[1]
    svg = sys.stdin.buffer.read()
    try:
        import cairosvg

        if fmt == "png":
            out = with_dpi(cairosvg.svg2png(bytestring=svg, scale=SCALE), DPI)
        else:
            out = cairosvg.svg2pdf(bytestring=svg)
    except (ImportError, OSError) as exc:  # OSError: the cairo library is missing
        print(f"{fmt.upper()} needs the cairo library ({exc}); install cairo, or write .svg", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
