"""``draft-report.md`` (``draft.md``, "Report"): the log, the journeys drafted and those left out,
what was assumed and what to fill in, and the commands to run next. Every name from the log is
escaped: it comes from the user's data and makes no Markdown.
"""

from __future__ import annotations

from fractions import Fraction

from .._model import Model
from .._text import md
from .build import Drafted
from .events import Log
from .journeys import Group
from .names import rounded, share

__all__ = ["draft_report"]

SHOWN = 20  # values listed in a row before "and N more"


def _listed(values: list[str]) -> str:
    more = f" and {len(values) - SHOWN} more" if len(values) > SHOWN else ""
    return ", ".join(md(v, prose=True) for v in values[:SHOWN]) + more


def _cases(n: int) -> str:
    return f"{n:,} case" if n == 1 else f"{n:,} cases"


def _percent(cases: int, total: int) -> str:
    return f"{share(cases, total) * 100:.2f} %"


def _journeys(log: Log, drafted: Drafted, left: list[Group], unkeyed: int) -> list[str]:
    lines = [
        "## Journeys",
        "",
        "| journey | cases | share | variants | cases on the representative (M) |",
        "|---|---:|---:|---:|---:|",
    ]
    for j in drafted.journeys:
        cells = [
            md(j["id"]),
            f"{j['cases']:,}",
            _percent(j["cases"], log.cases),
            f"{j['variants']:,}",
            f"{j['m']:,}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if not drafted.journeys:
        lines.append("| none | | | | |")
    not_drafted = sum(g.cases for g in left)
    lines += [
        "",
        f"- groups not drafted: {len(left):,} ({_cases(not_drafted)}, {_percent(not_drafted, log.cases)})"
        + (f": {_listed([g.key for g in left])}" if left else ""),
        f"- cases without key (no activity, or no reason): {unkeyed:,}",
        "",
    ]
    return lines


def _assumed(drafted: Drafted) -> list[str]:
    rows = [
        "every journey's stage is after-sales",
        "every system's kind is other",
        "each step's minutes are the median elapsed time from its start to the next step's, waiting "
        "included; the last step has none",
    ]
    if drafted.internal:
        rows.append(f"channels left internal (no word known): {_listed(drafted.internal)}")
    if drafted.unassigned:
        rows.append(f"steps whose events have no team are done by the team {md(drafted.unassigned, True)}")
    if drafted.placeholders:
        rows.append(
            f"placeholder entities, one per system a question's journey uses: {_listed(drafted.placeholders)}"
        )
    if drafted.no_question:
        rows.append(f"no question for reasons whose journey uses no system: {_listed(drafted.no_question)}")
    return ["## Assumed", "", *[f"- {row}" for row in rows], ""]


_FILL = (
    "entities: name the placeholders, or map `needs` and `holds` in the mapping",
    "captures and reads: which data each step takes in or looks at",
    "needs: the data each question needs",
    "answers: the step that answers each question",
    "integrations: how the systems share data",
)

_NEXT = (
    "silomap validate DIR",
    "silomap observe DIR DIR/mapping.yaml",
    "silomap score DIR",
)


def draft_report(
    log: Log, drafted: Drafted, left: list[Group], unkeyed: int, *, log_name: str, model: Model
) -> str:
    """The draft report in Markdown."""
    days = rounded(Fraction(log.span_us, 86_400 * 1_000_000), 1)
    counts = ", ".join(
        f"{len(getattr(model, kind)):,} {kind}"
        for kind in ("teams", "systems", "entities", "questions", "journeys")
    )
    lines = [
        f"# Draft report: {md(log_name, True)}",
        "",
        f"Log: {log.cases:,} cases, {log.events:,} events, from {log.first} to {log.last} ({days:,} days).",
        "",
        f"Drafted: {counts}. Every item carries `x-evidence`: its cases and their share.",
        "",
        *_journeys(log, drafted, left, unkeyed),
        *_assumed(drafted),
        "## To fill in",
        "",
        *[f"- {row}" for row in _FILL],
        "",
        "## Next",
        "",
        "DIR is this folder.",
        "",
        "```sh",
        *_NEXT,
        "```",
        "",
    ]
    return "\n".join(lines)
