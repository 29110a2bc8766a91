"""Replay a CSV log on standard output, paced by its timestamps, to try ``silomap watch`` on a
finished log: ``python -m silomap._watch.replay LOG [--time COLUMN] [--speed 3600] | silomap watch
MODEL MAPPING``. The events go out in time order (ties: as in the file); between two events the
replay waits their distance in time divided by ``--speed`` (3600: an hour of the log a second;
0: no wait). Times are read as the watch reads them (ISO 8601, or ``--format``).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import IO

from .times import SECOND, Clock

__all__ = ["main", "replay"]


def replay(
    rows: Iterable[Sequence[str]],
    header: Sequence[str],
    *,
    time_column: str,
    speed: float,
    out: IO[str],
    fmt: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Write ``header`` and ``rows`` as CSV on ``out`` in time order, waiting between events their
    distance divided by ``speed``; return the events written (a row whose time cannot be read
    goes first, as it came: the watch will warn of it).

    >>> import io
    >>> out, waits = io.StringIO(), []
    >>> replay([["b", "2026-01-01T10:00:00"], ["a", "2026-01-01T09:00:00"]], ["case", "time"],
    ...        time_column="time", speed=3600, out=out, sleep=waits.append)
    2
    >>> out.getvalue().splitlines(), waits
    (['case,time', 'a,2026-01-01T09:00:00', 'b,2026-01-01T10:00:00'], [1.0])
    """
    at = list(header).index(time_column)
    clock = Clock(fmt)
    timed = [(clock(row[at]) if len(row) > at else None, i, row) for i, row in enumerate(rows)]
    timed.sort(key=lambda t: (-1 << 62 if t[0] is None else t[0], t[1]))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    out.flush()
    before: int | None = None
    for when, _, row in timed:
        if speed > 0 and when is not None and before is not None and when > before:
            sleep((when - before) / SECOND / speed)
        before = when if when is not None else before
        writer.writerow(row)
        out.flush()
    return len(timed)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line of the replay."""
    parser = argparse.ArgumentParser(prog="python -m silomap._watch.replay", description=__doc__)
    parser.add_argument("log", help="a CSV log with a header")
    parser.add_argument("--time", default="time:timestamp", help="the timestamp column (time:timestamp)")
    parser.add_argument("--format", help="the timestamps' strptime format (default ISO 8601)")
    parser.add_argument("--speed", type=float, default=3600.0, help="log seconds a second (3600; 0: no wait)")
    args = parser.parse_args(argv)
    with open(args.log, newline="", encoding="utf-8-sig") as handle:
        header, *rows = list(csv.reader(handle))
    if args.time not in header:
        parser.error(f"the log has no column {args.time!r}")
    try:
        replay(rows, header, time_column=args.time, speed=args.speed, out=sys.stdout, fmt=args.format)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
