"""The HTML report in a real browser: headless Chromium loads it with no console message,
every section is there, and a screenshot is saved for a person to look at.

Skipped, with the reason shown, only where no Chromium can be found (set SILOMAP_CHROMIUM
to point at one). The screenshot goes to $SILOMAP_SCREENSHOTS when set, else the test's tmp dir.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import silomap
from silomap._reports.html import html_report

from .conftest import MODELS

BROWSER = os.environ.get("SILOMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine (apt-get install chromium)"
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
]  # fmt: skip


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_harness_sees_console_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><meta http-equiv='Content-Security-Policy' content=\"default-src 'none'\">"
        "<img src='http://example.invalid/x.png'><script>console.error('boom')</script>"
    )
    assert console(chromium(bad, tmp_path / "profile", "--dump-dom").stderr)


def test_report_in_chromium(tmp_path):
    model = silomap.load(MODELS / "retail-bank")
    page = tmp_path / "report.html"
    page.write_text(html_report(model, silomap.analyze(model), renderer="embedded"), encoding="utf-8")
    loaded = chromium(page, tmp_path / "profile", "--dump-dom")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert console(loaded.stderr) == []
    dom = loaded.stdout
    assert '<div class="score">44.0<small> / 100</small></div>' in dom
    for section in ("components", "journeys", "questions", "desktop", "sync", "gaps", "landscape"):
        assert f'id="{section}"' in dom
    assert dom.count("<svg") == 12  # 11 diagrams and the roadmap chart
    shots = Path(os.environ.get("SILOMAP_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    shot = shots / "report.png"
    taken = chromium(page, tmp_path / "profile2", "--window-size=1280,1600", f"--screenshot={shot}")
    assert taken.returncode == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = tmp_path / "report.pdf"
    chromium(page, tmp_path / "profile3", f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert printed.read_bytes()[:5] == b"%PDF-"
