"""WARC files a killed crawl left open are cut to their last whole record and closed."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders

from crawler.fetch.warc import OPEN_SUFFIX, WarcSeries, repair_open_files


def write_series(folder, n: int) -> tuple:
    from crawler.fetch.warc import _host

    # Named as a crawl on this host whose process is gone (pid 999999999 is never alive).
    series = WarcSeries(folder, f"govarchive-20220701000000-{_host()}-999999999")
    offsets = []
    for i in range(n):
        record = series.writer.create_warc_record(
            f"http://a.gov.cn/{i}.html", "response", payload=io.BytesIO(f"<p>第{i}号</p>".encode()),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        offsets.append(series.write([record]))
    return series, offsets


def test_offsets_point_at_records_and_warcio_check_passes(tmp_path):
    series, offsets = write_series(tmp_path, 3)
    series.close()
    (path,) = tmp_path.glob("*.warc.gz")
    with path.open("rb") as handle:
        handle.seek(offsets[2])
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Target-URI") == "http://a.gov.cn/2.html"
        assert "第2号" in record.content_stream().read().decode()
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_torn_file_is_cut_to_its_last_whole_record(tmp_path):
    series, offsets = write_series(tmp_path, 3)
    series.handle.flush()
    (open_path,) = tmp_path.glob(f"*{OPEN_SUFFIX}")
    whole = open_path.stat().st_size
    with open_path.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00garbage of a record cut by kill -9")
    (repaired,) = repair_open_files(tmp_path)
    assert repaired.stat().st_size == whole and not list(tmp_path.glob(f"*{OPEN_SUFFIX}"))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(repaired)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_check_these_tests_rely_on_fails_on_a_damaged_record(tmp_path):
    from warcio.warcwriter import WARCWriter

    raw = io.BytesIO()
    writer = WARCWriter(raw, gzip=False)
    writer.write_record(writer.create_warc_record(
        "http://a.gov.cn/", "response", payload=io.BytesIO(b"<p>notice</p>"),
        http_headers=StatusAndHeaders("200 OK", [], protocol="HTTP/1.1")))
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(raw.getvalue().replace(b"notice", b"NOTICE"))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(damaged)],
                           capture_output=True, text=True)
    assert check.returncode != 0 and "digest failed" in check.stdout


def test_a_file_another_live_worker_is_writing_is_left_alone(tmp_path):
    from crawler.fetch.warc import _host

    series = WarcSeries(tmp_path, f"govarchive-20220701000000-{_host()}-{os.getpid()}")
    assert repair_open_files(tmp_path) == []
    assert list(tmp_path.glob(f"*{OPEN_SUFFIX}")), "a live writer's file was taken from it"
    series.close()
