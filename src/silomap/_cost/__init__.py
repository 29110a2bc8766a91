"""What silos cost in money (``cost.md``): the rates file, the declared cost a month, its text.

- ``rates``: reading a rates file, every mistake located; the currency checked against ISO 4217;
- ``declared``: each seam of the metrics priced a month, per journey, question, seam kind, team;
- ``result``: :func:`cost`, everything above in one frozen result with its JSON and frames;
- ``fixes``: what each fix saves, fixes ranked by it, the money a change makes;
- ``change``: the money a change makes, before and after;
- ``text``: money and hours as people read them, and the text of ``silomap cost``;
- ``observed``: what transfers go with in a log's elapsed time, with its bootstrap interval;
  ``from_log``: the log read as ``observe`` reads it, then the association;
  ``observed_text``: the association as people read it.

May import: the changes, observed, metrics and model layers and the foundations. Never diagrams,
reports, importers or the CLI.
"""

from .change import MoneyChange, diff, money_change, whatif
from .declared import (
    Declared,
    JourneyCost,
    NotCosted,
    QuestionCost,
    Seam,
    Seams,
    TeamCost,
    Total,
    Unattributed,
    declared,
)
from .fixes import BY, fixes, money_of, saving
from .from_log import check_bootstrap, observed_cost, seen_association
from .observed import Association, Effect, associate
from .observed_text import observed_lines
from .rates import RATES_KEY, Rates, RatesFile, exact, load_rates
from .result import Cost, cost, number
from .text import cost_lines, cost_text, hours, money, not_costed_lines, whole

__all__ = [
    "BY",
    "RATES_KEY",
    "Association",
    "Cost",
    "Declared",
    "Effect",
    "JourneyCost",
    "MoneyChange",
    "NotCosted",
    "QuestionCost",
    "Rates",
    "RatesFile",
    "Seam",
    "Seams",
    "TeamCost",
    "Total",
    "Unattributed",
    "associate",
    "check_bootstrap",
    "cost",
    "cost_lines",
    "cost_text",
    "declared",
    "diff",
    "exact",
    "fixes",
    "hours",
    "load_rates",
    "money",
    "money_change",
    "money_of",
    "not_costed_lines",
    "number",
    "observed_cost",
    "observed_lines",
    "saving",
    "seen_association",
    "whatif",
    "whole",
]
