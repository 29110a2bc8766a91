"""The views, declared once: the table the library and the CLI read their choices from.

To add a view: write its module (a function from a model and its analysis to
a :class:`~silomap._diagrams.dot.Dot`, and optionally one to Mermaid text), then
add one row to :data:`VIEWS`. ``subject`` names the kind of model item the
view draws one of (``journey``, ``question``), which becomes the keyword
argument of :func:`silomap.diagram` and the CLI option of ``silomap render``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .._errors import UsageError
from .._metrics import Analysis
from .._model import Model
from .._suggest import did_you_mean
from .dot import Dot
from .fit import Drawn, fit_group, fit_landscape
from .grouping import group_systems
from .journey import journey_view
from .landscape import landscape_view
from .mermaid import journey_mermaid, landscape_mermaid, question_mermaid
from .mermaid_journey import journey_map
from .overview import group_view, grouping
from .question import question_view

__all__ = ["SUBJECTS", "VIEWS", "Options", "View", "pick"]


@dataclass(frozen=True)
class Options:
    """How to draw a view: the item drawn (``subject``) and the landscape's settings."""

    subject: str = ""
    group_by: str = "auto"
    overlay: str | None = None
    expand: bool | None = None
    rates: tuple[tuple[tuple[str, str], float | None], ...] = ()  # observed transfer shares, by hand-off
    page: str | None = None  # the page the landscape must fit: a3, a4 or 16:9


@dataclass(frozen=True)
class View:
    """One view: its name, what it shows, what it draws one of, and how."""

    name: str
    help: str
    subject: str | None
    dot: Callable[[Model, Analysis, Options], Dot] | None  # None: a view drawn by Mermaid alone
    mermaid: Callable[[Model, Analysis, Options], str] | None
    # laid out and measured before it is drawn (the landscape): the drawings, given the renderer
    fit: Callable[[Model, Analysis, Options, str], list[Drawn]] | None = None


# The ids a subject can take in a model, for checking and for "did you mean".
SUBJECTS: dict[str, Callable[[Model], list[str]]] = {
    "journey": lambda model: [j.id for j in model.journeys],
    "question": lambda model: [q.id for q in model.questions],
    # owner teams ("-": no owner), kinds, domains and clusters; the view checks the key against --group-by
    "group": lambda model: list(
        dict.fromkeys(
            k for by in ("owner", "kind", "domain", "cluster") for k in group_systems(model, by).members
        )
    ),
}

VIEWS: dict[str, View] = {
    "landscape": View(
        "landscape", "the systems, grouped by owner, kind, domain or cluster, and their integrations", None,
        lambda m, a, o: landscape_view(m, a, o.group_by, o.overlay, o.expand),
        lambda m, a, o: landscape_mermaid(m, a, grouping(m, o.group_by, o.expand)[0].by, o.expand),
        lambda m, a, o, r: fit_landscape(m, a, group_by=o.group_by, overlay=o.overlay, expand=o.expand,
                                         page=o.page, renderer=r),
    ),
    "journey": View(
        "journey", "one journey as a service blueprint: lanes, hand-offs, re-entered data", "journey",
        lambda m, a, o: journey_view(m, a, o.subject, dict(o.rates)),
        lambda m, a, o: journey_mermaid(m, a, o.subject),
    ),
    "question": View(
        "question", "one customer question: the data it needs and the systems exposing it", "question",
        lambda m, a, o: question_view(m, a, o.subject),
        lambda m, a, o: question_mermaid(m, a, o.subject),
    ),
    "mermaid-journey": View(
        "mermaid-journey", "one journey as Mermaid's journey diagram: a task per step, scored 1-5 from its "
        "friction (.mmd only)", "journey",
        None,
        lambda m, a, o: journey_map(m, a, o.subject),
    ),
    "group": View(
        "group", "one group of the landscape (an owner team, a kind, a domain or a cluster, as --group-by "
        "says) drawn whole, with the groups it integrates with", "group",
        lambda m, a, o: group_view(m, a, o.group_by, o.subject, page=o.page),
        None,
        lambda m, a, o, r: fit_group(m, a, group_by=o.group_by, key=o.subject, page=o.page, renderer=r),
    ),
}  # fmt: skip


def pick(kind: str, wanted: str | None, known: Sequence[str]) -> str:
    """Check that the journey or question asked for exists, or say which do."""
    if wanted is None:
        raise UsageError(
            f"the {kind} view needs {{param}}; one of: {', '.join(known[:10]) or 'none'}", param=kind
        )
    if wanted not in known:
        hint = did_you_mean(wanted, known)
        raise UsageError(f"no {kind} '{wanted}' in the model{hint}")
    return wanted
