"""``govarchive add URL``: a registry entry for a site, from its address alone.

Reads the page (a home page or a column page; a saved file too), finds its notice columns
(crawler.navigate.columns), reads each column's first page the way a crawl would — CMS
fingerprint, list inference, pager — and prints a registry entry a person can read, check and
edit, with what was found as comments. ``--write`` appends it to the registry. Nothing is
written to the archive; nothing but the page and its columns' first pages is fetched, and
nothing robots.txt disallows (each such page is reported in one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from crawler.extract import decode_html
from crawler.extract.repair import parse
from crawler.fetch.robots import RobotsRules, RobotsUnavailable
from crawler.navigate.columns import Column, find_columns
from crawler.navigate.lists import read_list

USER_AGENT = "govarchive-add (+https://github.com/govarchive)"
MAX_COLUMNS = 8
PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区",
    "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
)
ORG_WORDS = (("政协", "政协"), ("人大", "人大"), ("统战", "统战部"), ("组织部", "党委部门"),
             ("宣传部", "党委部门"), ("党委", "党委"), ("市委", "党委"), ("县委", "党委"),
             ("人民政府", "政府"), ("政府", "政府"), ("局", "政府部门"), ("委员会", "政府部门"))


class AddError(Exception):
    """The page cannot be read; one line for the user."""


class Disallowed(AddError):
    """robots.txt disallows the page: it is not fetched."""


_robots = RobotsRules(USER_AGENT)


def fresh_robots() -> None:
    """Read each host's robots.txt anew (once per command)."""
    global _robots
    _robots = RobotsRules(USER_AGENT)


def allowed(url: str) -> None:
    """Raise Disallowed (or AddError when robots.txt cannot be read) unless robots.txt lets
    this program fetch ``url``."""
    try:
        ok = _robots.allowed(url)
    except RobotsUnavailable as exc:
        raise AddError(str(exc)) from exc
    if not ok:
        raise Disallowed(f"{url}: disallowed by robots.txt, not fetched")


@dataclass
class FoundColumn:
    name: str
    url: str
    cms: str
    confidence: float
    notices: int
    pager: str
    first: list[str] = field(default_factory=list)
    browser: bool = False  # the list's items come from a script: render it


@dataclass
class Proposal:
    name: str
    organisation: str
    province: str
    org_type: str
    home_url: str
    cms: str
    confidence: float
    columns: list[FoundColumn]
    skipped: list[str] = field(default_factory=list)  # pages robots.txt kept us from, one line each

    def toml(self) -> str:
        lines = [
            "[[site]]",
            f'name = "{self.name}"',
            f'organisation = "{_esc(self.organisation)}"',
            f'province = "{_esc(self.province)}"' + ("" if self.province != "待填" else "  # fill in"),
            f'org_type = "{self.org_type}"',
            f'cms = "auto"  # detected: {self.cms} (confidence {self.confidence:.2f})',
            f'home_url = "{self.home_url}"',
            "lists = [",
        ]
        for column in self.columns:
            browser = ", browser = true" if column.browser else ""
            seen = "items fetched by a script" if column.browser else f"{column.notices} notices on page 1"
            lines.append(f'  {{ url = "{column.url}", channel = ["{_esc(column.name)}"]{browser} }},'
                         f"  # {seen}, pager: {column.pager}, cms: {column.cms}")
        lines.append("]")
        return "\n".join(lines) + "\n"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def read_page(source: str, url: str | None = None, *, timeout: float = 20) -> tuple[str, str]:
    """(text, url) of a page: fetched when ``source`` is an http(s) URL, else read from a file."""
    if source.startswith(("http://", "https://")):
        import httpx

        allowed(source)
        try:
            response = httpx.get(source, timeout=timeout, follow_redirects=True,
                                 headers={"User-Agent": USER_AGENT})
        except httpx.HTTPError as exc:
            raise AddError(f"cannot fetch {source}: {exc}") from exc
        if response.status_code != 200:
            raise AddError(f"cannot fetch {source}: HTTP {response.status_code}")
        text, _ = decode_html(response.content, response.headers.get("content-type"))
        return text, str(response.url)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AddError(f"cannot read {source}: {exc.strerror or exc}") from exc
    text, _ = decode_html(data, None)
    return text, url or path.resolve().as_uri()


