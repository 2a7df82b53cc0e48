"""archive.db published with Datasette: metadata, facets, the notice page, escaping, read-only.

The archive is written through crawler.keep.Archive, as the crawler writes it; Datasette is
driven through datasette.client and, once, through a real ``serve()`` on a free port.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib.metadata
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from crawler.demo.assets import png
from crawler.publish import plugin as datasette_plugin
from crawler.publish import text as ga_text
from crawler.items import FLAGS, Attachment, Image, Notice
from crawler.publish.serve import (
    COLUMNS,
    PortInUse,
    ServeError,
    build_datasette,
    build_metadata,
    serve,
)
from crawler.keep import Archive, FetchInfo, TakedownPolicy
from crawler.fetch.warc import WarcSeries, warc_dir
from crawler.navigate.registry import ColumnList, Site
from tests.support.serving import free_port, serving

REPO = Path(__file__).resolve().parents[1]

XSS_TITLE = "<script>alert(1)</script>政协通知"
XSS_CAPTION = '<img src=x onerror=alert(1)>图为现场'
PDF_BYTES = b"%PDF-1.4\n" + b"x" * 2040

SITES = {
    "zx-hangzhou": Site(
        name="zx-hangzhou",
        organisation="政协杭州市委员会",
        province="浙江省",
        city="杭州市",
        org_type="政协",
        cms="hanweb",
        home_url="https://www.hzzx.gov.cn/",
        lists=(ColumnList(url="https://www.hzzx.gov.cn/col/col1/index.html", channel=("通知公告",)),),
    ),
    "gov-ningbo": Site(
        name="gov-ningbo",
        organisation="宁波市人民政府",
        province="浙江省",
        city="宁波市",
        org_type="政府",
        cms="trs",
        home_url="https://www.ningbo.gov.cn/",
        lists=(ColumnList(url="https://www.ningbo.gov.cn/col/col2/index.html"),),
    ),
}

LONG_PARAGRAPH = "为深入贯彻落实全市经济工作会议精神，进一步做好当前各项工作，现将有关事项通知如下。" * 6

NOTICES = [
    (
        "zx-hangzhou",
        Notice(
            url="https://www.hzzx.gov.cn/art/2024/1/30/art_1_101.html",
            title="关于召开政协第十三届杭州市委员会第三次会议的通知",
            subtitle="（第一号）",
            published="2024-01-30",
            author="办公室",
            source="市政协办公厅",
            signed_by="政协杭州市委员会办公厅",
            signed_date="2024-01-30",
            doc_number="杭政协办〔2024〕3号",
            channel=["通知公告", "会议通知"],
            body=[
                "各位委员：",
                "经研究，决定召开政协第十三届杭州市委员会第三次会议。",
                "图为上次会议现场",
                "请各位委员准时出席。",
                "政协杭州市委员会办公厅",
                "2024年1月30日",
            ],
            images=[
                Image(src="https://www.hzzx.gov.cn/img/meeting.jpg", caption="图为上次会议现场"),
                Image(src="javascript:alert(2)", caption=XSS_CAPTION, alt='" onload="alert(3)'),
            ],
            attachments=[
                Attachment(
                    url="https://www.hzzx.gov.cn/files/agenda.pdf", name="会议议程.pdf", kind="pdf"
                ),
                Attachment(url="javascript:alert(4)", name="<b>回执</b>.doc", kind="doc"),
            ],
            flags=["date_without_year"],
            info={"浏览次数": "128"},
        ),
    ),
    (
        "zx-hangzhou",
        Notice(
            url="https://www.hzzx.gov.cn/art/2023/5/6/art_1_102.html",
            title=XSS_TITLE,
            published="2023-05-06T09:30:00",
            channel=["通知公告"],
            body=["正文第一段。", "<script>alert(5)</script>"],
            flags=["truncated", "encoding_damage"],
        ),
    ),
    (
        "gov-ningbo",
        Notice(
            url="https://www.ningbo.gov.cn/art/2024/3/1/art_2_201.html",
            title="宁波市人民政府办公厅关于做好当前工作的通知",
            published="2024-03-01",
            channel=["政务公开", "通知"],
            body=[LONG_PARAGRAPH, "宁波市人民政府办公厅", "2024年3月1日"],
            signed_by="宁波市人民政府办公厅",
        ),
    ),
    (
        "gov-ningbo",
        Notice(
            url="https://www.ningbo.gov.cn/art/2022/12/1/art_2_202.html",
            title="宁波市关于征求意见的公告",
            published="2022-12-01",
            channel=["政务公开", "通知"],
            body=["征求意见，截至12月31日。"],
            flags=["traditional_script"],
            original={"title": "寧波市關於徵求意見的公告", "body": ["徵求意見，截至12月31日。"]},
        ),
    ),
    (
        "gov-ningbo",
        Notice(
            url="https://www.ningbo.gov.cn/art/x/art_2_203.html",
            title="无日期的通知",
            channel=["政务公开", "通知"],
            body=["没有日期。"],
            flags=["no_date"],
        ),
    ),
]


def run(coro):
    return asyncio.run(coro)


def get(ds, path: str) -> httpx.Response:
    return run(ds.client.get(path))


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "archive.db"
    archive = Archive(path)
    for site in SITES.values():
        archive.upsert_site(site)
    for site_name, notice in NOTICES:
        archive.notices.store(SITES[site_name], notice)
    archive.files.attach(
        "https://www.hzzx.gov.cn/files/agenda.pdf", PDF_BYTES, "application/pdf", "agenda.pdf"
    )
    archive.files.keep_image("https://www.hzzx.gov.cn/img/meeting.jpg", png(4, 4, (200, 0, 0)),
                             "image/png")
    run_id = archive.runs.start("zx-hangzhou", "full")
    archive.runs.finish(run_id, "finished", {"requests": 10, "new": 2, "list_pages": 1})
    run_id = archive.runs.start("gov-ningbo", "full")  # a run that found no list: attention
    archive.runs.finish(run_id, "finished", {"requests": 3, "errors": 3, "list_pages": 0})
    # history: notice 4 is edited (its new text read from a WARC record), notice 3 taken down
    warc_file, warc_offset = _write_warc(path, NOTICES[4][1].url, ARCHIVED_HTML)
    archive.notices.store(SITES["gov-ningbo"], EDITED, FetchInfo(
        warc_file=warc_file, warc_offset=warc_offset))
    archive.notices.policy = TakedownPolicy(runs=2, days=0)
    for _ in range(2):
        archive.notices.gone(NOTICES[3][1].url, "404")
    archive.close()
    return path


ARCHIVED_HTML = (
    '<html><head><title>无日期的通知</title></head><body><h1>无日期的通知（更正）</h1>'
    '<script>alert("warc")</script><p>没有日期。已更正。</p></body></html>'
).encode("utf-8")
EDITED = dataclasses.replace(NOTICES[4][1], title="无日期的通知（更正）",
                             body=["没有日期。", "已更正。"], source="办公厅")


def _write_warc(db_path: Path, url: str, html: bytes) -> tuple[str, int]:
    """A WARC response record beside the database, as the crawl's recorder writes one."""
    from warcio.statusandheaders import StatusAndHeaders

    series = WarcSeries(warc_dir(db_path), "test")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    record = series.writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                              http_headers=headers)
    offset = series.write([record])
    name = series.name
    series.close()
    return name, offset


