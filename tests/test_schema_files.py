"""The JSON Schema published in ``schema/`` for editors: up to date with the code, and named by every
bundled model file so VS Code and JetBrains check it while typing."""

from __future__ import annotations

import json
import re

import pytest

from silomap._model import json_schema

from .conftest import MODELS, ROOT

SCHEMA = ROOT / "schema"
LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


@pytest.mark.parametrize(("name", "part"), [("silomap-1.json", False), ("silomap-1-part.json", True)])
def test_the_published_schema_is_the_generated_one(name, part):
    published = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    assert published == json_schema(part=part), (
        f"schema/{name} is out of date: silomap schema{' --part' if part else ''} > schema/{name}"
    )


def test_every_bundled_model_file_names_the_published_schema():
    files = sorted(p for p in MODELS.glob("*/**/*.yaml") if p.name != "assessment.yaml")
    assert len(files) >= 25
    for path in files:
        found = LINE.match(path.read_text(encoding="utf-8"))
        assert found, f"{path.relative_to(ROOT)} does not start with the yaml-language-server line"
        assert (path.parent / found.group(1)).resolve() == (SCHEMA / "silomap-1-part.json").resolve(), path


def test_the_docs_show_the_line():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in text and "schema/silomap-1.json" in text