def propose(source: str, *, url: str | None = None, name: str | None = None,
            org: str | None = None, fetch_columns: bool = True, delay: float = 1.0) -> Proposal:
    """What `add` prints: the site's columns as a crawl would see their first pages, asked
    one at a time, ``delay`` seconds apart (a government server is not a benchmark)."""
    import time

    fresh_robots()
    text, page_url = read_page(source, url)
    root = parse(text)
    title = " ".join((root.findtext(".//title") or "").split())
    columns = find_columns(root, page_url)[:MAX_COLUMNS] if fetch_columns and page_url.startswith("http") else []
    found: list[FoundColumn] = []
    skipped: list[str] = []
    for column in columns:
        time.sleep(delay)
        try:
            column_text, column_url = read_page(column.url)
        except Disallowed as exc:
            skipped.append(str(exc))
            continue
        except AddError:
            continue
        entry = _read_column(column, column_text, column_url)
        if entry.notices or entry.browser:
            found.append(entry)
    if not found:  # the page itself is the column
        own = _read_column(Column(name=_column_name(title), url=page_url, rank=0), text, page_url)
        if own.notices:
            found.append(own)
    if not found:
        raise AddError(f"no notice list found on {source} or the columns it links to")
    best = max(found, key=lambda c: c.confidence)
    organisation = org or _organisation(title)
    return Proposal(
        name=name or _name_from(page_url), organisation=organisation,
        province=_province(title + " " + organisation), org_type=_org_type(organisation),
        home_url=_home(page_url), cms=best.cms, confidence=best.confidence, columns=found,
        skipped=skipped,
    )


SCRIPT_FETCH_RE = re.compile(r"\bfetch\(|\$\.(?:ajax|get|getJSON|post)\(|XMLHttpRequest|axios\.", re.I)


def _read_column(column: Column, text: str, url: str) -> FoundColumn:
    cms, confidence, notices, pager = read_list(text, url)
    if not notices and pager.requests and pager.requests[0].method == "GET":
        notices = _behind_shell(pager.requests[0].url)
    scripted = len(notices) <= 1 and pager.kind == "none" and bool(SCRIPT_FETCH_RE.search(text))
    return FoundColumn(name=column.name, url=url, cms=cms, confidence=confidence,
                       notices=len(notices), pager=pager.kind, first=[n.url for n in notices[:3]],
                       browser=scripted)


def _behind_shell(url: str) -> list:
    """The notices of the first list answer a list shell leads to (a page with no records of
    its own whose script asks a list API for them): the column is the shell, a crawl follows it."""
    try:
        text, final = read_page(url)
    except AddError:
        return []
    return read_list(text, final)[2]


def _name_from(url: str) -> str:
    host = urlsplit(url).hostname or "site"
    parts = [p for p in host.split(".") if p not in ("www", "gov", "cn", "com", "org", "net", "edu")]
    name = re.sub(r"[^a-z0-9-]+", "-", "-".join(parts or [host]).lower()).strip("-")
    port = urlsplit(url).port
    if port:
        name += f"-{port}"
    return (name if len(name) >= 2 else f"site-{name}")[:63]


def _home(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme.startswith("http") else url


def _organisation(title: str) -> str:
    pieces = [p.strip() for p in re.split(r"[-_|–—·]+", title) if p.strip()]
    return max(pieces, key=lambda p: ("政协" in p or "政府" in p or "委员会" in p, len(p))) if pieces else "待填"


def _column_name(title: str) -> str:
    pieces = [p.strip() for p in re.split(r"[-_|–—·]+", title) if p.strip()]
    return min(pieces, key=len) if pieces else "通知公告"


def _province(text: str) -> str:
    for province in PROVINCES:
        if province in text or province[:-1] in text or province[:2] in text and len(province) > 3:
            return province
    return "待填"


def _org_type(organisation: str) -> str:
    for word, kind in ORG_WORDS:
        if word in organisation:
            return kind
    return "其他"


def append_entry(entry: str, registry: Path, name: str) -> None:
    """Append the entry to a registry file, refusing a name already taken or an entry the
    registry would not load."""
    from crawler.navigate.registry import RegistryError, load_file, load_registry

    try:
        taken = load_registry()
    except RegistryError:
        taken = {}
    if name in taken:
        raise AddError(f"site {name!r} is already in the registry ({taken[name].source_file}); choose --name")
    before = registry.read_text(encoding="utf-8") if registry.exists() else ""
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(before + ("\n" if before and not before.endswith("\n\n") else "") + entry,
                        encoding="utf-8")
    try:
        load_file(registry)
    except RegistryError as exc:
        registry.write_text(before, encoding="utf-8")
        raise AddError(f"the entry would not load, nothing written: {exc}") from exc


def default_registry_file() -> Path:
    """Where --write appends: $GOVARCHIVE_REGISTRY's first place (a file, or added.toml in a
    folder), else added.toml beside the shipped registry."""
    import os

    from crawler.navigate.registry import SITES_DIR

    configured = os.environ.get("GOVARCHIVE_REGISTRY")
    first = Path(configured.split(os.pathsep)[0]) if configured else SITES_DIR
    return first / "added.toml" if first.is_dir() or not first.suffix else first
