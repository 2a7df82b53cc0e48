"""List inference on the real list pages of tests/lists: floors on the tune part, and the
held-out part scored (its figures are reported, not tuned to)."""

from __future__ import annotations

import json

from bench.lists import CORPUS, score


def test_sources_name_every_page_and_split_by_site():
    sources = [json.loads(line) for line in (CORPUS / "sources.jsonl").read_text().splitlines()]
    assert len(sources) >= 10
    for source in sources:
        assert (CORPUS / source["split"] / f"{source['id']}.html").exists()
        assert (CORPUS / "truth" / f"{source['id']}.json").exists()
        assert len(source["commit"]) == 40 and source["repo"] and source["path"]
    hosts = {}
    for source in sources:
        hosts.setdefault(source["host"], set()).add(source["split"])
    assert all(len(splits) == 1 for splits in hosts.values()), "a site is in both parts"


def test_tune_part_meets_its_floors_and_beats_the_baseline():
    figures = score("tune")
    inferred, baseline = figures["inferred"], figures["baseline"]
    assert inferred["f1"] >= 0.95, figures
    assert inferred["next_rate"] >= 0.9 and inferred["false_next"] == 0, figures
    assert inferred["f1"] > baseline["f1"]


def test_heldout_part_is_scored():
    figures = score("heldout")
    assert figures["inferred"]["pages"] >= 3
    assert 0.0 <= figures["inferred"]["f1"] <= 1.0
    assert figures["inferred"]["next_pages"] >= 1
