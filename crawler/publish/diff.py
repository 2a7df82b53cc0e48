"""What changed between two versions of a notice, as a reader would mark it up by hand.

Titles are compared character by character (Chinese has no spaces to compare words by).
Bodies are compared paragraph by paragraph; a paragraph that was edited, rather than added
or removed, is compared character by character inside. The result is plain data — runs of
text marked same / added / removed — that the template prints escaped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

#: Paragraphs at least this similar count as one paragraph edited, not one removed + one added.
EDITED = 0.5
#: Unchanged paragraphs kept around a change, so the change reads in its context.
CONTEXT = 1


@dataclass
class Run:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass
class Paragraph:
    kind: str  # "same", "added", "removed", "edited" or "gap" (unchanged paragraphs left out)
    runs: list[Run] = field(default_factory=list)
    skipped: int = 0


def chars(before: str | None, after: str | None) -> list[Run]:
    """Character-level runs turning ``before`` into ``after``."""
    a, b = before or "", after or ""
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(Run("same", a[i1:i2]))
            continue
        if i2 > i1:
            runs.append(Run("removed", a[i1:i2]))
        if j2 > j1:
            runs.append(Run("added", b[j1:j2]))
    return runs


def paragraphs(before: list[str], after: list[str], context: int = CONTEXT) -> list[Paragraph]:
    """Paragraph-level changes, with edited paragraphs diffed inside."""
    out: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [Paragraph("same", [Run("same", p)]) for p in before[i1:i2]]
            continue
        old, new = before[i1:i2], after[j1:j2]
        while old and new:
            ratio = difflib.SequenceMatcher(None, old[0], new[0], autojunk=False).ratio()
            if ratio < EDITED:
                break
            out.append(Paragraph("edited", chars(old.pop(0), new.pop(0))))
        out += [Paragraph("removed", [Run("removed", p)]) for p in old]
        out += [Paragraph("added", [Run("added", p)]) for p in new]
    return _trim(out, context)


def _trim(items: list[Paragraph], context: int) -> list[Paragraph]:
    """Leave out long stretches of unchanged paragraphs, saying how many."""
    changed = [i for i, p in enumerate(items) if p.kind != "same"]
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    out: list[Paragraph] = []
    skipped = 0
    for i, item in enumerate(items):
        if i in keep:
            if skipped:
                out.append(Paragraph("gap", skipped=skipped))
                skipped = 0
            out.append(item)
        else:
            skipped += 1
    if skipped:
        out.append(Paragraph("gap", skipped=skipped))
    return out


def changed(runs: list[Run]) -> bool:
    return any(run.kind != "same" for run in runs)
