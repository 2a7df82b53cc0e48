"""The site registry: every site govarchive archives, as data (TOML files under spiders/sites/).

A site entry says who publishes it, where it is, which CMS serves it and which column lists to
walk. Spiders are made from entries (see :mod:`crawler.run.loader`), so adding a site means adding
an entry, not writing a spider. A malformed entry is a :class:`RegistryError` that names the
file, the entry and the field. One bad entry (or one unreadable file) costs only itself:
:func:`load_registry` keeps every good site and lists the bad ones in ``problems``, so the
commands crawl the rest and report the rest as errors.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import resources
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: The registry shipped with the project: data beside the spiders, not code.
SITES_DIR = Path(str(resources.files("spiders") / "sites"))

ORG_TYPES = ("政协", "党委", "党委部门", "人大", "政府", "政府部门", "统战部", "群团", "其他")
CMS_ADAPTERS = ("auto", "hanweb", "trs", "generic")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")

#: URL patterns of notice pages by CMS, used when an entry gives no detail_pattern.
DEFAULT_DETAIL_PATTERNS = {
    "hanweb": r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html",
    "trs": r"/t\d{8}_\d+\.s?html?",
}


class RegistryError(ValueError):
    """A registry file or entry that cannot be used, with where and why; ``site`` is the
    entry's name when it has one."""

    def __init__(self, message: str, *, site: str | None = None):
        super().__init__(message)
        self.site = site


@dataclass(frozen=True, slots=True)
class ColumnList:
    """One column (栏目) of a site: its first list page and the channel it stands for."""

    url: str
    channel: tuple[str, ...] = ()
    browser: bool = False  # the list exists only after JavaScript runs


@dataclass(frozen=True, slots=True)
class Politeness:
    """Per-host limits; the defaults are polite for a government server at night."""

    delay: float = 1.0  # seconds between requests to the host
    concurrency: int = 2  # requests in flight to the host
    obey_robots: bool = True


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    organisation: str
    province: str
    city: str | None
    org_type: str
    cms: str  # "auto" (detected, list inferred) or an adapter of crawler.navigate.cms
    home_url: str
    lists: tuple[ColumnList, ...]
    detail_pattern: str | None = None
    verified_online: bool = False
    demo: str | None = None  # key of the demo replica that serves this entry
    politeness: Politeness = field(default_factory=Politeness)
    notes: str | None = None
    source_file: str | None = None

    @property
    def region(self) -> str:
        return " ".join(part for part in (self.province, self.city) if part)

    @property
    def needs_browser(self) -> bool:
        return any(column.browser for column in self.lists)

    @property
    def detail_regex(self) -> re.Pattern[str] | None:
        pattern = self.detail_pattern or DEFAULT_DETAIL_PATTERNS.get(self.cms)
        return re.compile(pattern) if pattern else None

    def with_base(self, base_url: str) -> Site:
        """A demo entry made concrete: its relative URLs joined to the running demo's base."""
        base = base_url.rstrip("/")
        return replace(
            self,
            home_url=base + "/" + self.home_url.lstrip("/"),
            lists=tuple(replace(c, url=base + "/" + c.url.lstrip("/")) for c in self.lists),
        )


# -- loading ------------------------------------------------------------------------------


def registry_files() -> list[Path]:
    """The registry: spiders/sites/*.toml, or the files and folders in $GOVARCHIVE_REGISTRY
    (separated by ':'), so an installation can keep its own list of sites."""
    configured = os.environ.get("GOVARCHIVE_REGISTRY")
    places = [Path(p) for p in configured.split(os.pathsep) if p] if configured else [SITES_DIR]
    files: list[Path] = []
    for place in places:
        if place.is_dir():
            files.extend(sorted(place.glob("*.toml")))
        elif place.exists():
            files.append(place)
        else:
            raise RegistryError(f"{place}: no such registry file or folder")
    return files


