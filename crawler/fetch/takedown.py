"""Is a notice gone? Reading the answer to a re-check of an archived notice.

Sites withdraw notices in several ways: a 404 or 410, a redirect to the home page or to an
error page (/404.html, /error.jsp?code=404), or a page with status 200 saying the item no
longer exists (a "soft 404", common on Chinese CMSes: 该信息已删除, 页面不存在, 找不到, 已下线).
Each is one strike against the notice; the archive calls it removed only when it stays gone
(see crawler.keep.notices.TakedownPolicy). The words and error-page names are data, the same
for every CMS.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.items import Notice

GONE_STATUSES = {404: "404", 410: "410"}
HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp",
              "/index.aspx", "/default.aspx", "/index.php"}
#: What a "page not found" page says, in the words Chinese CMSes use.
NOT_FOUND_WORDS = ("页面不存在", "页面未找到", "找不到页面", "找不到该页面", "信息已删除",
                   "该信息已删除", "文章不存在", "信息不存在", "内容不存在", "内容已删除",
                   "已被删除", "已撤稿", "已下线", "404 Not Found", "Page Not Found",
                   "找不到", "无法找到", "未找到", "不存在或已被删除", "不存在或已删除", "已被撤回",
                   "信息已撤销", "页面已失效", "链接已失效", "页面走丢了", "已过期或已删除",
                   "Not Found", "页面没有找到")
#: Where sites send a withdrawn notice's URL: an error page, named so in its path or query.
ERROR_PAGE = re.compile(
    r"(?:^|/)(?:40[34]|error|errors|notfound|not[-_]found|nofound|nopage|page[-_]?not[-_]?found)"
    r"(?:[-_.][^/]*)?$|[?&](?:error|errorcode|code|status)=40[34]\b", re.I)
SOFT_404_MAX_CHARS = 300  # a real notice that mentions 已删除 is longer than this


def redirected_home(requested: str, final: str, home_url: str) -> bool:
    """A redirect that lands on the site's front page instead of the notice."""
    if requested == final:
        return False
    final_parts = urlsplit(final)
    return final.rstrip("/") == home_url.rstrip("/") or (
        final_parts.path in HOME_PATHS and not final_parts.query
    )


def redirected_to_error(requested: str, final: str) -> bool:
    """A redirect that lands on the site's error page (its 404 page answered 200)."""
    if requested == final:
        return False
    parts = urlsplit(final)
    return bool(ERROR_PAGE.search(parts.path) or ERROR_PAGE.search("?" + parts.query))


def short(notice: Notice) -> bool:
    return len(notice.text) <= SOFT_404_MAX_CHARS


def soft_404(page_reading: Notice) -> bool:
    """A 200 page whose only words are that the notice does not exist.

    Judge the page's own reading (extracted without list hints): a hint would put the
    archived title in place of the page's "页面不存在".
    """
    text = "\n".join([page_reading.title or "", *page_reading.body])
    return short(page_reading) and any(word in text for word in NOT_FOUND_WORDS)


def gone_reason(status: int, requested: str, final: str, home_url: str,
                page_reading: Notice | None = None) -> str | None:
    """"404", "410", "redirect_home", "redirect_404", "soft_404", or None when the notice
    is there."""
    if status in GONE_STATUSES:
        return GONE_STATUSES[status]
    if redirected_home(requested, final, home_url):
        return "redirect_home"
    if redirected_to_error(requested, final):
        return "redirect_404"
    if page_reading is not None and soft_404(page_reading):
        return "soft_404"
    return None
