"""A small 政协 site whose 通知公告 list a test can reshape between crawls.

``ListSite`` serves one column list (``/tzgg/index.html``, an optional second page) linking
notices ``/tzgg/tYYYYMMDD_N.html``, each a full page with title, date line and body. A test
sets which notices the list shows (``site.shown``), can damage the list's markup the way
header includes do (``site.stray_tags``: ``</html>`` inside a link's text, ``</body></html>``
between entries), and can hold list requests until it lets them go (``site.hold_lists``).

    with ListSite(30) as site:
        (tmp_path / "site.toml").write_text(site.registry_toml(), encoding="utf-8")
        ...crawl with GOVARCHIVE_REGISTRY...
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from tests.support.httpd import Hit, Reply, ScriptedSite

LIST_PATH = "/tzgg/index.html"
SECOND_PAGE = "/tzgg/index_1.html"
DETAIL_PATTERN = r"/tzgg/t\d{8}_\d+\.html"
TOPICS = ("委员视察", "专题协商", "提案办理", "调研报告", "学习培训", "民主监督", "文史资料",
          "界别活动", "社情民意", "联络服务")


def notice_path(n: int) -> str:
    day = date(2024, 1, 1) + timedelta(days=n)
    return f"/tzgg/t{day:%Y%m%d}_{1000 + n}.html"


def notice_title(n: int) -> str:
    return f"关于做好第{n}批{TOPICS[n % len(TOPICS)]}工作的通知"


def notice_html(n: int) -> str:
    day = date(2024, 1, 1) + timedelta(days=n)
    paragraphs = "".join(
        f"<p>各专门委员会、各界别召集人：根据市政协{day.year}年度工作安排，现就第{n}批"
        f"{TOPICS[(n + k) % len(TOPICS)]}有关事项通知如下。请各单位高度重视，认真组织，"
        f"确保第{k + 1}项任务按时完成，并于规定时间前将有关材料报送办公室。</p>"
        for k in range(4))
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{notice_title(n)}"
        "_青山市政协</title></head><body><div class=\"top\"><a href=\"/\">首页</a> "
        f"<a href=\"{LIST_PATH}\">通知公告</a></div><div class=\"article\">"
        f"<h1>{notice_title(n)}</h1><div class=\"info\">发布时间：{day:%Y-%m-%d}　来源：办公室</div>"
        f"<div class=\"content\">{paragraphs}<p style=\"text-align:right\">青山市政协办公室</p>"
        f"<p style=\"text-align:right\">{day.year}年{day.month}月{day.day}日</p></div></div>"
        "<div class=\"foot\">版权所有：青山市政协 备案号：测ICP备00000000号</div></body></html>"
    )


class ListSite(ScriptedSite):
    def __init__(self, count: int, *, second_page: int = 0):
        self.count = count
        self.shown = list(range(1, count + 1))  # notices on the first list page, newest first
        self.second = list(range(count + 1, count + 1 + second_page))  # on page two
        self.stray_tags = False
        self.hold_lists = threading.Event()
        self.hold_lists.set()  # set: list requests are answered at once
        routes = {LIST_PATH: self._list, SECOND_PAGE: self._list}
        routes.update({notice_path(n): Reply(body=notice_html(n).encode())
                       for n in range(1, count + second_page + 1)})
        super().__init__(routes)

    def registry_toml(self, name: str = "listsite") -> str:
        return (
            "[[site]]\n"
            f'name = "{name}"\n'
            'organisation = "青山市政协（测试）"\n'
            'province = "测试省"\n'
            'city = "青山市"\n'
            'org_type = "政协"\n'
            'cms = "generic"\n'
            f'home_url = "{self.base}/"\n'
            f"detail_pattern = '{DETAIL_PATTERN}'\n"
            f'lists = [ {{ url = "{self.base}{LIST_PATH}", channel = ["通知公告"] }} ]\n'
            "politeness = { delay = 0.0, concurrency = 4 }\n"
        )

    def list_requests(self) -> int:
        return sum(1 for path in self.paths() if path in (LIST_PATH, SECOND_PAGE))

    def _list(self, site: ScriptedSite, hit: Hit) -> Reply:
        self.hold_lists.wait(timeout=120)
        first = hit.path == LIST_PATH
        return Reply(body=list_html(self.shown if first else self.second, stray_tags=self.stray_tags,
                                    next_page=SECOND_PAGE if first and self.second else None).encode())


def list_html(shown: list[int], *, stray_tags: bool = False, next_page: str | None = None) -> str:
    """A list page; with ``stray_tags`` the third entry's text carries ``</html>`` and a
    ``</body></html>`` stands between the middle entries, as pasted header includes leave."""
    entries = []
    for i, n in enumerate(shown):
        day = date(2024, 1, 1) + timedelta(days=n)
        text = notice_title(n) + ("</html>" if stray_tags and i == 2 else "")
        entries.append(f"<li><a href=\"{notice_path(n)}\" target=\"_blank\">{text}</a>"
                       f"<span>{day:%Y-%m-%d}</span></li>")
        if stray_tags and i == len(shown) // 2:
            entries.append("</body></html>")
    pager = f"<div class=\"page\"><a href=\"{next_page}\">下一页</a></div>" if next_page else ""
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知公告_青山市政协</title>"
        "</head><body><div class=\"top\"><a href=\"/\">首页</a></div><div class=\"main\">"
        f"<h2>通知公告</h2><ul class=\"list\">{''.join(entries)}</ul>{pager}</div>"
        "<div class=\"foot\">版权所有：青山市政协</div></body></html>"
    )
