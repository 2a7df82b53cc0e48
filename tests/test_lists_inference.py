"""List inference on the shapes government list pages take: the main list's items, in page
order, and none of the chrome around them."""

from __future__ import annotations

import re

from crawler.navigate.lists import read_list

URL = "http://www.example.gov.cn/tzgg/index.html"
CHROME = """<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/tzgg/">通知公告</a></li>
<li><a href="/gzdt/">工作动态</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>"""
SIDE = """<div class="sidebar"><h3>热点文章</h3><ul>
<li><a href="/gzdt/202401/t20240101_1.html">全市政协系统工作会议召开</a><span>2024-01-01</span></li>
<li><a href="/gzdt/202401/t20240102_2.html">主席会议听取专题调研情况</a><span>2024-01-02</span></li>
<li><a href="/gzdt/202401/t20240103_3.html">委员履职培训班开班仪式</a><span>2024-01-03</span></li></ul></div>"""
FOOT = """<div class="footer"><ul><li><a href="http://www.gov.cn/">中国政府网</a></li>
<li><a href="http://www.cppcc.gov.cn/">全国政协网</a></li><li><a href="/about.html">关于我们</a></li></ul></div>"""


def notices(body: str, **kw) -> list[str]:
    page = f"<html><body>{CHROME}{body}{SIDE}{FOOT}</body></html>"
    return [n.url.rsplit("/", 1)[-1] for n in read_list(page, URL, **kw)[2]]


def items(n: int, fmt: str) -> str:
    return "".join(fmt.format(i=i) for i in range(1, n + 1))


def test_list_items_with_dates():
    body = '<div class="list"><ul>' + items(8, '<li><a href="./202402/t202402{i:02d}_{i}00.html">关于开展第{i}次专题协商的通知</a><span>2024-02-{i:02d}</span></li>') + "</ul></div>"
    assert notices(body) == [f"t202402{i:02d}_{i}00.html" for i in range(1, 9)]


def test_table_rows_with_a_column_tag_link_and_alternating_classes():
    rows = items(6, '<tr class="{cls}"><td><a href="/lm/5.html">[通知]</a></td>'
                    '<td><a href="/art/2024/3/{i}/art_5_{i}77.html" title="关于做好第{i}项工作的通知">关于做好第{i}项…</a></td>'
                    '<td>2024/3/{i}</td></tr>'.replace("{cls}", "odd"))
    rows = rows.replace('class="odd"', 'class="even"', 3)
    assert notices(f'<table class="listTable"><tbody>{rows}</tbody></table>') == [f"art_5_{i}77.html" for i in range(1, 7)]


def test_a_list_split_into_blocks_of_five_is_one_list():
    blocks = "".join('<ul class="news">' + "".join(
        f'<li><a href="/xw/{b}{i}.html">第{b}组第{i}条工作动态信息标题</a><em>2024-05-0{i}</em></li>' for i in range(1, 6))
        + "</ul><div class='line'></div>" for b in range(1, 4))
    assert len(notices(f'<div class="main">{blocks}</div>')) == 15


def test_a_one_item_last_page_is_still_the_list():
    body = '<div class="list"><ul><li><a href="/tzgg/202401/t20240110_99.html">关于做好年终总结工作的通知</a><span>2024-01-10</span></li></ul></div>'
    assert notices(body) == ["t20240110_99.html"]


def test_detail_pattern_still_wins():
    body = '<div class="list"><ul>' + items(4, '<li><a href="/tzgg/{i}.html">关于第{i}项工作的通知事项</a><span>2024-02-0{i}</span></li>') + "</ul></div>"
    found = notices(body, detail=re.compile(r"/gzdt/\d+"))
    assert found == ["t20240101_1.html", "t20240102_2.html", "t20240103_3.html"]
