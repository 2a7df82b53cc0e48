"""IPv4 preferred per host where IPv6 fails (crawler/fetch/addresses.py).

A site's name resolves to ::1 and 127.0.0.1 (through GOVARCHIVE_HOSTS, the crawl's own
/etc/hosts). On ::1 a server accepts each connection and drops it, as a broken IPv6 service
does; on 127.0.0.1, same port, the site. The crawl meets the failure once, remembers the host,
and reads every notice over IPv4.
"""

from __future__ import annotations

import json
import socket
import socketserver
import sqlite3
import threading

import pytest

from tests.conftest import run_cli
from tests.support.listsite import ListSite, notice_title

NAME = "dual-stack.zx.test"


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6 loopback (::1)")


class DroppingServer(socketserver.ThreadingTCPServer):
    """Accepts on [::1]:port and closes each connection at once; counts them."""

    address_family = socket.AF_INET6
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, port: int):
        self.connections = 0
        self.lock = threading.Lock()
        server = self

        class Drop(socketserver.BaseRequestHandler):
            def handle(self):
                with server.lock:
                    server.connections += 1

        super().__init__(("::1", port), Drop)


def site_on_both_families(count: int) -> tuple[ListSite, DroppingServer]:
    """A ListSite on 127.0.0.1 and a dropping server on ::1 with the same port."""
    for _ in range(20):
        site = ListSite(count)
        try:
            return site, DroppingServer(site.server.server_address[1])
        except OSError:  # that port is taken on ::1: another
            site.server.server_close()
    pytest.skip("no port free on both 127.0.0.1 and ::1")


def test_a_host_whose_ipv6_fails_is_reached_over_ipv4(tmp_path):
    site, broken = site_on_both_families(6)
    threading.Thread(target=broken.serve_forever, daemon=True).start()
    try:
        with site:
            registry = tmp_path / "site.toml"
            registry.write_text(site.registry_toml().replace("127.0.0.1", NAME), encoding="utf-8")
            db = tmp_path / "archive.db"
            hosts = json.dumps({NAME: ["::1", "127.0.0.1"]})
            result = run_cli("crawl", "listsite", "--db", str(db), "--quiet",
                             "-s", f"GOVARCHIVE_HOSTS={hosts}", "-s", "DOWNLOAD_TIMEOUT=10",
                             env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=240)
            assert result.returncode == 0, result.stderr[-3000:]
            served = site.paths()
    finally:
        broken.shutdown()
        broken.server_close()
    with sqlite3.connect(db) as conn:
        titles = {r[0] for r in conn.execute("SELECT title FROM notices")}
        failures = conn.execute("SELECT url, kind FROM fetch_failures").fetchall()
    assert titles == {notice_title(n) for n in range(1, 7)} and failures == []
    assert "/robots.txt" in served
    assert 1 <= broken.connections <= 2, broken.connections  # met once (or twice), remembered


def test_a_hosts_entry_that_is_not_an_address_is_a_clear_error(tmp_path):
    site = ListSite(1)
    site.server.server_close()
    registry = tmp_path / "site.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    result = run_cli("crawl", "listsite", "--db", str(tmp_path / "a.db"), "--quiet",
                     "-s", 'GOVARCHIVE_HOSTS={"a.test": ["nope"]}',
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "govarchive: error: GOVARCHIVE_HOSTS: 'nope' (for a.test) is not an IP address")
