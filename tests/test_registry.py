"""The registry: shipped entries load, and a malformed entry names its file and field."""

from __future__ import annotations

import re

import pytest

from crawler.demo.families import FAMILY_KEYS
from crawler.demo.guarded import GUARDED_KEYS, is_guarded
from crawler.navigate.registry import RegistryError, load_file, load_registry
from crawler.run.plan import demo_set

GOOD = """
[[site]]
name = "example-zx"
organisation = "政协某市委员会"
province = "某省"
city = "某市"
org_type = "政协"
cms = "generic"
home_url = "https://zx.example.gov.cn/"
detail_pattern = '/art/\\d+\\.html'
lists = [{ url = "https://zx.example.gov.cn/tzgg/", channel = ["通知公告"] }]
"""


def write(tmp_path, text: str):
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_registry_has_the_seed_sites_and_the_demo():
    sites = load_registry()
    assert sites.problems == []
    real = [s for s in sites.values() if not s.demo]
    demo = [s for s in sites.values() if s.demo and demo_set(s.demo) == "plain"]
    guarded = [s for s in sites.values() if s.demo and is_guarded(s.demo)]
    assert {s.home_url for s in real} >= {
        "https://www.gslzzx.gov.cn/", "http://www.bjzx.gov.cn/", "http://gatyzx.gov.cn/",
        "http://www.miaosu168.cn/", "http://www1.jizhaodahuang.com/",
    }
    assert all(not s.verified_online for s in real)
    assert sorted(s.demo for s in demo) == ["aspnet", "hanweb", "mirror", "trs", "united"]
    assert any(c.browser for s in demo for c in s.lists)
    assert sorted(s.demo for s in guarded) == sorted(GUARDED_KEYS)  # `govarchive demo --guarded`
    families = [s for s in sites.values() if s.demo and demo_set(s.demo) == "families"]
    assert sorted(s.demo for s in families) == sorted(FAMILY_KEYS)  # `govarchive demo --families`
    assert all(s.cms == "auto" and s.detail_regex is None for s in families)


def test_a_good_entry_loads(tmp_path):
    (site,) = load_file(write(tmp_path, GOOD))
    assert site.region == "某省 某市"
    assert site.lists[0].channel == ("通知公告",)
    assert site.politeness.delay == 1.0 and site.politeness.concurrency == 2


@pytest.mark.parametrize(
    ("change", "field", "why"),
    [
        (('org_type = "政协"', 'org_type = "committee"'), "org_type", "must be one of"),
        (('cms = "generic"', 'cms = "drupal"'), "cms", "must be one of"),
        (('name = "example-zx"', 'name = "Example ZX"'), "name", "lower-case"),
        (('province = "某省"\n', ""), "province", "is missing"),
        (("detail_pattern = '/art/\\d+\\.html'", "detail_pattern = '(('"), "detail_pattern", "regular expression"),
        (('home_url = "https://zx.example.gov.cn/"', 'home_url = "zx.example.gov.cn"'), "home_url", "absolute"),
        (('lists = [{ url = "https://zx.example.gov.cn/tzgg/", channel = ["通知公告"] }]', "lists = []"), "lists", "at least one"),
        (('channel = ["通知公告"] }', 'channel = ["通知公告"], browser = "yes" }'), "lists[1].browser", "true or false"),
        (('cms = "generic"', 'cms = "generic"\npoliteness = { delay = -1 }'), "politeness.delay", ">= 0"),
        (('cms = "generic"', 'cms = "generic"\npoliteness = { concurrency = 99 }'), "politeness.concurrency", "1 to 16"),
        (('cms = "generic"', 'cms = "generic"\nspeed = 3'), "speed", "not a registry field"),
    ],
)
def test_a_bad_entry_names_file_entry_and_field(tmp_path, change, field, why):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RegistryError) as error:
        load_file(path)
    message = str(error.value)
    assert message.startswith(f"{path}: site #1")
    assert f"field '{field}'" in message and why in message, message


def test_cms_and_detail_pattern_are_optional(tmp_path):
    """A new site is its address and its columns: the CMS is detected and the list inferred."""
    text = GOOD.replace('cms = "generic"\n', "").replace("detail_pattern = '/art/\\d+\\.html'\n", "")
    (site,) = load_file(write(tmp_path, text))
    assert site.cms == "auto" and site.detail_pattern is None and site.detail_regex is None
    (site,) = load_file(write(tmp_path, GOOD.replace("detail_pattern = '/art/\\d+\\.html'\n", "")))
    assert site.cms == "generic" and site.detail_regex is None


def test_invalid_toml_and_duplicates_are_reported(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[site]\nname=", encoding="utf-8")
    with pytest.raises(RegistryError, match=re.escape(str(broken)) + ": not valid TOML"):
        load_file(broken)
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(GOOD, encoding="utf-8")
    with pytest.raises(RegistryError, match="already defined in"):
        load_registry([first, second], strict=True)
    registry = load_registry([first, second])  # the first entry is kept, the second is the error
    assert list(registry) == ["example-zx"] and registry["example-zx"].source_file == str(first)
    (problem,) = registry.problems
    assert str(problem).startswith(f"{second}: site 'example-zx' is already defined in {first}")


def test_registry_location_comes_from_the_environment(tmp_path, monkeypatch):
    write(tmp_path, GOOD)
    monkeypatch.setenv("GOVARCHIVE_REGISTRY", str(tmp_path))
    assert list(load_registry()) == ["example-zx"]
    monkeypatch.setenv("GOVARCHIVE_REGISTRY", str(tmp_path / "missing"))
    with pytest.raises(RegistryError, match="no such registry"):
        load_registry()
