"""Removal templates are takedown evidence, never content, whatever the CMS's chrome.

A scripted site serves a 通知公告 list and its notices; on the second night every notice is
withdrawn the way one CMS or another does it — a 200 page in the site's chrome saying
页面不存在, 该信息已删除, 找不到, 已下线, or a redirect to the site's error page — and each must
be a strike against the archived notice (a notice_events 'missing' row with the reason), not a
new version. Links that are templates from the start are failures, not notices.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crawler.fetch.takedown import gone_reason, redirected_to_error
from crawler.items import Notice
from tests.conftest import run_cli
from tests.support.httpd import Reply, ScriptedSite

#: Chromes of the CMS families the registry knows (the words sit inside the site's frame).
CHROMES = {
    "hanweb": ('<div id="barrierfree_container"><div class="header">政协某市委员会</div>'
               '<div class="position">当前位置：首页 &gt; 通知公告</div><div class="main-txt">{}</div>'
               '<div class="footer">主办：政协某市委员会办公室 备案号：X ICP备00000000号</div></div>'),
    "trs": ('<div class="top"><a href="/">首页</a> <a href="/tzgg/">通知公告</a></div>'
            '<div class="TRS_Editor">{}</div><div class="bottom">版权所有 政协某市委员会</div>'),
    "generic": ('<table width="1000"><tr><td class="nav">网站首页 | 机构概况 | 通知公告</td></tr>'
                '<tr><td class="content">{}</td></tr><tr><td>Copyright 某市委组织部</td></tr></table>'),
}
TEMPLATES = {  # notice number → (chrome, words) or a redirect target
    1: ("hanweb", "<h2>抱歉，您访问的页面不存在或已被删除！</h2><p><a href='/'>返回首页</a></p>"),
    2: ("trs", "<p>该信息已删除</p><p>3秒后自动返回首页</p>"),
    3: ("generic", "<div class='err'>找不到您要访问的信息</div>"),
    4: ("hanweb", "<div class='tip'>该文章已下线</div>"),
    5: "/404.html",
    6: "/error.jsp?code=404",
}
ERROR_PAGE = "<html><head><title>提示</title></head><body><p>抱歉，出现了一点问题。</p></body></html>"
TITLE = "关于做好第{n}批委员履职材料报送工作的通知"


def page(title: str, inner: str) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{inner}"
            "</body></html>").encode()


def notice_html(n: int) -> bytes:
    body = "".join(f"<p>{t}</p>" for t in (
        "各位委员：", f"根据工作安排，现就第{n}批委员履职材料报送工作通知如下，请各位委员按时报送。" * 3,
        "一、报送内容包括履职情况、提案、社情民意信息等。二、报送时间截至本月底。", "政协某市委员会办公室"))
    inner = f"<h1>{TITLE.format(n=n)}</h1><div class='info'>发布时间：2024-05-0{n}</div>{body}"
    return page(TITLE.format(n=n), CHROMES["generic"].format(inner))


class TakedownSite(ScriptedSite):
    def __init__(self, fresh: range):
        self.withdrawn = False
        routes = {"/robots.txt": Reply(404, b""), "/404.html": Reply(200, ERROR_PAGE.encode()),
                  "/error.jsp?code=404": Reply(200, ERROR_PAGE.encode())}
        links = []
        for n in [*TEMPLATES, *fresh]:
            path = f"/tzgg/202405/t2024050{n}_{n}.html" if n < 10 else f"/tzgg/202405/t20240501_{n}.html"
            links.append(f"<li><a href='{path}'>{TITLE.format(n=n)}</a></li>")
            routes[path] = (lambda n: lambda site, hit: site.answer(n))(n)
        routes["/tzgg/index.html"] = Reply(200, page("通知公告", "<ul>" + "".join(links) + "</ul>"))
        super().__init__(routes)
        self.fresh = set(fresh)

    def answer(self, n: int) -> Reply:
        if not (self.withdrawn or n in self.fresh) or n not in TEMPLATES and n not in self.fresh:
            return Reply(200, notice_html(n))
        template = TEMPLATES[n if n in TEMPLATES else 1 + (n - 1) % len(TEMPLATES)]
        if isinstance(template, str):
            return Reply(302, b"", {"Location": template, "Content-Type": "text/html"})
        chrome, words = template
        return Reply(200, page("提示信息", CHROMES[chrome].format(words)))

    def registry_toml(self) -> str:
        return ("[[site]]\nname = \"takedowns\"\norganisation = \"政协某市委员会（测试）\"\n"
                "province = \"测试省\"\norg_type = \"政协\"\ncms = \"generic\"\n"
                f"home_url = \"{self.base}/\"\ndetail_pattern = '/tzgg/\\d{{6}}/t\\d{{8}}_\\d+\\.html'\n"
                f"lists = [ {{ url = \"{self.base}/tzgg/index.html\", channel = [\"通知公告\"] }} ]\n"
                "politeness = { delay = 0.0, concurrency = 2 }\n")


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


def crawl(site: TakedownSite, folder: Path, *extra: str) -> Path:
    registry = folder / "takedowns.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    result = run_cli("crawl", "takedowns", "--db", str(db), "--quiet", *extra,
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_withdrawn_notices_in_every_chrome_are_strikes_not_versions(tmp_path):
    with TakedownSite(fresh=range(11, 17)) as site:
        db = crawl(site, tmp_path)
        first = {r["url"].rsplit("_", 1)[1]: r for r in rows(db, "SELECT url, version FROM notices")}
        assert set(first) == {f"{n}.html" for n in TEMPLATES}  # the fresh templates are no notices
        failed = {r["url"].rsplit("_", 1)[1]: r["kind"] for r in rows(db, "SELECT url, kind FROM fetch_failures")}
        assert failed == {f"{n}.html": "redirect_404" if n % 6 in (5, 0) else "soft_404" for n in range(11, 17)}
        site.withdrawn = True
        db = crawl(site, tmp_path, "--recheck-all")
    events = rows(db, "SELECT n.url, e.detail FROM notice_events e JOIN notices n ON n.id = e.notice_id"
                      " WHERE e.event = 'missing'")
    reasons = {e["url"].rsplit("_", 1)[1]: e["detail"] for e in events}
    assert reasons == {f"{n}.html": "redirect_404" if isinstance(TEMPLATES[n], str) else "soft_404"
                       for n in TEMPLATES}
    assert all(r["version"] == 1 for r in rows(db, "SELECT version FROM notices"))
    assert {r["status"] for r in rows(db, "SELECT status FROM notices")} == {"missing"}


@pytest.mark.parametrize("final, gone", [
    ("http://a.gov.cn/404.html", True), ("http://a.gov.cn/error.jsp?code=404", True),
    ("http://a.gov.cn/notfound.htm", True), ("http://a.gov.cn/common/error/page-not-found.aspx", True),
    ("http://a.gov.cn/tzgg/t2.html", False), ("http://a.gov.cn/errors-and-omissions/t3.html", False),
    ("http://a.gov.cn/art/2024/4040.html", False),
])
def test_a_redirect_to_an_error_page(final, gone):
    assert redirected_to_error("http://a.gov.cn/tzgg/t1.html", final) is gone


def test_a_long_notice_that_mentions_deletion_is_not_gone():
    text = "关于清理过期文件的通知。经核查，下列文件已被删除或找不到原件，请各单位自查。" * 10
    notice = Notice(url="http://a.gov.cn/t.html", title="关于清理过期文件的通知", body=[text])
    assert gone_reason(200, notice.url, notice.url, "http://a.gov.cn/", notice) is None
