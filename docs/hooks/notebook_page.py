"""A MkDocs hook: ``docs/notebook.md`` shows the example notebook, ``examples/architecture-review.ipynb``,
as it is committed (with the outputs a test checks are what a run gives): each Markdown cell as
Markdown, each code cell as a Python block, then its outputs (HTML as it is, the rest as text). No
kernel runs and nothing is fetched: the build stays offline and fast."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "architecture-review.ipynb"
MARK = "<!-- the notebook's cells -->"


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _output(out: dict[str, Any]) -> str:
    """One output: the notebook's own HTML (silomap's cards, its diagrams in a frame, a DataFrame's
    table) where there is some, else its text, escaped."""
    data = out.get("data", {})
    if "text/html" in data:
        return f'<div class="notebook-output">\n{_text(data["text/html"])}\n</div>'
    shown = _text(out["text"]) if "text" in out else _text(data.get("text/plain", ""))
    return f'<pre class="notebook-output">{html.escape(shown)}</pre>' if shown.strip() else ""


def _cell(cell: dict[str, Any]) -> str:
    source = _text(cell["source"])
    if cell["cell_type"] == "markdown":
        return source
    outputs = "\n\n".join(filter(None, (_output(out) for out in cell.get("outputs", []))))
    return f"```python\n{source}\n```\n\n{outputs}"


def notebook_markdown(path: Path = NOTEBOOK) -> str:
    """The notebook's cells as Markdown, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join(_cell(cell) for cell in cells)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Put the notebook's cells where ``notebook.md`` marks them."""
    if MARK not in markdown:
        return markdown
    return markdown.replace(MARK, notebook_markdown())
