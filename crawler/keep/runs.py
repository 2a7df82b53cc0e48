"""Crawl runs: one row per site per crawl, with its figures and whether the site needs a look.

A nightly archive fails quietly: a site redesigns and its list yields nothing, a WAF starts
answering with challenges, a column stops publishing. Each run records the signals that
show it — days since the last new notice, list pages with no links, links on first list
pages against the previous run, links on each list page against its last reading, blocked
responses, errors — and sums them up as ``health``
("ok" or "attention") with the reasons in ``health_notes``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from crawler import clock

FIGURES = ("requests", "responses", "bytes", "list_pages", "empty_lists", "first_page_links",
           "notices_seen", "new", "changed", "unchanged", "not_modified", "rechecked",
           "missing", "removed", "restored", "attachments", "errors", "blocked", "browser_sessions",
           "rate_limited")
#: Figures kept as text (JSON): per host, what the crawl met there.
TEXTS = ("browser_hosts", "legacy_tls_hosts", "rate_limited_hosts")


@dataclass(frozen=True)
class HealthRules:
    """When a site needs attention. Thresholds are deliberately plain."""

    quiet_days: float = 90.0  # no new notice for this long
    link_drop: float = 0.5  # first list pages lost at least half their links
    page_link_drop: float = 0.25  # one list page lost a quarter of its links…
    page_link_min: int = 3  # …and at least this many (a short last page may lose one or two)
    error_share: float = 0.2  # errors per request


class RunLog:
    def __init__(self, db: sqlite_utils.Database, rules: HealthRules | None = None):
        self.db = db
        self.rules = rules or HealthRules()

    def close_interrupted(self) -> int:
        """Runs still 'running' when a crawl starts died with their crawl (kill -9, power
        loss): the crawl lock says no other crawl is alive. Say so."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE crawl_runs SET status = 'interrupted', health = 'attention',"
                " health_notes = 'the crawl died before it could finish' WHERE status = 'running'")
        return cursor.rowcount

    def start(self, site_name: str, mode: str) -> int:
        with self.db.atomic():
            return self.db["crawl_runs"].insert(
                {"site": site_name, "started": clock.stamp(), "status": "running", "mode": mode}
            ).last_pk

    def finish(self, run_id: int, status: str, figures: dict[str, int],
               texts: dict[str, str | None] | None = None) -> dict:
        """Close a run with its figures and health; returns the row."""
        row = self.db["crawl_runs"].get(run_id)
        values = {key: int(figures.get(key, 0)) for key in FIGURES}
        values["days_since_new"] = self._days_since_new(row["site"])
        values.update({key: (texts or {}).get(key) for key in TEXTS})
        notes = self._assess(row, status, values)
        # sessions, old TLS and slowing down alone need no one: said, not attention
        said = (notes + session_notes(values["browser_hosts"]) + tls_notes(values["legacy_tls_hosts"])
                + rate_notes(values["rate_limited_hosts"]))
        values.update(finished=clock.stamp(), status=status,
                      health="attention" if notes else "ok", health_notes="; ".join(said) or None)
        with self.db.atomic():
            self.db["crawl_runs"].update(run_id, values)
        return self.db["crawl_runs"].get(run_id)

    def _days_since_new(self, site: str) -> float | None:
        newest = self.db.execute(
            "SELECT max(first_seen) FROM notices WHERE site = ?", [site]).fetchone()[0]
        return round(clock.days_between(newest, clock.stamp()), 2) if newest else None

    def _previous(self, row: dict) -> dict | None:
        rows = list(self.db["crawl_runs"].rows_where(
            "site = ? AND id < ? AND status = 'finished'", [row["site"], row["id"]],
            order_by="id DESC", limit=1))
        return rows[0] if rows else None

    def _assess(self, row: dict, status: str, values: dict) -> list[str]:
        rules, notes = self.rules, []
        if status != "finished":
            notes.append(f"run {status}")
        if values["list_pages"] == 0:
            notes.append("no list page could be read")
        if values["empty_lists"]:
            notes.append(f"{values['empty_lists']} list page(s) without notice links (layout changed?)")
        previous = self._previous(row)
        before = previous["first_page_links"] if previous else None
        if before and values["first_page_links"] < before * (1 - rules.link_drop):
            notes.append(f"first list pages show {values['first_page_links']} links, were {before}")
        notes.extend(self._shrunk_lists(row["id"]))
        notes.extend(self._pager_changes(row["id"]))
        if values["blocked"]:
            notes.append(f"{values['blocked']} blocked response(s)")
        if values["requests"] and values["errors"] / values["requests"] > rules.error_share:
            notes.append(f"{values['errors']} errors in {values['requests']} requests")
        traps = self.db.execute(
            "SELECT count(*) FROM fetch_failures WHERE run_id = ? AND kind = 'trap'", [row["id"]]
        ).fetchone()[0]
        if traps:
            notes.append(f"{traps} list(s) hit the page limit (an endless list or trap?)")
        if unavailable := self._failed(row["id"], "robots_unavailable"):
            notes.append(f"robots.txt unavailable: {unavailable} request(s) left for the next run")
        quiet = values["days_since_new"]
        if quiet is not None and quiet > rules.quiet_days:
            notes.append(f"no new notice for {quiet:.0f} days")
        return notes

    def _shrunk_lists(self, run_id: int, shown: int = 3) -> list[str]:
        """List pages this run read that showed far fewer notice links than at their last
        reading: a page cut short (markup the parser stopped at, a half-served answer) or
        a redesign, either way links the crawl did not follow."""
        rules = self.rules
        rows = self.db.execute(
            "SELECT url, links, previous_links FROM list_page_links WHERE run_id = ?"
            " AND previous_links - links >= ? AND links < previous_links * ? ORDER BY url",
            [run_id, rules.page_link_min, 1 - rules.page_link_drop]).fetchall()
        if not rows:
            return []
        pages = ", ".join(f"{url} {links} (were {before})" for url, links, before in rows[:shown])
        more = f" and {len(rows) - shown} more" if len(rows) > shown else ""
        return [f"{len(rows)} list page(s) show far fewer links than last time: {pages}{more}"]

    def _pager_changes(self, run_id: int) -> list[str]:
        """Columns whose first page shows another pager than at the last walk: a redesign,
        and the pages the old pager led to may no longer be reached."""
        rows = self.db.execute(
            "SELECT url, previous_pager, pager FROM site_columns WHERE pager_changed_run = ? ORDER BY url",
            [run_id]).fetchall()
        return [f"pager of {url} changed: {before} → {now} (layout changed?)" for url, before, now in rows]

    def earlier(self, run: dict) -> dict | None:
        """The site's last run before this one that is over (finished, stopped, died)."""
        rows = list(self.db["crawl_runs"].rows_where(
            "site = ? AND id < ? AND status != 'running'", [run["site"], run["id"]],
            order_by="id DESC", limit=1))
        return rows[0] if rows else None

    def _failed(self, run_id: int, kind: str) -> int:
        """URLs that failed with ``kind`` in a run."""
        return self.db.execute("SELECT count(*) FROM fetch_failures WHERE run_id = ? AND kind = ?",
                               [run_id, kind]).fetchone()[0]

    def latest(self) -> list[dict]:
        """The last run of every site."""
        return list(self.db.query(
            "SELECT r.* FROM crawl_runs r JOIN (SELECT site, max(id) AS id FROM crawl_runs"
            " GROUP BY site) last ON last.id = r.id ORDER BY r.site"))