@pytest.fixture(scope="module")
def ds(archive_path):
    return build_datasette(archive_path)


@pytest.fixture(scope="module")
def ids(archive_path) -> dict[str, int]:
    archive = Archive(archive_path)
    try:
        return {notice.url: archive.notices.row(notice.url)["id"] for _, notice in NOTICES}
    finally:
        archive.close()


def notice_id(ids, index: int) -> int:
    return ids[NOTICES[index][1].url]


# -- metadata and settings --------------------------------------------------------------------


def test_metadata_describes_every_column_of_the_schema(ds, archive_path):
    metadata = get(ds, "/-/metadata.json").json()
    assert metadata["title"] == "govarchive"
    assert metadata["description"] and metadata["source"] and metadata["license"]
    tables = metadata["databases"]["archive"]["tables"]
    db = ds.get_database("archive")
    # FTS5's own storage (notices_fts_data, _idx, _docsize, _config) is not the archive's
    schema_tables = [t for t in run(db.table_names()) if not t.startswith("notices_fts_")]
    assert set(schema_tables) <= set(tables), "a table of storage.py has no metadata"
    for table in schema_tables:
        columns = run(db.table_columns(table))
        missing = [c for c in columns if not tables[table]["columns"].get(c)]
        assert not missing, f"{table}: columns without a description: {missing}"
    notices = tables["notices"]
    assert notices["facets"] == [{"counted": c} for c in ("site", "region", "channel", "year",
                                                          "status")]
    assert notices["sort_desc"] == "published"
    assert notices["label_column"] == "title"


