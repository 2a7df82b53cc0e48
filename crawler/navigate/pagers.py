"""The next page of a column list, whatever builds its pager.

Government CMSes page their lists in a dozen ways: a plain 下一页 link; a 下一页 whose ``href``
is ``#`` or ``javascript:`` and whose ``onclick`` opens the page; TRS WCM's ``createPageHTML``
script (four arguments, 0-based, or six, 1-based) and ``Pager({...})``; jQuery pagination /
laypage / kkpager configurations (``totalPage``, ``pageCount``, ``total`` + ``pageSize``) with
the URL rule their callback uses; Epoint's numbered pages; ASP.NET ``__doPostBack`` forms that
POST the page's ``__VIEWSTATE``; VSB's ``…/N.htm`` and ``list.jsp?…PAGENUM=N``; DedeCMS's
``list_N_M.html``; list shells whose script configuration names a JSON list API and its
categories (Guangdong's gkmlpt: ``SID`` and ``TREE``, ``api/all/{id}?page=1&sid=…``; the
``CONFIG_APIS`` table). Each finder is a small rule; the first that answers wins, in the order of
how sure it is. The result is data (``Pager``): its kind, the requests for the next page(s)
and the page count when the page says it, so the kind can be recorded for the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml.html import HtmlElement

from crawler.navigate.cms.base import ListRequest, absolute
from crawler.urls import canonical

NEXT_LABEL_RE = re.compile(r"^(下一页|下页|后页|下一頁|下一页\s*[>›»]+|[>›»]|next|next\s*[>›»]+|下一页>>)$", re.IGNORECASE)
PAGE_COUNT_RE = re.compile(r"共\s*(\d+)\s*页|(\d+)\s*页\s*/|/\s*(\d+)\s*页|页次[:：]?\s*\d+\s*/\s*(\d+)")
NUM = r"['\"]?\s*(\d+)\s*['\"]?"
STR = r"['\"]([^'\"]*)['\"]"
CREATE6_RE = re.compile(rf"createPageHTML\(\s*{STR}\s*,{NUM},{NUM},\s*{STR}\s*,\s*{STR}\s*(?:,{NUM})?\)")
CREATE4_RE = re.compile(rf"createPageHTML\({NUM},{NUM},\s*{STR}\s*,\s*{STR}\s*\)")
TRS_PAGER_RE = re.compile(r"Pager\(\s*\{(.*?)\}\s*\)", re.DOTALL)
CONFIG_NUM_RE = r"['\"]?{name}['\"]?\s*[:=]\s*['\"]?(\d+)"
URL_IN_JS_RE = re.compile(r"""['"]([^'"\s<>]*?(?:\.s?html?|\.jsp|\.aspx?|\.php)(?:\?[^'"\s<>]*)?|\?[^'"\s<>]*page[^'"\s<>]*)['"]""", re.IGNORECASE)
CONCAT_RE = re.compile(r"""['"]([^'"\s<>]*)['"]\s*\+\s*\(?\s*([A-Za-z_$][\w$.]*)\s*(?:[+-]\s*\d+)?\s*\)?\s*\+\s*['"]([^'"\s<>]*)['"]""")
POSTBACK_RE = re.compile(r"__doPostBack\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)")
GOTO_PAGE_RE = re.compile(r"go(?:To)?Page(?:URL)?\(\s*['\"]?(\d+)['\"]?\s*[,)]", re.IGNORECASE)
PAGE_FIELD_RE = re.compile(r"^(page|pageno|pagenum|pageindex|currentpage|curpage|cpage|p)$", re.IGNORECASE)


@dataclass(frozen=True)
class Pager:
    kind: str  # "link", "onclick", "trs-createPageHTML", "aspnet-postback", …, or "none"
    requests: list[ListRequest] = field(default_factory=list)
    total_pages: int | None = None

    @property
    def next_urls(self) -> list[str]:
        return [r.url for r in self.requests]


def find_pager(text: str, root: HtmlElement, url: str, *, browser: bool = False) -> Pager:
    """The next list page(s) of this page, by the first pager rule that applies."""
    total = page_count(text)
    known = None  # a pager that names its page count but not (here) its next page
    for finder in (_config_api, _trs_create, _trs_pager, _next_link, _postback, _ajax_function, _script_config,
                   _load_more, _numbered_link):
        pager = finder(text, root, url, browser)
        if pager is None:
            continue
        if pager.total_pages is None and total:
            pager = Pager(pager.kind, pager.requests, total)
        if pager.requests or finder in (_trs_create, _trs_pager) or known is not None:
            return pager if pager.requests or known is None else known
        known = pager
    return known or Pager("none", [], total)


def page_count(text: str) -> int | None:
    match = PAGE_COUNT_RE.search(text)
    if not match:
        return None
    return int(next(g for g in match.groups() if g))


def _get(url: str, browser: bool) -> list[ListRequest]:
    return [ListRequest(url, browser=browser)]


# -- list shells -----------------------------------------------------------------------------

#: Lists whose page is an empty shell: a script's configuration names the site and its
#: categories, and a JSON API answers each category's records page by page. Each row:
#: (pager kind, the site id in the configuration, the name of the category array, the
#: platform's root in the page's path, the API's first page relative to that root).
CONFIG_APIS = (
    ("gkmlpt-api", r"\bSID\s*:\s*['\"](\w+)['\"]", "TREE", "/gkmlpt/", "api/all/{id}?page=1&sid={sid}"),
)


def _config_api(text, root, url, browser) -> Pager | None:
    """A list shell (CONFIG_APIS): the API's first page for every category that holds
    records of its own (a category that jumps to another page is not a list)."""
    import json

    for kind, sid_re, array, marker, template in CONFIG_APIS:
        path = urlsplit(url).path
        sid, start = re.search(sid_re, text), re.search(rf"\b{array}\s*:\s*\[", text)
        if marker not in path or not sid or not start:
            continue
        try:
            tree, _ = json.JSONDecoder().raw_decode(text, start.end() - 1)
        except ValueError:
            continue
        base = path[:path.index(marker) + len(marker)]
        urls = [urljoin(url, base + template.format(id=node, sid=sid[1])) for node in _leaves(tree)]
        return Pager(kind, [r for u in urls for r in _get(u, browser)])
    return None


def _leaves(nodes) -> list:
    """Ids of the categories without sub-categories or a jump elsewhere, in tree order."""
    found = []
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict) or node.get("jump_url"):
            continue
        children = node.get("children") or []
        found += _leaves(children) if children else [node.get("id")] if node.get("id") is not None else []
    return found


# -- TRS ------------------------------------------------------------------------------------


def _trs_create(text, root, url, browser) -> Pager | None:
    """createPageHTML('page_div', total, current, prefix, suffix, rows) — current 1-based —
    or createPageHTML(total, current, prefix, suffix) — current 0-based, page 0 is prefix.suffix."""
    six = CREATE6_RE.search(text)
    if six:
        total, current, prefix, suffix = int(six[2]), int(six[3]), six[4], six[5]
        nxt = [] if current >= total else [urljoin(url, f"{prefix}_{current + 1}.{suffix}")]
        return Pager("trs-createPageHTML", [r for u in nxt for r in _get(u, browser)], total)
    four = CREATE4_RE.search(text)
    if four:
        total, current, prefix, suffix = int(four[1]), int(four[2]), four[3], four[4]
        nxt = [] if current + 1 >= total else [urljoin(url, f"{prefix}_{current + 1}.{suffix}")]
        return Pager("trs-createPageHTML", [r for u in nxt for r in _get(u, browser)], total)
    return None


def _config_int(config: str, *names: str) -> int | None:
    for name in names:
        match = re.search(CONFIG_NUM_RE.format(name=re.escape(name)), config, re.IGNORECASE)
        if match:
            return int(match[1])
    return None


def _config_str(config: str, name: str) -> str | None:
    match = re.search(rf"['\"]?{name}['\"]?\s*:\s*['\"]([^'\"]*)['\"]", config, re.IGNORECASE)
    return match[1] if match else None


def _trs_pager(text, root, url, browser) -> Pager | None:
    """TRS's own pager script: Pager({size: N, current: M, prefix: 'index', suffix: 'html'})."""
    match = TRS_PAGER_RE.search(text)
    if not match:
        return None
    config = match[1]
    total = _config_int(config, "size", "total", "count", "pageCount")
    current = _config_int(config, "current", "curPage", "currentPage")
    prefix = _config_str(config, "prefix") or "index"
    suffix = _config_str(config, "suffix") or "html"
    if total is None:
        return None
    current = current or 0
    nxt = [] if current + 1 >= total else [urljoin(url, f"{prefix}_{current + 1}.{suffix}")]
    return Pager("trs-Pager", [r for u in nxt for r in _get(u, browser)], total)


