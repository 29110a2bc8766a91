"""The assessment file (``maturity.md``): read with the hardened reader, every problem located.

The ``answers`` mapping is a pydantic model generated from the framework,
one optional field per question id, so an unknown id is an unknown key with
its "did you mean", and a level outside 1..5 is refused at its place.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model

from .._config import Limits
from .._errors import ModelError
from .._model import (
    Name,
    Strict,
    Text,
    need_limits,
    need_path,
    old_spellings,
    problems_from_pydantic,
    read_yaml_file,
)
from .framework import framework

__all__ = ["Answer", "Assessment", "AssessmentFile", "load_assessment"]

Level = Annotated[int, Field(strict=True, ge=1, le=5, description="1 ad hoc … 5 optimised.")]


class Answer(Strict):
    """One answer: a level from 1 to 5 and an optional note."""

    level: Level
    note: Text | None = None


def _as_answer(value: Any) -> Any:
    return {"level": value} if isinstance(value, int) and not isinstance(value, bool) else value


AnswerField = Annotated[Answer, BeforeValidator(_as_answer, json_schema_input_type=Level | Answer)]


def _answers_model() -> type[BaseModel]:
    fields: dict[str, Any] = {
        q.id.replace("-", "_"): (AnswerField | None, Field(default=None, alias=q.id, description=q.text))
        for q in framework().questions
    }
    config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, title="Answers")
    model: type[BaseModel] = create_model("Answers", __config__=config, **fields)
    return model


Answers = _answers_model()


class AssessmentFile(Strict):
    """An assessment file, version 1."""

    model_config = ConfigDict(title="silomap assessment", populate_by_name=True)

    version: Annotated[int, Field(strict=True, ge=1, le=1, alias="silomap-assessment")]
    assessed: datetime.date = Field(description="The date of the assessment, YYYY-MM-DD.")
    by: Name | None = None
    answers: Answers = Field(default_factory=Answers)  # type: ignore[valid-type]


@dataclass(frozen=True)
class Assessment:
    """A self-assessment: the answers given, by question id, in the framework's order.

    Parameters
    ----------
    assessed
        The day of the assessment.
    by
        Who assessed (a board, a team).
    answers
        The answer given to each question, by question id.

    Examples
    --------
    >>> import silomap
    >>> a = silomap.load_assessment("models/retail-bank/assessment.yaml")
    >>> a.level("reach-service"), a.level("self-help"), a.level("no-such-question")
    (4, 3, None)
    """

    assessed: datetime.date
    by: str | None
    answers: dict[str, Answer]

    def level(self, question_id: str) -> int | None:
        """The level given to a question, or ``None`` when it was not answered."""
        answer = self.answers.get(question_id)
        return None if answer is None else answer.level


@old_spellings(positional=("limits",))
def load_assessment(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Assessment:
    """Read and check an assessment file; :class:`silomap.ModelError` with every problem located.

    Parameters
    ----------
    path
        An assessment file (``silomap-assessment: 1``), such as ``models/retail-bank/assessment.yaml``.
    limits
        The budgets of the YAML reader (:class:`silomap.Limits`).

    Returns
    -------
    Assessment
        The self levels given, by criterion and question.

    Raises
    ------
    silomap.UsageError
        A ``path`` or ``limits`` of another kind, named.
    silomap.ModelError
        Each problem of the assessment (a level out of range, say), with its line.

    Examples
    --------
    >>> a = load_assessment("models/retail-bank/assessment.yaml")
    >>> a.level("reach-service")
    4
    """
    need_path(path)
    need_limits(limits)
    doc = read_yaml_file(path, limits)
    try:
        checked = AssessmentFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ModelError(problems_from_pydantic(doc, exc.errors(include_url=False), AssessmentFile)) from None
    given = {q.id: getattr(checked.answers, q.id.replace("-", "_")) for q in framework().questions}
    return Assessment(checked.assessed, checked.by, {k: v for k, v in given.items() if v is not None})
