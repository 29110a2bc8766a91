"""``silomap watch --engine spark``: Spark Structured Streaming on a folder hands the watch each
landed file whole, in name order within a micro-batch, its lines exactly as the file holds them
(as reading the file directly gives them), Parquet files as their bytes; hidden names and other
suffixes ignored; ``--once`` ends after the files present, a live watch picks up a file that lands
later and stops between files when asked."""

from __future__ import annotations

import gzip
import os
import shutil
import threading

import pytest

pytestmark = pytest.mark.needs("spark", "java")

CSV = 'case,activity,time\n1,"line\nbreak",2026-01-05T09:00:00\n2,b,2026-01-05T09:01:00\n'
JSONL = '{"case": "1", "activity": "a"}\n\nnot json\n{"case": "2", "activity": "[bold]"}\n'


def lines_of(path) -> list[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return [line + "\n" for line in handle.read().split("\n")[:-1]]


def read(feed):
    """Each item as (name, kind, lines, bytes), or None after a micro-batch."""
    return [None if f is None else (f.name, f.kind, list(f.lines), f.content) for f in feed.files()]


@pytest.fixture
def folder(tmp_path):
    import pandas

    where = tmp_path / "in"
    where.mkdir()
    (where / "b.csv").write_text(CSV, encoding="utf-8")
    (where / "a.jsonl").write_text(JSONL, encoding="utf-8")
    (where / "c.csv.gz").write_bytes(gzip.compress(CSV.encode()))
    pandas.DataFrame({"case": ["9"], "activity": ["p"]}).to_parquet(where / "d.parquet")
    for ignored in (".e.csv", "_f.csv", "g.txt"):
        (where / ignored).write_text("case\nx\n", encoding="utf-8")
    return where


def test_once_yields_each_file_as_it_is(folder):
    from silomap._watch.spark import SparkFeed

    feed = SparkFeed(str(folder), once=True)
    got = read(feed)
    assert got == [
        (str(folder / "a.jsonl"), "jsonl", lines_of(folder / "a.jsonl"), None),
        (str(folder / "b.csv"), "csv", lines_of(folder / "b.csv"), None),
        (str(folder / "c.csv.gz"), "csv", lines_of(folder / "c.csv.gz"), None),
        (str(folder / "d.parquet"), "parquet", [], (folder / "d.parquet").read_bytes()),
        None,
    ]  # fmt: skip
    assert lines_of(folder / "a.jsonl")[1:3] == ["\n", "not json\n"]  # physical lines kept, blank too
    assert feed.files_read == 4


def test_a_live_watch_picks_up_a_landed_file_and_stops_between_files(folder):
    from silomap._watch.spark import SparkFeed

    for name in ("a.jsonl", "c.csv.gz", "d.parquet"):
        os.remove(folder / name)
    stop = threading.Event()

    def land():
        staged = folder / ".z.csv"
        staged.write_text(CSV, encoding="utf-8")
        shutil.move(staged, folder / "z.csv")  # write, then rename in

    got = []
    feed = SparkFeed(str(folder), once=False)
    for item in read_until(feed, stop, land):
        got.append(item)
    names = [g[0] for g in got if g is not None]
    assert names == [str(folder / "b.csv"), str(folder / "z.csv")]
    assert got[-1] is not None and got[-1][2] == lines_of(folder / "z.csv")


def read_until(feed, stop, land):
    """Read a live feed: land a file after the first micro-batch, stop after the file it brings."""
    landed = False
    for item in feed.files(stop.is_set):
        if item is None:
            if not landed:
                land()
                landed = True
            continue
        yield (item.name, item.kind, list(item.lines), item.content)
        if item.name.endswith("z.csv"):
            stop.set()
