"""Which CMS serves a page, from what the page shows, with a confidence.

City and county governments and CPPCC committees run one of about a dozen platforms, and each
leaves marks: a generator meta tag, its script names, the shape of its URLs, its list protocol.
The marks are data (``MARKS``): each adds weight to its CMS; the heaviest CMS wins, and its
weight, capped at 1, is the confidence. A page with no mark is ``generic``.
"""

from __future__ import annotations

import re

#: (cms, weight, pattern over the page's text and its URL). Weights: 0.9 a mark only that CMS
#: makes, 0.5 a strong hint, 0.3 a hint others share.
MARKS: list[tuple[str, float, str]] = [
    ("hanweb", 0.9, r"<datastore>|/module/web/jpage/dataproxy\.jsp|大汉版通|hanweb"),
    ("hanweb", 0.5, r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html|/col/col\d+/index\.html"),
    ("trs", 0.9, r"createPageHTML\(|TRS\s*WCM|trs_wcm|content=\"TRS"),
    ("trs", 0.5, r"/t\d{8}_\d+\.s?html?|\bPager\(\s*\{"),
    ("trs", 0.3, r"index_\d+\.s?html?"),
    ("gkmlpt", 0.9, r"/gkmlpt/|gkmlpt"),
    ("vsb", 0.9, r"_simple_list_gotopage_fun|vsbscreen|/system/resource/|\.vsb\.css|VsbCms|博达"),
    ("vsb", 0.5, r"list\.jsp\?[^\"']*PAGENUM=|/info/\d+/\d+\.htm"),
    ("epoint", 0.9, r"[Ee]point|新点软件|/EpointWeb|epoint-pagination"),
    ("epoint", 0.3, r"/moreinfo\.html"),
    ("siteserver", 0.9, r"SiteServer|siteserver|/sitefiles/"),
    ("siteserver", 0.5, r"/channels/\d+(_\d+)?\.html|/contents/\d+/\d+\.html"),
    ("jcms", 0.9, r"jpaas|/jcms/|jcms_files|JCMS"),
    ("dedecms", 0.9, r"DedeCMS|dedecms|/plus/view\.php\?aid="),
    ("dedecms", 0.5, r"list_\d+_\d+\.html|/plus/list\.php"),
    ("phpcms", 0.9, r"PHPCMS|phpcms|index\.php\?m=content&c=index&a=(?:show|lists)"),
    ("aspnet", 0.9, r"__VIEWSTATE|__doPostBack|WebResource\.axd"),
    ("aspnet", 0.5, r"/Info/\d+\.aspx|[Ll]ist\.aspx\?(?:cid|ClassID|id)="),
    ("empire", 0.9, r"EmpireCMS|帝国网站管理系统|/e/action/ListInfo"),
]
_COMPILED = [(cms, weight, re.compile(pattern)) for cms, weight, pattern in MARKS]
_GENERATOR = re.compile(r"<meta[^>]+name=['\"]generator['\"][^>]+content=['\"]([^'\"]+)", re.I)


def detect(text: str, url: str = "") -> tuple[str, float]:
    """The CMS most marks point to, and how sure (0–1). ``("generic", 0.0)`` when none."""
    haystack = f"{url}\n{text}"
    scores: dict[str, float] = {}
    for cms, weight, pattern in _COMPILED:
        if pattern.search(haystack):
            scores[cms] = scores.get(cms, 0.0) + weight
    generator = _GENERATOR.search(text)
    if generator:
        for cms, _, pattern in _COMPILED:
            if pattern.search(generator[1]):
                scores[cms] = scores.get(cms, 0.0) + 1.0
                break
    if not scores:
        return "generic", 0.0
    best = max(scores, key=scores.get)
    return best, round(min(1.0, scores[best]), 2)