def test_database_name_follows_the_file_name(tmp_path):
    path = tmp_path / "night-crawl.db"
    Archive(path).close()
    ds = build_datasette(path)
    assert "night-crawl" in ds.databases
    assert "night-crawl" in build_metadata("night-crawl")["databases"]
    assert ds.databases["night-crawl"].is_mutable


def test_settings_are_set(ds):
    settings = get(ds, "/-/settings.json").json()
    assert settings["sql_time_limit_ms"] >= 5000
    # facets are counted ahead or bounded: one never holds a page past a reader's patience
    assert 100 <= settings["facet_time_limit_ms"] <= 300
    assert settings["default_page_size"] == 50
    assert settings["max_returned_rows"] >= 1000


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ServeError, match="no archive database"):
        build_datasette(tmp_path / "nope.db")


# -- the notices table ------------------------------------------------------------------------


def test_notice_row_json(ds, ids):
    nid = notice_id(ids, 0)
    data = get(ds, f"/archive/notices/{nid}.json?_shape=objects").json()
    row = data["rows"][0]
    assert row["title"] == NOTICES[0][1].title
    assert row["channel"] == "通知公告 > 会议通知"
    assert row["body"].split("\n")[0] == "各位委员："
    assert json.loads(row["flags"]) == ["date_without_year"]


def test_facets_site_region_channel_year_with_counts(ds):
    data = get(ds, "/archive/notices.json").json()
    facets = data["facet_results"]
    assert set(facets) >= {"site", "region", "channel", "year"}
    counts = {name: {r["value"]: r["count"] for r in facets[name]["results"]} for name in facets}
    assert counts["site"] == {"zx-hangzhou": 2, "gov-ningbo": 3}
    assert counts["region"] == {"浙江省 杭州市": 2, "浙江省 宁波市": 3}
    assert counts["channel"] == {"通知公告 > 会议通知": 1, "通知公告": 1, "政务公开 > 通知": 3}
    assert counts["year"] == {2024: 2, 2023: 1, 2022: 1}
    assert not any(facets[name]["truncated"] for name in facets)


def test_sorted_by_published_newest_first(ds):
    rows = get(ds, "/archive/notices.json?_shape=objects").json()["rows"]
    published = [r["published"] for r in rows]
    assert published == ["2024-03-01", "2024-01-30", "2023-05-06T09:30:00", "2022-12-01", None]


def test_table_links_titles_previews_body_and_shows_flags_as_chips(ds, ids):
    html = get(ds, "/archive/notices").text
    nid = notice_id(ids, 2)
    assert f'<a class="ga-title" href="/-/notice/{nid}">宁波市人民政府办公厅关于做好当前工作的通知</a>' in html
    assert LONG_PARAGRAPH not in html
    assert LONG_PARAGRAPH[:40] in html and "…" in html
    assert '<span class="ga-flag" title="{}">truncated</span>'.format(FLAGS["truncated"]) in html
    assert "/-/govarchive/static/govarchive.css" in html
    assert get(ds, "/-/govarchive/static/govarchive.css").status_code == 200


def test_row_page_shows_the_whole_body_and_links_to_the_document(ds, ids):
    nid = notice_id(ids, 2)
    html = get(ds, f"/archive/notices/{nid}").text
    assert LONG_PARAGRAPH in html
    assert f'href="/-/notice/{nid}">read as document' in html


