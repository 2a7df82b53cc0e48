"""The copy finder's cost per new notice does not grow with the archive.

Notices of one kind print the same formulas (the greeting line, the closing lines), so some
LSH band keys are shared by nearly every notice of the archive. Reading every notice behind
such a key made each new notice cost more than the last. Here notices sharing boilerplate
go through the crawl's single writer into a real SQLite file, and the work SQLite does for
new notices (its virtual-machine steps, counted by a progress handler) is compared at two
archive sizes; and a notice copied more often than a band key's read limit still has all
its copies in one cluster.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from crawler.items import FetchedNotice, Notice
from crawler.keep.writer import ArchiveWriter
from crawler.navigate.registry import ColumnList, Site

SITE = Site(name="gov-county", organisation="某县人民政府", province="安徽省", city="合肥市",
            org_type="政府", cms="generic", home_url="https://www.county.example/",
            lists=(ColumnList(url="https://www.county.example/list.html", channel=("通知公告",)),))
FARM = Site(name="farm", organisation="资讯网", province="安徽省", city="合肥市", org_type="其他",
            cms="generic", home_url="https://farm.example/",
            lists=(ColumnList(url="https://farm.example/list.html", channel=("资讯",)),))
SITES = {SITE.name: SITE, FARM.name: FARM}

#: What every notice of the kind prints, whatever its subject.
GREETING = "各乡镇人民政府，县政府各部门，各直属机构，有关单位："
PREAMBLE = "为认真贯彻落实上级决策部署，切实做好相关工作，经县政府研究同意，现将有关事项通知如下。"
CLOSING = "请各单位高度重视，加强组织领导，明确责任分工，确保各项工作落到实处，有关情况及时报送县政府办公室。"
#: Ideographs the notices' own sentences are made of.
WORDS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

STEP = 10  # SQLite VM steps per progress-handler call
PROBES = 12
#: Archive sizes compared, and how often the notice of the second test is copied: well past
#: the notices read per band key (copies.PER_BAND, 16).
SMALL, LARGE, REPOSTS = 48, 240, 48


def notice(rng: random.Random, n: int) -> Notice:
    """A notice of the kind: the shared formulas around three sentences of its own."""
    own = ["".join(rng.choice(WORDS) for _ in range(rng.randint(24, 36))) + "。" for _ in range(3)]
    title = "关于" + "".join(rng.choice(WORDS) for _ in range(8)) + "的通知"
    return Notice(url=f"https://www.county.example/tzgg/{n}.html", title=title,
                  published="2024-03-01", channel=["通知公告"],
                  body=[GREETING, PREAMBLE, *own, CLOSING, "某县人民政府办公室", "2024年3月1日"])


def writer(db: Path) -> ArchiveWriter:
    return ArchiveWriter(str(db), SITES, batch_size=10_000, batch_seconds=3600)


def steps_per_notice(w: ArchiveWriter, notices: list[Notice]) -> float:
    """SQLite's work to keep each notice and link its copies, on average."""
    conn: sqlite3.Connection = w.archive.db.conn
    counted = [0]

    def step() -> int:
        counted[0] += 1
        return 0

    conn.set_progress_handler(step, STEP)
    try:
        for n in notices:
            w.write(FetchedNotice(site=SITE.name, notice=n))
    finally:
        conn.set_progress_handler(None, STEP)
    w.flush()
    return counted[0] * STEP / len(notices)


def test_the_work_per_new_notice_does_not_grow_with_the_archive(tmp_path):
    rng = random.Random(5)
    made = iter(range(10**6))
    w = writer(tmp_path / "archive.db")
    for _ in range(SMALL):
        w.write(FetchedNotice(site=SITE.name, notice=notice(rng, next(made))))
    w.flush()
    small = steps_per_notice(w, [notice(rng, next(made)) for _ in range(PROBES)])
    for _ in range(LARGE - SMALL - PROBES):
        w.write(FetchedNotice(site=SITE.name, notice=notice(rng, next(made))))
    w.flush()
    large = steps_per_notice(w, [notice(rng, next(made)) for _ in range(PROBES)])
    w.finish("finished", lambda site, key: 0)
    # five times as many notices, sharing their formulas: the same work for a new one
    assert large < 1.25 * small, (small, large)  # 7,000 steps a notice at both sizes


def test_a_notice_copied_more_often_than_a_band_is_read_keeps_all_its_copies(tmp_path):
    rng = random.Random(6)
    db = tmp_path / "archive.db"
    w = writer(db)
    for n in range(SMALL):  # others of the kind, before it
        w.write(FetchedNotice(site=SITE.name, notice=notice(rng, n)))
    original = notice(rng, 999)
    w.write(FetchedNotice(site=SITE.name, notice=original))
    for k in range(REPOSTS):  # each farm copy changes a number of its own
        body = [*original.body[:-1], f"2024年3月{k + 2}日", f"（第{k}号转载）"]
        w.write(FetchedNotice(site=FARM.name, notice=Notice(
            url=f"https://farm.example/a/{k}.html", title=original.title,
            published="2024-03-05", body=body)))
    w.finish("finished", lambda site, key: 0)
    with sqlite3.connect(db) as conn:
        first = conn.execute("SELECT id FROM notices WHERE url = ?", [original.url]).fetchone()[0]
        clusters = conn.execute(
            "SELECT cluster, count(*) FROM copies GROUP BY cluster").fetchall()
    assert clusters == [(first, REPOSTS + 1)]
