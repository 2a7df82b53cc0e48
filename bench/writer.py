"""How fast the single writer keeps notices: the ceiling of a distributed crawl's archive side.

    .venv/bin/python bench/writer.py [--notices 5000]

Stores notices built from the demo's truth records (realistic Chinese bodies, images,
attachment links) into a fresh archive through ArchiveWriter, as a crawl's items arrive:
first as new notices, then again unchanged (a re-crawl), then with edited bodies (new
versions), then as 304 answers. Prints notices per second for each.

The truth records are few, so by default notices repeat a few hundred texts and every notice
is a copy of several others (the copy finder's heavy case). ``--distinct`` gives each notice
a text of its own, mixed from the records' sentences, as a first crawl of many sites mostly
sees: the writer's own cost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import catalog  # noqa: E402
from crawler.items import Attachment, FetchedNotice, Image, Notice, NoticeUnchanged  # noqa: E402
from crawler.keep.writer import ArchiveWriter  # noqa: E402
from crawler.navigate.registry import ColumnList, Site  # noqa: E402

SITE = Site(name="bench", organisation="基准测试", province="测试省", city="测试市", org_type="政协",
            cms="generic", home_url="http://bench.example.gov.cn/", detail_pattern=r"/t\d+",
            lists=(ColumnList("http://bench.example.gov.cn/list/"),))


def distinct_body(i: int, sentences: list[str]) -> list[str]:
    """Six paragraphs of five sentences picked by the notice's number: a text of its own."""
    return [f"第{i}号。", *("".join(sentences[(i * 104729 + (p * 5 + k) * 15485863) % len(sentences)]
                                   for k in range(5)) for p in range(6))]


def notices(count: int, distinct: bool = False) -> list[Notice]:
    truth = [n for site in catalog().values() for n in site.notices]
    sentences = sorted({s + "。" for n in truth for line in n.body for s in line.split("。") if len(s) >= 8})
    made = []
    for i in range(count):
        t = truth[i % len(truth)]
        made.append(Notice(
            url=f"http://bench.example.gov.cn/t{i:07d}.html", title=f"{t.title}（{i}）",
            published=t.published, source=t.source, signed_by=t.signed_by,
            signed_date=t.signed_date, channel=list(t.channel),
            body=distinct_body(i, sentences) if distinct else list(t.body),
            images=[Image(f"http://bench.example.gov.cn/{i}-{k}.jpg", c) for k, c in enumerate(t.captions)],
            attachments=[Attachment(f"http://bench.example.gov.cn/f/{i}-{k}.pdf", name, "pdf")
                         for k, (name, _) in enumerate(t.attachments)],
        ))
    return made


def timed(writer: ArchiveWriter, items: list) -> float:
    started = time.perf_counter()
    for item in items:
        writer.write(item)
    if hasattr(writer, "flush"):  # a writer in batches: the last one counts too
        writer.flush()
    return len(items) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=5000)
    parser.add_argument("--distinct", action="store_true", help="a text of its own per notice")
    args = parser.parse_args()
    batch = notices(args.notices, args.distinct)
    chars = sum(len(n.text) for n in batch) / len(batch)
    with tempfile.TemporaryDirectory() as tmp:
        writer = ArchiveWriter(str(Path(tmp) / "archive.db"), {SITE.name: SITE})
        rates = {
            "new": timed(writer, [FetchedNotice(SITE.name, n) for n in batch]),
            "unchanged": timed(writer, [FetchedNotice(SITE.name, n) for n in batch]),
            "changed": timed(writer, [FetchedNotice(SITE.name, replace(n, body=n.body + ["（更正）"]))
                                      for n in batch]),
            "304": timed(writer, [NoticeUnchanged(SITE.name, n.url) for n in batch]),
        }
        writer.finish("finished", lambda site, key: 0)
        size = (Path(tmp) / "archive.db").stat().st_size
    print(f"{args.notices} notices, {chars:.0f} characters of body on average; archive {size / 2**20:.0f} MiB")
    for name, rate in rates.items():
        print(f"  {name:<10} {rate:8.0f} notices/s")


if __name__ == "__main__":
    main()
