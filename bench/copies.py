"""Copy detection at scale: time per new notice, memory, precision and recall.

    .venv/bin/python bench/copies.py [--notices 100000] [--seed 1] [--background 0]

Builds an archive of synthetic notices — sentences drawn from a shared pool (so unrelated
notices share boilerplate, as real ones do), under distinct titles — with copies planted
among them: an earlier notice republished on another site with one sentence removed, with
its numbers changed, with a few characters changed, in Traditional script (stored Simplified,
as the extractor stores a Traditional page), or as it was, and digest pages that print an
earlier notice among other items. Notices arrive one by one, oldest first, through
crawler/keep/copies.py as the writer calls it, in transactions of the writer's batch size;
each arrival is timed (the commit shared out over its batch), and SQLite's own work for it
is counted (virtual-machine steps, through a progress handler), so growth with the archive
shows whatever the clock of a shared machine does. Then the clusters
found are compared with the copies planted (pairs of notices in one cluster), the pages
found to contain a notice with the digests planted, and each cluster's original with the
planted original (published first).

Indexing 100,000 notices one by one takes minutes (about 3-5 ms each). ``--background B``
measures the cost of a large archive in less: B notices already indexed are put in first,
in bulk — random signatures and their bands, as unrelated texts have — then the notices
above arrive one by one against that index (B + notices in all).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import numpy as np
from opencc import OpenCC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extract.script import is_traditional, to_simplified
from crawler.keep import Archive
from crawler.keep.copies import NUM_PERM, CopyIndex, band_hashes
from crawler.keep.schema import COPY_BANDS_TABLE

#: Ideographs a Simplified page uses: none that t2s would change (as the archive stores text).
CHARS = [c for c in map(chr, range(0x4E00, 0xA000)) if to_simplified(c) == c][:2500]
COPY_SHARE, DIGEST_SHARE = 0.05, 0.01
EDITS = ("as_is", "sentence_removed", "numbers_changed", "chars_changed", "traditional")
#: Notices per transaction, as the writer keeps them (crawler/keep/writer.py).
BATCH = 200
#: SQLite virtual-machine steps per progress-handler call.
STEPS = 100
SITES = [f"site-{i:02d}" for i in range(20)]


def sentence(rng: random.Random) -> str:
    text = "".join(rng.choice(CHARS) for _ in range(rng.randint(14, 40)))
    at = rng.randint(0, len(text))
    return text[:at] + str(rng.randint(1, 2030)) + text[at:] + "。"


def make(count: int, seed: int) -> tuple[list[dict], dict[int, int], dict[int, int]]:
    """Notices in arrival order, {copy: original} and {digest page: notice it prints}."""
    rng = random.Random(seed)
    pool = [sentence(rng) for _ in range(20_000)]
    weights = [1 / (k + 1) for k in range(len(pool))]  # a few sentences are everywhere
    notices: list[dict] = []
    copy_of: dict[int, int] = {}
    digest_of: dict[int, int] = {}
    for i in range(count):
        day = (date(2010, 1, 1) + timedelta(days=i * 4000 // count)).isoformat()
        roll = rng.random()
        if i > 100 and roll < COPY_SHARE:
            source = rng.randrange(i)
            while source in copy_of or source in digest_of:
                source = rng.randrange(i)
            how = rng.choice(EDITS)
            body = _edit(rng, notices[source]["body"], how)
            notices.append({"title": notices[source]["title"], "body": body, "published": day,
                            "site": rng.choice(SITES), "edit": how})
            copy_of[i] = source
        elif i > 100 and roll < COPY_SHARE + DIGEST_SHARE:
            source = rng.randrange(i)
            while source in copy_of or source in digest_of:
                source = rng.randrange(i)
            items = ["\n".join(rng.choices(pool, weights, k=6)) for _ in range(4)]
            at = rng.randint(0, len(items))
            items.insert(at, notices[source]["title"] + "\n" + notices[source]["body"])
            notices.append({"title": f"要闻汇总 {i}", "body": "\n".join(items), "published": day,
                            "site": rng.choice(SITES)})
            digest_of[i] = source
        else:
            own = [sentence(rng) for _ in range(rng.randint(3, 8))]
            shared = rng.choices(pool, weights, k=rng.randint(2, 6))
            paragraphs = own + shared
            rng.shuffle(paragraphs)
            title = "关于" + "".join(rng.choice(CHARS) for _ in range(rng.randint(6, 16))) + "的通知"
            notices.append({"title": title, "body": "\n".join(paragraphs), "published": day,
                            "site": rng.choice(SITES)})
    return notices, copy_of, digest_of


def _edit(rng: random.Random, body: str, how: str) -> str:
    paragraphs = body.split("\n")
    if how == "sentence_removed" and len(paragraphs) > 4:
        paragraphs.pop(rng.randrange(len(paragraphs)))
    elif how == "numbers_changed":  # three of its numbers
        for k in rng.sample(range(len(paragraphs)), min(3, len(paragraphs))):
            paragraphs[k] = "".join(str((int(c) + 3) % 10) if c.isdigit() else c
                                    for c in paragraphs[k])
    elif how == "chars_changed":
        for _ in range(5):
            k = rng.randrange(len(paragraphs))
            p = paragraphs[k]
            at = rng.randrange(len(p))
            paragraphs[k] = p[:at] + rng.choice(CHARS) + p[at + 1:]
    elif how == "traditional":  # a Traditional page, kept as the extractor keeps it
        traditional = _s2t().convert("\n".join(paragraphs))
        return to_simplified(traditional) if is_traditional(traditional) else traditional
    return "\n".join(paragraphs)


@lru_cache(maxsize=1)
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def fill(db_path: Path, notices: list[dict], background: int) -> None:
    """The notices table as a crawl leaves it (rows only: this bench times the copies)."""
    archive = Archive(db_path)
    for site in SITES:
        archive.db["sites"].insert({"name": site, "organisation": site, "org_type": "其他"})
    if background:
        _background(archive, background)
    with archive.db.atomic():
        archive.db["notices"].insert_all(
            ({"id": background + i + 1, "site": n["site"],
              "url": f"http://{n['site']}.example/{i}.html",
              "title": n["title"], "body": n["body"], "published": n["published"],
              "status": "live", "version": 1, "first_seen": n["published"],
              "last_seen": n["published"]} for i, n in enumerate(notices)), batch_size=2000)
    archive.close()


def _background(archive: Archive, count: int) -> None:
    """Notices indexed already: rows, random signatures, their bands, in bulk."""
    rng = np.random.default_rng(7)
    db = archive.db
    for start in range(0, count, 10_000):
        ids = range(start + 1, min(start + 10_000, count) + 1)
        sigs = rng.integers(0, 2**32, size=(len(ids), NUM_PERM), dtype=np.uint64).astype(np.uint32)
        with db.atomic():
            db["notices"].insert_all(
                ({"id": i, "site": SITES[0], "url": f"http://background.example/{i}.html",
                  "title": "", "body": "", "status": "live", "version": 1,
                  "first_seen": "2009-12-31", "last_seen": "2009-12-31"} for i in ids),
                batch_size=2000)
            db["copy_signatures"].insert_all(
                ({"notice_id": i, "version": 1, "shingles": 280, "minhash": sig.tobytes()}
                 for i, sig in zip(ids, sigs)), batch_size=2000)
            db.conn.executemany(
                f"INSERT INTO {COPY_BANDS_TABLE} (band, hash, notice_id) VALUES (?, ?, ?)",
                ((band, value, i) for i, sig in zip(ids, sigs) for band, value in band_hashes(sig)))


def arrive(archive: Archive, index: CopyIndex, ids: range
           ) -> tuple[list[float], list[float], list[int]]:
    """Each notice through the copy index, BATCH to a transaction; seconds (wall, CPU) and
    SQLite steps per notice (a batch's commit shared out over its notices)."""
    conn = archive.db.conn
    counted = [0]

    def step() -> int:
        counted[0] += 1
        return 0

    conn.set_progress_handler(step, STEPS)
    times: list[float] = []
    cpus: list[float] = []
    steps: list[int] = []
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        conn.execute("BEGIN")
        for notice_id in batch:
            counted[0] = 0
            t0, c0 = time.perf_counter(), time.process_time()
            index.notice_arrived(notice_id)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            steps.append(counted[0] * STEPS)
        t0, c0 = time.perf_counter(), time.process_time()
        conn.commit()
        share = (time.perf_counter() - t0) / len(batch)
        times[-len(batch):] = [t + share for t in times[-len(batch):]]
        share = (time.process_time() - c0) / len(batch)
        cpus[-len(batch):] = [t + share for t in cpus[-len(batch):]]
        if len(times) % max(BATCH, len(ids) // 20 // BATCH * BATCH) == 0:  # progress, 5% steps
            recent = times[-BATCH:]
            print(f"  {len(times):,} arrived: last {BATCH} {statistics.mean(recent) * 1000:.2f} ms"
                  f" ({statistics.mean(cpus[-BATCH:]) * 1000:.2f} ms CPU),"
                  f" {statistics.mean(steps[-BATCH:]):,.0f} steps per notice",
                  file=sys.stderr, flush=True)
    conn.set_progress_handler(None, STEPS)
    return times, cpus, steps


def pairs_of(groups: dict[int, set[int]]) -> set[tuple[int, int]]:
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--background", type=int, default=0,
                        help="notices indexed already, put in in bulk (see the docstring)")
    args = parser.parse_args()
    started = time.perf_counter()
    notices, copy_of, digest_of = make(args.notices, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "archive.db"
        bg = args.background
        t_fill = time.perf_counter()
        fill(db_path, notices, bg)
        t_fill = time.perf_counter() - t_fill
        archive = Archive(db_path)
        index = CopyIndex(archive.db)
        times, cpus, steps = arrive(archive, index, range(bg + 1, bg + len(notices) + 1))
        conn: sqlite3.Connection = archive.db.conn
        found = {}
        for nid, cluster in conn.execute("SELECT notice_id, cluster FROM copies"):
            found.setdefault(cluster - bg - 1, set()).add(nid - bg - 1)
        originals = set(found)
        parts = {(p - bg - 1, n - bg - 1)
                 for p, n in conn.execute("SELECT page_id, notice_id FROM copy_parts")}
        bands = conn.execute("SELECT count(*) FROM copy_bands").fetchone()[0]
        archive.close()
        size = os.path.getsize(db_path) + sum(os.path.getsize(p) for p in Path(tmp).glob("archive.db-*"))
    planted: dict[int, set[int]] = {}
    for copy, source in copy_of.items():
        planted.setdefault(source, {source}).add(copy)
    truth, predicted = pairs_of(planted), pairs_of(found)
    hit = len(truth & predicted)
    member = {n: c for c, ms in found.items() for n in ms}
    digest_hits = sum(1 for page, source in digest_of.items()
                      if any(p == page and (n == source or member.get(n, -1) == member.get(source, -2))
                             for p, n in parts if p == page))
    chosen = sum(1 for source in planted if source in originals)
    by_edit: dict[str, list[int]] = {}
    for copy, source in copy_of.items():
        linked = member.get(copy) is not None and member.get(copy) == member.get(source)
        by_edit.setdefault(notices[copy]["edit"], []).append(int(linked))
    quarter = max(1, len(times) // 4)
    print(f"archive: {bg + len(notices):,} notices ({bg:,} indexed in bulk first, in"
          f" {t_fill:.1f} s, then {len(notices):,} arriving one by one)")
    print(f"notices: {len(notices):,}, planted copies: {len(copy_of):,} of {len(planted):,} notices,"
          f" digests: {len(digest_of):,}")
    print(f"time per new notice: mean {statistics.mean(times) * 1000:.2f} ms, p50"
          f" {statistics.median(times) * 1000:.2f} ms, p95"
          f" {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms; first quarter"
          f" {statistics.mean(times[:quarter]) * 1000:.2f} ms, last quarter"
          f" {statistics.mean(times[-quarter:]) * 1000:.2f} ms")
    print(f"CPU time per new notice: mean {statistics.mean(cpus) * 1000:.2f} ms; first quarter"
          f" {statistics.mean(cpus[:quarter]) * 1000:.2f} ms, last quarter"
          f" {statistics.mean(cpus[-quarter:]) * 1000:.2f} ms (wall time above includes waiting"
          " for a shared machine's cores)")
    print(f"SQLite steps per new notice: first quarter {statistics.mean(steps[:quarter]):,.0f},"
          f" last quarter {statistics.mean(steps[-quarter:]):,.0f}")
    print(f"copy pairs: precision {hit / max(len(predicted), 1):.4f}, recall {hit / max(len(truth), 1):.4f}"
          f" ({hit} of {len(truth)} planted, {len(predicted)} found)")
    print("recall by edit: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_edit.items())))
    print(f"digests linked to what they print: {digest_hits} of {len(digest_of)};"
          f" parts found: {len(parts)}")
    print(f"originals chosen right: {chosen} of {len(planted)}")
    print(f"memory: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB;"
          f" archive {size / 1e6:.1f} MB with {bands:,} band rows")
    print(f"wall time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