def test_q_searches_title_and_body(ds):
    rows = get(ds, "/archive/notices.json?_shape=objects&_q=征求意见").json()["rows"]
    assert [r["title"] for r in rows] == ["宁波市关于征求意见的公告"]
    rows = get(ds, "/archive/notices.json?_shape=objects&_q=会议 委员").json()["rows"]
    assert len(rows) == 1
    assert get(ds, "/archive/notices.json?_q=%25").json()["rows"] == []


def test_home_page_says_what_the_archive_holds(ds):
    html = get(ds, "/").text
    assert "The archive holds <strong>5</strong> notices" in html
    assert "政协杭州市委员会" in html and "宁波市人民政府" in html
    assert "2022-12-01 to 2024-03-01" in html
    assert 'action="/-/search"' in html and 'name="q"' in html


# -- the notice page --------------------------------------------------------------------------


def test_notice_page_reads_like_a_document(ds, ids):
    nid = notice_id(ids, 0)
    response = get(ds, f"/-/notice/{nid}")
    assert response.status_code == 200
    html = response.text
    notice = NOTICES[0][1]
    assert f'<h1 class="ga-title">{notice.title}</h1>' in html
    assert "（第一号）" in html and "杭政协办〔2024〕3号" in html
    assert "市政协办公厅" in html and "办公室" in html
    assert '<time datetime="2024-01-30">2024-01-30</time>' in html
    assert "<p>各位委员：</p>" in html
    assert "<p>经研究，决定召开政协第十三届杭州市委员会第三次会议。</p>" in html
    # the caption paragraph became a figure: the image with its caption beside it
    figure = re.search(r'<figure class="ga-figure">(.*?)</figure>', html, re.S).group(1)
    assert re.search(r'<img src="/-/image/\d+"', figure)  # the archive's copy, not the site's
    assert 'src="https://www.hzzx.gov.cn/img/meeting.jpg"' not in html
    assert "<figcaption>图为上次会议现场</figcaption>" in figure
    assert "<p>图为上次会议现场</p>" not in html
    # the signature is right-aligned
    assert '<p class="ga-signature">政协杭州市委员会办公厅</p>' in html
    assert '<p class="ga-signature">2024年1月30日</p>' in html
    assert '<p class="ga-signature">请各位委员准时出席。</p>' not in html
    # channel breadcrumb, attachments with sizes and archived copy, original URL
    assert "通知公告</span>" in html and "会议通知</a>" in html
    assert 'href="https://www.hzzx.gov.cn/files/agenda.pdf"' in html and "会议议程.pdf" in html
    assert "2.0 KB" in html
    assert "/-/attachment/" in html
    assert f'href="{notice.url}"' in html
    # quality notes, record, page info
    assert FLAGS["date_without_year"] in html
    assert "First seen" in html and "Last seen" in html and ">live<" in html
    assert "浏览次数" in html and "128" in html


def test_notice_page_keeps_the_original_script(ds, ids):
    html = get(ds, f"/-/notice/{notice_id(ids, 3)}").text
    assert "寧波市關於徵求意見的公告" in html and "徵求意見，截至12月31日。" in html
    assert FLAGS["traditional_script"] in html


def test_unknown_notice_is_404(ds):
    assert get(ds, "/-/notice/999999").status_code == 404
    assert get(ds, "/-/notice/abc").status_code == 404
    assert get(ds, "/-/notice/99999999999999999999999").status_code == 404


def test_attachment_copy_is_a_download(ds, archive_path):
    archive = Archive(archive_path)
    att_id = archive.db.execute(
        "select id from attachments where url = ?", ["https://www.hzzx.gov.cn/files/agenda.pdf"]
    ).fetchone()[0]
    unfetched = archive.db.execute(
        "select id from attachments where url = 'javascript:alert(4)'"
    ).fetchone()[0]
    archive.close()
    response = get(ds, f"/-/attachment/{att_id}")
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert get(ds, f"/-/attachment/{unfetched}").status_code == 404


# -- untrusted text stays text ----------------------------------------------------------------


def assert_escaped(html: str) -> None:
    assert "<script>alert(" not in html
    assert "<img src=x onerror" not in html
    assert 'onload="alert' not in html
    assert "<b>回执</b>" not in html
    assert not re.search(r'(href|src)="\s*javascript:', html, re.I)


