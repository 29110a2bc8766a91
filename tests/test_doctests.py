"""The examples in every docstring run, against the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import silomap

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(silomap.__path__, "silomap.") if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["silomap", *MODULES])
def test_docstring_examples(name, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)  # examples refer to models/ by relative path
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
