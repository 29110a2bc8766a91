"""The customer-alignment maturity assessment (``maturity.md``): framework, assessment file, evidence.

- ``framework``: the criteria, questions and levels shipped as package data;
- ``assessment``: reading an assessment file, every problem located;
- ``evidence``: evidence levels from the model, self levels, gaps.

May import: the metrics and model layers and the foundations. Never
diagrams, reports, importers or the CLI.
"""

from .assessment import Answer, Assessment, load_assessment
from .evidence import CriterionResult, Gap, Maturity, QuestionResult, assess, evidence_level
from .framework import Criterion, Framework, Level, Prompt, framework, template

__all__ = [
    "Answer",
    "Assessment",
    "Criterion",
    "CriterionResult",
    "Framework",
    "Gap",
    "Level",
    "Maturity",
    "Prompt",
    "QuestionResult",
    "assess",
    "evidence_level",
    "framework",
    "load_assessment",
    "template",
]
