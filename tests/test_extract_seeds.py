"""The five seed pages must become the records in tests/seeds/expected/.

Each seed is checked as its CMS page (tests/corpus/pages/seedNNN_*.html) and as the bare
seed text, one ``<p>`` per line, with none of the markup that usually helps (no links, no
classes): chrome removal must then rest on the chrome phrases alone. Bodies are compared with
punctuation and whitespace ignored (the seed texts have half-width punctuation, pages
full-width).
"""

from __future__ import annotations

import html
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract import extract_notice  # noqa: E402
from crawler.extract.text import key  # noqa: E402
from crawler.items import ListHint, Notice  # noqa: E402

TESTS = Path(__file__).resolve().parent
SEEDS = TESTS / "seeds"
CORPUS = TESTS / "corpus"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))
#: Expected flag names that are ours under another name.
FLAG_NAMES = {"pinyin_annotations": "pinyin_removed"}


@lru_cache(maxsize=None)
def expected(name: str) -> dict:
    return json.loads((SEEDS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def expected_flags(name: str) -> list[str]:
    return [flag.split(":", 1)[0].strip() for flag in expected(name)["flags"]]


def seed_url(name: str) -> str:
    return expected(name)["url"].split(" ", 1)[0]


@lru_cache(maxsize=None)
def corpus_stem(name: str) -> str:
    for truth in (CORPUS / "truth").glob("seed*.json"):
        if json.loads(truth.read_text(encoding="utf-8")).get("seed") == name:
            return truth.stem
    raise LookupError(name)


@lru_cache(maxsize=None)
def from_cms_page(name: str) -> Notice:
    stem = corpus_stem(name)
    truth = json.loads((CORPUS / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    hint = truth.get("hint")
    url = truth.get("url") or seed_url(name)
    list_hint = ListHint(url, published=hint.get("published")) if hint else None
    return extract_notice((CORPUS / "pages" / f"{stem}.html").read_bytes(), url, list_hint)


@lru_cache(maxsize=None)
def from_bare_text(name: str) -> Notice:
    lines = (SEEDS / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    title = html.escape(expected(name)["title"] or "")
    page = (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>")
    return extract_notice(page.encode("utf-8"), seed_url(name))


def assert_body_and_chrome(notice: Notice, name: str) -> None:
    assert key(notice.text) == key("\n".join(expected(name)["body"]))
    assert len(notice.body) == len(expected(name)["body"])
    body_key = key(notice.text)
    for line in expected(name)["chrome"]:
        assert key(line) not in body_key, f"chrome left: {line}"


@pytest.mark.parametrize("name", NAMES)
def test_cms_page_body_and_chrome(name):
    assert_body_and_chrome(from_cms_page(name), name)


@pytest.mark.parametrize("name", NAMES)
def test_bare_text_body_and_chrome(name):
    assert_body_and_chrome(from_bare_text(name), name)


@pytest.mark.parametrize("name", NAMES)
def test_flags(name):
    notice = from_cms_page(name)
    for flag in expected_flags(name):
        if flag == "image_captions":
            captions = [img.caption for img in notice.images]
            assert [key(c) for c in captions] == [key(c) for c in expected(name)["captions"]]
            assert all(c in notice.body for c in captions)
        elif flag == "trailing_attribution":
            assert notice.source == expected(name)["source"]
            assert key(notice.body[-1]) == key(expected(name)["body"][-1])
        else:
            assert FLAG_NAMES.get(flag, flag) in notice.flags, notice.flags


@pytest.mark.parametrize("name", NAMES)
def test_bare_text_flags_about_the_text(name):
    """Flags the text alone justifies hold without any page around it."""
    text_flags = {"traditional_script", "pinyin_annotations", "encoding_damage",
                  "multi_article", "truncated"}
    notice = from_bare_text(name)
    for flag in set(expected_flags(name)) & text_flags:
        assert FLAG_NAMES.get(flag, flag) in notice.flags


@pytest.mark.parametrize("name", NAMES)
def test_record_fields(name):
    notice, want = from_cms_page(name), expected(name)
    if want["title"] is None:
        assert "no_title_in_text" in notice.flags
    else:
        assert key(notice.title) == key(want["title"])
    assert notice.subtitle == want["subtitle"]
    assert notice.published == want["published"]
    for field in ("author", "source", "signed_by", "signed_date", "channel"):
        assert getattr(notice, field) == want[field], field


def test_traditional_original_is_kept():
    notice = from_cms_page("002_422c9667066d31f8")
    assert notice.original and notice.original["body"][0].startswith("當(dāng)前")
    assert notice.body[0].startswith("当前")
