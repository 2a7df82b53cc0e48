"""A damaged archive.db is never written: crawl, demo and reindex refuse it in one line, status
finds it, and `govarchive recover` saves what it holds into a new file.

The damage is real: a copy of the demo crawl's archive with one page in the middle of the
file overwritten (the first such page SQLite's quick_check notices, so the choice is
deterministic for a given archive)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from crawler.keep import Archive
from crawler.keep.check import ArchiveDamaged, check, unchanged_since_whole
from tests.conftest import run_cli
from tests.test_cli import one_error_line

PATTERN = 0xA5  # what the damaged page is overwritten with


def quick_check_fails(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def damage(path: Path) -> int:
    """Overwrite one whole page in the middle of the file; returns its number."""
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    pristine = path.read_bytes()
    for page in range(pages // 2, pages):
        with open(path, "r+b") as file:
            file.seek((page - 1) * size)
            file.write(bytes([PATTERN]) * size)
        if quick_check_fails(path):
            return page
        path.write_bytes(pristine)  # a page no check reads (free, or unused space): the next one
    raise AssertionError("no page in the second half of the archive is checked")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(demo_crawl, tmp_path) -> Path:
    path = tmp_path / "archive.db"
    source, copy = sqlite3.connect(demo_crawl.db), sqlite3.connect(path)
    source.backup(copy)  # a consistent copy, WAL folded in
    source.close()
    copy.close()
    damage(path)
    return path


def refused(result, path: Path) -> str:
    line = one_error_line(result)
    assert f"{path} is damaged" in line and f"govarchive recover {path}" in line, line
    return line


def test_writing_commands_refuse_a_damaged_archive_and_leave_it_unchanged(damaged, demo_server):
    before = digest(damaged)
    env = {"GOVARCHIVE_DEMO_BASES": json.dumps(demo_server.bases)}
    for command in (["crawl", "demo-mirror", "--quiet"], ["demo", "--no-serve"], ["reindex", "--quiet"]):
        refused(run_cli(*command, "--db", str(damaged), env=env), damaged)
        assert digest(damaged) == before, command
    assert not damaged.with_name("archive.db-wal").exists() or damaged.with_name("archive.db-wal").stat().st_size == 0


def test_status_runs_the_full_check(damaged):
    before = digest(damaged)
    refused(run_cli("status", "--db", str(damaged)), damaged)
    assert digest(damaged) == before


def test_recover_saves_every_readable_row_into_a_new_archive(damaged, demo_crawl, tmp_path):
    before = digest(damaged)
    new = tmp_path / "recovered.db"
    result = run_cli("recover", str(damaged), str(new))
    assert result.returncode == 0, result.stderr
    assert digest(damaged) == before  # only read
    assert f"{new}: recovered" in result.stdout and "rename" in result.stdout
    with sqlite3.connect(new) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        notices = conn.execute("SELECT count(*) FROM notices").fetchone()[0]
        versions = conn.execute("SELECT count(*) FROM notice_versions").fetchone()[0]
    total = demo_crawl.rows("SELECT count(*) AS n FROM notices")[0]["n"]
    # one page of 4 KiB holds a few rows at most: everything else is back
    assert total - 8 <= notices <= total and total - 8 <= versions <= total
    # the recovered file is an archive like any other: searched, listed, written to
    assert run_cli("reindex", "--quiet", "--db", str(new)).returncode == 0
    status = run_cli("status", "--db", str(new))
    assert "demo-mirror" in status.stdout and "damaged" not in status.stderr
    (title,) = demo_crawl.rows("SELECT title FROM notices ORDER BY id LIMIT 1")
    with sqlite3.connect(new) as conn:
        found = conn.execute("SELECT count(*) FROM notices WHERE title = ?", (title["title"],)).fetchone()[0]
    assert found >= 1
    again = one_error_line(run_cli("recover", str(damaged), str(new)))
    assert "already exists" in again


def test_a_file_that_is_not_an_archive_is_one_line(tmp_path):
    path = tmp_path / "archive.db"
    path.write_bytes(b"this is not SQLite\n" * 500)
    line = one_error_line(run_cli("crawl", "demo-mirror", "--db", str(path)))
    assert f"{path} is not an SQLite archive" in line
    assert path.read_bytes() == b"this is not SQLite\n" * 500


# -- a file found whole is not read again until something writes it ---------------------------


def bytes_read(action) -> int:
    """Bytes this process read (from disk or the page cache) while ``action`` ran."""
    def rchar() -> int:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("rchar:"):
                return int(line.split()[1])
        raise AssertionError("no rchar in /proc/self/io")

    before = rchar()
    action()
    return rchar() - before


def filled(path: Path, notices: int = 3000) -> int:
    """An archive of ``notices`` notices of ~2 KB (rows written straight in); its size."""
    Archive(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO sites (name) VALUES ('alpha')")
        conn.executemany(
            "INSERT INTO notices (site, url, version, body, status, first_seen, last_seen)"
            " VALUES ('alpha', ?, 1, ?, 'live', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
            [(f"http://alpha.example.gov.cn/t{i}.html", f"第{i}号通知正文。" * 150) for i in range(notices)])
    sqlite3.connect(path).close()  # the last connection folds the WAL into the file
    return path.stat().st_size


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="reads counted through /proc/self/io")
def test_a_file_found_whole_is_not_read_again_until_something_writes_it(tmp_path):
    path = tmp_path / "archive.db"
    size = filled(path)
    assert bytes_read(lambda: check(path)) >= size  # quick_check reads every page
    assert bytes_read(lambda: check(path)) < size / 50  # unchanged since: not read
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # Datasette between two crawls
    assert reader.execute("SELECT count(*) FROM notices").fetchone()[0] == 3000
    reader.close()
    assert bytes_read(lambda: check(path)) < size / 50  # reading is not writing
    with sqlite3.connect(path) as conn:  # a write, even through SQLite, is checked again
        conn.execute("UPDATE notices SET title = '改' WHERE id = 1")
    assert bytes_read(lambda: check(path)) >= size
    assert bytes_read(lambda: check(path, full=True)) >= size  # `status`: always in full


def test_a_file_damaged_after_it_was_found_whole_is_still_refused(tmp_path):
    path = tmp_path / "archive.db"
    filled(path)
    check(path)
    assert unchanged_since_whole(path)
    damage(path)
    assert not unchanged_since_whole(path)
    with pytest.raises(ArchiveDamaged):
        check(path)


def test_a_crawl_that_ended_leaves_its_archive_known_whole_and_damage_after_it_is_refused(
        demo_crawl, demo_server, tmp_path):
    path = tmp_path / "archive.db"
    source, copy = sqlite3.connect(demo_crawl.db), sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    env = {"GOVARCHIVE_DEMO_BASES": json.dumps(demo_server.bases)}
    result = run_cli("crawl", "demo-mirror", "--quiet", "--db", str(path), env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert unchanged_since_whole(path)  # the next crawl starts without reading the file
    damage(path)
    before = digest(path)
    refused(run_cli("crawl", "demo-mirror", "--quiet", "--db", str(path), env=env), path)
    assert digest(path) == before
