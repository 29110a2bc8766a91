"""The maturity framework shipped as package data (``framework.yaml``): criteria, questions, levels.

The file is silomap's own, read once with ``yaml.safe_load`` (it ships with
the package, so it is trusted) and turned into frozen records.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

__all__ = ["Criterion", "Framework", "Level", "Prompt", "framework", "template"]


@dataclass(frozen=True)
class Level:
    """One of the five levels: 1 ad hoc … 5 optimised, and what it means."""

    number: int
    name: str
    means: str


@dataclass(frozen=True)
class Prompt:
    """One question of the framework, with its stable id and silomap's wording."""

    id: str
    text: str
    criterion: str


@dataclass(frozen=True)
class Criterion:
    """A criterion, the life-cycle stage it follows, and its questions."""

    id: str
    name: str
    stage: str
    questions: tuple[Prompt, ...]


@dataclass(frozen=True)
class Framework:
    """The whole framework.

    >>> fw = framework()
    >>> [c.id for c in fw.criteria], len(fw.questions), fw.levels[4].name
    (['understanding', 'sales', 'service'], 20, 'optimised')
    """

    version: int
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]

    @property
    def questions(self) -> tuple[Prompt, ...]:
        """Every question, criterion by criterion."""
        return tuple(q for c in self.criteria for q in c.questions)

    def criterion(self, criterion_id: str) -> Criterion:
        """One criterion by id."""
        return next(c for c in self.criteria if c.id == criterion_id)


@functools.cache
def framework() -> Framework:
    """The framework silomap ships (read once)."""
    text = resources.files(__package__).joinpath("framework.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    levels = tuple(Level(int(n), row["name"], row["means"]) for n, row in sorted(data["levels"].items()))
    criteria = tuple(
        Criterion(
            c["id"], c["name"], c["stage"], tuple(Prompt(q["id"], q["text"], c["id"]) for q in c["questions"])
        )
        for c in data["criteria"]
    )
    return Framework(int(data["version"]), levels, criteria)


def template(assessed: str = "YYYY-MM-DD") -> str:
    """An assessment file with every question id, its text as a comment, and the levels explained.

    >>> print(template().splitlines()[3])
    silomap-assessment: 1
    """
    fw = framework()
    lines = [
        "# A customer-alignment self-assessment for silomap (silomap assess MODEL THIS-FILE).",
        '# Answer any subset: a level 1-5, or {level: 4, note: "why"}; an empty answer is not answered.',
        "# Levels: " + "; ".join(f"{lv.number} {lv.name}" for lv in fw.levels) + ".",
        "silomap-assessment: 1",
        f"assessed: {assessed}   # the date of the assessment",
        "by: CX review board   # optional: who answered",
        "answers:",
    ]
    for criterion in fw.criteria:
        lines.append(f"  # {criterion.name} ({criterion.id}), the {criterion.stage} stage")
        for q in criterion.questions:
            lines.append(f"  # {q.text}")
            lines.append(f"  {q.id}:")
    return "\n".join(lines) + "\n"
