"""The formats government sites attach, each read to searchable text (issue: the documents
behind the notices). Files in ``tests/attachments`` are real (see its README) except the two
scans; the rest are built here with the libraries that write them."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from crawler.extract import attachments
from crawler.items import Attachment, Notice
from crawler.keep import Archive, search
from crawler.navigate.registry import ColumnList, Site

FILES = Path(__file__).parent / "attachments"

needs_antiword = pytest.mark.skipif(not shutil.which("antiword"),
                                    reason="antiword (Debian package antiword) is not installed")
needs_ocr = pytest.mark.skipif(
    not (attachments.ocr.available() and shutil.which("pdftoppm")),
    reason="Tesseract with chi_sim and pdftoppm (tesseract-ocr-chi-sim, poppler-utils) missing")


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ofd(runs: list[tuple[float, float, str]]) -> bytes:
    """A two-level OFD whose text objects are written in the order given (x, y, text)."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    objects = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="{x} {y} 100 5" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject>'
        for i, (x, y, text) in enumerate(runs))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml'
                                    '</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages>'
                         '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
                         '</ofd:Document>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml",
                         f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{objects}'
                         '</ofd:Layer></ofd:Content></ofd:Page>')
    return out.getvalue()


def test_the_format_is_told_from_the_bytes_not_the_name():
    assert attachments.kind_of(read("word97.doc")) == "doc"
    assert attachments.kind_of(read("sheet.xls")) == "xls"
    assert attachments.kind_of(read("docx-named.wps")) == "docx"
    assert attachments.kind_of(read("helloworld.ofd")) == "ofd"
    assert attachments.kind_of(read("scan.pdf")) == "pdf"
    assert attachments.kind_of(read("scan.png")) == "image"
    assert attachments.kind_of(xlsx([["甲"]])) == "xlsx"
    assert attachments.kind_of(b"PK\x03\x04 not a zip") is None
    assert attachments.kind_of(b"plain bytes") is None


@needs_antiword
def test_binary_word_and_wps_saved_as_word():
    text = attachments.extract(read("word97.doc"))
    assert text.startswith("小杂感") and "蜜蜂的刺" in text


def test_a_wps_file_that_is_docx_inside():
    assert "提出知道商城" in attachments.extract(read("docx-named.wps"))


def test_spreadsheets_xls_et_and_xlsx():
    sheet = attachments.extract(read("sheet.xls"))  # Kingsoft .et files are read the same way
    assert "测试表格" in sheet and "row\ttitle\tsubscribe\tadditional" in sheet
    text = attachments.extract(xlsx([["姓名", "单位", "职务"], ["张三", "县政协", "委员"], [None, 12.0]]))
    assert text.split("\n") == ["名单", "姓名\t单位\t职务", "张三\t县政协\t委员", "12"]


def test_ofd_is_read_in_reading_order():
    assert attachments.extract(read("helloworld.ofd")) == "你好呀，OFD Reader&Writer！"
    assert "不动产证明" in attachments.extract(read("certificate.ofd"))
    # drawn bottom line first, and a line drawn right half before left half
    text = attachments.extract(ofd([(20, 50, "请各单位遵照执行。"), (70, 20, "的通知"),
                                    (20, 20, "关于开展安全检查")]))
    assert text == "关于开展安全检查的通知请各单位遵照执行。"  # lines of one paragraph joined


@needs_ocr
def test_a_scanned_pdf_and_an_image_are_read_by_ocr():
    for name in ("scan.pdf", "scan.png"):
        text = attachments.extract(read(name))
        assert "防汛抗旱" in text and "七月十日" in text, (name, text)


def test_damaged_and_unknown_files_give_no_text_and_never_raise():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    for body in (ole, read("word97.doc")[:5000], read("sheet.xls")[:3000],
                 read("helloworld.ofd")[:800], b"%PDF-1.4 broken", b"\x89PNG\r\n\x1a\nbroken"):
        assert not attachments.extract(body)


SITE = Site(name="files-test", organisation="附件测试", province="浙江省", city="测试市",
            org_type="政协", cms="hanweb", home_url="https://zx.test.gov.cn/",
            lists=(ColumnList(url="https://zx.test.gov.cn/col/1/index.html"),))


def test_every_format_is_searchable_in_the_archive(tmp_path):
    """Through the archive's own file store: each file's text joins its notice's entry."""
    files = {"a.doc": read("word97.doc"), "b.et": read("sheet.xls"),
             "c.xlsx": xlsx([["报名回执", "联系电话"]]), "d.ofd": read("helloworld.ofd"),
             "e.wps": read("docx-named.wps")}
    words = {"a.doc": "蜜蜂", "b.et": "测试表格", "c.xlsx": "报名回执", "d.ofd": "你好呀",
             "e.wps": "商城"}
    if attachments.ocr.available() and shutil.which("pdftoppm"):
        files["f.pdf"], words["f.pdf"] = read("scan.pdf"), "防汛"
    if not shutil.which("antiword"):
        files.pop("a.doc")
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_site(SITE)
    for i, name in enumerate(files):
        url = f"https://zx.test.gov.cn/files/{name}"
        archive.notices.store(SITE, Notice(url=f"https://zx.test.gov.cn/art/{i}.html",
                                           title=f"通知{i}", body=["正文。"],
                                           attachments=[Attachment(url=url, name=name)]))
        archive.files.attach(url, files[name], None, name)
    archive.close()
    conn = sqlite3.connect(tmp_path / "archive.db")
    try:
        for i, name in enumerate(files):
            found = search.match_ids(conn, words[name])
            assert found and found == search.like_ids(conn, words[name]), name
    finally:
        conn.close()
