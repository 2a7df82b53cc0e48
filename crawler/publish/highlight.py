"""Search results with the words found marked: escape first, then mark.

Positions are found on the folded text (crawler.keep.search.fold maps one character to one, so
they are positions in the original too), the text between them is HTML-escaped, and only
then are ``<mark>`` tags put around the escaped words. Crawled markup therefore stays text
even when a search word is part of it (searching ``script`` in ``<script>``).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from crawler.keep.search import fold

SNIPPET_CHARS = 160


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in the text (ASCII case ignored), overlapping spans merged."""
    folded = fold(text)
    found = []
    for word in {fold(w) for w in words if w}:
        if not word:
            continue
        start = folded.find(word)
        while start != -1:
            found.append((start, start + len(word)))
            start = folded.find(word, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(text: str, words: list[str], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with the words found marked."""
    end = len(text) if end is None else end
    out, at = [], start
    for s, e in spans(text, words):
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        out.append(escape(text[at:s]))
        out.append(Markup("<mark>{}</mark>").format(text[s:e]))
        at = e
    out.append(escape(text[at:end]))
    return Markup("").join(out)


def snippet(text: str | None, words: list[str], size: int = SNIPPET_CHARS) -> Markup:
    """A window of the text around the first word found (the start when none is)."""
    if not text:
        return Markup("")
    flat = text.replace("\n", " ")  # one for one: positions still match
    found = spans(flat, words)
    first = found[0][0] if found else 0
    start = max(0, min(first - size // 4, len(flat) - size))
    end = min(len(flat), start + size)
    body = mark(flat, words, start, end)
    return Markup("").join([Markup("…") if start else Markup(""), body,
                            Markup("…") if end < len(flat) else Markup("")])
