"""`govarchive demo --families`: one site per CMS family the plain demo lacks
(crawler/demo/families.py), each entered with ``cms = "auto"`` and no ``detail_pattern``,
crawled end to end; and the same sites added by `govarchive add URL` alone.

Every notice of every family site is archived and nothing else is (no list page, no JSON
answer, no home page). The plain demo is not part of it, so its figures
(tests/demo_day0_digests.json, TOTAL in tests/test_resume.py) are unchanged.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from pathlib import Path

import pytest

from crawler.demo.families import FAMILY_KEYS, FamilyDemo, FamilySite
from tests.conftest import run_cli


def rows(db: Path, sql: str, params=()) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


@pytest.fixture(scope="module")
def families():
    with FamilyDemo() as demo:
        yield demo


@pytest.fixture(scope="module")
def family_crawl(families, tmp_path_factory):
    db = tmp_path_factory.mktemp("families") / "archive.db"
    result = run_cli("demo", "--families", "--no-serve", "--db", str(db),
                     env={"GOVARCHIVE_DEMO_BASES": json.dumps(families.bases)}, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_every_family_site_is_archived_whole_and_nothing_else(families, family_crawl):
    stored = rows(family_crawl, "SELECT site, url, title FROM notices")
    for key, site in families.sites.items():
        mine = {r["url"]: r["title"] for r in stored if r["site"] == f"demo-{key}"}
        assert mine == site.notices, (key, sorted(set(site.notices) ^ set(mine))[:5])
    assert len(stored) == sum(len(site.notices) for site in families.sites.values())
    runs = {r["site"]: r for r in rows(family_crawl, "SELECT site, health, health_notes FROM crawl_runs")}
    assert sorted(runs) == sorted(f"demo-{key}" for key in FAMILY_KEYS)  # the plain demo is not in it
    # the end of a list API (an empty answer) is no list that lost its links
    assert all(run["health"] == "ok" for run in runs.values()), runs


def test_family_notices_carry_the_date_their_list_gives(families, family_crawl):
    days = {r["url"]: r["published"] for r in rows(family_crawl, "SELECT url, published FROM notices")}
    for site in families.sites.values():
        for column in site.columns.values():
            for notice in column.notices:
                assert (days[site.base + notice.path] or "")[:10] == notice.day.isoformat()


def test_each_family_site_added_from_its_address_alone_crawls_every_notice(families, tmp_path):
    registry = tmp_path / "sites.toml"
    for key in FAMILY_KEYS:
        added = run_cli("add", f"{families.bases[key]}/", "--delay", "0", "--name", f"added-{key}",
                        "--write", "--registry", str(registry), env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
        assert added.returncode == 0, (key, added.stderr)
        entry = tomllib.loads(added.stdout)["site"][0]
        assert entry["cms"] == "auto" and "detail_pattern" not in entry
    # The demo is local: loosen politeness as the hand entries do (the one edit made here).
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("\nlists = [", "\npoliteness = { delay = 0.0, concurrency = 4 }\nlists = ["),
                        encoding="utf-8")
    db = tmp_path / "archive.db"
    crawled = run_cli("crawl", *(f"added-{key}" for key in FAMILY_KEYS), "--db", str(db), "--quiet",
                      env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=120)
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    stored = rows(db, "SELECT site, url FROM notices")
    for key, site in families.sites.items():
        mine = {r["url"] for r in stored if r["site"] == f"added-{key}"}
        assert mine == set(site.notices), (key, sorted(set(site.notices) ^ mine)[:5])


def test_a_changed_pager_is_recorded_for_its_column_and_warned_of_in_health(tmp_path):
    registry, db = tmp_path / "sites.toml", tmp_path / "archive.db"
    with FamilySite("trs6") as site:
        column = f"{site.base}/zwgk/tzgg/index.shtml"
        registry.write_text(
            f'[[site]]\nname = "pager-trs6"\norganisation = "{site.org}"\nprovince = "测试省"\norg_type = "政府"\n'
            f'cms = "auto"\nhome_url = "{site.base}/"\nlists = [ {{ url = "{column}", channel = ["通知公告"] }} ]\n'
            "politeness = { delay = 0.0, concurrency = 4 }\n", encoding="utf-8")
        env = {"GOVARCHIVE_REGISTRY": str(registry)}
        first = run_cli("crawl", "pager-trs6", "--db", str(db), "--quiet", env=env, timeout=60)
        assert first.returncode == 0, first.stderr[-3000:]
        # A redesign: the pager script gives way to plain 下一页 links to the same pages.
        for path, (ctype, text) in list(site.routes.items()):
            if "createPageHTML(" in text:
                site.routes[path] = (ctype, re.sub(
                    r"<script>createPageHTML\('page_div',(\d+), (\d+),'index','shtml',\d+\);</script>",
                    lambda m: f'<a href="index_{int(m[2]) + 1}.shtml">下一页</a>' if m[2] != m[1] else "", text))
        second = run_cli("crawl", "pager-trs6", "--db", str(db), "--quiet", env=env, timeout=60)
        assert second.returncode == 0, second.stderr[-3000:]
    (kept,) = rows(db, "SELECT url, pager, previous_pager, pager_changed_run FROM site_columns")
    runs = rows(db, "SELECT id, health, health_notes FROM crawl_runs ORDER BY id")
    assert (kept["pager"], kept["previous_pager"], kept["pager_changed_run"]) == ("link", "trs-createPageHTML", runs[1]["id"])
    assert runs[0]["health"] == "ok"
    assert runs[1]["health"] == "attention"
    assert f"pager of {column} changed: trs-createPageHTML → link" in runs[1]["health_notes"]