def test_crawled_text_is_escaped_everywhere(ds, ids):
    pages = {
        "notice with script title": f"/-/notice/{notice_id(ids, 1)}",
        "notice with onerror caption": f"/-/notice/{notice_id(ids, 0)}",
        "table": "/archive/notices",
        "row": f"/archive/notices/{notice_id(ids, 1)}",
        "images": "/archive/images",
        "home": "/",
        "search": "/archive/notices?_q=%3Cscript%3Ealert(1)%3C/script%3E",
    }
    for name, path in pages.items():
        response = get(ds, path)
        assert response.status_code == 200, name
        assert_escaped(response.text)
    script_page = get(ds, pages["notice with script title"]).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;政协通知" in script_page
    caption_page = get(ds, pages["notice with onerror caption"]).text
    assert "&lt;img src=x onerror=alert(1)&gt;图为现场" in caption_page
    assert "&lt;b&gt;回执&lt;/b&gt;" in caption_page
    assert "javascript:alert(4)" in caption_page  # shown as text, not as a link


def test_unit_helpers():
    assert ga_text.safe_href(" https://a.gov.cn/x ") == "https://a.gov.cn/x"
    bad_urls = ["javascript:alert(1)", "JaVaScRiPt:x", "//evil", "/x", "data:text/html,x", None]
    for bad in bad_urls:
        assert ga_text.safe_href(bad) is None
    paras = ["正文。", "中共某市委组织部", "某市人力资源和社会保障局", "2024年1月1日"]
    assert ga_text.signature_start(paras, "中共某市委组织部 某市人力资源和社会保障局") == 1
    assert ga_text.signature_start(paras, "某市人力资源和社会保障局") == 2
    assert ga_text.signature_start(paras, "某市财政局") == 4
    assert ga_text.signature_start(paras + ["一段很长的正文" * 10], "某市人力资源和社会保障局") == 5
    assert ga_text.signature_start(paras, None) == 4
    assert ga_text.parse_flags("not json") == ["not json"]
    assert ga_text.download_name('../../etc/"x', None, 7) == ("attachment-7", "etcx")


# -- read-only and live -----------------------------------------------------------------------


def test_write_endpoints_are_refused(ds, ids):
    for path in [
        "/-/insert",
        "/archive/-/create",
        "/archive/notices/-/insert",
        f"/archive/notices/{notice_id(ids, 0)}/-/delete",
        "/archive/-/query",
        "/-/messages",
    ]:
        response = run(ds.client.post(path, json={"rows": [{"title": "x"}]}))
        assert response.status_code in (403, 404, 405), path
    response = get(ds, "/archive.json?sql=delete+from+notices")
    assert response.status_code == 400
    count = get(ds, "/archive.json?sql=select+count(*)+as+n+from+notices&_shape=array").json()
    assert count == [{"n": 5}]
    assert run(ds.permission_allowed(None, "insert-row", ("archive", "notices"))) is False


def test_the_file_is_read_live_not_immutable(tmp_path):
    path = tmp_path / "archive.db"
    archive = Archive(path)
    site = SITES["gov-ningbo"]
    archive.upsert_site(site)
    ds = build_datasette(path)
    assert get(ds, "/archive/notices.json").json()["rows"] == []
    archive.notices.store(site, Notice(url="https://www.ningbo.gov.cn/art/new.html", title="夜间新抓取"))
    archive.close()
    rows = get(ds, "/archive/notices.json?_shape=objects").json()["rows"]
    assert [r["title"] for r in rows] == ["夜间新抓取"]


# -- a real server ----------------------------------------------------------------------------


def test_serve_on_a_real_port(archive_path, ids):
    port = free_port()
    code = (
        "import sys; from crawler.publish.serve import serve;"
        " serve(sys.argv[1], port=int(sys.argv[2]), log_level='warning')"
    )
    with serving(["-c", code, str(archive_path), str(port)], port, seconds=60) as base:
        nid = notice_id(ids, 0)
        row = httpx.get(f"{base}/archive/notices/{nid}.json?_shape=objects").json()["rows"][0]
        assert row["site"] == "zx-hangzhou"
        page = httpx.get(f"{base}/-/notice/{nid}")
        assert page.status_code == 200 and "<p>各位委员：</p>" in page.text
        refused = httpx.post(f"{base}/archive/notices/-/insert", json={"row": {"title": "x"}})
        assert refused.status_code == 405