class Registry(dict):
    """Site name → :class:`Site`, and ``problems``: the entries and files that could not be
    used, each a :class:`RegistryError` (a one-line message naming the file)."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[RegistryError] = []

    def problem_for(self, name: str) -> RegistryError | None:
        """The error of the bad entry called ``name``, if there is one."""
        return next((p for p in self.problems if p.site == name), None)


def load_registry(paths: list[Path] | None = None, *, strict: bool = False) -> Registry:
    """Read every registry file; site names must be unique across files. A bad entry or file
    is left out and listed in ``problems`` (``strict``: raised instead)."""
    files = paths if paths is not None else registry_files()
    registry = Registry()
    for path in files:
        sites, problems = read_file(path)
        for site in sites:
            if site.name in registry:
                problems.append(RegistryError(
                    f"{path}: site {site.name!r} is already defined in {registry[site.name].source_file}",
                    site=site.name))
                continue
            registry[site.name] = site
        registry.problems.extend(problems)
    if strict and registry.problems:
        raise registry.problems[0]
    return registry


def load_file(path: Path) -> list[Site]:
    """Every entry of one file; the first bad one is raised."""
    sites, problems = read_file(path)
    if problems:
        raise problems[0]
    return sites


def read_file(path: Path) -> tuple[list[Site], list[RegistryError]]:
    """The good entries of one file, and an error for each bad one (or one for the file)."""
    try:
        entries = _entries(path)
    except RegistryError as exc:
        return [], [exc]
    sites, problems = [], []
    for i, entry in enumerate(entries):
        try:
            sites.append(_parse_site(entry, path, i + 1))
        except RegistryError as exc:
            problems.append(exc)
    return sites, problems


def _entries(path: Path) -> list:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read registry file: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RegistryError(
            f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
            "save the registry file as UTF-8") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("site", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: 'site' must be an array of tables ([[site]])")
    return entries


class _Entry:
    """Field access for one [[site]] table that reports errors with file, entry and field."""

    def __init__(self, data: dict[str, Any], path: Path, index: int):
        self.data, self.path, self.index = data, path, index
        name = data.get("name")
        self.name = name if isinstance(name, str) else None
        self.where = f"{path}: site #{index}" + (f" ({name!r})" if self.name else "")

    def error(self, field_name: str, message: str) -> RegistryError:
        return RegistryError(f"{self.where}: field '{field_name}' {message}", site=self.name)

    def get(self, key: str, kind: type | tuple[type, ...], *, required: bool = True, default=None):
        if key not in self.data:
            if required:
                raise self.error(key, "is missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(key, f"must be {names}, not {type(value).__name__} ({value!r})")
        if isinstance(value, str) and required and not value.strip():
            raise self.error(key, "is empty")
        return value


_KNOWN_FIELDS = {
    "name", "organisation", "province", "city", "org_type", "cms", "home_url", "lists",
    "detail_pattern", "verified_online", "demo", "politeness", "notes",
}


def _parse_site(data: Any, path: Path, index: int) -> Site:
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: site #{index} is not a table")
    entry = _Entry(data, path, index)
    unknown = sorted(set(data) - _KNOWN_FIELDS)
    if unknown:
        raise entry.error(unknown[0], f"is not a registry field (known: {', '.join(sorted(_KNOWN_FIELDS))})")
    name = entry.get("name", str)
    if not NAME_RE.match(name):
        raise entry.error("name", f"must be lower-case letters, digits and '-' ({name!r})")
    org_type = entry.get("org_type", str)
    if org_type not in ORG_TYPES:
        raise entry.error("org_type", f"must be one of {', '.join(ORG_TYPES)} ({org_type!r})")
    cms = entry.get("cms", str, required=False, default="auto")
    if cms not in CMS_ADAPTERS:
        raise entry.error("cms", f"must be one of {', '.join(CMS_ADAPTERS)} ({cms!r})")
    demo = entry.get("demo", str, required=False)
    home_url = entry.get("home_url", str)
    _check_url(entry, "home_url", home_url, relative_ok=bool(demo))
    detail_pattern = entry.get("detail_pattern", str, required=False)
    if detail_pattern:
        try:
            re.compile(detail_pattern)
        except re.error as exc:
            raise entry.error("detail_pattern", f"is not a valid regular expression: {exc}") from exc
    return Site(
        name=name,
        organisation=entry.get("organisation", str),
        province=entry.get("province", str),
        city=entry.get("city", str, required=False),
        org_type=org_type,
        cms=cms,
        home_url=home_url,
        lists=_parse_lists(entry, relative_ok=bool(demo)),
        detail_pattern=detail_pattern,
        verified_online=entry.get("verified_online", bool, required=False, default=False),
        demo=demo,
        politeness=_parse_politeness(entry),
        notes=entry.get("notes", str, required=False),
        source_file=str(path),
    )


def _parse_lists(entry: _Entry, *, relative_ok: bool) -> tuple[ColumnList, ...]:
    raw = entry.get("lists", list)
    if not raw:
        raise entry.error("lists", "must name at least one column list")
    columns = []
    for i, item in enumerate(raw, 1):
        where = f"lists[{i}]"
        if not isinstance(item, dict):
            raise entry.error(where, "must be a table with url, channel and browser")
        extra = sorted(set(item) - {"url", "channel", "browser"})
        if extra:
            raise entry.error(f"{where}.{extra[0]}", "is not a list field (url, channel, browser)")
        url = item.get("url")
        if not isinstance(url, str):
            raise entry.error(f"{where}.url", "is missing or not a string")
        _check_url(entry, f"{where}.url", url, relative_ok=relative_ok)
        channel = item.get("channel", [])
        if isinstance(channel, str):
            channel = [channel]
        if not isinstance(channel, list) or not all(isinstance(c, str) for c in channel):
            raise entry.error(f"{where}.channel", "must be a string or a list of strings")
        browser = item.get("browser", False)
        if not isinstance(browser, bool):
            raise entry.error(f"{where}.browser", f"must be true or false, not {browser!r}")
        columns.append(ColumnList(url=url, channel=tuple(channel), browser=browser))
    return tuple(columns)


def _parse_politeness(entry: _Entry) -> Politeness:
    raw = entry.get("politeness", dict, required=False, default={})
    extra = sorted(set(raw) - {"delay", "concurrency", "obey_robots"})
    if extra:
        raise entry.error(f"politeness.{extra[0]}", "is not a politeness field (delay, concurrency, obey_robots)")
    defaults = Politeness()
    delay = raw.get("delay", defaults.delay)
    if not isinstance(delay, (int, float)) or isinstance(delay, bool) or delay < 0:
        raise entry.error("politeness.delay", f"must be a number of seconds >= 0, not {delay!r}")
    concurrency = raw.get("concurrency", defaults.concurrency)
    if not isinstance(concurrency, int) or isinstance(concurrency, bool) or not 1 <= concurrency <= 16:
        raise entry.error("politeness.concurrency", f"must be an integer from 1 to 16, not {concurrency!r}")
    obey = raw.get("obey_robots", defaults.obey_robots)
    if not isinstance(obey, bool):
        raise entry.error("politeness.obey_robots", f"must be true or false, not {obey!r}")
    return Politeness(delay=float(delay), concurrency=concurrency, obey_robots=obey)


def _check_url(entry: _Entry, field_name: str, url: str, *, relative_ok: bool) -> None:
    if url.startswith(("http://", "https://")):
        return
    if relative_ok and url.startswith("/"):
        return
    expected = "an absolute http(s) URL" + (" or a path starting with /" if relative_ok else "")
    raise entry.error(field_name, f"must be {expected} ({url!r})")
