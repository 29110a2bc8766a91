"""The live view of ``silomap watch`` in a terminal: one screen redrawn in place (rich's ``Live``)
from the summaries and alerts the watch emits.

It shows the headline counts, each journey's transfers against its declared hand-offs, the open
cases at risk (the first ``top``) and the last alerts. Every value that comes from the log (a case
id, a customer, a journey) is untrusted: it reaches the screen as a rich ``Text`` (never markup,
so ``[bold]`` prints as written) after :func:`silomap._text.safe_text` (so an ESC or a bidi
override is seen, never acted on).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from .._text import plural, safe_text
from .text import alert_text

__all__ = [
    "ALERTS",
    "NOT_MEASURED",
    "LiveView",
    "counts_text",
    "live_view",
    "mean_text",
    "means_text",
    "standing",
    "why_text",
]

ALERTS = 5  # the last alerts the view keeps
WIDTH = 40  # characters of a case id, customer or journey shown (the JSON has them whole)
NOT_MEASURED = "not measured"


def _text(value: object) -> Text:
    """A log's value as plain text for a cell: escaped, never markup; ``-`` for none."""
    return Text("-" if value is None else safe_text(str(value)))


def _count(value: int | None) -> str:
    return NOT_MEASURED if value is None else f"{value:,}"


def mean_text(value: float | None, cases: int) -> str:
    """A mean over ``cases`` closed cases: ``-`` while there is none; a figure the mapping cannot give is
    "not measured" (never 0)."""
    if not cases:
        return "-"
    return NOT_MEASURED if value is None else f"{value:.2f}"


def _pct(value: float | None, cases: int) -> str:
    if not cases:
        return "-"
    return NOT_MEASURED if value is None else f"{100 * value:.0f}%"


def why_text(case: dict[str, Any]) -> str:
    """Why an open case is at risk, with its counts.

    >>> why_text({"why": ["transfers", "ping_pong", "repeat"], "transfers": 3, "ping_pong": 1})
    '3 transfers, 1 ping-pong, repeat contact'
    """
    words = {
        "transfers": plural(case["transfers"], "transfer"),
        "ping_pong": f"{case['ping_pong']} ping-pong",
        "repeat": "repeat contact",
    }
    return ", ".join(words.get(w, safe_text(w)) for w in case["why"])


def _files(count: int) -> str:
    """The files read, from a folder (none: standard input, or no file yet)."""
    return f" from {_many(count, 'file')}" if count else ""


def _many(count: int, one: str) -> str:
    """``1 case``, ``1,234 cases``."""
    return f"{count:,} {one}{'' if count == 1 else 's'}"


def counts_text(s: dict[str, Any]) -> str:
    """What a summary says was read, and where the watch stands.

    >>> from silomap._watch.live import counts_text
    >>> counts_text({"events_read": 1234, "files_read": 0, "cases": 4, "open_cases": 2, "at_risk": [{}],
    ...     "malformed": 1, "late": 0, "duplicates": 0, "reopened": 0, "fcr_pending": 1})
    '1,234 events; 4 cases closed, 2 open, 1 at risk; malformed 1, late 0, duplicates 0, ...'
    """
    return (
        f"{s['events_read']:,} events{_files(s['files_read'])}; {_many(s['cases'], 'case')} closed, "
        f"{s['open_cases']:,} open, {len(s['at_risk']):,} at risk; malformed {s['malformed']:,}, "
        f"late {s['late']:,}, duplicates {s['duplicates']:,}, reopened {s['reopened']:,}, "
        f"FCR pending {s['fcr_pending']:,}"
    )


def means_text(s: dict[str, Any]) -> str:
    """Observe's means and rates over the closed cases; "not measured" for a figure the mapping
    cannot give (never 0), and none before a case closes."""
    n = s["cases"]
    if not n:
        return "Per closed case: no case closed yet"
    means = {key: mean_text(s[f"{key}_per_case"], n) for key in ("transfers", "handoffs", "ping_pong")}
    return (
        f"Per closed case: transfers {means['transfers']}, hand-offs {means['handoffs']}, ping-pong "
        f"{means['ping_pong']}; transferred "
        f"{_pct(s['transfer_rate'], n)}, repeat contacts {_pct(s['repeat_rate'], n)}, first-contact "
        f"resolution {_pct(s['fcr_rate'], n)}"
    )


def _cut(column: str) -> dict[str, Any]:
    """A column of the log's values keeps to one line of at most :data:`WIDTH` characters, cut with ``…``."""
    if column not in ("Case", "Customer", "Journey"):
        return {}
    return {"max_width": WIDTH, "overflow": "ellipsis", "no_wrap": True}


def _headline(s: dict[str, Any]) -> Text:
    """What was read and where the watch stands."""
    state = "final" if s.get("final") else "live"
    first = f"silomap watch ({state}): stream time {safe_text(str(s.get('stream_time') or '-'))}\n"
    return Text.assemble((first, "bold"), counts_text(s))