# -- links ----------------------------------------------------------------------------------


def _label(anchor: HtmlElement) -> str:
    text = " ".join((anchor.text_content() or "").split())
    if not text:
        text = (anchor.get("title") or anchor.get("alt") or "").strip()
        for img in anchor.iter("img"):
            text = text or (img.get("alt") or img.get("title") or "").strip()
    return text


def _next_anchors(root: HtmlElement) -> list[HtmlElement]:
    return [a for a in root.iter("a", "span", "button", "li") if NEXT_LABEL_RE.match(_label(a) or "")
            and (a.tag == "a" or a.get("onclick"))]


def _onclick_url(code: str | None, url: str) -> str | None:
    """A page URL named in an onclick or javascript: handler."""
    if not code:
        return None
    match = URL_IN_JS_RE.search(code)
    if not match:
        return None
    return absolute(url, match[1])


def _next_link(text, root, url, browser) -> Pager | None:
    """A 下一页 link: its href, or the URL its onclick / javascript: handler opens."""
    here = canonical(url)
    for anchor in _next_anchors(root):
        href = (anchor.get("href") or "").strip()
        target = absolute(url, href)
        if target and target != here:
            return Pager("link", _get(target, browser))
        script = anchor.get("onclick") or (href if href.lower().startswith("javascript:") else None)
        if script and POSTBACK_RE.search(script):
            continue  # a form pager: _postback
        target = _onclick_url(script, url)
        if target and target != here:
            return Pager("onclick", _get(target, browser))
    return None


