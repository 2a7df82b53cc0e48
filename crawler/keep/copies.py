"""Copies of a notice: the same text republished on other sites (or twice on one), and pages
that carry a notice inside a longer text.

Notices travel: a provincial notice is 转发 by every city, party media reprint it, content
farms copy it with changes. This module finds them as notices arrive, one at a time, without
reading the whole archive again:

- A notice's text is its Simplified body (the archive stores Simplified script, so a
  Traditional copy reads the same), folded to ideographs, digits and letters; its *shingles*
  are the overlapping runs of :data:`SHINGLE` characters. Punctuation, spaces and pinyin-free
  script differences leave no trace; a changed number changes a few shingles.
- A MinHash signature of the shingles (datasketch) is kept in ``copy_signatures``, and its
  LSH bands in ``copy_bands`` (band, hash, notice): a new notice looks up its own bands, one
  index probe each, and the notices sharing a band are the candidates. Memory does not grow
  with the archive; nothing is rebuilt at start.
- A band shared by many notices is boilerplate (a greeting line, a closing formula every
  notice of a kind prints), and the notices behind it grow with the archive: only the first
  :data:`PER_BAND` of them are read. A copy shares many bands with its original, most of
  them made of its own words, and a copy of a notice copied more than PER_BAND times needs
  only some of that cluster to join it; so the candidates read per new notice are bounded
  (BANDS x PER_BAND) whatever the size of the archive.
- Candidates are kept when their signatures estimate a high Jaccard similarity or
  containment, then verified on the exact shingle sets: Jaccard >= :data:`SAME_TEXT` makes a
  copy (one cluster, table ``copies``); a shorter text lying mostly inside a page at least
  :data:`LONGER` times its length makes that page a *partial copy* that contains it
  (table ``copy_parts``).
- In each cluster one notice is the **original**, chosen by evidence in this order, and the
  reason kept: it is on the issuing body's own site (the site's organisation signs it or is
  its 来源 line; or the site is an official body and the others are not), it was published
  first, another copy's 来源/转载 line names its site, the others say they are 转发/转载.
  Failing all of these, the one archived first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
import sqlite_utils
from datasketch import MinHash

from crawler import clock
from crawler.keep.schema import COPY_BANDS_TABLE

#: Characters per shingle: long enough that unrelated notices share few, short enough that
#: an edit of one character changes few.
SHINGLE = 4
#: Hash functions in a signature; the first BANDS * ROWS are cut into bands for the lookup.
NUM_PERM = 128
BANDS = 32
ROWS = 2
#: Texts with fewer shingles are too short to call copies (详见附件, a one-line caption).
MIN_SHINGLES = 20
#: Exact Jaccard similarity from which two texts with similar headlines (SAME_TITLE, on
#: character pairs) are one notice, copied; from SAME_TEXT_ANY_TITLE whatever the headline.
SAME_TEXT, SAME_TITLE, SAME_TEXT_ANY_TITLE = 0.7, 0.5, 0.9
#: Share of a shorter text found in a longer one from which the longer contains it, when it
#: is at least LONGER times as long and prints its headline, or ALL_OF_IT without it.
CONTAINED, ALL_OF_IT = 0.8, 0.98
#: Share of the shorter text inside the longer from which two texts under similar headlines
#: are copies whatever their Jaccard (one copied the other before it was extended).
CONTAINED_COPY = 0.9
LONGER = 1.5
#: Notices read per band key: past this many, a band is boilerplate or a cluster already
#: found through its first members (see the module docstring).
PER_BAND = 16
#: Signature estimates below these are not worth reading the texts for.
ESTIMATE_SAME, ESTIMATE_CONTAINED = 0.4, 0.6

#: Organisation types that are not the issuing body of what they print (registry org_type).
UNOFFICIAL = {"其他", "", None}
_SOURCE_LINE = re.compile(r"(?:来源|稿源|信息来源|转载自|转自|转载于|出处)\s*[:：]\s*(\S[^\n]{0,40})")
_FORWARDED = re.compile(r"转发|转载|转自")
_NOTE = re.compile(r"[（(][^（）()]*[）)]\s*$")
_KEEP = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]+")


# -- text, shingles, signatures -----------------------------------------------------------------


def fold(text: str | None) -> str:
    """The characters that carry a notice's words: ideographs, digits, letters (NFKC, lower)."""
    return _KEEP.sub("", unicodedata.normalize("NFKC", text or "").lower())


