"""Each result's HTML card in a real browser (issue #29): headless Chromium loads it under a policy
that forbids scripts and anything fetched, with no console message, and the card's figures show.

A screenshot of each card goes to $SILOMAP_SCREENSHOTS when set (docs/img/card-*.png are these),
else the test's tmp dir, for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

import silomap

from .conftest import MODELS, ROOT
from .test_browser import chromium, console

pytestmark = pytest.mark.needs("chromium")

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    "<style>body{margin:12px;background:#fff}</style></head><body>{card}</body></html>"
)


def _results() -> dict[str, tuple[object, str]]:
    """Each result, and a figure its card shows (worked in docs/python.md)."""
    bank = silomap.load(MODELS / "retail-bank")
    app = silomap.load_changes(ROOT / "examples" / "changes" / "connect-app.yaml")
    rates = ROOT / "examples" / "rates.yaml"
    with contextlib.chdir(ROOT):
        return {
            "analysis": (silomap.analyze(bank), ">40.0<"),
            "whatif": (silomap.whatif(bank, app, rates=rates), ">40.0 → 38.9 (-1.1)<"),
            "diff": (silomap.diff(bank, silomap.apply(bank, app)), ">40.0 → 38.9 (-1.1)<"),
            "fixes": (silomap.fixes(bank, top=5, roadmap=3, rates=rates), ">40.04<"),
            "observed": (silomap.observe(bank, "examples/observed/retail-bank.yaml"), ">400 cases<"),
            "maturity": (silomap.assess(bank), ">not assessed<"),
            "cost": (silomap.cost(bank, rates), ">€29,661 a month<"),
            "history": (silomap.history("models/telecom", limit=5), ">commit</th>"),
            "draft": (
                silomap.draft("examples/draft/tickets.csv", "examples/draft/tickets.yaml", min_cases=1),
                ">2 journeys<",
            ),
        }


def test_each_card_loads_in_chromium_with_nothing_blocked(tmp_path):
    shots = Path(os.environ.get("SILOMAP_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    for kind, (result, shown) in _results().items():
        card = result._repr_html_()
        assert shown in card, kind
        page = tmp_path / f"{kind}.html"
        page.write_text(PAGE.replace("{card}", card), encoding="utf-8")
        loaded = chromium(page, tmp_path / f"profile-{kind}", "--dump-dom")
        assert loaded.returncode == 0, loaded.stderr[-2000:]
        assert console(loaded.stderr) == [], kind  # nothing refused by the policy, no error
        assert 'class="silomap-card"' in loaded.stdout
        shot = shots / f"card-{kind}.png"
        taken = chromium(page, tmp_path / f"shot-{kind}", "--window-size=860,900", f"--screenshot={shot}")
        assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_evidence_unfolds_in_chromium(tmp_path):
    """Unfolded (``<details open>``), the analysis card lists its evidence: a screenshot to look at."""
    shots = Path(os.environ.get("SILOMAP_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    card = silomap.analyze(silomap.load(MODELS / "retail-bank"))._repr_html_()
    opened = card.replace("<details>", "<details open>", 3)
    page = tmp_path / "open.html"
    page.write_text(PAGE.replace("{card}", opened), encoding="utf-8")
    loaded = chromium(page, tmp_path / "profile", "--dump-dom")
    assert console(loaded.stderr) == []
    assert "<li>where-is-my-card: 2 systems: card-management, courier-portal</li>" in loaded.stdout
    shot = shots / "card-analysis-open.png"
    taken = chromium(page, tmp_path / "shot", "--window-size=860,1400", f"--screenshot={shot}")
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
