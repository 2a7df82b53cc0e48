"""Hanweb (大汉版通) column lists: records inline, then from /module/web/jpage/dataproxy.jsp.

A Hanweb column page carries its first records in a ``<script type="text/xml"><datastore>``
block, with a ``nextgroup`` link naming the column (columnid, unitid, webid…). Its jpage
script fetches the rest by POSTing those parameters to ``dataproxy.jsp?startrecord=…&
endrecord=…&perpage=…``, which answers XML records. This adapter asks for the rest one page
(``perpage`` records) at a time, as the site's own script would page through them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from crawler.navigate.cms.base import ListPage, ListRequest, notice_links, parse_html

RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
NEXTGROUP_RE = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S)
TOTAL_RE = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>|totalRecord\s*[:=]\s*['\"]?(\d+)", re.I)
PERPAGE_RE = re.compile(r"perpage\s*[:=]\s*['\"]?(\d+)", re.I)
DATAPROXY = "/module/web/jpage/dataproxy.jsp"
DEFAULT_PERPAGE = 15


def parse_list(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
    records = RECORD_RE.findall(text)
    fragment = "<ul>" + "".join(records) + "</ul>" if records else text
    page = ListPage(
        notices=notice_links(parse_html(fragment), url, site.detail_regex, list(column.channel))
    )
    total = _first_int(TOTAL_RE, text)
    if DATAPROXY in urlsplit(url).path:
        page.more = _after_response(url, posted or "", total)
    else:
        page.more = _from_column_page(text, url, len(records), total)
    return page


def _from_column_page(text: str, url: str, shown: int, total: int | None) -> list[ListRequest]:
    """Requests for the records after the inline ones: all of them when the total is known,
    else the next page (each dataproxy answer then asks for the one after)."""
    nextgroup = NEXTGROUP_RE.search(text)
    if not nextgroup:
        return []
    form = _column_form(nextgroup[1])
    perpage = _first_int(PERPAGE_RE, text) or DEFAULT_PERPAGE
    last = total if total is not None else shown + perpage
    return [
        _dataproxy_request(url, form, start, min(start + perpage - 1, last), perpage)
        for start in range(shown + 1, last + 1, perpage)
    ]


def _after_response(url: str, posted: str, total: int | None) -> list[ListRequest]:
    """After a dataproxy answer: the next page, if the total says there is one. The form
    that names the column is the one this answer was POSTed."""
    query = dict(parse_qsl(urlsplit(url).query))
    try:
        end, perpage = int(query["endrecord"]), int(query.get("perpage", DEFAULT_PERPAGE))
    except (KeyError, ValueError):
        return []
    if total is None or end >= total:
        return []
    form = dict(parse_qsl(posted))
    return [_dataproxy_request(url, form, end + 1, min(end + perpage, total), perpage)]


def _column_form(nextgroup_html: str) -> dict[str, str]:
    """The POST form that names the column, taken from the nextgroup link's query."""
    href = re.search(r"href=['\"]([^'\"]+)['\"]", nextgroup_html)
    params = dict(parse_qsl(urlsplit(href[1]).query)) if href else {}
    params.pop("page", None)
    form = {"col": "1", "appid": "1", "sourceContentType": "1", "permissiontype": "0"}
    form.update(params)
    return form


def _dataproxy_request(url: str, form: dict[str, str], start: int, end: int, perpage: int) -> ListRequest:
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": perpage})
    target = urljoin(url, f"{DATAPROXY}?{query}")
    return ListRequest(target, method="POST", body=urlencode(form))


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if not match:
        return None
    return int(next(g for g in match.groups() if g is not None))
