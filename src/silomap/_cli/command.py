"""What a command is: a name, its help, and an ``add_arguments``/``run`` pair; and an option that
picks a row of a table."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .._config import Limits, docs_url

__all__ = ["EPILOG", "Command", "progress_of", "quiet_option", "table_option"]

_Row = TypeVar("_Row")

EPILOG = f"""\
exit codes: 0 ok, 1 a gate failed (--fail-above), 2 invalid model or usage,
3 an outside tool or the disk failed, 4 a bug in silomap (rerun with --debug).
Error codes (SMnnn): {docs_url("errors")}
Documentation: {docs_url()}"""


@dataclass(frozen=True)
class Command:
    """One subcommand of ``silomap``.

    ``add_arguments`` declares its options on the subparser; ``run`` does the
    work with the parsed arguments and returns the exit code. Errors are raised,
    never printed: :func:`silomap._cli.main.main` maps them in one place.
    """

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Limits], int]


def table_option(
    parser: argparse.ArgumentParser,
    flag: str,
    table: Mapping[str, _Row],
    says: Callable[[_Row], str],
    *,
    before: str = "",
    after: str = "",
) -> None:
    """Add ``flag`` (an option or a positional argument) that picks a row of ``table``: the choices
    are its keys, the help ``before``, each row as ``key: says(row)`` (joined by ``; ``), ``after``."""
    rows = "; ".join(f"{key}: {says(row)}" for key, row in table.items())
    parser.add_argument(flag, choices=tuple(table), help=f"{before}{rows}{after}")


def quiet_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--quiet``: no progress bar (one is drawn on standard error only when it is a terminal)."""
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar on standard error (drawn only on a terminal)",
    )


def progress_of(args: argparse.Namespace) -> bool | None:
    """The library's ``progress=``: never with ``--quiet``, else when standard error is a terminal."""
    return False if args.quiet else None