def shingles(text: str | None) -> set[str]:
    folded = fold(text)
    return {folded[i:i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}


def notice_text(title: str | None, body: str | None) -> str:
    """What is compared: the body; the title as well when the body is too short alone."""
    if len(fold(body)) >= MIN_SHINGLES + SHINGLE:
        return body or ""
    return "\n".join(t for t in (title, body) if t)


@lru_cache(maxsize=1)
def _permutations():
    return MinHash(num_perm=NUM_PERM).permutations


def signature(grams: set[str]) -> np.ndarray:
    """The MinHash of a shingle set, as NUM_PERM uint32 values."""
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations())
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash.hashvalues.astype(np.uint32)


def band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, hash) for each band: ROWS 32-bit values packed into one signed 64-bit integer
    (the first value in the high bits; with ROWS 2, exactly two)."""
    rows = sig[:BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    packed = np.zeros(BANDS, dtype=np.uint64)
    for column in range(ROWS):
        packed = (packed << np.uint64(32)) | rows[:, column]
    return list(enumerate(packed.view(np.int64).tolist()))


def _probe_sql() -> str:
    """One statement for all of a signature's bands: each band key's first PER_BAND notices."""
    one = (f"SELECT * FROM (SELECT notice_id FROM {COPY_BANDS_TABLE}"
           " WHERE band = ? AND hash = ? ORDER BY notice_id LIMIT ?)")
    return " UNION ALL ".join([one] * BANDS)


PROBE = _probe_sql()


def estimates(sig: np.ndarray, size: int, others: np.ndarray, sizes: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
    """Estimated Jaccard, and containment of the smaller text in the larger, per other."""
    jaccard = (others == sig).mean(axis=1)
    common = jaccard * (size + sizes) / (1 + jaccard)
    contained = common / np.maximum(np.minimum(size, sizes), 1)
    return jaccard, contained


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


# -- the archive's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    notice_id: int
    kind: str  # "copy", "contains" (this notice contains it) or "inside" (it contains this)
    similarity: float  # Jaccard for a copy, containment for a part


class CopyIndex:
    """The copies of the archive's notices, kept as notices arrive (by the writer)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # -- what the writer calls --

    def notice_arrived(self, notice_id: int) -> list[Match]:
        """Index a new (or changed) notice and link it to its copies; returns what it matched."""
        row = self._notice(notice_id)
        if row is None:
            return []
        with self.db.atomic():
            self._forget(notice_id)
            new = text_of(row["title"], row["body"])
            if len(new.grams) < MIN_SHINGLES:
                return []
            sig = signature(new.grams)
            matches = self._matches(notice_id, new, sig)
            self._remember(notice_id, row["version"], len(new.grams), sig)
            self._link(notice_id, matches)
            return matches

    def rebuild(self) -> int:
        """Link every notice again from scratch, oldest first: an archive made before copies
        were kept, or after the rules here changed."""
        with self.db.atomic():
            for table in ("copies", "copy_parts", "copy_signatures", COPY_BANDS_TABLE):
                self.db.execute(f"DELETE FROM {table}")
        ids = [r[0] for r in self.db.execute("SELECT id FROM notices ORDER BY id")]
        for notice_id in ids:
            self.notice_arrived(notice_id)
        return len(ids)

    # -- finding --

    def _notice(self, notice_id: int) -> dict | None:
        row = self.db.execute("SELECT title, body, version FROM notices WHERE id = ?",
                              [notice_id]).fetchone()
        return dict(zip(("title", "body", "version"), row)) if row else None

    def candidates(self, notice_id: int, sig: np.ndarray) -> list[int]:
        """Notices sharing at least one LSH band with the signature: of each band key, the
        first PER_BAND notices (in one statement, one index probe per band)."""
        params = [v for band, value in band_hashes(sig) for v in (band, value, PER_BAND)]
        found = {r[0] for r in self.db.execute(PROBE, params)}
        found.discard(notice_id)
        return sorted(found)

    def _matches(self, notice_id: int, new: Text, sig: np.ndarray) -> list[Match]:
        ids = self.candidates(notice_id, sig)
        if not ids:
            return []
        stored = self._signatures(ids)
        keep_ids = list(stored)
        others = np.stack([stored[i][1] for i in keep_ids])
        sizes = np.array([stored[i][0] for i in keep_ids], dtype=float)
        est_j, est_c = estimates(sig, len(new.grams), others, sizes)
        likely = [i for j, c, i in sorted(zip(est_j, est_c, keep_ids), reverse=True)
                  if j >= ESTIMATE_SAME or c >= ESTIMATE_CONTAINED]
        return self._compared(new, likely)

    def _compared(self, new: Text, likely: list[int]) -> list[Match]:
        """The exact comparisons, likeliest first. Once the text is a copy of one member of a
        cluster, the cluster's other members are not read: it joins them all anyway (a
        notice copied by every county is read once, not once per county)."""
        cluster_of = self._clusters(likely)
        joined: set[int] = set()
        out = []
        for other_id in likely:
            if cluster_of.get(other_id) in joined:
                continue
            other = self._texts([other_id]).get(other_id)
            match = compare(new, other, other_id) if other is not None else None
            if match is None:
                continue
            out.append(match)
            if match.kind == "copy" and other_id in cluster_of:
                joined.add(cluster_of[other_id])
        return out

    def _clusters(self, ids: list[int]) -> dict[int, int]:
        out = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            out.update(self.db.execute(
                "SELECT notice_id, cluster FROM copies"
                f" WHERE notice_id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return out

    def _signatures(self, ids: list[int]) -> dict[int, tuple[int, np.ndarray]]:
        out = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for nid, size, blob in self.db.execute(
                    "SELECT notice_id, shingles, minhash FROM copy_signatures"
                    f" WHERE notice_id IN ({','.join('?' * len(chunk))})", chunk):
                out[nid] = (size, np.frombuffer(blob, dtype=np.uint32))
        return out

    def _texts(self, ids: list[int]) -> dict[int, Text]:
        out = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for nid, title, body in self.db.execute(
                    f"SELECT id, title, body FROM notices WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk):
                out[nid] = text_of(title, body)
        return out

    # -- keeping --

    def _remember(self, notice_id: int, version: int, size: int, sig: np.ndarray) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO copy_signatures (notice_id, version, shingles, minhash)"
            " VALUES (?, ?, ?, ?)", [notice_id, version, size, sig.tobytes()])
        self.db.conn.executemany(
            f"INSERT OR IGNORE INTO {COPY_BANDS_TABLE} (band, hash, notice_id) VALUES (?, ?, ?)",
            [(band, value, notice_id) for band, value in band_hashes(sig)])

    def _forget(self, notice_id: int) -> None:
        """A changed notice leaves its cluster and its bands before it is indexed again."""
        found = self._signatures([notice_id])
        if found:
            self.db.conn.executemany(
                f"DELETE FROM {COPY_BANDS_TABLE} WHERE band = ? AND hash = ? AND notice_id = ?",
                [(band, value, notice_id) for band, value in band_hashes(found[notice_id][1])])
            self.db.execute("DELETE FROM copy_signatures WHERE notice_id = ?", [notice_id])
        self.db.execute("DELETE FROM copy_parts WHERE page_id = ? OR notice_id = ?",
                        [notice_id, notice_id])
        row = self.db.execute("SELECT cluster FROM copies WHERE notice_id = ?",
                              [notice_id]).fetchone()
        if row is None:
            return
        self.db.execute("DELETE FROM copies WHERE notice_id = ?", [notice_id])
        rest = [r[0] for r in self.db.execute(
            "SELECT notice_id FROM copies WHERE cluster = ?", [row[0]])]
        if len(rest) > 1:
            self._write_cluster(rest)
        else:
            self.db.execute("DELETE FROM copies WHERE cluster = ?", [row[0]])

    def _link(self, notice_id: int, matches: list[Match]) -> None:
        now = clock.stamp()
        for m in matches:
            if m.kind == "contains":
                self._part(notice_id, m.notice_id, m.similarity, now)
            elif m.kind == "inside":
                self._part(m.notice_id, notice_id, m.similarity, now)
        copies = [m.notice_id for m in matches if m.kind == "copy"]
        if not copies:
            return
        members = {notice_id, *copies}
        marks = ",".join("?" * len(copies))
        clusters = [r[0] for r in self.db.execute(
            f"SELECT DISTINCT cluster FROM copies WHERE notice_id IN ({marks})", copies)]
        if clusters:
            cmarks = ",".join("?" * len(clusters))
            members.update(r[0] for r in self.db.execute(
                f"SELECT notice_id FROM copies WHERE cluster IN ({cmarks})", clusters))
        self._write_cluster(sorted(members))  # every member's row replaced

    def _part(self, page_id: int, notice_id: int, share: float, now: str) -> None:
        self.db["copy_parts"].insert({"page_id": page_id, "notice_id": notice_id,
                                      "containment": round(share, 4), "linked_at": now},
                                     replace=True)

    def _write_cluster(self, members: list[int]) -> None:
        """Choose the cluster's original by evidence and write one row per member.

        A member already linked to the same original keeps its similarity: a changed text
        leaves its cluster first (:meth:`_forget`), so only the original's text and the
        newcomers' are read and shingled again, not the whole cluster at each new copy."""
        notices = self._members(members)
        original, reason, evidence = choose_original(notices)
        marks = ",".join("?" * len(members))
        kept = {nid: (similarity, changed) for nid, similarity, changed in self.db.execute(
            f"SELECT notice_id, jaccard, changed FROM copies WHERE notice_id IN ({marks})"
            " AND cluster = ? AND role = 'copy'", [*members, original])}
        texts = self._texts([i for i in members if i not in kept])
        first = texts[original]
        now = clock.stamp()
        rows = []
        for nid in notices:
            if nid == original:
                similarity, changed = 1.0, 0
            elif nid in kept:
                similarity, changed = kept[nid]
            else:
                similarity = round(jaccard(texts[nid].grams, first.grams), 4)
                changed = int(texts[nid].folded != first.folded)
            rows.append((nid, original, "original" if nid == original else "copy", similarity,
                         changed, reason if nid == original else None,
                         evidence if nid == original else None, now))
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO copies (notice_id, cluster, role, jaccard, changed, reason,"
            " evidence, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _members(self, ids: list[int]) -> dict[int, dict]:
        marks = ",".join("?" * len(ids))
        cursor = self.db.execute(
            "SELECT n.id, n.site, n.url, n.published, n.first_seen, n.source, n.signed_by,"
            " n.author, n.title, n.body, s.organisation, s.org_type, s.home_url"
            f" FROM notices n LEFT JOIN sites s ON s.name = n.site WHERE n.id IN ({marks})", ids)
        names = [d[0] for d in cursor.description]
        out = {}
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            row["text"] = notice_text(row["title"], row["body"])
            out[row["id"]] = row
        return out


@dataclass(frozen=True)
class Text:
    """A notice as compared: its shingles, its folded title, its folded text."""

    grams: set[str]
    title: str
    folded: str


def text_of(title: str | None, body: str | None) -> Text:
    """As ``shingles(notice_text(...))`` etc., folding the body once, not three times (folding
    is most of the copy finder's cost: every candidate's text is read again)."""
    folded = fold(body)
    if len(folded) < MIN_SHINGLES + SHINGLE:
        folded = fold(notice_text(title, body))
    grams = {folded[i:i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}
    return Text(grams, fold(title), folded)


def title_similarity(a: str, b: str) -> float | None:
    """Jaccard of the folded titles' character pairs; None when either has no title."""
    x = {a[i:i + 2] for i in range(len(a) - 1)}
    y = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(x & y) / len(x | y) if x and y else None


def compare(new: Text, other: Text, other_id: int) -> Match | None:
    """How the new text and another relate, on their exact shingle sets; None: not copies.

    Notices of one kind share whole sentences (公示 differ in names only), so a copy must
    also keep its headline, or be nearly the whole text (a copy that changed its title).
    Under the same headline, a text nearly all inside the other is a copy too: of the
    version before the original grew (an update), or cut short. A page contains a notice
    when it holds most of its text and prints its headline, or holds all of it.
    """
    if len(other.grams) < MIN_SHINGLES:
        return None
    similarity = jaccard(new.grams, other.grams)
    titles = title_similarity(new.title, other.title)
    if similarity >= SAME_TEXT and titles is not None and titles >= SAME_TITLE:
        return Match(other_id, "copy", similarity)
    if similarity >= SAME_TEXT_ANY_TITLE:
        return Match(other_id, "copy", similarity)
    if titles is not None and titles >= SAME_TITLE:  # one kept a version the other grew from
        small, large = sorted((new.grams, other.grams), key=len)
        if containment(small, large) >= CONTAINED_COPY:
            return Match(other_id, "copy", similarity)
    for page, part, kind in ((new, other, "contains"), (other, new, "inside")):
        if len(page.grams) < LONGER * len(part.grams):
            continue
        share = containment(part.grams, page.grams)
        if share >= ALL_OF_IT or (share >= CONTAINED and part.title and part.title in page.folded):
            return Match(other_id, kind, share)
    return None


# -- which copy is the original --------------------------------------------------------------


def organisation_names(row: dict) -> list[str]:
    """How a text may name a site: its organisation (without a trailing note in brackets)
    and the host of its home page."""
    names = []
    org = (row.get("organisation") or "").strip()
    if org:
        names.append(org)
        bare = _NOTE.sub("", org).strip()
        if bare and bare != org:
            names.append(bare)
    host = urlsplit(row.get("home_url") or "").hostname
    if host and host not in ("127.0.0.1", "localhost"):
        names.append(host.removeprefix("www."))
    return [n for n in names if len(n) >= 2]


def source_lines(row: dict) -> list[str]:
    """The 来源/转载 lines of a notice: its source field, and such lines in its body."""
    lines = [row["source"]] if row.get("source") else []
    lines += [m.group(1) for m in _SOURCE_LINE.finditer(row.get("body") or "")]
    return lines


def _names_in(names: list[str], texts: list[str]) -> str | None:
    for text in texts:
        for name in names:
            if name and text and name in text:
                return name
    return None


def _issuer_site(row: dict) -> str | None:
    """Why the notice is on the issuing body's own site: the site's organisation signs it or
    is named as its source."""
    names = organisation_names(row)
    said = [row.get("signed_by") or "", row.get("author") or "", *source_lines(row)]
    name = _names_in(names, said)
    return f"{name} signs it or is named as its source, on its own site" if name else None


def _forwarded(row: dict) -> bool:
    """The copy says it is forwarded or reprinted (转发, 转载) in its title or source lines."""
    return bool(_FORWARDED.search(" ".join([row.get("title") or "", *source_lines(row)])))


def _day(row: dict) -> str:
    return (row.get("published") or "")[:10] or "9999"


def choose_original(notices: dict[int, dict]) -> tuple[int, str, str]:
    """(original's id, reason, evidence in words): the first test that sets one notice apart
    from the rest, in the order of the module docstring."""
    ids = sorted(notices)
    names = {i: organisation_names(notices[i]) for i in ids}

    def named_by_others(i: int) -> str | None:
        for j in ids:
            if j != i and notices[j]["site"] != notices[i]["site"]:
                name = _names_in(names[i], source_lines(notices[j]))
                if name:
                    return f"the copy at {notices[j]['site']} names {name} as its source"
        return None

    tests = [
        ("issuer_site", _issuer_site),
        ("official_site", lambda r: (f"{r['organisation']} is a {r['org_type']} site; "
                                     "the other copies are not on an official site")
         if r.get("org_type") not in UNOFFICIAL else None),
        ("earliest", None),
        ("named_as_source", lambda r: named_by_others(r["id"])),
        ("not_forwarded", lambda r: None if _forwarded(r) else "the others say 转发/转载"),
    ]
    pool = ids
    for reason, test in tests:
        if test is None:  # the earliest publication
            first = min(_day(notices[i]) for i in pool)
            winners = [i for i in pool if _day(notices[i]) == first]
            said = {i: f"published {first}, before the other copies" for i in winners}
        else:
            said = {i: test(notices[i]) for i in pool}
            winners = [i for i in pool if said[i]]
        if len(winners) == 1 and len(pool) > 1:
            return winners[0], reason, said[winners[0]]
        if winners:
            pool = winners
    first = min(pool, key=lambda i: (notices[i]["first_seen"] or "", i))
    return first, "first_archived", "no evidence set the copies apart; the one archived first"


REASONS = {
    "issuer_site": "on the issuing body's own site 发文机关网站",
    "official_site": "on an official site 官方网站",
    "earliest": "published first 最早发布",
    "named_as_source": "named as source by a copy 被注明为来源",
    "not_forwarded": "the others say 转发/转载",
    "first_archived": "archived first 最早收录",
}


def describe(reason: str | None) -> str:
    return REASONS.get(reason or "", reason or "")
