from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MODELS = ROOT / "models"


@pytest.fixture
def write(tmp_path: Path):
    """Write a YAML text (or bytes) to tmp_path/name and return the path."""

    def _write(text: str | bytes, name: str = "model.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/NAME byte for byte (or rewrite it with --update-goldens)."""

    def _check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-goldens"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {name}; run pytest --update-goldens and review it"
        assert text == path.read_text(encoding="utf-8")

    return _check


def load_worked(path):
    """Load the worked example (or a variant): some journeys and questions have no volume, so it warns."""
    import silomap

    with pytest.warns(silomap.SilomapWarning, match=r"warning\[SM091\]"):
        return silomap.load(path)