def test_a_taken_port_is_port_in_use(archive_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse) as excinfo:
            serve(archive_path, port=port)
    message = str(excinfo.value)
    assert str(port) in message and "already in use" in message and "\n" not in message


# -- the entry point --------------------------------------------------------------------------


def test_installed_entry_point_loads_the_plugin():
    entry_points = [
        ep for ep in importlib.metadata.entry_points(group="datasette") if ep.name == "govarchive"
    ]
    if not entry_points:
        pytest.skip("govarchive is not installed (pip install -e .)")
    assert entry_points[0].value == "crawler.publish.plugin"
    from datasette.plugins import pm

    loaded = [plugin for plugin, _ in pm.list_plugin_distinfo()]
    assert datasette_plugin in loaded, "the entry point did not register crawler.publish.plugin"
    assert COLUMNS  # the metadata module imports alongside it


# -- history, takedowns, archived copies ----------------------------------------------------


def test_notice_page_shows_versions_and_what_changed(ds, ids):
    nid = notice_id(ids, 4)
    html = get(ds, f"/-/notice/{nid}").text
    assert f'<h1 class="ga-title">{EDITED.title}</h1>' in html
    assert "Version 2</a>" in html and "Version 1</a>" in html
    assert "<ins>（更正）</ins>" in html  # the title's change, marked
    assert '<p class="ga-diff-added"><ins>已更正。</ins></p>' in html
    assert "<del>—</del> → <ins>办公厅</ins>" in html  # a field that is not text to diff
    old = get(ds, f"/-/notice/{nid}?version=1").text
    assert "You are reading <strong>version 1</strong> of 2" in old
    assert '<h1 class="ga-title">无日期的通知</h1>' in old and "<p>已更正。</p>" not in old
    assert get(ds, f"/-/notice/{nid}?version=9").status_code == 404


def test_a_removed_notice_says_so_with_its_dates(ds, ids):
    html = get(ds, f"/-/notice/{notice_id(ids, 3)}").text
    assert "Removed from its site" in html and "first found missing on" in html
    assert "Last seen" in html and ">removed<" in html
    assert "missing 无法访问" in html and "removed 已撤除" in html  # the timeline
    table = get(ds, "/archive/notices?status__in=missing,removed").text
    assert '<span class="ga-status ga-status-removed">removed</span>' in table


def test_archived_copy_is_text_or_a_download_never_a_page(ds, ids):
    nid = notice_id(ids, 4)
    assert f"/-/notice/{nid}/archived/2" in get(ds, f"/-/notice/{nid}").text
    page = get(ds, f"/-/notice/{nid}/archived/2")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&#34;warc&#34;)&lt;/script&gt;" in page.text
    assert '<script>alert("warc")' not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    raw = get(ds, f"/-/notice/{nid}/archived/2.raw")
    assert raw.content == ARCHIVED_HTML
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in raw.headers["content-security-policy"]
    assert get(ds, f"/-/notice/{nid}/archived/1").status_code == 404  # no WARC for v1 here