def _numbered_link(text, root, url, browser) -> Pager | None:
    """No next label: the link numbered one more than the current page, in a row of numbers."""
    numbers: dict[int, str] = {}
    current = None
    for anchor in root.iter("a", "span", "strong", "b", "font"):
        label = _label(anchor)
        if not re.fullmatch(r"\[?\d{1,4}\]?", label or ""):
            continue
        n = int(label.strip("[]"))
        target = absolute(url, anchor.get("href")) if anchor.tag == "a" else None
        if target and target != canonical(url):
            numbers.setdefault(n, target)
        elif current is None and (anchor.tag != "a" or "cur" in (anchor.get("class") or "") or not target):
            current = n
    if current is None:
        current = 1
    if current + 1 in numbers and (current - 1 in numbers or current + 2 in numbers or current == 1):
        return Pager("numbered", _get(numbers[current + 1], browser))
    return None


# -- forms ----------------------------------------------------------------------------------


def _postback(text, root, url, browser) -> Pager | None:
    """ASP.NET: the next link calls __doPostBack(target, argument); the page is a POST of the
    form with its hidden state (__VIEWSTATE, __EVENTVALIDATION…) and those two fields."""
    for anchor in _next_anchors(root):
        code = (anchor.get("href") or "") + " " + (anchor.get("onclick") or "")
        match = POSTBACK_RE.search(code)
        if not match:
            continue
        form = anchor
        while form is not None and form.tag != "form":
            form = form.getparent()
        if form is None:
            forms = list(root.iter("form"))
            form = forms[0] if forms else None
        fields = {}
        action = url
        if form is not None:
            action = absolute(url, form.get("action")) or url
            for field_ in form.iter("input"):
                name = field_.get("name")
                if name and (field_.get("type") or "text").lower() == "hidden":
                    fields[name] = field_.get("value") or ""
        fields["__EVENTTARGET"], fields["__EVENTARGUMENT"] = match[1], match[2]
        return Pager("aspnet-postback", [ListRequest(action, method="POST", body=urlencode(fields))])
    return _page_form(root, url)


def _page_form(root: HtmlElement, url: str) -> Pager | None:
    """goToPageURL(2) / goPage(2) on the next link, and a form with a page-number field: the
    form POSTed with that field set, as the site's script submits it."""
    for anchor in _next_anchors(root):
        code = (anchor.get("href") or "") + " " + (anchor.get("onclick") or "")
        match = GOTO_PAGE_RE.search(code)
        if not match:
            continue
        for form in root.iter("form"):
            fields = {f.get("name"): f.get("value") or "" for f in form.iter("input")
                      if f.get("name") and (f.get("type") or "text").lower() in ("hidden", "text")}
            page_fields = [name for name in fields if PAGE_FIELD_RE.match(name)]
            if not page_fields:
                continue
            fields[page_fields[0]] = match[1]
            action = absolute(url, form.get("action")) or url
            method = (form.get("method") or "get").upper()
            if method == "POST":
                return Pager("form-page", [ListRequest(action, method="POST", body=urlencode(fields))])
            joined = action + ("&" if "?" in action else "?") + urlencode(fields)
            return Pager("form-page", [ListRequest(joined)])
    return None


