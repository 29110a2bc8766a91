"""How each result shows itself (issue #29): ``DISPLAYS``, one row a kind of result.

A row gives the result's text (the very renderer its command prints with, so ``str(result)`` is
the CLI's text for the same call), its one line for ``repr`` (its kind, its model, its score and
band or its counts) and its HTML card (:mod:`.cards`). The facade hands the table to
``_display`` on import; the results, in lower layers, never import this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Protocol

from .._changes import Fixes
from .._cost import Cost, cost_text, money
from .._display import Display
from .._maturity import Maturity
from .._metrics import Analysis, Comparison, History, JourneyFigure, ModelDiff, evidence, rank
from .._observed import Observed
from .._text import plural
from .cards import Card, Table, card_html
from .comparison import diff_text, whatif_text
from .fixes import fixes_text
from .history import history_text
from .sections import maturity_text, observed_text
from .summary import summary

__all__ = ["DISPLAYS", "DRAFT"]

WORST = 5  # rows of a card's tables: the worst items, as the summary's --top
SCORE = "silo score: 0 joined up, 100 siloed"


def _score(value: float | None, places: int = 1) -> str:
    return "not measured" if value is None else f"{value:.{places}f}"


def _line(kind: str, name: str, said: str) -> str:
    """A result's repr: ``<silomap.Analysis of 'Bank': score 40.0, partly integrated>``, one line."""
    shown = name if len(name) <= 60 else name[:59] + "…"
    return f"<silomap.{kind} of {shown!r}: {said}>"


def _scored(score: float | None, band: str | None) -> str:
    return "score not measured" if score is None else f"score {score:.1f}, {band}"


