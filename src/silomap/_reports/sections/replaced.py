"""The journeys that still depend on replaced systems (phasing out or retired), step by step."""

from __future__ import annotations

from ..._metrics import JourneyExperience
from ..._model import by_id
from ..._text import md, safe_text
from .formats import fragment
from .section import Context, Lines, Section, given

__all__ = ["SECTION", "replaced_text"]


def replaced_text(e: JourneyExperience) -> str:
    """``advisor-callback: crm-harbor (phasing-out), mortgage-tracker (phasing-out); offer-by-email: …``."""
    steps: dict[str, list[str]] = {}
    for r in e.replaced:
        steps.setdefault(r.step, []).append(f"{safe_text(r.system)} ({r.lifecycle})")
    return "; ".join(f"{safe_text(step)}: {', '.join(uses)}" for step, uses in steps.items())


def _replaced(context: Context) -> list[JourneyExperience]:
    return [e for e in context.analysis.experience if e.replaced]


def applies(context: Context) -> bool:
    """Only when a journey uses a replaced system."""
    return bool(_replaced(context))


def text(context: Context) -> Lines:
    """A line per journey: the steps and the replaced systems they use."""
    out = ["", "Journeys that still depend on replaced systems (phasing-out or retired)"]
    return out + [f"  {safe_text(e.id):<28} {replaced_text(e)}" for e in _replaced(context)]


def markdown(context: Context) -> Lines:
    """A bullet per journey."""
    out = ["", "### Journeys that still depend on replaced systems", ""]
    return out + [f"- **{md(e.id)}**: {md(replaced_text(e))}" for e in _replaced(context)]


def html(context: Context) -> str:
    """A list under the journeys' table, each journey by its name."""
    model = given(context.model)
    replaced = [(by_id(model.journeys, e.id).label, replaced_text(e)) for e in _replaced(context)]
    return fragment("replaced.html.j2", replaced=replaced)


# the Markdown tells of them after the channels, with what customers get
SECTION = Section(
    "replaced",
    "Journeys that still depend on replaced systems",
    applies=applies,
    text=text,
    markdown=markdown,
    html=html,
    after={"md": "parity"},
    html_place="subsection",
)