# -- script functions -----------------------------------------------------------------------

CALL_RE = re.compile(r"^\s*(?:javascript:)?\s*([A-Za-z_$][\w$]*)\(\s*['\"]?(\d+)['\"]?\s*\)")
AJAX_URL_RE = re.compile(r"url\s*:\s*['\"]([^'\"]+)['\"]")
AJAX_DATA_RE = re.compile(r"data\s*:\s*\{(.*?)\}", re.DOTALL)
DATA_PAIR_RE = re.compile(r"['\"]?([\w$]+)['\"]?\s*:\s*(?:['\"]([^'\"]*)['\"]|([A-Za-z_$][\w$]*|\d+))")


def _ajax_function(text, root, url, browser) -> Pager | None:
    """下一页 calls a function of the page with the page number, and that function fetches the
    items with $.ajax({url: …, data: {…, PageNum: n}}): the same request, made directly."""
    for anchor in _next_anchors(root):
        call = CALL_RE.match(anchor.get("onclick") or anchor.get("href") or "")
        if not call:
            continue
        name, page = call[1], call[2]
        body = re.search(rf"function\s+{re.escape(name)}\s*\(\s*([\w$]+)\s*\)\s*\{{(.*?)\}}\s*\)?;?\s*\}}", text, re.DOTALL)
        if not body:
            continue
        argument, code = body[1], body[2]
        target, data = AJAX_URL_RE.search(code), AJAX_DATA_RE.search(code)
        if not target:
            continue
        params = []
        for pair in DATA_PAIR_RE.finditer(data[1] if data else ""):
            key, literal, name_or_number = pair[1], pair[2], pair[3]
            if name_or_number == argument:
                params.append((key, page))
            elif literal is not None:
                params.append((key, literal))
            elif name_or_number and name_or_number.isdigit():
                params.append((key, name_or_number))
        address = urljoin(url, target[1])
        if params:
            address += ("&" if "?" in address else "?") + urlencode(params)
        return Pager("ajax-function", _get(address, browser))
    return None


# -- script configurations --------------------------------------------------------------------


def _script_config(text, root, url, browser) -> Pager | None:
    """A pagination plugin's configuration in a script (jQuery pagination, laypage, kkpager,
    Epoint): the page count from totalPage / pageCount / total + pageSize, the current page,
    and the URL rule its callback builds (``'index_' + page + '.html'``); Epoint's numbered
    pages (…/2.html) when no rule is written."""
    scripts = " ".join(s.text or "" for s in root.iter("script"))
    total = _config_int(scripts, "totalPage", "totalPages", "pageCount", "pagecount", "total_page")
    kind = "script-pager"
    if total is None:
        total = _records_over_size(scripts)
        if total is None:
            return None
        kind = "total-pagesize"
    current = _config_int(scripts, "pno", "currentPage", "curPage", "pageIndex", "pageNo", "current", "curr") or 1
    rule = CONCAT_RE.search(scripts)
    if rule:
        prefix, suffix = rule[1], rule[3]
        first_is_zero = "pageIndex" in scripts and current == 0
        nxt = current + 1 if not first_is_zero else 1
        if nxt > total:
            return Pager(kind, [], total)
        return Pager(kind, _get(urljoin(url, f"{prefix}{nxt}{suffix}"), browser), total)
    # Epoint and friends: page 1 is the column page, page N is N.html beside it.
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    if re.fullmatch(r"(\d+|moreinfo)\.html?", last):
        here = int(last.split(".")[0]) if last[0].isdigit() else 1
        if here + 1 > total:
            return Pager(kind, [], total)
        ext = last.split(".")[-1]
        return Pager(kind, _get(urljoin(url, f"{here + 1}.{ext}"), browser), total)
    if "page" in urlsplit(url).query.lower():
        return _query_page(url, current, total, kind, browser) or Pager(kind, [], total)
    return Pager(kind, [], total)


#: Names a pager script gives its record count and its page size, as pairs written side by side
#: in one configuration (TRS's ``recordCount`` / ``prepage``, ``totalRecord`` / ``pageSize``,
#: plugin options ``total`` / ``pageSize`` or ``count`` / ``limit``). Data, not code: a new
#: template's pair is a new row.
RECORDS_AND_SIZE = (
    ("recordCount", "prepage"), ("recordCount", "pageSize"), ("recordCount", "perPage"),
    ("totalRecord", "pageSize"), ("totalRecords", "pageSize"), ("totalRecord", "prepage"),
    ("totalCount", "pageSize"), ("totalcount", "pagesize"), ("rowCount", "pageSize"),
    ("recordTotal", "pageSize"), ("docCount", "pageSize"),
    ("total", "pageSize"), ("total", "perPage"), ("total", "limit"), ("total", "rows"),
    ("count", "pageSize"), ("count", "limit"), ("count", "perPage"),
)
#: How far apart (characters) the two numbers of one configuration may be written.
PAIR_WINDOW = 300


