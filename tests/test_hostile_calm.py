"""CALM architectures from files nobody here wrote (docs/hostile-inputs): every problem counted and
the first 100 shown, ids that would be paths or markup made safe ids, a terminal escape anywhere in
a flow refused where it is. Each expectation is worked from the input here."""

from __future__ import annotations

import json

import silomap
from silomap._cli import main


def _service(ident: str) -> dict[str, str]:
    return {"unique-id": ident, "node-type": "service", "name": ident}


def test_ten_thousand_problems_show_the_first_hundred_and_count_the_rest(tmp_path, capsys):
    """5,000 nodes with only a unique-id: each misses node-type and name, 2 x 5,000 = 10,000
    problems; 100 are shown, then '… and 9,900 more problems' (10,000 - 100)."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"nodes": [{"unique-id": f"n{i}"} for i in range(5000)]}))
    assert main(["import", "calm", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 100 + 2 and all("error[SM064]: nodes[" in line for line in err[:100])
    assert err[100:] == ["… and 9,900 more problems", "10000 errors; nothing was computed"]
    assert not (tmp_path / "out").exists()


def test_unique_ids_that_are_paths_or_markup_become_safe_ids(tmp_path):
    """A unique-id is a system's id only where it is a valid id; else its slug: '../../etc/passwd'
    -> 'etc-passwd', '<script>' -> 'script', 'CON' -> 'con', 300 a's -> the first 60."""
    path = tmp_path / "a.json"
    names = ["../../etc/passwd", "<script>", "CON", "a" * 300]
    path.write_text(json.dumps({"nodes": [_service(n) for n in names]}))
    result = silomap.import_model(path, "calm")
    assert [s.id for s in result.model.systems] == ["etc-passwd", "script", "con", "a" * 60]
    result.write(tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "import-report.md",
        "model.yaml",
        "systems.yaml",
    ]


def test_a_terminal_escape_in_a_flow_is_refused_where_it_is(tmp_path, capsys):
    arch = {
        "nodes": [_service("a"), _service("b")],
        "relationships": [{"unique-id": "r", "relationship-type": {"connects": {
            "source": {"node": "a"}, "destination": {"node": "b"}}}}],
        "flows": [{"unique-id": "f", "name": "F", "description": "d", "transitions": [
            {"relationship-unique-id": "r", "sequence-number": 1, "description": "step\u202e1"}]}],
    }  # fmt: skip
    text = json.dumps(arch)
    (tmp_path / "a.json").write_text(text)
    assert main(["import", "calm", str(tmp_path / "a.json"), "-o", str(tmp_path / "out")]) == 2
    column = text.index('"step') + 1  # one line: the column is the value's offset, from 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{tmp_path / 'a.json'}:1:{column}: error[SM024]: flows[0].transitions[0].description: "
        "bidirectional control U+202E in flows[0].transitions[0].description; remove it"
    )
