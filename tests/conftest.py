from __future__ import annotations

import functools
import importlib.util
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MODELS = ROOT / "models"
SHARED = ROOT.parent / "shared" / "data"  # third-party files with provenance; CI has them
# Every Spark test of a run shares one JVM (stopping a session keeps it), and its driver's heap only
# grows across them (docs/observed.md, "Spark"): with Spark's default of 1 GiB, a small query late in
# `pytest -m needs` ran out of memory for an aggregation. A user's process runs few Spark queries;
# the test run gives its one driver 3 GiB, unless the caller set Spark's submit arguments.
os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 3g pyspark-shell")


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or a visible skip naming it where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/data/{'/'.join(parts)} is not here")
    return path


BROWSER = os.environ.get("SILOMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
MERMAID_JS = Path(
    os.environ.get("SILOMAP_MERMAID_JS", ROOT / ".ci/mermaid/node_modules/mermaid/dist/mermaid.min.js")
)


def _weasyprint_loads() -> bool:
    """WeasyPrint is installed and finds Pango, which it loads on import."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


# What `@pytest.mark.needs(...)` can name: how to tell it is here, and how to install it. `pip install
# '.[dev]'` installs none of these; where one is missing its tests are skipped with this install line
# as the reason, and CI installs them all and runs `pytest -m needs`.
NEEDS = {
    "spark": (
        lambda: all(importlib.util.find_spec(m) for m in ("pyspark", "sqlglot")),
        "PySpark and sqlglot: pip install '.[spark]'",
    ),
    "pdf": (_weasyprint_loads, "WeasyPrint (and Pango): pip install '.[pdf]'"),
    "notebook": (
        lambda: all(importlib.util.find_spec(m) for m in ("ipywidgets", "nbconvert", "jupyterlab")),
        "ipywidgets, JupyterLab and nbconvert: pip install '.[notebook]'",
    ),
    "java": (
        lambda: shutil.which("java") is not None,
        "Java 17 or newer: apt-get install default-jre-headless",
    ),
    "chromium": (lambda: BROWSER is not None, "Chromium: apt-get install chromium (or set SILOMAP_CHROMIUM)"),
    "mermaid": (
        MERMAID_JS.exists,
        "mermaid.min.js: npm install --prefix .ci/mermaid mermaid@11 (or set SILOMAP_MERMAID_JS)",
    ),
}


@functools.cache
def _missing(name: str) -> bool:
    return not NEEDS[name][0]()


def pytest_collection_modifyitems(config, items):
    """Skip, saying what to install, each test that needs what this machine lacks."""
    for item in items:
        for mark in item.iter_markers("needs"):
            unknown = sorted(set(mark.args) - NEEDS.keys())
            if unknown or not mark.args:
                raise pytest.UsageError(
                    f"{item.nodeid}: needs({unknown}): name one or more of {sorted(NEEDS)}"
                )
            missing = [NEEDS[name][1] for name in mark.args if _missing(name)]
            if missing:
                item.add_marker(pytest.mark.skip(reason="needs " + "; ".join(missing)))


@pytest.fixture(autouse=True)
def _fresh_spark(request):
    """Stop Spark after each test that starts it, so each starts a fresh context: the driver's heap
    grows with each run in one session (docs/observed.md, "Spark"), and one test's leftovers must
    not make another's query fail for want of memory."""
    yield
    if any("spark" in mark.args for mark in request.node.iter_markers("needs")):
        from pyspark.sql import SparkSession

        if (session := SparkSession.getActiveSession()) is not None:
            session.stop()


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


@pytest.fixture(scope="session")
def archimate_xsd():
    """The Open Group's ArchiMate exchange-format schema (../shared/data/archimate/xsd), parsed once."""
    xmlschema = pytest.importorskip("xmlschema")
    xsd = shared_file("archimate", "xsd")
    locations = {
        "http://www.w3.org/XML/1998/namespace": str(xsd / "xml.xsd"),
        "http://purl.org/dc/elements/1.1/": str(xsd / "dc.xsd"),
    }
    return xmlschema.XMLSchema(str(xsd / "archimate3_Diagram.xsd"), locations=locations)


def run_silomap(
    *args: str, cwd: Path, timeout: float = 120, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """silomap in a child process, so that a regression that blocks fails the test instead of hanging it."""
    command = [sys.executable, "-m", "silomap", *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )  # type: ignore[call-overload]


def run_on_a_terminal(script: str, args: list[str]) -> tuple[int, bytes, bytes]:
    """Run ``python -c script args`` with stdout piped and stderr on a pseudo-terminal (as
    ``silomap ... --json > out.json`` typed in a terminal); return the exit code, stdout and what
    the terminal showed."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=follower
    ) as proc:
        os.close(follower)
        shown = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            try:
                chunk = os.read(leader, 65536) if ready else b""
            except OSError:  # the terminal closed: the process is done
                chunk = b""
            if not chunk:
                break
            shown += chunk
        out = proc.stdout.read() if proc.stdout else b""
        code = proc.wait(timeout=60)
    os.close(leader)
    return code, out, shown


def outputs_under_hash_seeds(code: str, seeds: tuple[str, ...] = ("1", "2")) -> list[str]:
    """What ``python -c code`` prints from the repository root in one process per ``PYTHONHASHSEED``
    of ``seeds`` (names hash differently in each), in the seeds' order: a result that depends on set
    or dict-of-str order differs between them."""
    return [
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in seeds
    ]
