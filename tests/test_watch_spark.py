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

SPARK = pytest.mark.needs("spark", "java")

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


@SPARK
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


@SPARK
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


@SPARK
def test_spark_gives_the_figures_of_standard_input(tmp_path):
    """The test of record on Spark: the bank's log in three files of three kinds (CSV, JSON lines,
    Parquet), landed in name order, gives the final summary of the same events on standard input
    (itself observe's), but for the files read; the same warnings, at the same lines."""
    import csv
    import io
    import json

    import pandas

    import silomap

    from .conftest import MODELS, ROOT

    model = silomap.load(MODELS / "retail-bank")
    mapping = ROOT / "examples" / "observed" / "retail-bank.yaml"
    text = (ROOT / "examples" / "observed" / "retail-bank-log.csv").read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(text)))
    parts = [rows[:600], rows[600:1200], rows[1200:]]
    folder = tmp_path / "landing"
    folder.mkdir()
    with open(folder / "1.csv", "w", newline="", encoding="utf-8") as out:
        csv.writer(out, lineterminator="\n").writerows([header, *parts[0], ["short"]])
    lines = [json.dumps(dict(zip(header, r, strict=True))) for r in parts[1]]
    (folder / "2.jsonl").write_text("\n".join([lines[0], "not json", *lines[1:]]) + "\n", encoding="utf-8")
    pandas.DataFrame(parts[2], columns=header).to_parquet(folder / "3.parquet")
    warned: dict[str, list[str]] = {"stdin": [], "spark": []}
    options = {"every": 0, "idle": "off"}
    *_, plain = silomap.watch(
        model, mapping, source=io.StringIO(text), on_warning=warned["stdin"].append, **options
    )
    *_, spark = silomap.watch(
        model,
        mapping,
        source=str(folder),
        engine="spark",
        once=True,
        on_warning=warned["spark"].append,
        **options,
    )
    assert spark.to_json() == {**plain.to_json(), "files_read": 3, "malformed": 2}
    assert plain.to_json()["cases"] == 400 and plain.to_json()["events"] == 1626  # as observe counts the log
    assert [w.split(": warning")[0] for w in warned["spark"]] == [
        f"{folder}/1.csv:602:1",
        f"{folder}/2.jsonl:2:1",
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--engine", "spark"], "--engine spark reads a folder or a Kafka topic, not standard input"),
        (
            ["--engine", "spark", "--source", "no/such"],
            "--source must be a folder or kafka://HOST:PORT/TOPIC;",
        ),
        (["--source", "kafka://host:9092/events"], "--source kafka://HOST:PORT/TOPIC needs the Spark engine"),
    ],
)
def test_a_source_spark_cannot_read_is_refused_before_it_starts(args, said, capsys, monkeypatch):
    """Refused with exit 2 and the flag named, before Spark starts (no Java needed to see it)."""
    import io

    from silomap._cli import main

    from .conftest import DATA

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    obs = DATA / "observed"
    assert main(["watch", str(obs / "tiny-model.yaml"), str(obs / "tiny.yaml"), *args]) == 2
    assert capsys.readouterr().err.startswith(said)


@SPARK
def test_a_kafka_topics_values_reach_the_watch_in_offset_order_per_partition(monkeypatch):
    """No broker is at hand: a frame of the columns Spark's Kafka source gives (key, value, topic,
    partition, offset, timestamp, timestampType) stands for the topic's micro-batch; from there the
    path is a topic's own (the projection, the batch, its order, JSON lines, the engine)."""
    import datetime
    import json
    import types

    from pyspark.sql import types as T

    import silomap
    from silomap._watch.spark import SparkFeed, kafka_values

    from .conftest import DATA

    def value(case, activity, minute, resource, group, channel, system, customer):
        return json.dumps({"case": case, "activity": activity, "time": f"2026-01-01T09:{minute:02d}:00",
                           "resource": resource, "group": group, "channel": channel, "system": system,
                           "customer": customer}).encode()  # fmt: skip

    # keyed by case: c1 in partition 0, c2 in partition 1; given out of order, as a batch may hold them
    records = [
        (1, 1, value("c2", "Work", 15, "bob", "Level 2", "internal", "ERP", "u2")),
        (0, 2, value("c1", "Close", 20, "cid", "Level 1", "email", "CRM", "u1")),
        (0, 0, value("c1", "Queue", 0, "ann", "Level 1", "phone", "CRM", "u1")),
        (1, 0, value("c2", "Queue", 5, "ann", "Level 1", "phone", "CRM", "u2")),
        (0, 1, value("c1", "Work", 10, "bob", "Level 2", "internal", "ERP", "u1")),
    ]
    schema = T.StructType([
        T.StructField("key", T.BinaryType()), T.StructField("value", T.BinaryType()),
        T.StructField("topic", T.StringType()), T.StructField("partition", T.IntegerType()),
        T.StructField("offset", T.LongType()), T.StructField("timestamp", T.TimestampType()),
        T.StructField("timestampType", T.IntegerType()),
    ])  # fmt: skip
    at = datetime.datetime(2026, 1, 1, 9)
    rows = [(json.loads(v)["case"].encode(), v, "events", p, o, at, 0) for p, o, v in records]

    def start(self, checkpoint):  # the topic's one micro-batch, then the end (as --once)
        frame = self.spark.createDataFrame(rows, schema)
        self._batch(kafka_values(frame, self.source), 0)
        self._put(("end",))
        return types.SimpleNamespace(stop=lambda: None)

    monkeypatch.setattr(SparkFeed, "_start", start)
    source = "kafka://broker:9092/events"
    got = read(SparkFeed(source, once=True))
    ordered = sorted(records, key=lambda r: (r[0], r[1]))  # partition, then offset
    assert got == [(source, "jsonl", [v.decode() + "\n" for _, _, v in ordered], None), None]
    obs = DATA / "observed"
    model = silomap.load(obs / "tiny-model.yaml")
    *_, final = silomap.watch(
        model, obs / "tiny.yaml", source=source, engine="spark", once=True, every=0, idle="off"
    )
    summary = final.to_json()
    # c1: teams l1 l2 l1 (2 transfers), resources ann bob cid (2 hand-offs); c2: l1 l2 (1), ann bob (1)
    assert (summary["cases"], summary["events"], summary["files_read"], summary["late"]) == (2, 5, 0, 0)
    assert summary["transfers_per_case"] == (2 + 1) / 2 and summary["handoffs_per_case"] == (2 + 1) / 2
