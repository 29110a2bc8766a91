"""The one font every diagram is laid out and drawn with, shipped inside the package.

Graphviz lays text out with a font's metrics and CairoSVG draws it with
whatever fontconfig finds; when those differ (DejaVu Sans is wider than
Helvetica) text spills out of its boxes. So silomap ships Liberation Sans
(SIL Open Font License; the widths of Arial and Helvetica, which Graphviz
knows built in) and hands every child that lays out or draws text a
fontconfig configuration that sees that one file and nothing else: the
same pixels on every machine, whatever fonts it has.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["FAMILY", "FONT_FILE", "FONT_STACK", "font_environment", "text_width"]

FAMILY = "Liberation Sans"
FONT_FILE = Path(__file__).parent / "fonts" / "LiberationSans-Regular.ttf"
# what browsers try for an SVG opened alone: the same widths under other names
FONT_STACK = "Liberation Sans,Arimo,Arial,Helvetica,sans-serif"


@functools.lru_cache(maxsize=32)
def _font(size: float) -> object:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size=size)


def text_width(text: str, size: float) -> float:
    """The width of ``text`` in points at ``size`` points, measured with the shipped font: of its
    widest line, if it has several.

    >>> round(text_width("Hello", 10), 2), round(text_width("Hi\\nHello", 10), 2)
    (22.78, 22.78)
    """
    font = _font(size)
    return max(float(font.getlength(line)) for line in text.split("\n"))  # type: ignore[attr-defined]


_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <match target="pattern">
    <edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>
  </match>
</fontconfig>
"""


@functools.lru_cache(maxsize=1)
def _config_file() -> str:
    """A fontconfig file that sees only the shipped font, written once per process."""
    folder = Path(tempfile.mkdtemp(prefix="silomap-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "fonts.conf"
    path.write_text(
        _CONFIG.format(
            fonts=escape(str(FONT_FILE.parent)), cache=escape(str(folder / "cache")), family=FAMILY
        ),
        encoding="utf-8",
    )
    return str(path)


def font_environment() -> dict[str, str]:
    """The environment for a child that lays out or draws text: this process's, with
    ``FONTCONFIG_FILE`` pointing at a configuration holding only the shipped font."""
    return {
        **os.environ,
        "FONTCONFIG_FILE": _config_file(),
        "FONTCONFIG_PATH": str(Path(_config_file()).parent),
    }
