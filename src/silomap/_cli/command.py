"""What a command is: a name, its help, and an ``add_arguments``/``run`` pair."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from .._config import Limits, docs_url

__all__ = ["EPILOG", "Command"]

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
