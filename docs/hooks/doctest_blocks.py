"""A griffe extension for the API reference: silomap's docstrings carry their examples as doctest
lines (``>>>``), which Markdown would read as nested quotes; each run of them becomes a ``pycon``
code block, with its expected output. Sphinx roles become code spans."""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`~?\.?([^`]+)`")


def fence(text: str) -> str:
    """Each doctest example (``>>>`` and ``...`` lines and the output up to a blank line) fenced, and
    Sphinx roles (``:class:`Model```) shown as code."""
    text = _ROLE.sub(lambda m: f"`{m.group(1)}`", text)
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        starts = line.lstrip().startswith(">>>")
        if starts and not inside:
            out += ["", "```pycon"]
            inside = True
        elif inside and not line.strip():
            out += ["```", ""]
            inside = False
            continue
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples of every docstring griffe loads."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence(obj.docstring.value)
