"""A journey as Mermaid's ``journey`` diagram, which READMEs and wikis draw natively.

A section per run of steps in one lane of the blueprint (the customer, a team's front stage, a
team's back stage), in journey order; a task per step, scored from its friction and with its
actors (who does it, then the systems it uses). The score is the declared friction the customer
meets at the step: ``5`` minus one for a hand-off into it (the work passes to another provider),
minus one for a channel switch into it, minus one for each piece of data typed again at it (silo
or process re-entry), never below ``1``.

Mermaid's journey syntax has no quoting: a task ends at ``:``, a line at ``;`` or a line break,
``#`` starts an entity and ``%%`` a comment, ``,`` separates actors, and a line that starts with
``title``, ``section``, ``accTitle``, ``accDescr`` or ``journey`` is a keyword.
:func:`journey_text` writes each of these characters as a look-alike (U+2236 ratio, U+037E Greek
question mark, U+266F sharp, U+FF05 fullwidth percent, U+201A low quotation mark), a line break as
a space, and a keyword behind a zero-width space, so every name shows as written and none can
change the diagram (checked with Mermaid 11 in Chromium, tests/test_mermaid.py).

Mermaid draws no text longer than its ``maxTextSize``, 50,000 characters unless the page that
draws it says otherwise (GitHub's and GitLab's do not): a journey whose text is longer is refused
(SM052, exit 2), naming the journey, its size and the limit, rather than written to show Mermaid's
"Maximum text size in diagram exceeded" where the diagram should be.
"""

from __future__ import annotations

import re

from .._errors import UsageError
from .._metrics import Analysis
from .._model import Model, by_id, names
from .blueprint import lane_key

__all__ = ["MAX_TEXT", "journey_map", "journey_text", "mermaid_length", "step_score"]

# Mermaid's maxTextSize, 50,000 by default (https://mermaid.js.org/config/schema-docs/config-properties-
# maxtextsize.html). Mermaid 11's render() compares it with the text's JavaScript length (UTF-16 code
# units), once front matter, directives and %% comments are taken out (this text has none), and
# draws "Maximum text size in diagram exceeded" above it: 50,000 is drawn, 50,001 is not.
MAX_TEXT = 50_000

_LOOK_ALIKE = str.maketrans({":": "\u2236", ";": "\u037e", "#": "\u266f", "%": "\uff05", ",": "\u201a"})
_KEYWORD = re.compile(r"(?i)(title\s|section\s|acc(title|descr)|journey)")  # keywords of the lexer
_SPACE = re.compile(r"\s+")


def journey_text(text: str) -> str:
    """A name as Mermaid's journey syntax shows it and never reads it as syntax.

    >>> journey_text("Call: #1; 50%, then\\nwait") == "Call\\u2236 \\u266f1\\u037e 50\\uff05\\u201a then wait"
    True
    >>> journey_text("section 2").startswith("\\u200b")
    True
    """
    flat = _SPACE.sub(" ", text).strip().translate(_LOOK_ALIKE)
    return "\u200b" + flat if _KEYWORD.match(flat) else flat


def mermaid_length(text: str) -> int:
    """The length Mermaid measures: UTF-16 code units, two for a character beyond U+FFFF.

    >>> mermaid_length("Caf\u00e9"), mermaid_length("\U0001f600")
    (4, 2)
    """
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def step_score(handoff: bool, switch: bool, reentries: int) -> int:
    """A step's score, 1 to 5: 5 less a hand-off into it, a channel switch into it and each
    re-entry at it, never below 1.

    >>> step_score(False, False, 0), step_score(True, True, 1), step_score(True, True, 3)
    (5, 2, 1)
    """
    return max(1, 5 - int(handoff) - int(switch) - reentries)


def journey_map(model: Model, analysis: Analysis, journey_id: str) -> str:
    """The journey as Mermaid ``journey`` text: its title, a section per run of steps in one lane,
    a task per step with its score and actors.

    Raises
    ------
    silomap.UsageError
        SM052: the text is longer than Mermaid draws (:data:`MAX_TEXT`, its default maxTextSize).

    Examples
    --------
    >>> import silomap
    >>> model = silomap.load("models/retail-bank")
    >>> lines = journey_map(model, silomap.analyze(model), "check-balance").splitlines()
    >>> for line in lines[:4]:
    ...     print(line)
    journey
      title Check the balance before a big payment
      section Customer
        Look at the balance in the app: 5: Customer, Northwind Mobile App
    """
    journey = by_id(model.journeys, journey_id)
    figure = analysis.journey(journey_id)
    teams, systems = names(model.teams), names(model.systems)
    handoffs = {h.before for h in figure.handoff_at}
    switches = {s.before for s in figure.switches}
    again: dict[str, int] = {}
    for r in figure.reentries:
        again[r.step] = again.get(r.step, 0) + 1
    out = ["journey", f"  title {journey_text(journey.label)}"]
    lane = None
    for step in journey.steps:
        actor = "Customer" if step.actor == "customer" else teams.get(step.actor, step.actor)
        if lane_key(step) != lane:
            lane = lane_key(step)
            where = "" if step.actor == "customer" else f" ({lane.split(':')[0]} stage)"
            out.append(f"  section {journey_text(actor + where)}")
        score = step_score(step.id in handoffs, step.id in switches, again.get(step.id, 0))
        actors = ", ".join(journey_text(a) for a in [actor, *(systems.get(s, s) for s in step.systems)])
        out.append(f"    {journey_text(step.label)}: {score}: {actors}")
    text = "\n".join(out) + "\n"
    if (size := mermaid_length(text)) > MAX_TEXT:
        raise UsageError(
            f"journey '{journey.id}' as Mermaid's journey diagram is {size:,} characters, more than the "
            f"{MAX_TEXT:,} Mermaid draws (its maxTextSize: above it Mermaid shows 'Maximum text size in "
            "diagram exceeded'); draw the journey with {view=journey} to .svg, or split it",
            code="SM052",
            mentions=("view",),
        )
    return text
