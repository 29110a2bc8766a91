"""Budgets that keep hostile input from eating time, memory or the stack.

One place for every size limit silomap enforces, so the loader, the
importers and the renderers agree and ``docs/errors.md`` lists them once.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DOCS_URL", "MAX_INPUT_BYTES", "MAX_OUTPUT_BYTES", "Limits", "docs_url", "mib"]

DOCS_URL = "https://silomap.github.io/silomap/"  # the documentation site (pyproject's project URLs)


def docs_url(page: str = "", anchor: str = "") -> str:
    """The address of a page of the documentation site (``docs/<page>.md``).

    >>> docs_url("errors"), docs_url("metrics", "the-silo-score")
    ('https://silomap.github.io/silomap/errors/', 'https://silomap.github.io/silomap/metrics/#the-silo-score')
    """
    return DOCS_URL + (f"{page}/" if page else "") + (f"#{anchor}" if anchor else "")


MAX_INPUT_BYTES = 50 * 1024 * 1024  # a file to import
MAX_OUTPUT_BYTES = 50 * 1024 * 1024  # a rendered diagram


def mib(size: int) -> str:
    """A byte budget in MiB, as messages show it.

    >>> mib(MAX_INPUT_BYTES), mib(5 * 1024 * 1024 // 2)
    ('50', '2.5')
    """
    return f"{size / (1024 * 1024):g}"


@dataclass(frozen=True)
class Limits:
    """Budgets that keep a hostile model from eating time, memory or the stack.

    Lower them freely; raise them only when you trust the input.

    Parameters
    ----------
    file_bytes, total_bytes, files
        The most bytes in one file and in all, and the most files.
    depth
        The deepest nesting of YAML.
    events
        The most YAML events (scalars, mappings, lists) in all.
    alias_nodes, alias_ratio
        The most nodes YAML aliases may expand to: at most ``alias_nodes``, and at most
        ``alias_ratio`` times the events read.
    errors_shown
        The most problems the command line prints for one model.

    Examples
    --------
    >>> Limits().file_bytes
    5242880
    >>> Limits(depth=16).depth
    16
    """

    file_bytes: int = 5 * 1024 * 1024
    total_bytes: int = 50 * 1024 * 1024
    files: int = 5_000
    depth: int = 64
    events: int = 1_000_000
    alias_nodes: int = 1_000_000
    alias_ratio: int = 100
    errors_shown: int = 100