def session_notes(browser_hosts: str | None) -> list[str]:
    """What health says of hosts behind bot challenges: which needed browser sessions, how
    often, and which were given up (those are counted as blocked responses already)."""
    if not browser_hosts:
        return []
    notes = []
    for host, seen in json.loads(browser_hosts).items():
        note = f"{host} answers with a bot challenge ({seen['kind']}): {seen['sessions']} browser session(s)"
        if seen.get("blocked"):
            note += f", then blocked for the run: {seen['blocked']}"
        notes.append(note)
    return notes


def tls_notes(legacy_tls_hosts: str | None) -> list[str]:
    """Hosts that only speak old TLS (reached with a permissive handshake, remembered)."""
    hosts = json.loads(legacy_tls_hosts) if legacy_tls_hosts else []
    return [f"{host} needs old TLS (permissive handshake)" for host in hosts]


def rate_notes(rate_limited_hosts: str | None) -> list[str]:
    """Hosts that answered the crawl with a rate limiter's page and were slowed down."""
    hosts = json.loads(rate_limited_hosts) if rate_limited_hosts else {}
    return [f"{host} rate-limited the crawl: slowed down {seen['slowdowns']} time(s), "
            f"to one request per {seen['delay']:g} s" for host, seen in sorted(hosts.items())]


def merge_texts(values: list[str]) -> str | None:
    """One text figure from several crawls of the same run (distributed workers): hosts'
    sessions and slowdowns added up, the slowest pace and the first reason kept."""
    found = [json.loads(v) for v in values if v]
    if not found:
        return None
    if all(isinstance(f, list) for f in found):  # a set of hosts
        return json.dumps(sorted({host for f in found for host in f}))
    merged: dict[str, dict] = {}
    for hosts in found:
        for host, seen in hosts.items():
            into = merged.setdefault(host, {})
            for key, value in seen.items():
                before = into.get(key)
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    into[key] = before if before is not None else value
                elif key == "delay":
                    into[key] = max(before or 0, value)
                else:
                    into[key] = (before or 0) + value
    return json.dumps(dict(sorted(merged.items())), ensure_ascii=False)
