"""Mermaid output checked by Mermaid itself, in headless Chromium.

Needs Chromium and mermaid.min.js (npm's ``mermaid`` package; .ci/run installs it under
.ci/mermaid). Set SILOMAP_MERMAID_JS to use another copy. Skipped, with the reason shown,
where either is missing.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

import silomap

from .conftest import BROWSER, ROOT
from .conftest import MERMAID_JS as MERMAID
from .test_report import model_named

pytestmark = pytest.mark.needs("chromium", "mermaid")
HOSTILE = ['say "hi"', "a|b", "`tick`", "<b>bold</b>", "x]; y[z", "end", "click a href", "#35; #quot; --> :::",
           "&amp; &lt;", "Ünïcode 日本", "</script><script>alert(1)</script>"]  # fmt: skip


def run_in_mermaid(tmp_path: Path, cases: dict[str, str]) -> dict[str, dict[str, str]]:
    """Parse and render each diagram with Mermaid; return its verdict and the rendered text."""
    page = tmp_path / "check.html"
    island = json.dumps(cases).replace("</", "<\\/")  # a '</script>' in a name must not end the script
    page.write_text(f"""<!DOCTYPE html><html><body><pre id="out">pending</pre><div id="work"></div>
<script src="{MERMAID.as_uri()}"></script>
<script>
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
const cases = {island};
(async () => {{
  const out = {{}};
  let n = 0;
  for (const [name, text] of Object.entries(cases)) {{
    try {{
      await mermaid.parse(text);
      const {{svg}} = await mermaid.render("d" + (n++), text);
      const box = document.getElementById("work");
      box.innerHTML = svg;
      const labels = [...box.querySelectorAll(".nodeLabel, .edgeLabel, .cluster-label")].map(e => e.textContent);
      const active = box.querySelectorAll("script, foreignObject script, a[href], [onclick], [onerror]").length;
      const texts = [...box.querySelectorAll("text")].map(e => e.textContent);  // a journey's words
      out[name] = {{verdict: "ok", labels: labels.join("\\n"), active: String(active), texts: texts.join("\\n")}};
    }} catch (e) {{ out[name] = {{verdict: "ERROR " + String(e.message || e).slice(0, 300)}}; }}
  }}
  document.getElementById("out").textContent = JSON.stringify(out);
}})();
</script></body></html>""")
    assert BROWSER is not None
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    found = re.search(r'<pre id="out">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    import html

    return json.loads(html.unescape(found.group(1)))


def test_every_mermaid_diagram_is_valid_mermaid(tmp_path):
    cases = {p.name: p.read_text() for p in sorted((ROOT / "tests/golden").glob("*.mmd"))}
    cases["broken"] = 'flowchart LR\n  a["x"] -->\n  ]]] ((('
    results = run_in_mermaid(tmp_path, cases)
    assert results.pop("broken")["verdict"].startswith("ERROR")  # the harness can fail
    assert {name: r["verdict"] for name, r in results.items()} == dict.fromkeys(results, "ok")
    assert len(results) == 12  # landscape, journey, question and Mermaid journey of the three models


def test_hostile_names_render_as_text_in_mermaid(tmp_path):
    model = model_named(HOSTILE)
    landscape = silomap.diagram(model, "landscape").mermaid
    journey = silomap.diagram(model, "journey", journey="j0").mermaid
    assert landscape is not None and journey is not None
    results = run_in_mermaid(tmp_path, {"landscape": landscape, "journey": journey})
    for result in results.values():
        assert result["verdict"] == "ok", result
        assert result["active"] == "0"
    for name in HOSTILE:
        assert name in results["landscape"]["labels"], name


def test_hostile_names_show_as_written_in_a_mermaid_journey(tmp_path):
    names = [
        *HOSTILE,
        "a: b; c # d",
        "50%% off",
        "section evil",
        "title x",
        "one, two",
        "accDescr {x",
        "line\nbreak",
    ]
    model = model_named(names)
    journey = silomap.diagram(model, "mermaid-journey", journey="j0").mermaid
    result = run_in_mermaid(tmp_path, {"journey": journey})["journey"]
    assert (result["verdict"], result["active"]) == ("ok", "0")
    texts = result["texts"].split("\n")
    # every step a task of its own, each name as written (":" ";" "#" "%" "," as look-alikes, a line
    # break as a space, a keyword behind a zero-width space)
    look = str.maketrans(
        {":": "\u2236", ";": "\u037e", "#": "\u266f", "%": "\uff05", ",": "\u201a", "\n": " "}
    )
    for name in names[1:]:
        shown = name.translate(look)
        shown = "\u200b" + shown if shown.lower().startswith(("section ", "title ", "accdescr")) else shown
        assert texts.count(shown) >= 2, name  # the task, and the actor in the legend
