"""The metrics layer: every figure of ``docs/metrics.md``, the score, and the one ranking of "worst".

- ``flows``: where each entity can flow along automated integrations;
- ``cover``: the minimum set cover (systems per question);
- ``figures``: one function per figure, each with its evidence;
- ``score``: exact arithmetic, volume weights, rounding, bands;
- ``stages``: the silo score of each life-cycle stage;
- ``experience``, ``parity``: what customers feel (systems per journey,
  effort, replaced systems, KPIs, channel parity), reported and never scored;
- ``serialize``: the JSON of ``silomap score --json``;
- ``components``: the one table of score components;
- ``completeness``: how much of the customer layer is declared, beside the score;
- ``analysis``: :func:`analyze`, everything above in one frozen result;
- ``joined``: that result joined by id, one record per journey, question and team;
- ``ranking``: worst journeys and questions by impact per month;
- ``comparison``: two analyses side by side, with the evidence that changed;
- ``frames``, ``tables``: the figures as rows, and any table as a DataFrame of pandas, polars or
  pyarrow from one description of its columns and types.

May import: the model layer (``silomap._model``) and the foundations.
Never diagrams, reports, importers or the CLI.
"""

from .analysis import Analysis, analyze
from .comparison import Comparison, Evidence, Priced, compare, evidence, with_cost
from .completeness import PLACEHOLDER_TAG, Completeness, Gap
from .components import COMPONENTS, ComponentSpec, Part, components_of, family_weights, spec, totals
from .cover import EXACT_LIMIT, min_cover
from .diff import ModelDiff, diff
from .drafted import EVIDENCE_KEY, LogEvidence, log_evidence
from .experience import JourneyExperience, KpiCorrelation, KpiRow, ReplacedUse, TeamHours
from .figures import (
    EntityFigure,
    Handoff,
    JourneyFigure,
    Measured,
    QuestionFigure,
    Reentry,
    Switch,
    TeamFigure,
    Unbacked,
    consulted_systems,
    entity_figure,
    journey_figure,
    question_figure,
    team_figures,
)
from .flows import Flows
from .frames import BACKENDS, Schema, build_frames, frame_of, from_pandas, need_backend
from .history import History, HistoryPoint, history
from .joined import Joined, JourneyRecord, QuestionRecord, TeamRecord
from .parity import Divergence, QuestionParity, Side
from .ranking import Ranking, rank
from .score import BANDS, Component, band_meaning, f, round_half_up, silo_score, volume_weights
from .stages import STAGES, StageScore
from .tables import COLUMNS, SCHEMAS, TABLES, analysis_frames, csv_text, tables, write_csv

__all__ = [
    "BACKENDS",
    "BANDS",
    "COLUMNS",
    "COMPONENTS",
    "EVIDENCE_KEY",
    "EXACT_LIMIT",
    "PLACEHOLDER_TAG",
    "SCHEMAS",
    "STAGES",
    "TABLES",
    "Analysis",
    "Comparison",
    "Completeness",
    "Component",
    "ComponentSpec",
    "Divergence",
    "EntityFigure",
    "Evidence",
    "Flows",
    "Gap",
    "Handoff",
    "History",
    "HistoryPoint",
    "Joined",
    "JourneyExperience",
    "JourneyFigure",
    "JourneyRecord",
    "KpiCorrelation",
    "KpiRow",
    "LogEvidence",
    "Measured",
    "ModelDiff",
    "Part",
    "Priced",
    "QuestionFigure",
    "QuestionParity",
    "QuestionRecord",
    "Ranking",
    "Reentry",
    "ReplacedUse",
    "Schema",
    "Side",
    "StageScore",
    "Switch",
    "TeamFigure",
    "TeamHours",
    "TeamRecord",
    "Unbacked",
    "analysis_frames",
    "analyze",
    "band_meaning",
    "build_frames",
    "compare",
    "components_of",
    "consulted_systems",
    "csv_text",
    "diff",
    "entity_figure",
    "evidence",
    "f",
    "family_weights",
    "frame_of",
    "from_pandas",
    "history",
    "journey_figure",
    "log_evidence",
    "min_cover",
    "need_backend",
    "question_figure",
    "rank",
    "round_half_up",
    "silo_score",
    "spec",
    "tables",
    "team_figures",
    "totals",
    "volume_weights",
    "with_cost",
    "write_csv",
]
