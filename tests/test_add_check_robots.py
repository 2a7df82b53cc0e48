"""`govarchive add` and `govarchive check` obey robots.txt as a crawl does: a page it disallows
is not fetched, and is reported in one line."""

from __future__ import annotations

import tomllib

import pytest

from crawler.demo.families import FamilySite
from tests.conftest import run_cli

ROBOTS = "User-agent: *\nDisallow: /gzdt/\nDisallow: /tzgg/20\n"  # a column, and the notices of another


@pytest.fixture
def site():
    with FamilySite("pagination") as site:
        site.routes["/robots.txt"] = ("text/plain; charset=utf-8", ROBOTS)
        yield site


def test_add_leaves_a_disallowed_column_unfetched_and_says_so(site, tmp_path):
    added = run_cli("add", f"{site.base}/", "--delay", "0", env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
    assert added.returncode == 0, added.stderr
    entry = tomllib.loads(added.stdout)["site"][0]
    assert [column["url"] for column in entry["lists"]] == [f"{site.base}/tzgg/index.html"]
    said = [line for line in added.stderr.splitlines() if "robots.txt" in line]
    assert said == [f"# {site.base}/gzdt/index.html: disallowed by robots.txt, not fetched"]
    assert "/robots.txt" in site.hits and not any(hit.startswith("/gzdt/") for hit in site.hits)


def test_add_of_a_disallowed_address_is_a_one_line_error(site, tmp_path):
    added = run_cli("add", f"{site.base}/gzdt/index.html", "--delay", "0", env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
    assert added.returncode != 0 and added.stdout == ""
    assert added.stderr.strip().splitlines() == [
        f"govarchive: error: {site.base}/gzdt/index.html: disallowed by robots.txt, not fetched"]
    assert not any(hit.startswith("/gzdt/") for hit in site.hits)


def test_check_fetches_no_disallowed_list_or_notice(site):
    refused = run_cli("check", f"{site.base}/gzdt/index.html", "--delay", "0")
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    assert "disallowed by robots.txt" in refused.stderr
    checked = run_cli("check", f"{site.base}/tzgg/index.html", "--delay", "0")
    assert checked.returncode == 0, checked.stderr
    samples = [line for line in checked.stdout.splitlines() if line.startswith("  ! ")]
    assert len(samples) == 3 and all(line.endswith(": disallowed by robots.txt, not fetched") for line in samples)
    assert not any(hit.startswith(("/gzdt/", "/tzgg/20")) for hit in site.hits)
