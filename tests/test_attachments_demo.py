"""The documents behind the notices, after a real crawl of the demo (issue 14): every format
government sites attach yields text the archive's search finds, the scan through OCR, and the
notice page served by Datasette over HTTP says which attachments had no readable text.

Reads the session's crawl of the demo (tests/conftest.py), not a crawl of its own; the truth
(each file's format and the word only its text holds) is crawler.demo.formats.
"""

from __future__ import annotations

import html
import io
import re
import shutil

import httpx
import pytest
from pypdf import PdfReader

from crawler.demo import formats
from crawler.extract import attachments
from tests.support.serving import free_port, serving
from tests.test_crawl_demo import notices_by_path

HAS_OCR = attachments.ocr.available() and attachments.ocr.has_pdftoppm()
HAS_ANTIWORD = shutil.which("antiword") is not None
#: Why a file's text cannot be read on this machine (None: it can).
MISSING_TOOL = {
    "pdf-scan": None if HAS_OCR else
    "Tesseract with chi_sim and pdftoppm (tesseract-ocr-chi-sim, poppler-utils) missing",
    "doc": None if HAS_ANTIWORD else "antiword (Debian package antiword) is not installed",
}


def case_id(f: formats.DemoFile) -> str:
    if f.extension == "pdf":
        return "pdf-scan" if f.ocr else "pdf-text"
    return f.extension


READABLE = [pytest.param(f, id=case_id(f)) for f in formats.FILES if f.word]


def test_the_demo_files_are_small_and_in_the_format_they_claim():
    """Shipped small or made in code (each under 60 KB), the same bytes every time."""
    assert {case_id(f) for f in formats.FILES} >= {
        "doc", "wps", "xls", "xlsx", "et", "ofd", "docx", "rtf", "pdf-text", "pdf-scan"}
    for f in formats.FILES:
        body = formats.BY_NAME[f.name].make()
        assert len(body) < 60 * 1024 and body == formats.BY_NAME[f.name].make(), f.name
        assert attachments.kind_of(body) == f.format, f.name
    scan = next(f for f in formats.FILES if f.ocr)  # no text layer: only OCR reads it
    assert not "".join(p.extract_text() for p in PdfReader(io.BytesIO(formats.body(scan.name))).pages).strip()


@pytest.fixture(scope="module")
def call_for_comments(demo_crawl, demo_catalog):
    """The archived notice that attaches a file of every format."""
    (notice,) = [n for n in demo_catalog["united"].notices
                 if any(name in formats.BY_NAME for name, _ in n.attachments)]
    assert {name for name, _ in notice.attachments} >= set(formats.BY_NAME)
    return notices_by_path(demo_crawl, "united")[notice.path]


@pytest.fixture(scope="module")
def served(demo_crawl):
    port = free_port()
    with serving(["-m", "crawler.run.cli", "serve", "--db", str(demo_crawl.db), "--port", str(port)],
                 port) as base:
        yield base


def search(base: str, word: str) -> list[tuple[int, str | None]]:
    """Every result of the archive's search for ``word``: (notice id, the attachment the page
    says the word was found in), all pages."""
    found, page = [], 1
    while True:
        answer = httpx.get(f"{base}/-/search", params={"q": word, "page": page}, timeout=30)
        assert answer.status_code == 200
        for item in re.findall(r'<li class="ga-result">(.*?)</li>', answer.text, re.DOTALL):
            notice = int(re.search(r'class="ga-result-title" href="/-/notice/(\d+)"', item).group(1))
            chip = re.search(r'<span class="ga-chip">附件 (.*?)</span>', item)
            found.append((notice, html.unescape(chip.group(1)) if chip else None))
        if 'rel="next"' not in answer.text:
            return found
        page += 1


@pytest.mark.parametrize("demo_file", READABLE)
def test_each_format_is_found_by_the_text_of_its_file(demo_crawl, call_for_comments, served, demo_file):
    reason = MISSING_TOOL.get(case_id(demo_file))
    if reason:
        pytest.skip(reason)
    word = demo_file.word
    assert word not in demo_file.name  # found by the file's text, not by its name
    rows = demo_crawl.rows(
        "SELECT f.text, f.path FROM attachments a JOIN files f ON f.sha256 = a.sha256"
        " WHERE a.notice_id = ? AND a.name = ?", [call_for_comments["id"], demo_file.name])
    assert len(rows) == 1, f"{demo_file.name} is not archived with its notice"
    kept = rows[0]
    body = (demo_crawl.db.parent / kept["path"]).read_bytes()
    assert attachments.kind_of(body) == demo_file.format  # told from the bytes, not the name
    assert word.lower() in (kept["text"] or "").lower(), kept["text"]
    holders = demo_crawl.rows("SELECT count(*) AS n FROM files WHERE text LIKE ?", [f"%{word}%"])
    assert holders[0]["n"] == 1  # no other file, and (below) no notice, says it
    assert search(served, word) == [(call_for_comments["id"], demo_file.name)]


def test_the_notice_page_says_which_attachments_had_no_readable_text(call_for_comments, served):
    page = httpx.get(f"{served}/-/notice/{call_for_comments['id']}", timeout=30)
    assert page.status_code == 200
    section = page.text[page.text.index('<section class="ga-attachments">'):]
    section = section[:section.index("</section>")]
    items = {}
    for item in re.findall(r"<li>(.*?)</li>", section, re.DOTALL):
        name = html.unescape(re.search(r'<a href="[^"]*" rel="noopener noreferrer">(.*?)</a>', item).group(1))
        note = re.search(r'<div class="ga-note ga-text-note">(.*?)</div>', item)
        items[name] = html.unescape(note.group(1)) if note else None
    assert set(formats.BY_NAME) <= set(items)
    unreadable = {f.name for f in formats.FILES if f.word is None or MISSING_TOOL.get(case_id(f))}
    assert {name for name, note in items.items() if note} == unreadable
    bundle = next(f.name for f in formats.FILES if f.format is None)
    assert items[bundle].startswith("its text could not be read") and "found by name only" in items[bundle]
    # the readable ones show the beginning of their text instead
    for f in (f for f in formats.FILES if f.name not in unreadable):
        item = section[section.index(html.escape(f.name, quote=False)):]
        item = item[:item.index("</li>")]
        assert '<details class="ga-att-text">' in item, f.name