def _journeys(s: dict[str, Any], raised: dict[str, dict[str, Any]]) -> Table:
    """Each journey's closed cases: observed transfers beside the declared hand-offs, and its alert."""
    table = Table(title=Text("Journeys (closed cases)"), title_justify="left", expand=False)
    for name in ("Journey", "Cases", "Fitness", "Declared", "Transfers", "Alert"):
        table.add_column(name, justify="left" if name in ("Journey", "Alert") else "right", **_cut(name))
    for j in s.get("journeys") or ():
        alert = raised.get(j["id"])
        shown = Text("-") if alert is None else Text(f"raised: {alert['transfers_rolling']:.2f}", style="red")
        cases = j["cases"]
        table.add_row(
            _text(j["id"]),
            _count(cases),
            "-" if j["fitness"] is None else f"{j['fitness']:.2f}",
            str(j["handoffs_declared"]),
            "-" if not cases else mean_text(j["transfers_observed"], cases),
            shown,
        )
    return table


def _at_risk(s: dict[str, Any], top: int) -> RenderableType:
    """The first ``top`` open cases at risk, as the summary orders them."""
    cases = s["at_risk"]
    if not cases:
        return Text("At risk now: none")
    title = f"At risk now: {len(cases):,} open cases" + (f" (first {top})" if len(cases) > top else "")
    table = Table(title=Text(title), title_justify="left", expand=False)
    for name in ("Case", "Customer", "Journey", "Fit", "Events", "Why at risk"):
        left = name not in ("Fit", "Events")
        table.add_column(name, justify="left" if left else "right", **_cut(name))
    for c in cases[:top]:
        table.add_row(
            _text(c["case"]),
            _text(c["customer"]),
            _text(c["journey"]) if c["journey"] is not None else Text("unmatched", style="dim"),
            "-" if c["fitness"] is None else f"{c['fitness']:.2f}",
            f"{c['events']:,}",
            Text(why_text(c)),
        )
    return table


def _alert_line(a: dict[str, Any]) -> Text:
    return Text(alert_text(a).rstrip("\n"), style="red" if a["state"] == "raised" else "green")


def standing(alerts: Sequence[dict[str, Any]], raised: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``raised`` updated by ``alerts`` (oldest first): each journey's alert while it stands raised.

    >>> a = {"journey": "fix", "state": "raised"}
    >>> standing([a], {}) == {"fix": a}, standing([a, {"journey": "fix", "state": "cleared"}], {})
    (True, {})
    """
    for a in alerts:
        raised.pop(a["journey"], None)
        if a["state"] == "raised":
            raised[a["journey"]] = a
    return raised


def live_view(
    summary: dict[str, Any] | None,
    alerts: Sequence[dict[str, Any]] = (),
    *,
    top: int = 20,
    raised: dict[str, dict[str, Any]] | None = None,
) -> RenderableType:
    """The screen for one summary and the last alerts (oldest first).

    Parameters
    ----------
    summary
        A summary as the watch emits it (``{"type": "summary", ...}``), or ``None`` before the first.
    alerts
        The last alerts, oldest first; a journey whose last alert is ``raised`` is marked in its row.
    top
        The at-risk cases shown (the summary orders them: most transfers first).
    raised
        Each journey's alert while it stands raised (default: as ``alerts`` show it).

    Returns
    -------
    rich.console.RenderableType
        What a rich ``Console`` prints, or ``Live`` redraws.

    Examples
    --------
    >>> from rich.console import Console
    >>> console = Console(width=60, record=True)
    >>> console.print(live_view(None))
    Waiting for the first summary...
    """
    parts: list[RenderableType] = [Text("Waiting for the first summary...")]
    if summary is not None:
        raised = standing(alerts, {}) if raised is None else raised
        means = Text(means_text(summary), style="" if summary["cases"] else "dim")
        parts = [_headline(summary), means, _journeys(summary, raised), _at_risk(summary, top)]
    if summary is None and not alerts:
        return parts[0]
    parts.append(Text("Last alerts", style="bold"))
    parts += [_alert_line(a) for a in alerts] or [Text("none yet", style="dim")]
    return Group(*parts)


class LiveView:
    """A writer of the watch's summaries and alerts (``emit(obj)``) that redraws one screen in place.

    Parameters
    ----------
    console
        Where it draws (default: standard output); ``Live`` redraws in place on a terminal.
    top
        The at-risk cases shown.

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> console = Console(width=80, record=True, file=io.StringIO())
    >>> with LiveView(console=console) as view:
    ...     view({"type": "alert", "state": "raised", "journey": "fix", "transfers_rolling": 3.5,
    ...           "handoffs_declared": 2, "cases": 100, "stream_time": "2026-01-05T10:00:00"})
    >>> "alert raised at 2026-01-05T10:00:00: fix averages 3.50 transfers" in console.export_text()
    True
    """

    def __init__(self, *, console: Console | None = None, top: int = 20) -> None:
        self.top = top
        self.summary: dict[str, Any] | None = None
        self.alerts: deque[dict[str, Any]] = deque(maxlen=ALERTS)
        self.raised: dict[str, dict[str, Any]] = {}
        self._live = Live(self._view(), console=console, auto_refresh=False, redirect_stdout=False)

    def _view(self) -> RenderableType:
        return live_view(self.summary, list(self.alerts), top=self.top, raised=self.raised)

    def __call__(self, obj: dict[str, Any]) -> None:
        """Take a summary or an alert and redraw."""
        if obj.get("type") == "alert":
            self.alerts.append(obj)
            standing([obj], self.raised)
        elif obj.get("type") == "summary":
            self.summary = obj
        self._live.update(self._view(), refresh=True)

    def __enter__(self) -> LiveView:
        self._live.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._live.stop()
