"""The watch's objects as plain text (without ``--json``): a summary with the at-risk table first,
an alert on one line. Every value of the log is escaped for the terminal; a figure with no value
reads "not measured"."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from .._text import plural, safe_text

__all__ = ["alert_text", "json_writer", "summary_text", "text_writer"]

TOP = 20  # at-risk cases shown
_COLUMNS = ("case", "customer", "journey", "transfers", "ping-pong", "repeat", "events", "last event")


def _share(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.0%}"


def _mean(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return safe_text(str(value))[:40]


def _table(rows: list[dict[str, Any]], top: int) -> list[str]:
    """The at-risk cases as aligned columns, the first ``top``."""
    cells = [
        [
            _cell(r[k])
            for k in ("case", "customer", "journey", "transfers", "ping_pong", "repeat", "events", "last")
        ]
        for r in rows[:top]
    ]
    widths = [max(len(c) for c in column) for column in zip(_COLUMNS, *cells, strict=False)]
    return [
        "  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in (_COLUMNS, *cells)
    ]


def summary_text(summary: dict[str, Any], top: int = TOP) -> str:
    """A summary object as text: the at-risk table (its first ``top`` rows) first, then the figures
    over the closed cases and the counts of the stream.

    >>> print(summary_text({"final": True, "stream_time": "2026-01-01T10:00:00", "events_read": 3,
    ...     "open_cases": 0, "cases": 1, "at_risk": [], "transfers_per_case": 2.0, "transfer_rate": 1.0,
    ...     "ping_pong_rate": 0.0, "repeat_rate": None, "fcr_rate": 0.0, "fcr_pending": 0, "journeys": [],
    ...     "unmatched_cases": 1, "late": 0, "duplicates": 0, "malformed": 0, "reopened": 0}), end="")
    final summary at 2026-01-01T10:00:00: 3 events read, 0 open cases, 1 closed
    at risk now: none
    closed cases: 2.00 transfers per case; transferred 100%, ping-pong 0%
    repeat contact not measured; first-contact resolution 0% (0 pending)
    unmatched cases: 1
    stream: 0 late, 0 duplicates, 0 malformed, 0 reopened
    """
    risk = summary.get("at_risk") or []
    head = "final summary" if summary.get("final") else "summary"
    lines = [
        f"{head} at {summary.get('stream_time') or 'no event yet'}: {summary['events_read']:,} events read, "
        f"{summary['open_cases']:,} open cases, {summary['cases']:,} closed"
    ]
    if risk:
        shown = min(len(risk), top)
        lines.append(
            f"at risk now: {len(risk):,} open cases" + (f" (the first {shown})" if shown < len(risk) else "")
        )
        lines += _table(risk, top)
    else:
        lines.append("at risk now: none")
    lines.append(
        f"closed cases: {_mean(summary.get('transfers_per_case'))} transfers per case; transferred "
        f"{_share(summary.get('transfer_rate'))}, ping-pong {_share(summary.get('ping_pong_rate'))}"
    )
    lines.append(
        f"repeat contact {_share(summary.get('repeat_rate'))}; first-contact resolution "
        f"{_share(summary.get('fcr_rate'))} ({summary.get('fcr_pending', 0):,} pending)"
    )
    for j in summary.get("journeys") or []:
        if j.get("cases"):
            lines.append(
                f"  {safe_text(j['id'])}: {plural(j['cases'], 'case')}, fitness {_mean(j['fitness'])}, "
                f"transfers {_mean(j['transfers_observed'])} against {j['handoffs_declared']} declared"
            )
    if summary.get("unmatched_cases") is not None:
        lines.append(f"unmatched cases: {summary['unmatched_cases']:,}")
    lines.append(
        f"stream: {summary['late']:,} late, {summary['duplicates']:,} duplicates, "
        f"{summary['malformed']:,} malformed, {summary['reopened']:,} reopened"
    )
    return "\n".join(lines) + "\n"


def alert_text(alert: dict[str, Any]) -> str:
    """An alert object as one line.

    >>> print(alert_text({"state": "raised", "journey": "fix", "transfers_rolling": 2.5,
    ...     "handoffs_declared": 1, "cases": 100, "stream_time": "2026-01-01T10:00:00"}), end="")
    alert raised at 2026-01-01T10:00:00: fix averages 2.50 transfers over its last 100 cases, 1 declared
    """
    return (
        f"alert {alert['state']} at {alert['stream_time']}: {safe_text(alert['journey'])} averages "
        f"{alert['transfers_rolling']:.2f} transfers over its last {alert['cases']:,} cases, "
        f"{alert['handoffs_declared']} declared\n"
    )


def text_writer(out: IO[str], top: int = TOP) -> Callable[[dict[str, Any]], None]:
    """A writer of objects as text on ``out``, each written whole and flushed."""

    def write(obj: dict[str, Any]) -> None:
        out.write(summary_text(obj, top) if obj["type"] == "summary" else alert_text(obj))
        out.flush()

    return write


def json_writer(out: IO[str]) -> Callable[[dict[str, Any]], None]:
    """A writer of objects as JSON lines on ``out``, each written whole and flushed."""
    from .._text import json_line

    def write(obj: dict[str, Any]) -> None:
        out.write(json_line(obj) + "\n")
        out.flush()

    return write