def test_security_headers(ds, ids):
    own = get(ds, f"/-/notice/{notice_id(ids, 0)}")
    policy = own.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self' 'sha256-" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    for path in ["/archive/notices", "/", "/-/search?q=x"]:
        headers = get(ds, path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert "object-src 'none'" in headers["content-security-policy"], path
        assert headers["referrer-policy"] == "no-referrer"


# -- canned queries, charts, crawl health -------------------------------------------------


def test_canned_queries_answer_the_common_questions(ds):
    metadata = get(ds, "/-/metadata.json").json()
    queries = metadata["databases"]["archive"]["queries"]
    assert {"notices_per_site_per_month", "taken_down", "what_changed",
            "documents_of_a_region", "ranked_search"} <= set(queries)
    assert all(q["description"] and q["title"] for q in queries.values())

    def rows(name, **params):
        response = get(ds, f"/archive/{name}.json?_shape=array&" + "&".join(
            f"{k}={quote(v)}" for k, v in params.items()))
        assert response.status_code == 200, response.text
        return response.json()

    per_month = rows("notices_per_site_per_month", site="", year="")
    assert {"site": "gov-ningbo", "month": "2024-03", "notices": 1}.items() <= per_month[0].items()
    assert rows("notices_per_site_per_month", site="zx-hangzhou", year="2024")[0]["notices"] == 1
    taken = rows("taken_down", month="")  # this month: the fixture's takedown is today
    assert {r["event"] for r in taken} == {"missing", "removed"}
    assert [r["changed_fields"] for r in rows("what_changed", days="")] == ["title, source, body"]
    region = rows("documents_of_a_region", region="宁波", kind="通知")
    assert {r["title"] for r in region} == {"宁波市人民政府办公厅关于做好当前工作的通知",
                                           EDITED.title}
    assert rows("documents_of_a_region", region="杭州", kind="")== []  # no 倡议书 here
    ranked = rows("ranked_search", q="会议")
    assert ranked[0]["title"] == NOTICES[0][1].title  # in its title: first


def test_charts_are_inline_svg_and_need_no_script(ds):
    response = get(ds, "/-/charts")
    assert response.status_code == 200
    html = response.text
    assert html.count("<svg") >= 4  # all sites, takedowns, changes, one per site
    assert "<title>2024-03: notices 1</title>" in html
    assert "<script src" not in html.split("</header>", 1)[1].split("<footer", 1)[0]
    assert "<svg" in get(ds, "/").text  # the home page's chart


def test_crawl_health_page(ds):
    html = get(ds, "/-/health").text
    assert "Crawl health" in html and "zx-hangzhou" in html
    assert "ga-health-attention" in html and "no list page could be read" in html
    assert html.index("gov-ningbo") < html.index("zx-hangzhou")  # who needs a look comes first
    assert "<svg" in html


def test_menu_links_to_the_pages(ds):
    html = get(ds, "/archive/notices").text
    for path in ("/-/search", "/-/charts", "/-/health"):
        assert f'href="{path}"' in html


# -- a crawl writing while Datasette reads ------------------------------------------------

WRITER = """
import select, sys
from crawler.keep import Archive
from crawler.items import Notice
from tests.test_datasette import SITES
archive = Archive(sys.argv[1])
with archive.db.atomic():
    archive.notices.store(SITES["gov-ningbo"], Notice(
        url="https://www.ningbo.gov.cn/art/late.html", title="深夜写入的通知", body=["夜间抓取。"]))
    print("holding", flush=True)
    select.select([sys.stdin], [], [], float(sys.argv[2]))
archive.close()
print("committed", flush=True)
"""


HOLD = 60  # seconds the writer holds its transaction at most


def test_readers_are_not_blocked_by_a_crawl_holding_a_write_transaction(tmp_path):
    path = tmp_path / "archive.db"
    archive = Archive(path)
    for site in SITES.values():
        archive.upsert_site(site)
    for site_name, notice in NOTICES:
        archive.notices.store(SITES[site_name], notice)
    archive.close()
    ds = build_datasette(path)
    get(ds, "/archive/notices.json")  # connections opened before the writer starts
    # The writer holds its transaction until told to commit (or HOLD seconds): a reader that
    # waited for it would come back only after HOLD, long after the bound below.
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(HOLD)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        pages = ["/archive/notices?_search=%E9%80%9A%E7%9F%A5", "/-/search?q=%E9%80%9A%E7%9F%A5",
                 "/-/notice/1", "/", "/-/charts", "/archive.json?sql=select+count(*)+from+notices"]
        for page in pages:
            response = get(ds, page)
            assert response.status_code == 200, (page, response.text[:300])
            assert "locked" not in response.text
        count = get(ds, "/archive/notices.json?_search=%E6%B7%B1%E5%A4%9C&_size=0").json()
        assert count["filtered_table_rows_count"] == 0  # not committed yet
        assert time.monotonic() - started < HOLD / 2, "a reader waited for the writer"
        writer.stdin.write("commit\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
    finally:
        writer.wait(timeout=30)
        writer.stdout.close()
    count = get(ds, "/archive/notices.json?_search=%E6%B7%B1%E5%A4%9C&_size=0").json()
    assert count["filtered_table_rows_count"] == 1
