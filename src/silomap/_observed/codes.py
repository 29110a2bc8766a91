"""The log's values as numbers, and back (``queries.py`` tells why).

:func:`encode` maps the log's groups, systems and activities to the model's ids (the mapping
file), numbers every value, counts the values the mapping leaves unmapped, and writes ``coded``.
:class:`Names` reads the numbers back into names, for the matrices, the variants and the team
sequence of each case.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .interface import Engine, literal
from .mapping import MappingFile, split_targets, target_text
from .queries import DIMENSIONS, coded, dictionary

__all__ = ["SYSTEM_BITS", "Names", "Step", "encode"]

SELF_SERVICE = "self-service"
# A step number by journey: each journey it maps into and the set of that journey's steps, in order
Step = tuple[tuple[str, frozenset[str]], ...]
SYSTEM_BITS = 62  # systems per case as the bits of a BIGINT when the log has no more than this


def encode(db: Engine, file: MappingFile) -> dict[str, int]:
    """Make the dictionaries and ``coded``; return how many groups, activities and systems of the
    log the mapping does not map."""
    db.table("team_map", ("t_raw", "t_id"), list(file.teams.items()))
    db.table("system_map", ("s_raw", "s_id"), list(file.systems.items()))
    targets = [(activity, target_text(target)) for activity, target in file.steps.items()]
    db.table("step_map", ("st_activity", "st_target"), targets)
    for name in DIMENSIONS:
        extra = literal(SELF_SERVICE) if name == "team" and file.self_service else None
        for sql in dictionary(name, extra):
            db.execute(sql)
    team = "g.code"
    if file.self_service:
        ((code,),) = db.rows(f"SELECT code FROM team_codes WHERE v = {literal(SELF_SERVICE)}")
        portal = ", ".join(literal(v) for v in file.self_service)
        team = f"CASE WHEN e.resource IN ({portal}) THEN {int(code)} ELSE g.code END"
    db.execute(coded(team, file.columns.event is not None))
    counts = {
        label: int(db.rows(f"SELECT count(*) FROM {name}_values WHERE unmapped")[0][0])
        for label, name in (("groups", "team"), ("activities", "step"), ("systems", "system"))
    }
    return counts


class Names:
    """The names of the numbers of one run (read once from the dictionaries)."""

    def __init__(self, db: Engine) -> None:
        self._targets: dict[int, Step] | None = None
        self._of: dict[str, dict[int, str]] = {}
        for name in ("team", "system", "step"):  # resources are named by the engine (the hand-off matrix)
            self._of[name] = {}
            for batch in db.batches(f"SELECT code, v FROM {name}_codes"):
                self._of[name].update((int(code), str(v)) for code, v in batch)

    @property
    def systems(self) -> int:
        """How many systems the log names."""
        return len(self._of["system"])

    def most_codes(self, *names: str) -> int:
        """The most numbers any of these dictionaries gave."""
        return max(len(self._of[name]) for name in names)

    def sequence(self, name: str, codes: Iterable[int] | None) -> tuple[str, ...]:
        """A list of numbers as their names, in order: a tuple, never a joined string (a name may hold
        any separator)."""
        of = self._of[name]
        return tuple(of[int(c)] for c in codes or [])

    def steps(self, codes: Iterable[int] | None) -> tuple[tuple[str, str] | tuple[tuple[str, str], ...], ...]:
        """Step numbers as (journey id, step id); a list of steps in the mapping as a tuple of them."""
        of = self._of["step"]
        pairs = (split_targets(of[int(c)]) for c in codes or [])
        return tuple(p[0] if len(p) == 1 else p for p in pairs)

    def targets(self) -> dict[int, Step]:
        """Each step number by journey: the mapping's ``journey/step`` (or a list of them), checked
        against the model, whose ids hold no ``/`` nor space, grouped into one set per journey
        (read once; a long case looks each of its steps up)."""
        if self._targets is None:
            self._targets = {}
            for code, text in self._of["step"].items():
                by_journey: dict[str, set[str]] = {}
                for journey, step in split_targets(text):
                    by_journey.setdefault(journey, set()).add(step)
                self._targets[code] = tuple((j, frozenset(s)) for j, s in by_journey.items())
        return self._targets

    def codes(self, name: str, wanted: Collection[str]) -> dict[str, int]:
        """The numbers of the ``wanted`` names that the log has (one pass over the dictionary)."""
        return {v: code for code, v in self._of[name].items() if v in wanted}

    def system_codes(self, value: int | list[int | None] | None) -> set[int]:
        """The systems of a variant as codes: the bits of a number, or a list of numbers."""
        if isinstance(value, int):
            return {c for c in self._of["system"] if value >> c & 1}
        return {int(c) for c in value or [] if c is not None}

    def system_set(self, codes: Iterable[int]) -> tuple[str, ...]:
        """System codes as their names, sorted."""
        of = self._of["system"]
        return tuple(sorted(of[c] for c in codes))
