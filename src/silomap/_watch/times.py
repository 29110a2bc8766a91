"""Times of a stream: timestamps read as observe reads them, durations of the options, and back.

A timestamp is ISO 8601 (a time without an offset is UTC, as observe's engine reads it) or, with
``timestamp_format``, a strptime format; it is kept as microseconds since 1970 (UTC). Logs repeat
their timestamps (events of one minute), so the last few thousand read are remembered.
"""

from __future__ import annotations

import datetime
import re

from .._errors import UsageError
from .._model import described

__all__ = ["HOUR", "Clock", "duration", "shown"]

EPOCH = datetime.datetime(1970, 1, 1)
MICRO = datetime.timedelta(microseconds=1)
SECOND = 1_000_000
HOUR = 3_600 * SECOND
_CACHED = 4_096
_UNITS = {"s": SECOND, "m": 60 * SECOND, "h": HOUR, "d": 24 * HOUR}


class Clock:
    """Reads timestamps (``fmt``: a strptime format, else ISO 8601) into microseconds; ``None``
    for a text that is no time.

    >>> Clock(None)("2026-01-01T09:00:00+01:00"), Clock("%d/%m/%Y %H:%M")("01/01/2026 08:00")
    (1767254400000000, 1767254400000000)
    >>> Clock(None)("next tuesday") is None
    True
    """

    def __init__(self, fmt: str | None) -> None:
        self.fmt = fmt
        self.cache: dict[str, int | None] = {}

    def __call__(self, text: str) -> int | None:
        found = self.cache.get(text, -1)
        if found != -1:
            return found
        try:
            if self.fmt is None:
                when = datetime.datetime.fromisoformat(text.strip())
            else:
                when = datetime.datetime.strptime(text, self.fmt)
        except ValueError:
            value = None
        else:
            if when.tzinfo is not None:
                when = when.astimezone(datetime.UTC).replace(tzinfo=None)
            value = (when - EPOCH) // MICRO
        if len(self.cache) >= _CACHED:
            self.cache.clear()
        self.cache[text] = value
        return value


def shown(micros: int | None) -> str | None:
    """A time as ISO 8601, UTC, without an offset (as the log's own times read).

    >>> shown(1767254400000000), shown(None)
    ('2026-01-01T08:00:00', None)
    """
    if micros is None:
        return None
    return (EPOCH + datetime.timedelta(microseconds=micros)).isoformat()


_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def duration(value: object, param: str) -> int | None:
    """A duration option as microseconds: ``72h``, ``30m``, ``45s``, ``2d`` or a number of seconds;
    ``off`` (or ``None``) is ``None``; anything else is :class:`silomap.UsageError` naming ``param``.

    >>> duration("72h", "idle") == 72 * HOUR, duration("off", "idle"), duration(90, "idle")
    (True, None, 90000000)
    """
    if value is None or value == "off":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return round(value * SECOND)
    if isinstance(value, str) and (m := _DURATION.fullmatch(value.strip())) and float(m.group(1)) > 0:
        return round(float(m.group(1)) * _UNITS[m.group(2)])
    raise UsageError(
        f"{{param}} must be a duration such as 72h, 30m, 45s or 2d, or off; not {described(value)}",
        param=param,
    )