def _named_number(name: str) -> re.Pattern[str]:
    """``name: 12`` / ``name = '12'`` / ``"name": 12``, the name not the tail of a longer one."""
    return re.compile(rf"(?<![\w$])['\"]?{re.escape(name)}['\"]?\s*[:=]\s*['\"]?(\d+)")


def _records_over_size(scripts: str) -> int | None:
    """Pages from a record count and a page size written side by side in one configuration
    (``recordCount: '39', prepage: 15`` / ``total: 125, pageSize: 15``), not anywhere in the
    scripts: the first pair of RECORDS_AND_SIZE whose two numbers are near each other."""
    for records, size_name in RECORDS_AND_SIZE:
        for match in _named_number(records).finditer(scripts):
            window = scripts[max(0, match.start() - PAIR_WINDOW):match.end() + PAIR_WINDOW]
            size = _named_number(size_name).search(window)
            if size and int(size[1]) > 0:
                return -(-int(match[1]) // int(size[1]))
    return None


def _query_page(url: str, current: int, total: int, kind: str, browser: bool) -> Pager | None:
    """A list paged by a query parameter (page, pageNo, PAGENUM…): the same URL, one more."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(query):
        if re.fullmatch(r"(page|pageno|pagenum|pageindex|p|pn|curpage|currentpage)", key, re.IGNORECASE) and value.isdigit():
            if int(value) + 1 > total:
                return Pager(kind, [], total)
            query[i] = (key, str(int(value) + 1))
            return Pager(kind, _get(urlunsplit(parts._replace(query=urlencode(query))), browser), total)
    return None


def _load_more(text, root, url, browser) -> Pager | None:
    """A "load more" script that fetches the next records as JSON from a URL it builds with a
    counter (``'datas_126_' + page + '.json'``): the first file it would fetch."""
    scripts = " ".join(s.text or "" for s in root.iter("script"))
    for rule in CONCAT_RE.finditer(scripts):
        prefix, counter, suffix = rule[1], rule[2].split(".")[-1], rule[3]
        if not suffix.split("?")[0].endswith(".json"):
            continue
        start = re.search(rf"\b{re.escape(counter)}\s*=\s*(\d+)", scripts)
        first = int(start[1]) if start else 1
        before = scripts[start.end() if start else 0:rule.start()]
        if re.search(rf"{re.escape(counter)}\s*(\+\+|\+=\s*1)|\+\+\s*{re.escape(counter)}", before):
            first += 1
        return Pager("load-more-json", _get(urljoin(url, f"{prefix}{first}{suffix}"), browser))
    return None


JSON_PAGE_RE = re.compile(r"^(.*?)(\d+)(\.json)$")


def json_pager(data, url: str, records: int) -> Pager:
    """The next answer of a JSON list API: page N+1 of a …_N.json file or a ?page=N query,
    while the answer had records and the total (when it says one) is not reached."""
    total = None
    if isinstance(data, dict):
        flat = {str(k).lower(): v for k, v in data.items() if isinstance(v, (int, str))}
        for key in ("totalpage", "totalpages", "pagecount", "total_page", "pages"):
            if str(flat.get(key, "")).isdigit():
                total = int(flat[key])
                break
        if total is None:
            count = next((flat[k] for k in ("total", "totalcount", "count", "totalrecord") if str(flat.get(k, "")).isdigit()), None)
            size = next((flat[k] for k in ("pagesize", "page_size", "size", "limit", "rows") if str(flat.get(k, "")).isdigit()), None)
            if count is not None and size and int(size):
                total = -(-int(count) // int(size))
    if not records:
        return Pager("json", [], total)
    parts = urlsplit(url)
    match = JSON_PAGE_RE.match(parts.path)
    if match:
        n = int(match[2]) + 1
        if total is not None and n > total:
            return Pager("json", [], total)
        path = f"{match[1]}{n}{match[3]}"
        return Pager("json", [ListRequest(urlunsplit(parts._replace(path=path)))], total)
    found = _query_page(url, 0, total or 10**6, "json", False)
    return Pager("json", found.requests if found else [], total)
