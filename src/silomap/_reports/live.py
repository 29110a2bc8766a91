"""The live page of ``silomap watch --html FILE``: one self-contained HTML page, rewritten atomically
at each summary, that reloads itself while the watch runs.

It is the report's page (``sections/report.css.j2``, its styles; the same Content-Security-Policy:
nothing loaded, no script) around the summary's counts, a journey table and the open cases at
risk. The browser reloads it with ``<meta http-equiv="refresh">``, which needs no script; the
final page (end of input, or a signal) stops reloading. Every value of the log goes through
:func:`silomap._text.safe_text` and the templates' autoescaping: ``<script>`` in a case id shows as
written. The page is written through :func:`silomap._io.write_atomic` (a temporary file renamed over
it), so a browser reloading it, or a watch killed while writing, never leaves a page half-written.

It lives here, not in ``_watch``: it is the report's page and styles, and ``_watch`` sits below the
reports (the reports may read a watch's words; a watch never reads the reports).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from pathlib import Path
from typing import Any

from .._config import DOCS_URL
from .._errors import UsageError
from .._io import check_writable, write_atomic
from .._text import safe_text
from .._version import __version__
from .._watch import ALERTS, alert_text, counts_text, mean_text, means_text, standing
from . import sections

__all__ = ["LivePage", "live_page"]


def _fixed(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _journeys(s: dict[str, Any], raised: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each journey's row: closed cases, fitness, declared and observed, and its alert standing."""
    rows = []
    for j in s.get("journeys") or ():
        cases, alert = j["cases"], raised.get(j["id"])
        rows.append(
            {
                "id": safe_text(j["id"]),
                "cases": "not measured" if cases is None else f"{cases:,}",
                "fitness": _fixed(j["fitness"]),
                "declared": j["handoffs_declared"],
                "transfers": mean_text(j["transfers_observed"], cases or 0),
                "alert": None if alert is None else f"raised: {alert['transfers_rolling']:.2f} transfers",
            }
        )
    return rows


def _case(c: dict[str, Any]) -> dict[str, Any]:
    """An open case at risk, its log values escaped."""
    return {
        "case": safe_text(str(c["case"])),
        "customer": "-" if c["customer"] is None else safe_text(str(c["customer"])),
        "journey": None if c["journey"] is None else safe_text(str(c["journey"])),
        "fitness": _fixed(c["fitness"]),
        "events": f"{c['events']:,}",
        "transfers": f"{c['transfers']:,}",
        "ping_pong": "not measured" if c["ping_pong"] is None else f"{c['ping_pong']:,}",
        "why": [w.replace("_", "-") for w in c["why"]],
        "start": safe_text(str(c["start"])),
        "last": safe_text(str(c["last"])),
    }


def live_page(
    summary: dict[str, Any],
    alerts: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (),
    *,
    name: str = "silomap watch",
    refresh: int = 10,
    top: int = 20,
    alert_transfers: int = 2,
    raised: dict[str, dict[str, Any]] | None = None,
) -> str:
    """The live page for one summary and the last alerts (oldest first).

    Parameters
    ----------
    summary, alerts
        A summary as the watch emits it (``{"type": "summary", ...}``); the last alerts, oldest first.
    name
        The page's title (the model's name).
    refresh
        Seconds between the browser's reloads (0: none); the final page never reloads.
    top
        The at-risk cases listed (the rest are counted).
    alert_transfers
        The transfers that put an open case at risk (``--alert-transfers``), said in the page.
    raised
        Each journey's alert while it stands raised (default: as ``alerts`` show it).

    Returns
    -------
    str
        The page.

    Examples
    --------
    >>> s = {"final": True, "stream_time": "2026-01-05T10:00:00", "events_read": 2, "files_read": 0,
    ...      "cases": 0, "open_cases": 0, "at_risk": [], "malformed": 0, "late": 0, "duplicates": 0,
    ...      "reopened": 0, "fcr_pending": 0, "journeys": []}
    >>> page = live_page(s, name="<Bank>")
    >>> "<title>Live: &lt;Bank&gt;</title>" in page, "refresh" in page, "<script" in page
    (True, False, False)
    """
    raised = standing(alerts, {}) if raised is None else raised
    final = bool(summary.get("final"))  # the last page: nothing more will come, so no reloading
    return (
        sections.templates()
        .get_template("live.html.j2")
        .render(
            version=__version__,
            docs=DOCS_URL,  # the footer links the watch's page of the documentation
            name=safe_text(name),
            final=final,
            refresh=0 if final else refresh,
            stream_time=safe_text(str(summary.get("stream_time") or "-")),
            counts=counts_text(summary),
            means=means_text(summary),  # the figures are the watch's words, as its terminal shows them
            journeys=_journeys(summary, raised),
            alerts=[{"text": alert_text(a).rstrip("\n"), "raised": a["state"] == "raised"} for a in alerts],
            **_at_risk(summary["at_risk"], top, alert_transfers),
        )
    )


def _at_risk(cases: list[dict[str, Any]], top: int, alert_transfers: int) -> dict[str, Any]:
    """The first ``top`` cases at risk, how many in all and how many more, and the rule."""
    listed = cases[:top]
    return {
        "at_risk": [_case(c) for c in listed],
        "at_risk_count": f"{len(cases):,} open cases",
        "at_risk_left": len(cases) - len(listed),
        "transfers_rule": f"{alert_transfers:,} transfers or more",
    }


def _not_read(target: Path) -> None:
    """Refuse a page that would replace the file standard input reads: the log being watched."""
    try:
        same = os.path.samestat(os.fstat(sys.stdin.fileno()), target.stat())
    except (OSError, ValueError, AttributeError):  # no such page yet, or no standard input to read
        return
    if same:
        raise UsageError(
            f"{{param}} {safe_text(str(target))} is the file standard input reads (the log); write elsewhere",
            param="html",
            code="SM050",
        )


class LivePage:
    """A writer of the watch's summaries and alerts (``emit(obj)``) that rewrites ``target``
    atomically at each summary.

    Parameters
    ----------
    target
        The page's file: a regular file or a new one in an existing folder (checked now: SM050).
    name, refresh, top, alert_transfers
        As :func:`live_page`.

    Raises
    ------
    silomap.UsageError
        ``target`` is a symlink, a folder or a device, or its folder is missing; or it is the file
        standard input reads (``--html log.csv < log.csv``): SM050.
    """

    def __init__(
        self,
        target: Path,
        *,
        name: str = "silomap watch",
        refresh: int = 10,
        top: int = 20,
        alert_transfers: int = 2,
    ) -> None:
        check_writable(target)
        _not_read(target)
        self.target = target
        self.name, self.refresh, self.top, self.alert_transfers = name, refresh, top, alert_transfers
        self.alerts: deque[dict[str, Any]] = deque(maxlen=ALERTS)
        self.raised: dict[str, dict[str, Any]] = {}

    def __call__(self, obj: dict[str, Any]) -> None:
        """Keep an alert for the next page; write the page for a summary."""
        if obj.get("type") == "alert":
            self.alerts.append(obj)
            standing([obj], self.raised)
        elif obj.get("type") == "summary":
            page = live_page(
                obj,
                list(self.alerts),
                name=self.name,
                refresh=self.refresh,
                top=self.top,
                alert_transfers=self.alert_transfers,
                raised=self.raised,
            )
            write_atomic(self.target, page.encode("utf-8"))
