"""Attachments (附件) and images with their captions.

Notices publish their real content as files as often as text: the link text is the name
readers see, so it is kept with the absolute URL and the file kind. Images matter for the
archive only with what the page says about them: a caption (图为…, 图注：…, or a short centred
line) is the line right after the picture (or right before it, for 图为 lines printed above), and
it stays in the body too.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from lxml.html import HtmlElement

from .files import ATTACHMENT_KINDS, file_kind  # noqa: F401 (re-exported)
from .lines import Line
from .page import Page
from .text import clean_space

_CAPTION = re.compile(r"^\s*(?:图为|图注|图片说明|图\s*[:：]|上图|下图|左图|右图|[（(]?图\s*\d|▲)")
_DECORATION = re.compile(r"icon|logo|spacer|blank|qrcode|ewm|erweima|share|arrow|btn|button|"
                         r"banner|bg[_.-]|dot\.|line\.|print|close|weixin|weibo", re.I)
_SRC_ATTRS = ("src", "data-src", "data-original", "original", "_src", "data-lazy-src")


def find_attachments(page: Page, scope: HtmlElement) -> list[tuple[str, str, str]]:
    """``(url, name, kind)`` for each file linked inside ``scope``, once per URL."""
    seen: set[str] = set()
    found = []
    for a in scope.iter("a"):
        href = a.get("href") or ""
        kind = file_kind(href)
        if not kind or href.startswith(("javascript:", "mailto:")):
            continue
        url = page.absolute(href)
        if url in seen:
            continue
        seen.add(url)
        name = clean_space(a.text_content()) or a.get("title") or \
            unquote(urlparse(url).path.rsplit("/", 1)[-1])
        found.append((url, name, kind))
    return found


def image_src(img: HtmlElement) -> str | None:
    """The picture's address, or None for icons, spacers and share buttons."""
    src = next((img.get(a) for a in _SRC_ATTRS if img.get(a)), None)
    if not src or src.startswith("data:") or _DECORATION.search(src):
        return None
    for dim in ("width", "height"):
        value = (img.get(dim) or "").strip().rstrip("px")
        if value.isdigit() and int(value) <= 30:
            return None
    return src


#: First bytes of the image formats notice pages show (WebP: RIFF, size, WEBP).
IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
               (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"), (b"RIFF", "image/webp"),
               (b"BM", "image/bmp"), (b"\x00\x00\x01\x00", "image/x-icon"))
IMAGE_TYPES = frozenset(kind for _, kind in IMAGE_MAGIC) | {"image/svg+xml"}


def image_type(body: bytes, declared: str | None = None) -> str | None:
    """The image type of these bytes, read from their first bytes (what the server declares
    only for SVG), or None: an error page or anything else answered in an image's place."""
    for magic, kind in IMAGE_MAGIC:
        if body.startswith(magic) and (kind != "image/webp" or body[8:12] == b"WEBP"):
            return kind
    declared = (declared or "").split(";")[0].strip().lower()
    if declared == "image/svg+xml" and b"<svg" in body[:4096].lower():
        return declared
    return None


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text))


def pair_captions(body: list[Line]) -> list[tuple[HtmlElement, str | None]]:
    """Each body image with the caption beside it (the next line, or a 图为 line before it)."""
    pairs = []
    for pos, line in enumerate(body):
        if line.image is None or image_src(line.image) is None:
            continue
        after = next((ln for ln in body[pos + 1:pos + 2] if ln.text), None)
        before = next((ln for ln in body[max(0, pos - 1):pos] if ln.text), None)
        caption = None
        if after and (is_caption(after.text) or _short_label(after, line) or
                      _centred_note(after)):
            caption = after.text
        elif before and is_caption(before.text):
            caption = before.text
        pairs.append((line.image, caption))
    return pairs


_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")


def _centred(el: HtmlElement | None) -> bool:
    """Centred by ``align`` or an inline style, on the block or the two blocks around it."""
    for _ in range(3):
        if el is None:
            return False
        if (el.get("align") or "").lower() == "center" or _CENTRED.search(el.get("style") or ""):
            return True
        el = el.getparent()
    return False


def _centred_note(text_line: Line) -> bool:
    """A short centred line right under a picture: how editors set captions that do not begin
    with 图为 (5月17日，调研组在…). Bold or numbered centred lines are sub-headings."""
    return text_line.chars <= 100 and not text_line.is_bold and \
        not _HEADING.match(text_line.text) and _centred(text_line.owner)


def _short_label(text_line: Line, image_line: Line) -> bool:
    """A short unpunctuated line in the image's own block or a figcaption: a caption."""
    same_block = text_line.owner is image_line.owner or text_line.owner.tag == "figcaption"
    return same_block and text_line.chars <= 60 and not re.search(r"[。；]$", text_line.text)
