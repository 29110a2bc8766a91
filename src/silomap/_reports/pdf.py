"""The CIO report as a PDF: the HTML page laid out on paper by WeasyPrint, with no browser.

WeasyPrint is an optional dependency (``pip install 'silomap[pdf]'``). It reads the page's own
print rules (``sections/page.css.j2``): A4 pages, the landscape on an A3 landscape page of its
own, no table row or drawing split across two pages. The page loads nothing, and WeasyPrint is
told to fetch nothing but ``data:`` URLs, so a report never reads a file or the network.
"""

from __future__ import annotations

from typing import Any

from .._errors import UsageError

__all__ = ["MISSING", "html_to_pdf", "need_weasyprint"]

MISSING = "PDF reports need WeasyPrint: pip install 'silomap[pdf]'"


def need_weasyprint() -> Any:
    """The WeasyPrint module, or a usage error (SM045, exit 2) that says how to install it.

    >>> need_weasyprint().__name__
    'weasyprint'
    """
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: installed, but Pango, which it needs, is missing
        raise UsageError(MISSING, code="SM045") from None
    return weasyprint


def html_to_pdf(page: str) -> bytes:
    """The PDF of a self-contained HTML page, laid out by its print rules.

    Parameters
    ----------
    page
        The HTML report (:func:`silomap.report` with ``fmt="html"``).

    Returns
    -------
    bytes
        The PDF's bytes.

    Raises
    ------
    silomap.UsageError
        WeasyPrint is not installed (SM045), naming ``pip install 'silomap[pdf]'``.

    Examples
    --------
    >>> html_to_pdf("<h1>Silo report</h1>")[:5]
    b'%PDF-'
    """
    weasyprint = need_weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    data: bytes = weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf()
    return data
