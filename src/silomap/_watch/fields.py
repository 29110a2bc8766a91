"""An event's mapped values, as the engine takes them (:data:`Values`): case, timestamp, activity,
resource, group, channel, system, customer and event id, ``None`` where a value is missing (one of
the mapping's ``missing`` values) or the column not mapped.

Sources read their records into these values once: a CSV record by the header's positions (one
C-level pick per record), a JSON object or a Parquet row by name. Nothing else is kept of a record.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence

from .._observed import LogMapping

__all__ = ["Event", "Fields", "Values"]

Values = Sequence[str | None]
Event = tuple[str, int, Values]  # the source's name, the physical line, the mapped values


class Fields:
    """The mapping's columns in the order of :data:`Values`, and its missing values.

    >>> from pathlib import Path
    >>> from silomap._observed.mapping import MappingFile
    >>> file = MappingFile.model_validate({"silomap-log": 1, "log": "x.csv", "missing": ["", "?"]})
    >>> fields = Fields(LogMapping(Path("x.csv"), file))
    >>> fields.of({"case:concept:name": "c1", "time:timestamp": "?", "org:resource": "ann"})[:4]
    ['c1', None, None, 'ann']
    >>> pick = fields.positions(["time:timestamp", "case:concept:name"])
    >>> pick(["2026-01-01", "c1", None])[:3]
    ('c1', '2026-01-01', None)
    """

    def __init__(self, mapping: LogMapping) -> None:
        c = mapping.file.columns
        self.names: tuple[str | None, ...] = (c.case, c.timestamp, c.activity, c.resource, c.group)
        self.names += (c.channel, c.system, c.customer, c.event)
        self.missing = frozenset((*mapping.file.missing, None))

    def of(self, row: Mapping[str, str | None]) -> list[str | None]:
        """A row's values by column name."""
        missing, get = self.missing, row.get
        return [None if (v := get(name)) in missing else v for name in self.names]  # type: ignore[arg-type]

    def positions(self, header: Sequence[str]) -> Callable[[list[str]], tuple[str | None, ...]]:
        """Where each mapped column is in ``header`` (the last of equal names), as a pick of a record
        with ``None`` appended (a column not mapped picks that ``None``)."""
        where = {name: i for i, name in enumerate(header)}
        width = len(header)
        return operator.itemgetter(*(width if n is None else where.get(n, width) for n in self.names))
