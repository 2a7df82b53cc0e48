"""Every pager kind the navigation room knows, each on the markup its CMS writes, and the CMS
fingerprints. Plain functions on page text: no server needed."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from crawler.extract.repair import parse
from crawler.navigate.fingerprint import detect
from crawler.navigate.pagers import find_pager

LIST = "http://www.example.gov.cn/tzgg/index.html"


def pager(html: str, url: str = LIST):
    return find_pager(html, parse(html), url)


@pytest.mark.parametrize(("html", "kind", "nxt", "total"), [
    ('<script>createPageHTML(7, 0, "index", "html");</script>', "trs-createPageHTML",
     "http://www.example.gov.cn/tzgg/index_1.html", 7),
    ('<script>createPageHTML(7, 6, "index", "html");</script>', "trs-createPageHTML", None, 7),
    ("<script>createPageHTML('page_div',5, 1,'fg','shtml',89);</script>", "trs-createPageHTML",
     "http://www.example.gov.cn/tzgg/fg_2.shtml", 5),
    ("<script>createPageHTML('page_div',5, 5,'fg','shtml',89);</script>", "trs-createPageHTML", None, 5),
    ("<script>new Pager({size: 12, current: 0, prefix: 'index', suffix: 'shtml'});</script>", "trs-Pager",
     "http://www.example.gov.cn/tzgg/index_1.shtml", 12),
    ('<div class="page"><a href="index_3.html">下一页</a></div>', "link",
     "http://www.example.gov.cn/tzgg/index_3.html", None),
    ('<a href="list_12_2.html">下页</a>', "link", "http://www.example.gov.cn/tzgg/list_12_2.html", None),
    ('<a href="tzgg/29.htm" class="Next">下页</a>', "link", "http://www.example.gov.cn/tzgg/tzgg/29.htm", None),
    ('<a href="list.jsp?totalpage=30&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1041">下页</a>', "link",
     "http://www.example.gov.cn/tzgg/list.jsp?totalpage=30&PAGENUM=2&urltype=tree.TreeTempUrl&wbtreeid=1041", None),
    ("""<a href="#" onclick="location.href='index_2.htm'">下一页</a>""", "onclick",
     "http://www.example.gov.cn/tzgg/index_2.htm", None),
    ("""<a href="javascript:void(0)" onclick="window.open('/tzgg/more.html?page=2')">下一页</a>""", "onclick",
     "http://www.example.gov.cn/tzgg/more.html?page=2", None),
    ("""<a href="javascript:goToPageURL('/tzgg/list_3.html')">下一页</a>""", "onclick",
     "http://www.example.gov.cn/tzgg/list_3.html", None),
    ("""<div id="page"></div><script>$("#page").pagination({totalPage: 54, currentPage: 1,
        callback: function(p){ location.href = 'index_' + p + '.html'; }});</script>""", "script-pager",
     "http://www.example.gov.cn/tzgg/index_2.html", 54),
    ("""<script>laypage.render({elem: 'pg', count: 125, limit: 15, curr: 1,
        jump: function(obj){ location.href = 'list_' + obj.curr + '.html'; }});</script>""", "total-pagesize",
     "http://www.example.gov.cn/tzgg/list_2.html", 9),
    ("""<script>var pageSize = 15; var total = 40; $('#pager').pagination({pageSize: 15, total: 40, pageIndex: 0});</script>""",
     "total-pagesize", None, 3),
    ('<span class="cur">1</span><a href="list_2.shtml">2</a><a href="list_3.shtml">3</a>', "numbered",
     "http://www.example.gov.cn/tzgg/list_2.shtml", None),
    ("<p>共 3 页</p>", "none", None, 3),
])
def test_pager_kinds(html, kind, nxt, total):
    found = pager(f"<html><body><ul><li>x</li></ul>{html}</body></html>")
    assert found.kind == kind
    assert found.next_urls == ([nxt] if nxt else [])
    assert found.total_pages == total


def test_epoint_numbered_page_beside_the_column_page():
    html = "<script>$('#pager').pagination({pageSize: 15, total: 40, pageIndex: 1});</script>"
    found = pager(html, "http://ggzy.example.gov.cn/jyxx/002001/2.html")
    assert found.next_urls == ["http://ggzy.example.gov.cn/jyxx/002001/3.html"]


def test_aspnet_postback_is_a_form_post_with_the_page_state():
    html = """<form method="post" action="./List.aspx?cid=12" id="form1">
      <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK=="/>
      <input type="hidden" name="__EVENTVALIDATION" value="/wEdAAb=="/>
      <input type="text" name="q" value=""/>
      <a href="javascript:__doPostBack('AspNetPager1','2')">下一页</a></form>"""
    found = pager(html, "http://www.example.gov.cn/List.aspx?cid=12")
    assert found.kind == "aspnet-postback"
    (request,) = found.requests
    assert request.method == "POST" and request.url == "http://www.example.gov.cn/List.aspx?cid=12"
    form = parse_qs(request.body)
    assert form["__VIEWSTATE"] == ["/wEPDwUK=="] and form["__EVENTVALIDATION"] == ["/wEdAAb=="]
    assert form["__EVENTTARGET"] == ["AspNetPager1"] and form["__EVENTARGUMENT"] == ["2"]
    assert "q" not in form


def test_go_to_page_posts_the_page_form():
    html = """<form name="pageForm" method="post" action="/tzgg/list.do">
      <input type="hidden" name="columnId" value="88"/><input type="hidden" name="pageNo" value="1"/></form>
      <a href="javascript:void(0)" onclick="goToPageURL(2)">下一页</a>"""
    found = pager(html)
    assert found.kind == "form-page"
    (request,) = found.requests
    assert request.method == "POST" and request.url == "http://www.example.gov.cn/tzgg/list.do"
    assert parse_qs(request.body) == {"columnId": ["88"], "pageNo": ["2"]}


def test_next_link_calling_an_ajax_function_is_that_request():
    html = """<a href="javascript:fn_items(2)">下一页</a>
    <script>function fn_items(n){ $.ajax({url:'/ajax/list.ashx', data:{action:'Items', Folder:'7', PageNum:n, Size:'15'},
      success: function(h){ $('#l').html(h); }}); }</script>"""
    found = pager(html)
    assert found.kind == "ajax-function"
    assert found.next_urls == ["http://www.example.gov.cn/ajax/list.ashx?action=Items&Folder=7&PageNum=2&Size=15"]


def test_a_next_link_to_this_very_page_is_no_next_page():
    assert pager('<a href="index.html">下一页</a>').kind == "none"


@pytest.mark.parametrize(("html", "url", "cms"), [
    ('<script type="text/xml"><datastore><nextgroup></nextgroup></datastore></script>', "http://a.gov.cn/col/col1/index.html", "hanweb"),
    ("<script>createPageHTML(3,0,'index','html')</script>", "http://a.gov.cn/x/index.html", "trs"),
    ('<a href="/gkmlpt/content/1/1.html">x</a>', "http://a.gov.cn/gkmlpt/index", "gkmlpt"),
    ('<script src="/system/resource/js/dynclicks.js"></script>', "http://a.edu.cn/tzgg.htm", "vsb"),
    ('<a href="list_3_2.html">下一页</a><a href="/plus/view.php?aid=9">x</a>', "http://a.cn/", "dedecms"),
    ('<input type="hidden" name="__VIEWSTATE" value="x"/>', "http://a.cn/List.aspx", "aspnet"),
    ('<meta name="generator" content="SiteServer CMS"/>', "http://a.cn/", "siteserver"),
    ("<p>hello</p>", "http://a.cn/", "generic"),
])
def test_fingerprints(html, url, cms):
    found, confidence = detect(html, url)
    assert found == cms
    assert (confidence > 0) == (cms != "generic")


def test_load_more_script_fetches_the_first_json_file():
    html = """<ul><li>x</li></ul><a id="more">加载更多</a><script>var page = 1;
      $('#more').click(function(){ $.getJSON('datas_126_' + page + '.json', function(d){ page++; }); });</script>"""
    found = pager(html)
    assert found.kind == "load-more-json"
    assert found.next_urls == ["http://www.example.gov.cn/tzgg/datas_126_1.json"]


def test_json_list_answers_give_their_records_and_the_next_page():
    from crawler.navigate.lists import read_list

    api = json.dumps({"total": 45, "pageSize": 20, "articles": [
        {"url": f"/gkmlpt/content/1/{i}/post_{i}.html", "title": f"关于第{i}号的通知",
         "first_publish_time": "2024-01-05 10:00:00"} for i in range(20)]})
    _, _, notices, found = read_list(api, "http://www.example.gov.cn/gkmlpt/api/all/3?page=1&sid=7")
    assert len(notices) == 20 and notices[0].url == "http://www.example.gov.cn/gkmlpt/content/1/0/post_0.html"
    assert notices[0].published == "2024-01-05"
    assert found.next_urls == ["http://www.example.gov.cn/gkmlpt/api/all/3?page=2&sid=7"] and found.total_pages == 3
    _, _, notices, found = read_list(api, "http://www.example.gov.cn/gkmlpt/api/all/3?page=3&sid=7")
    assert found.next_urls == []
    files = json.dumps([{"link": f"/tzgg/{i}.html", "title": f"通知{i}"} for i in range(5)])
    _, _, notices, found = read_list(files, "http://www.example.gov.cn/tzgg/datas_126_1.json")
    assert len(notices) == 5 and found.next_urls == ["http://www.example.gov.cn/tzgg/datas_126_2.json"]
    assert read_list("[]", "http://www.example.gov.cn/tzgg/datas_126_3.json")[3].next_urls == []
