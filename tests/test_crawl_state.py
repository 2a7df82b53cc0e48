"""A crawl reads the archive by index as it goes: its start-up does not grow with the archive,
and it answers exactly what the state loaded whole (what a distributed crawl ships) answers.

Start-up is measured in SQLite's own work (virtual machine steps, through a progress
handler): deterministic, unlike a clock or RSS.
"""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from crawler import clock
from crawler.items import Attachment, FetchFailed, FetchedAttachment, FetchedNotice, Notice, NoticeGone
from crawler.keep import Archive
from crawler.keep.state import ArchiveState, load_state, open_state
from crawler.keep.writer import ArchiveWriter
from crawler.navigate.recheck import RecheckPolicy
from crawler.navigate.registry import ColumnList, Site


def site(name: str) -> Site:
    return Site(name=name, organisation=f"{name}政协", province="测试省", city="测试市",
                org_type="政协", cms="generic", home_url=f"http://{name}.example.gov.cn/",
                detail_pattern=r"/t\d+", lists=(ColumnList(f"http://{name}.example.gov.cn/list/"),))


SITES = {s.name: s for s in (site("alpha"), site("beta"))}


def notice(name: str, i: int) -> Notice:
    base = f"http://{name}.example.gov.cn"
    return Notice(url=f"{base}/t{i}.html", title=f"{name}第{i}号通知",
                  published=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", body=[f"{name}正文{i}"],
                  attachments=[Attachment(f"{base}/f{i % 4}.pdf", f"附件{i % 4}", "pdf")])


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Two sites' notices kept over three nights: some re-checked, some gone, redirects,
    attachment files and failures."""
    path = tmp_path_factory.mktemp("state") / "archive.db"
    for night, day in enumerate(("2024-01-01", "2024-02-15", "2024-03-01")):
        clock.set_now(f"{day}T02:00:00Z")
        try:
            writer = ArchiveWriter(str(path), SITES, batch_size=10)
            for name in SITES:
                for i in range(night * 20, night * 20 + 30):
                    requested = f"http://{name}.example.gov.cn/old/t{i}.html" if i % 9 == 0 else None
                    writer.write(FetchedNotice(name, notice(name, i), requested_url=requested))
                for i in range(0, 60, 11):
                    writer.write(NoticeGone(name, notice(name, i).url, "http_404"))
                writer.write(FetchedAttachment(name, f"http://{name}.example.gov.cn/f{night}.pdf",
                                               f"{name}附件{night}".encode(), "text/plain"))
                writer.write(FetchFailed(name, f"http://{name}.example.gov.cn/t{900 + night}.html", "http_503"))
            writer.finish("finished", lambda s, k: 0)
            writer.archive.close()
        finally:
            clock.set_now(None)
    return path


def urls() -> list[str]:
    found = []
    for name in (*SITES, "gamma"):
        base = f"http://{name}.example.gov.cn"
        found += [f"{base}/t{i}.html" for i in range(80)] + [f"{base}/old/t{i}.html" for i in range(80)]
        found += [f"{base}/f{k}.pdf" for k in range(5)]
    return found


@pytest.mark.parametrize("sites", [["alpha"], ["alpha", "beta"]])
def test_read_by_index_answers_as_the_state_loaded_whole(archive, sites):
    with sqlite3.connect(archive) as conn:
        whole = load_state(sqlite_utils.Database(conn), sites)
    lazy = open_state(str(archive), sites)
    assert isinstance(lazy, ArchiveState)
    try:
        assert lazy.columns == whole.columns and lazy.failures == whole.failures
        assert lazy.unfetched_attachments == whole.unfetched_attachments
        for url in urls():
            assert lazy.known(url) == whole.known(url), url
            assert (url in lazy.stored_attachments) == (url in whole.stored_attachments), url
        assert sum(lazy.known(u) is not None for u in urls()) > 50
        assert lazy.known("http://alpha.example.gov.cn/old/t9.html") == lazy.known("http://alpha.example.gov.cn/t9.html") is not None
        for now in ("2024-03-01T03:00:00Z", "2024-03-03T03:00:00Z", "2024-06-01T00:00:00Z"):
            for policy in (RecheckPolicy(), RecheckPolicy(everything=True)):
                for limit in (3, 2000):
                    for name in sites:
                        assert lazy.due(name, policy, now, limit) == whole.due(name, policy, now, limit)
        assert lazy.due("alpha", RecheckPolicy(), "2024-06-01T00:00:00Z", 2000)
    finally:
        lazy.close()


def test_notices_kept_after_the_start_are_not_known_to_it(archive, tmp_path):
    copy = tmp_path / "archive.db"
    with sqlite3.connect(archive) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    state = open_state(str(copy), ["alpha"])
    try:
        writer = ArchiveWriter(str(copy), SITES, batch_size=1)
        writer.write(FetchedNotice("alpha", notice("alpha", 500)))
        writer.finish("finished", lambda s, k: 0)
        writer.archive.close()
        assert state.known(notice("alpha", 500).url) is None
        assert state.known(notice("alpha", 5).url) is not None
    finally:
        state.close()


def big_archive(path, notices: int) -> None:
    """An archive whose crawled site holds ``notices`` notices, each with a stored attachment,
    and another site as many again (rows written straight in: only their number matters)."""
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        for name in ("alpha", "beta"):
            start = conn.execute("SELECT coalesce(max(id), 0) FROM notices").fetchone()[0]
            conn.executemany(
                "INSERT INTO notices (id, site, url, version, status, first_seen, last_seen, last_checked)"
                " VALUES (?, ?, ?, 1, 'live', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', ?)",
                [(start + i + 1, name, f"http://{name}.example.gov.cn/t{i}.html",
                  f"2024-0{1 + i % 3}-01T00:00:00Z") for i in range(notices)])
            conn.executemany(
                "INSERT INTO attachments (notice_id, version, position, url, name, kind, sha256, status)"
                " VALUES (?, 1, 0, ?, 'f', 'pdf', ?, 'stored')",
                [(start + i + 1, f"http://{name}.example.gov.cn/f{i}.pdf", f"{i:064x}") for i in range(notices)])


def startup_steps(path, make) -> int:
    """SQLite virtual machine steps (in thousands) a crawl's state costs to open."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    conn.set_progress_handler(tick, 1000)
    try:
        make(conn)
    finally:
        conn.close()
    return steps[0]


def test_opening_a_crawl_does_not_grow_with_the_archive(tmp_path):
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    big_archive(small, 100)
    big_archive(large, 20000)
    lazy = [startup_steps(p, lambda c: ArchiveState(c, ["alpha"])) for p in (small, large)]
    whole = [startup_steps(p, lambda c: load_state(sqlite_utils.Database(c), ["alpha"]))
             for p in (small, large)]
    assert whole[1] > 50 * max(whole[0], 1), whole  # what the measure sees when it grows
    print("start-up steps (thousands): read by index", lazy, "loaded whole", whole)
    assert lazy[1] <= lazy[0] + 1, lazy
    state = ArchiveState(sqlite3.connect(f"file:{large}?mode=ro", uri=True), ["alpha"])
    try:
        assert state.known("http://alpha.example.gov.cn/t19999.html") is not None
        assert state.known("http://beta.example.gov.cn/t5.html") is None
        assert "http://beta.example.gov.cn/f7.pdf" in state.stored_attachments
        due = state.due("alpha", RecheckPolicy(), "2024-03-15T00:00:00Z", 5)
        assert [n.last_checked for n in due] == ["2024-01-01T00:00:00Z"] * 5
    finally:
        state.close()
