"""The arguments of silomap's public functions, checked before any work.

In a notebook, a path given where a model goes, ``nan`` for a count or one
string where a list goes is a slip, not a bug: every public function checks
what it was given and raises :class:`silomap.UsageError` with the parameter as
data (``param="model"``), which Python shows as ``model=`` and the CLI as its
flag. These checks live in the model layer so that they can name a
:class:`Model`; every layer above uses them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .._config import Limits
from .._errors import UsageError
from .._text import quote_value
from .schema import Model

__all__ = ["described", "need", "need_limits", "need_model", "need_path", "need_strings", "need_whole"]


def described(value: object) -> str:
    """A value as a message names it: short, escaped, with what it is.

    >>> described(None), described(float("nan")), described("acme"), described([1])
    ('None', 'nan', "the string 'acme'", 'a list')
    """
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, str):
        return f"the string {quote_value(value)}"
    if isinstance(value, os.PathLike):
        return f"the path {quote_value(os.fspath(value))}"
    return f"a {type(value).__name__}"


def need(
    value: object,
    kind: type | tuple[type, ...],
    param: str,
    what: str,
    *,
    optional: bool = False,
    hint: str = "",
) -> None:
    """Refuse ``value`` unless it is a ``kind`` (or None, if ``optional``): :class:`UsageError` naming
    ``param``, saying what was expected (``what``), what came, and ``hint``.

    >>> need(3, str, "view", "a view name")
    Traceback (most recent call last):
    ...
    silomap.UsageError: view= must be a view name, not 3
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # True is an int to Python, never a count or a model to a user: a bool passes only where one is asked
    if (optional and value is None) or (
        isinstance(value, kind) and (bool in kinds or not isinstance(value, bool))
    ):
        return
    raise UsageError(f"{{param}} must be {what}, not {described(value)}{hint}", param=param)


def need_model(value: object, param: str = "model") -> None:
    """Refuse what is not a :class:`Model`; a path gets "load it first".

    >>> try:
    ...     need_model("models/acme")
    ... except UsageError as err:
    ...     print(err)
    model= must be a silomap.Model, not the string 'models/acme'; load it first: silomap.load(path)
    """
    hint = "; load it first: silomap.load(path)" if isinstance(value, str | os.PathLike) else ""
    need(value, Model, param, "a silomap.Model", hint=hint)


def need_path(value: object, param: str = "path") -> None:
    """Refuse what is not a path (a ``str`` or an ``os.PathLike``)."""
    need(value, (str, os.PathLike), param, "a path (a str or a pathlib.Path)")


def need_limits(value: object, param: str = "limits") -> None:
    """Refuse what is neither ``None`` nor a :class:`silomap.Limits`."""
    need(value, Limits, param, "a silomap.Limits or None", optional=True)


def need_whole(value: object, param: str, *, least: int) -> None:
    """Refuse what is not a whole number of at least ``least`` (``True``, ``2.0`` and ``nan`` included).

    >>> need_whole(float("nan"), "top", least=1)
    Traceback (most recent call last):
    ...
    silomap.UsageError: top= must be a whole number of at least 1, not nan
    """
    if isinstance(value, int) and not isinstance(value, bool) and value >= least:
        return
    raise UsageError(
        f"{{param}} must be a whole number of at least {least}, not {described(value)}", param=param
    )


def need_strings(value: object, param: str, what: str = "ids") -> list[str]:
    """A list of strings from ``value``, an iterable of them (one string alone is refused: it would
    be read letter by letter).

    >>> need_strings(("crm", "erp"), "keep")
    ['crm', 'erp']
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise UsageError(f"{{param}} must be a list of {what}, not {described(value)}", param=param)
    items: list[Any] = list(value)
    for item in items:
        if not isinstance(item, str):
            raise UsageError(f"{{param}} must be a list of {what}; it holds {described(item)}", param=param)
    return items
