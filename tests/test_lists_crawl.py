"""A site entered with its address and column alone (no cms, no detail_pattern) is crawled
whole: the list is inferred (not the menus, the sidebar of another column or the footer), the
pager built by a TRS six-argument script is followed, and a 下一页 opened by onclick too.

The site is a scripted server on 127.0.0.1; the crawl is `govarchive crawl` in a child process
with the registry pointed at a file written here.
"""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import run_cli
from tests.support.httpd import Reply, ScriptedSite

CHROME = """
<div class="header"><ul class="nav">
  <li><a href="/">首页</a></li><li><a href="/tzgg/index.html">通知公告</a></li>
  <li><a href="/gzdt/index.html">工作动态</a></li><li><a href="/zcwj/index.html">政策文件</a></li>
</ul></div>
"""
SIDEBAR = """
<div class="right-side"><h3>工作动态</h3><ul>
  <li><a href="/gzdt/202401/t20240105_9001.html">市政协召开主席会议研究部署</a><span>01-05</span></li>
  <li><a href="/gzdt/202401/t20240104_9002.html">委员视察城市更新项目建设</a><span>01-04</span></li>
  <li><a href="/gzdt/202401/t20240103_9003.html">专题协商会聚焦营商环境</a><span>01-03</span></li>
</ul><a href="/gzdt/index.html">更多</a></div>
"""
FOOTER = """
<div class="footer"><a href="/about.html">关于我们</a> <a href="/map.html">网站地图</a>
<a href="http://www.gov.cn/">中国政府网</a> 主办单位：政协某市委员会</div>
"""


def notice_url(n: int) -> str:
    return f"/tzgg/2024{n:02d}/t2024{n:02d}10_{500 + n}.html"


def list_page(numbers: range, pager: str) -> bytes:
    items = "\n".join(
        f'<li><a href="{notice_url(n)}" title="关于做好第{n}批委员履职工作的通知">关于做好第{n}批委员履职工作的通知</a>'
        f"<span>2024-{n:02d}-10</span></li>" for n in numbers)
    return (f"<html><head><title>通知公告</title></head><body>{CHROME}"
            f'<div class="main"><div class="list"><ul>{items}</ul></div>{pager}</div>{SIDEBAR}{FOOTER}'
            "</body></html>").encode()


def notice_page(n: int) -> bytes:
    body = "".join(f"<p>各专门委员会、各委员：为做好第{n}批委员履职工作，现将有关事项通知如下，请认真贯彻落实。第{i}条。</p>"
                   for i in range(1, 6))
    return (f"<html><head><title>关于做好第{n}批委员履职工作的通知</title></head><body>{CHROME}"
            f'<div class="article"><h1>关于做好第{n}批委员履职工作的通知</h1><div class="info">发布时间：2024-{n:02d}-10</div>'
            f'<div class="content">{body}</div></div>{FOOTER}</body></html>').encode()


def routes() -> dict:
    pages = {
        "/robots.txt": Reply(404),
        "/tzgg/index.html": Reply(body=list_page(range(1, 6), "<script>createPageHTML('page_div', 2, 1, 'index', 'html', 9);</script>")),
        "/tzgg/index_2.html": Reply(body=list_page(range(6, 9), '<a href="#" onclick="location.href=\'more_3.html\'">下一页</a>')),
        "/tzgg/more_3.html": Reply(body=list_page(range(9, 10), "<span>下一页</span>")),
    }
    for n in range(1, 10):
        pages[notice_url(n)] = Reply(body=notice_page(n))
    for path in ("/gzdt/202401/t20240105_9001.html", "/gzdt/202401/t20240104_9002.html",
                 "/gzdt/202401/t20240103_9003.html"):
        pages[path] = Reply(body=notice_page(99))
    return pages


def test_a_site_without_cms_or_pattern_is_crawled_by_inference(tmp_path):
    with ScriptedSite(routes()) as site:
        registry = tmp_path / "sites.toml"
        registry.write_text(f"""
[[site]]
name = "inferred-zx"
organisation = "政协某市委员会"
province = "某省"
org_type = "政协"
home_url = "{site.base}/"
lists = [{{ url = "{site.base}/tzgg/index.html", channel = ["通知公告"] }}]
politeness = {{ delay = 0.0, concurrency = 4 }}
""", encoding="utf-8")
        db = tmp_path / "archive.db"
        result = run_cli("crawl", "inferred-zx", "--db", str(db), "--quiet",
                         env={"GOVARCHIVE_REGISTRY": str(registry)})
        assert result.returncode == 0, result.stderr[-3000:]
        asked = set(site.paths())
    with sqlite3.connect(db) as conn:
        kept = {row[0].split("127.0.0.1:", 1)[1].split("/", 1)[1] for row in conn.execute("select url from notices")}
    assert kept == {notice_url(n).lstrip("/") for n in range(1, 10)}
    assert {"/tzgg/index_2.html", "/tzgg/more_3.html"} <= asked
    assert not [p for p in asked if p.startswith("/gzdt/2024")], "a sidebar of another column was crawled"


def test_a_load_more_column_is_crawled_through_its_json_files(tmp_path):
    pages = routes()
    pages["/xxgk/index.html"] = Reply(body=(
        f"<html><body>{CHROME}<div class='list'><ul>"
        f'<li><a href="{notice_url(1)}">关于做好第1批委员履职工作的通知</a><span>2024-01-10</span></li></ul>'
        "<a id='more'>加载更多</a></div><script>var page = 1; $('#more').click(function(){"
        " $.getJSON('datas_7_' + page + '.json', function(d){ page++; }); });</script>"
        f"{FOOTER}</body></html>").encode())
    json_type = {"Content-Type": "application/json"}
    for n, numbers in ((1, (2, 3, 4)), (2, (5, 6)), (3, ())):
        records = [{"url": notice_url(i), "title": f"关于做好第{i}批委员履职工作的通知", "date": f"2024-{i:02d}-10"}
                   for i in numbers]
        pages[f"/xxgk/datas_7_{n}.json"] = Reply(body=json.dumps(records).encode(), headers=json_type)
    with ScriptedSite(pages) as site:
        registry = tmp_path / "sites.toml"
        registry.write_text(f"""
[[site]]
name = "more-zx"
organisation = "政协某市委员会"
province = "某省"
org_type = "政协"
home_url = "{site.base}/"
lists = [{{ url = "{site.base}/xxgk/index.html", channel = ["信息公开"] }}]
politeness = {{ delay = 0.0, concurrency = 4 }}
""", encoding="utf-8")
        db = tmp_path / "archive.db"
        result = run_cli("crawl", "more-zx", "--db", str(db), "--quiet", env={"GOVARCHIVE_REGISTRY": str(registry)})
        assert result.returncode == 0, result.stderr[-3000:]
        asked = site.paths()
    with sqlite3.connect(db) as conn:
        count = conn.execute("select count(*) from notices").fetchone()[0]
    assert count == 6
    assert [p for p in asked if p.endswith(".json")] == ["/xxgk/datas_7_1.json", "/xxgk/datas_7_2.json",
                                                         "/xxgk/datas_7_3.json"]
