"""Is archive.db whole? Asked before anything writes to it, so a damaged file is never written.

Writing to a damaged SQLite file can spread the damage (new rows are linked into broken
pages) and hides it until Datasette fails on every page. So the commands that write
(crawl, demo, reindex) first run SQLite's ``PRAGMA quick_check`` — every page read once,
without the index cross-checks — and ``govarchive status`` runs the full ``integrity_check``.
Both open the file read-only: checking never changes it.

A quick_check reads the whole file: 20 s and more at a million notices, every night. So a file
found whole, or left by a crawl that ended (SQLite's own transactions, nothing else, wrote
it), is remembered beside it (``archive.db.checked``: device, inode, size, modification and
change times of the file, and the size and modification time of its WAL if it holds
anything), and is not read again while all of them are as remembered. Any write to the file
changes its change time (ctime), which no program can set back, so a file written since — by
a crawl killed mid-way, another program, a copy, a restore — is checked again in full;
readers (Datasette) change neither. What this cannot see is damage below the file system
(a failing disk): ``govarchive status`` runs the full check whatever was remembered.

A damaged file is an :class:`ArchiveDamaged`, one line naming the file and the way out:
``govarchive recover DAMAGED NEW`` (crawler/keep/salvage.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

#: How much of SQLite's own report goes into the one-line error.
_DETAIL_CHARS = 160


class ArchiveDamaged(RuntimeError):
    """The archive file is damaged (or is not an SQLite database at all)."""


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (SQLite's ``mode=ro``)."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=5)


def problems(path: str | Path, *, full: bool = False) -> list[str]:
    """What SQLite finds wrong with the file: [] when whole. ``full``: integrity_check (also
    compares every index with its table), else quick_check. A missing file has no problems
    (it will be a new archive)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return []
    pragma = "integrity_check" if full else "quick_check"
    try:
        conn = open_read_only(path)
    except sqlite3.Error:
        return []  # cannot even open it: the command's own open says why
    try:
        found = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.OperationalError:
        # locked, cannot open (a read-only folder), I/O: not damage of the file's content;
        # the command's own opening of the archive reports it in its words
        return []
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", "not a database"
        return [str(exc)]
    finally:
        conn.close()
    return [] if found == ["ok"] else found


def check(path: str | Path, *, full: bool = False) -> None:
    """Raise :class:`ArchiveDamaged` (one line, with the way out) if the file is damaged.
    A quick check of a file unchanged since it was last found whole reads nothing."""
    if not full and unchanged_since_whole(path):
        return
    found = problems(path, full=full)
    if found:
        raise ArchiveDamaged(damage_message(path, found))
    remember_whole(path)


def _mark(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".checked")


def _stat(name: str) -> list | None:
    try:
        st = os.stat(name)
    except FileNotFoundError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _fingerprint(path: str | Path) -> list | None:
    """What any write to the archive or its WAL changes; None if there is no archive. An
    empty WAL counts as none: readers (Datasette, a crawl's start) may make or leave one."""
    wal = _stat(f"{path}-wal")  # its change time, no: SQLite running as root chowns it on open
    found = [_stat(str(path)), wal[:4] if wal is not None and wal[2] > 0 else None]
    return found if found[0] is not None else None


def remember_whole(path: str | Path) -> None:
    """Note that the archive, as it is now, is whole: found so, or just written by a crawl
    that ended (call it once every connection that wrote is closed)."""
    fingerprint = _fingerprint(path)
    if fingerprint is None:
        return
    try:
        _mark(path).write_text(json.dumps(fingerprint), encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the next check reads the file, as without the mark


def unchanged_since_whole(path: str | Path) -> bool:
    """Is the archive exactly as when it was last remembered whole (nothing wrote to it)?"""
    try:
        remembered = json.loads(_mark(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    fingerprint = _fingerprint(path)
    return fingerprint is not None and remembered == fingerprint


def damage_message(path: str | Path, found: list[str]) -> str:
    lines = (" ".join(p.replace("*** in database main ***", "").split()) for p in found)
    detail = "; ".join(line for line in lines if line)
    if len(detail) > _DETAIL_CHARS:
        detail = detail[:_DETAIL_CHARS - 1] + "…"
    if "not a database" in detail:
        return f"{path} is not an SQLite archive ({detail}); nothing was written to it"
    return (f"{path} is damaged ({detail}); nothing was written to it. "
            f"Save what it holds with `govarchive recover {path} NEW.db`")
