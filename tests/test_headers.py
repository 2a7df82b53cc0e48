"""File names from Content-Disposition, as Chinese government servers send them."""

from __future__ import annotations

import pytest

from crawler.fetch.headers import disposition_file_name


@pytest.mark.parametrize(("header", "name"), [
    ("attachment; filename*=UTF-8''%E5%85%B3%E4%BA%8E%E9%80%9A%E7%9F%A5.pdf".encode(), "关于通知.pdf"),
    ('attachment; filename="x.pdf"; filename*=UTF-8\'\'%E9%99%84%E4%BB%B6.doc'.encode(), "附件.doc"),
    ('attachment; filename="附件一.xls"'.encode("gbk"), "附件一.xls"),
    ('attachment; filename="附件一.xls"'.encode("utf-8"), "附件一.xls"),
    (b"attachment; filename=%E9%99%84%E4%BB%B6.pdf", "附件.pdf"),
    ("attachment; filename*=GBK''%B8%BD%BC%FE.pdf".encode(), "附件.pdf"),
    (b'attachment; filename="..\\\\..\\\\boot.ini"', "boot.ini"),
    (b"inline", None),
])
def test_disposition_file_names(header, name):
    assert disposition_file_name(header) == name