def _folded(pieces: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Evidence grouped by kind (the card shows the first lines of each, and how many there are)."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for kind, text in pieces:
        kinds[kind].append(text)
    return list(kinds.items())


def _components(a: Analysis) -> list[tuple[str, object]]:
    return [(f"{c.name} ({a.points(c.name):.1f} points)", f"{float(c.value):.3f}") for c in a.components]


def _analysis(a: Analysis) -> Card:
    ranked = rank(a)
    worst = Table(
        "Worst journeys: frictions a month",
        ("journey", "hand-offs", "re-entries", "frictions"),
        [(j.id, j.handoffs, len(j.reentries), f"{impact:,.0f}") for j, impact in ranked.journeys[:WORST]],
    )
    questions = Table(
        "Worst questions: systems to open",
        ("question", "systems", "extra a month"),
        [(q.id, q.spq, f"{impact:,.0f}") for q, impact in ranked.questions[:WORST]],
    )
    pieces = sorted(evidence(a))
    found = _folded((e.kind, f"{e.where}: {e.text}") for e in pieces)
    tables = (worst, questions)
    return Card("Analysis", a.name, _score(a.score), a.band, _components(a), tables, found, summary(a), SCORE)


def _comparison(c: Comparison, kind: str, text: str, more: list[tuple[str, list[str]]]) -> Card:
    b, h = c.before, c.after
    delta = "" if c.delta is None else f" ({c.delta:+.1f})"
    names = dict.fromkeys([x.name for x in (*b.components, *h.components)])
    facts: list[tuple[str, object]] = [
        (n, " → ".join("-" if v is None else f"{float(v):.3f}" for v in (b.component(n), h.component(n))))
        for n in names
    ]
    if c.cost is not None:
        facts.append(("money a month", c.cost.line()))
    journeys = Table(
        "Journeys that change",
        ("journey", "hand-offs", "re-entries", "channel switches"),
        [(i, *_before_after(x, y)) for i, x, y in c.journeys()],
    )
    found = [
        ("Evidence gone", [f"{e.kind}: {e.where}: {e.text}" for e in c.disappeared]),
        ("Evidence new", [f"{e.kind}: {e.where}: {e.text}" for e in c.appeared]),
        *more,
    ]
    score = f"{_score(b.score)} → {_score(h.score)}{delta}"
    return Card(kind, h.name, score, h.band, facts, (journeys,), found, text, SCORE + ", before → after")


def _before_after(x: JourneyFigure | None, y: JourneyFigure | None) -> tuple[str, str, str]:
    """A changed journey's hand-offs, re-entries (silo ones too) and channel switches, before → after."""

    def side(j: JourneyFigure | None) -> tuple[object, ...]:
        if j is None:
            return ("-", "-", "-")
        return (j.handoffs, f"{len(j.reentries)} ({j.silo_reentries} silo)", j.channel_switches)

    (h, r, c), (h2, r2, c2) = side(x), side(y)
    return f"{h} → {h2}", f"{r} → {r2}", f"{c} → {c2}"


def _whatif(c: Comparison) -> Card:
    return _comparison(c, "What-if", whatif_text(c), [])


def _diff(d: ModelDiff) -> Card:
    listed = [
        ("Systems added", list(d.systems_added)),
        ("Systems removed", list(d.systems_removed)),
        ("Integrations added", list(d.integrations_added)),
        ("Integrations removed", list(d.integrations_removed)),
        ("Matched by slug", list(d.matched_words)),
    ]
    return _comparison(d.comparison, "Diff", diff_text(d), listed)


def _fixes(f: Fixes) -> Card:
    saves = f.currency is not None
    header = ("#", "effort", "score after", "delta", *(["saves a month"] if saves else []), "fix")
    rows = [
        (
            fix.rank,
            fix.effort,
            f"{fix.score_after:.2f}",
            f"{fix.delta:+.2f}",
            *([_money(fix.saves, f.currency)] if saves else []),
            fix.summary,
        )
        for fix in f.fixes[:WORST]
    ]
    road = [f"{i}. [{s.effort}] {s.score_after:.2f}  {s.summary}" for i, s in enumerate(f.roadmap, 1)]
    changes = [f"{fix.rank}. {fix.change.text}" for fix in f.fixes]
    found = [("Roadmap", road), ("Every fix as a change", changes)]
    facts = [("fixes found", len(f.fixes))] + (
        [("money a month now", _money(f.cost, f.currency))] if saves else []
    )
    table = Table(f"The {min(WORST, len(f.fixes))} best fixes", header, rows)
    note = "silo score now, to two decimals as each fix's"
    return Card("Fixes", f.name, _score(f.score, 2), None, facts, (table,), found, fixes_text(f), note)


def _money(value: float | None, currency: str | None) -> str:
    return "not costed" if value is None or currency is None else money(Fraction(value), currency)


def _history(h: History) -> Card:
    last = h[-1] if h else None
    rows = [
        (p.commit, p.date[:10], p.author, _score(p.score), p.band or plural(p.errors, "error")) for p in h
    ]
    errors = [f"{p.commit}: {p.error}" for p in h if p.error]
    table = Table("Commits, oldest first", ("commit", "date", "author", "score", "band"), rows[-WORST * 4 :])
    score = "no commits" if last is None else _score(last.score)
    facts = [("commits", len(h)), ("invalid", sum(1 for p in h if p.score is None))]
    band = None if last is None else last.band
    found, note = [("First errors", errors)], "silo score at the last commit"
    return Card("History", h.path, score, band, facts, (table,), found, history_text(h), note)


def _observed(o: Observed) -> Card:
    s = o.summary
    facts = [(k.replace("_", " "), _figure(v)) for k, v in s.items()]
    rows = [
        (j.id, _figure(j.cases), _figure(j.fitness), _figure(j.transfers_observed), j.handoffs_declared)
        for j in o.journeys
    ]
    table = Table(
        "Journeys: the log beside the model",
        ("journey", "cases", "fitness", "transfers", "hand-offs declared"),
        rows,
    )
    found = [
        ("Not measured", [f"{k}: {why}" for k, why in o.not_measured.items()]),
        ("Activities with no step", [f"{k}: {_figure(n)} events" for k, n in o.unmapped.items()]),
    ]
    cases = f"{_figure(s.get('cases'))} cases"
    note = f"in the log, read by {o.engine}"
    return Card("Observed", o.name, cases, None, facts, (table,), found, observed_text(o, o.name), note)


def _figure(value: Any) -> str:
    if value is None:
        return "not measured"
    return f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def _maturity(m: Maturity) -> Card:
    rows = [(c.name, _figure(c.self_level), _figure(c.evidence), _figure(c.stage_score)) for c in m.criteria]
    table = Table(
        "Criteria: your level beside the evidence", ("criterion", "self", "evidence", "stage score"), rows
    )
    found = [
        ("Gaps of 2 or more", [f"{g.id}: {g.text}" for g in m.gaps]),
        ("Evidence", [f"{q.id}: level {q.evidence}: {q.because}" for q in m.questions if q.because]),
        ("Unanswered", list(m.unanswered)),
    ]
    overall = "not assessed" if m.overall is None else f"{m.overall:.1f}"
    note = "your overall level, 1 ad hoc to 5 optimised"
    return Card("Maturity", m.name, overall, None, (), (table,), found, maturity_text(m, m.name), note)


def _cost(c: Cost) -> Card:
    d, cur = c.declared, c.currency
    total = "not costed" if d.total is None else money(d.total.money, cur) + " a month"
    rows = [(j.id, f"{float(j.volume):,g}", j.handoffs, j.reentries, money(j.money, cur)) for j in d.journeys]
    rows = sorted(rows, key=lambda r: -next(j.money for j in d.journeys if j.id == r[0]))[:WORST]
    table = Table(
        "Journeys by money a month", ("journey", "a month", "hand-offs", "re-entries", "money"), rows
    )
    found = [("Not costed (no volume)", [*d.not_costed.journeys, *d.not_costed.questions])]
    return Card(
        "Cost", c.name, total, None, (), (table,), found, cost_text(c), "what the silos cost, declared"
    )


class Drafted(Protocol):
    """A draft (``_draft``, which reads logs through the importers: the reports never import it)."""

    @property
    def model(self) -> Any: ...

    @property
    def report(self) -> str: ...

    @property
    def files(self) -> dict[str, str]: ...


def _draft(d: Drafted) -> Card:
    m = d.model
    facts = [(k, len(getattr(m, k))) for k in ("journeys", "teams", "systems", "questions")]
    table = Table(
        "Journeys drafted", ("journey", "steps"), [(j.id, len(j.steps)) for j in m.journeys[: WORST * 4]]
    )
    files = [("Files it writes", sorted(d.files))]
    drafted = plural(len(m.journeys), "journey")
    said = "The report it writes (draft-report.md)"
    return Card(
        "Draft", m.name, drafted, None, facts, (table,), files, d.report, "drafted from the log", said
    )


def _draft_line(d: Drafted) -> str:
    counts = (plural(len(getattr(d.model, k)), k.removesuffix("s")) for k in ("journeys", "systems"))
    return _line("Draft", d.model.name, ", ".join(counts))


def _analysis_line(a: Analysis) -> str:
    return _line("Analysis", a.name, _scored(a.score, a.band))


def _whatif_line(c: Comparison) -> str:
    return _line(
        "Comparison",
        c.after.name,
        f"{_scored(c.before.score, c.before.band)} -> {_scored(c.after.score, c.after.band)}",
    )


def _diff_line(d: ModelDiff) -> str:
    c = d.comparison
    return _line(
        "ModelDiff",
        c.after.name,
        f"{_scored(c.before.score, c.before.band)} -> {_scored(c.after.score, c.after.band)}",
    )


def _fixes_line(f: Fixes) -> str:
    found = plural(len(f.fixes), "fix", "fixes")
    return _line("Fixes", f.name, f"score now {_score(f.score, 2)}; {found}, a roadmap of {len(f.roadmap)}")


def _history_line(h: History) -> str:
    if not h:
        return "<silomap.History: no commits>"
    last = "invalid" if h[-1].score is None else f"scoring {h[-1].score:.1f}, {h[-1].band}"
    return f"<silomap.History: {plural(len(h), 'commit')}, the last {last}>"


def _observed_line(o: Observed) -> str:
    return _line(
        "Observed",
        o.name,
        f"{plural(o.summary.get('cases') or 0, 'case')}, {plural(len(o.journeys), 'journey')}",
    )


def _maturity_line(m: Maturity) -> str:
    return _line(
        "Maturity",
        m.name,
        f"{plural(len(m.gaps), 'gap')}, {plural(len(m.unanswered), 'question')} unanswered",
    )


def _cost_line(c: Cost) -> str:
    total = c.declared.total
    return _line(
        "Cost", c.name, "not costed" if total is None else f"{money(total.money, c.currency)} a month"
    )


def _observed_text(o: Observed) -> str:
    return observed_text(o, o.name)


def _maturity_text(m: Maturity) -> str:
    return maturity_text(m, m.name)


def _draft_text(d: Drafted) -> str:
    return d.report


DISPLAYS: dict[type, Display] = {  # a kind of result: its text (the CLI's), its repr, its card
    Analysis: Display(summary, _analysis_line, lambda a: card_html(_analysis(a))),
    Comparison: Display(whatif_text, _whatif_line, lambda c: card_html(_whatif(c))),
    ModelDiff: Display(diff_text, _diff_line, lambda d: card_html(_diff(d))),
    Fixes: Display(fixes_text, _fixes_line, lambda f: card_html(_fixes(f))),
    History: Display(history_text, _history_line, lambda h: card_html(_history(h))),
    Observed: Display(_observed_text, _observed_line, lambda o: card_html(_observed(o))),
    Maturity: Display(_maturity_text, _maturity_line, lambda m: card_html(_maturity(m))),
    Cost: Display(cost_text, _cost_line, lambda c: card_html(_cost(c))),
}
DRAFT = Display(_draft_text, _draft_line, lambda d: card_html(_draft(d)))  # the facade pairs it with Draft
