"""Attachment and image files: kept once per content hash, under a path the archive chooses.

Images are archived like attachments so the archive's notice pages show its own copies: a
reader's browser never asks the original site for anything (which would tell the site who
reads the archive). The image's original URL stays as data (``images.src``).

The remote file name is data (``attachments.file_name``), never a path: names from the web
can be anything (``../``, device names, 200 characters of GBK). Files are written to a
temporary name and renamed, so a crash never leaves half a file under a real name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import sqlite_utils

from crawler import clock
from crawler.extract import attachments
from crawler.keep import search


def files_dir(db_path: str | Path) -> Path:
    """Beside the database, named after it: archive.db → archive_files/."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}_files")


class FileStore:
    def __init__(self, db: sqlite_utils.Database, db_path: Path):
        self.db = db
        self.root = files_dir(db_path)
        self.base = Path(db_path).parent

    def keep(self, body: bytes, content_type: str | None, *, read_text: bool = True) -> str:
        """Store the bytes once, with their text for search; returns their SHA-256."""
        digest = hashlib.sha256(body).hexdigest()
        target = self.root / digest[:2] / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(body)
            partial.replace(target)
        known = self.db["files"].count_where("sha256 = ?", [digest])
        # reading the text is slow: outside the transaction; images have none to search
        text = attachments.extract(body) if read_text and not known else None
        with self.db.atomic():
            if not self.db["files"].count_where("sha256 = ?", [digest]):
                self.db["files"].insert({
                    "sha256": digest, "size": len(body), "content_type": content_type,
                    "path": target.relative_to(self.base).as_posix(),
                    "first_fetched": clock.stamp(), "text": text,
                })
        return digest

    def attach(self, url: str, body: bytes, content_type: str | None,
               file_name: str | None) -> str:
        """Keep an attachment's bytes and point every link to that URL still waiting at them."""
        digest = self.keep(body, content_type)
        with self.db.atomic():
            linking = [row[0] for row in self.db.execute(
                "SELECT DISTINCT notice_id FROM attachments WHERE url = ? AND sha256 IS NULL",
                [url])]
            with search.Reindexing(self.db, linking):  # the file's text joins their entries
                self.db.execute(
                    "UPDATE attachments SET sha256 = ?, file_name = ?, status = 'stored',"
                    " fetched_at = ? WHERE url = ? AND sha256 IS NULL",
                    [digest, file_name, clock.stamp(), url],
                )
        return digest

    def failed(self, url: str, status: str) -> None:
        """An attachment that could not be kept (too large, 404…): said, not hidden."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE attachments SET status = ?, fetched_at = ? WHERE url = ? AND sha256 IS NULL",
                [status, clock.stamp(), url],
            )

    # -- images ----------------------------------------------------------------------------

    def keep_image(self, url: str, body: bytes, content_type: str | None) -> str:
        """Keep an image's bytes and point every image row of that URL still waiting at them."""
        digest = self.keep(body, content_type, read_text=False)
        with self.db.atomic():
            self.db.execute(
                "UPDATE images SET sha256 = ?, status = 'stored', fetched_at = ?"
                " WHERE src = ? AND sha256 IS NULL", [digest, clock.stamp(), url])
        return digest

    def image_failed(self, url: str, status: str) -> None:
        """An image that could not be kept (404, not an image, too large…): said, not hidden."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE images SET status = ?, fetched_at = ? WHERE src = ? AND sha256 IS NULL",
                [status, clock.stamp(), url])

    def stored_urls(self) -> set[str]:
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT url FROM attachments WHERE sha256 IS NOT NULL")}
