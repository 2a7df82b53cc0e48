"""The ``govarchive`` command: demo, crawl, serve, sites, extract.

Every failure a user can cause (unknown site, unreadable file, locked database, port taken,
bad registry entry) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import sys
from pathlib import Path

from crawler import __version__

EXIT_ERROR = 1


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("govarchive: interrupted", file=sys.stderr)
        return 130
    except UserError as exc:
        print(f"govarchive: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # the known kinds, from other modules
        message = _known_error(exc)
        if message is None:
            raise
        print(f"govarchive: error: {message}", file=sys.stderr)
        return EXIT_ERROR


def _known_error(exc: Exception) -> str | None:
    from crawler.browser import BrowserUnavailable
    from crawler.serve import ServeError
    from crawler.storage import ArchiveLocked
    from spiders.registry import RegistryError

    if isinstance(exc, (RegistryError, ArchiveLocked, BrowserUnavailable, ServeError)):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        return f"database error: {exc}"
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govarchive",
        description="Crawl, clean and archive Chinese government and CPPCC notice pages.",
    )
    parser.add_argument("--version", action="version", version=f"govarchive {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="crawl the local demo sites, then serve the archive")
    demo.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    demo.add_argument("--no-serve", action="store_true", help="exit after the crawl")
    demo.add_argument("--port", type=int, default=8001, help="Datasette port (default: 8001)")
    demo.add_argument("--host", default="127.0.0.1", help="Datasette address")
    demo.add_argument("--day", type=int, default=0, help="the demo sites as on day N")
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="crawl registry sites into the archive")
    crawl.add_argument("sites", nargs="*", metavar="SITE", help="site names (default: all real sites)")
    crawl.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    crawl.add_argument("--quiet", action="store_true", help="no progress line")
    crawl.set_defaults(func=cmd_crawl)

    serve = sub.add_parser("serve", help="browse and query the archive with Datasette")
    serve.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    serve.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    serve.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.set_defaults(func=cmd_serve)

    sites = sub.add_parser("sites", help="list the sites in the registry")
    sites.add_argument("--json", action="store_true", help="one JSON object per site")
    sites.set_defaults(func=cmd_sites)

    extract = sub.add_parser("extract", help="clean one saved page and print its record as JSON")
    extract.add_argument("file", help="an HTML file")
    extract.add_argument("--url", help="the page's original URL (dates and links use it)")
    extract.set_defaults(func=cmd_extract)
    return parser


# -- commands -----------------------------------------------------------------------------


def cmd_demo(args) -> int:
    from crawler.demo import DemoServer
    from crawler.plan import make_concrete, shared_demo_bases
    from spiders.registry import load_registry

    if not args.no_serve:
        _check_port_free(args.host, args.port)
    _open_archive(args.db)
    demo_sites = [site for site in load_registry().values() if site.demo]
    server = None if os.environ.get("GOVARCHIVE_DEMO_BASES") else DemoServer(day=args.day)
    bases = server.start() if server else shared_demo_bases()
    try:
        print(f"Demo sites (day {args.day}) running:", file=sys.stderr)
        for site in demo_sites:
            print(f"  {site.name:<22} {bases[site.demo]}  {site.organisation}", file=sys.stderr)
        outcome = _crawl(make_concrete(demo_sites, bases), args.db, progress=True)
        _print_summary(outcome, args.db)
        if not outcome.ok:
            raise UserError(f"the crawl did not finish ({outcome.finish_reason})")
        if args.no_serve:
            return 0
        from crawler.serve import serve

        print(f"Serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
        serve(args.db, host=args.host, port=args.port)
        return 0
    finally:
        if server:
            server.stop()


def cmd_crawl(args) -> int:
    from crawler.plan import make_concrete
    from spiders.registry import load_registry

    registry = load_registry()
    if args.sites:
        unknown = [name for name in args.sites if name not in registry]
        if unknown:
            raise UserError(
                f"unknown site {unknown[0]!r} (`govarchive sites` lists the {len(registry)} known)"
            )
        chosen = [registry[name] for name in args.sites]
    else:
        chosen = [site for site in registry.values() if not site.demo]
    _open_archive(args.db)
    outcome = _crawl(make_concrete(chosen), args.db, progress=not args.quiet)
    _print_summary(outcome, args.db)
    return 0 if outcome.ok else EXIT_ERROR


def cmd_serve(args) -> int:
    from crawler.serve import serve

    if not Path(args.db).is_file():
        raise UserError(f"{args.db} does not exist: run `govarchive demo` or `govarchive crawl` first")
    _check_port_free(args.host, args.port)
    print(f"Serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(args.db, host=args.host, port=args.port)
    return 0


def cmd_sites(args) -> int:
    from spiders.registry import load_registry

    for site in load_registry().values():
        if args.json:
            print(json.dumps(_site_json(site), ensure_ascii=False))
            continue
        status = "demo" if site.demo else ("verified" if site.verified_online else "unverified")
        print(f"{site.name:<24} {site.org_type:<6} {site.region:<12} {site.cms:<8} {status:<10} {site.organisation}")
    return 0


def cmd_extract(args) -> int:
    from crawler.extract import extract_notice

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    url = args.url or path.resolve().as_uri()
    notice = extract_notice(data, url)
    print(json.dumps(notice.to_dict(), ensure_ascii=False, indent=2))
    return 0


# -- helpers ------------------------------------------------------------------------------


def _crawl(sites, db, *, progress: bool):
    from crawler.runner import run_crawl

    return run_crawl(sites, db, progress=progress)


def _open_archive(db: str) -> None:
    """Fail early, in one line, when the archive cannot be written (locked, unwritable)."""
    from crawler.storage import Archive

    try:
        archive = Archive(db, timeout=5)
    except sqlite3.OperationalError as exc:
        raise UserError(f"cannot open {db}: {exc}") from exc
    try:
        archive.check_writable()
    finally:
        archive.close()


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise UserError(f"port {port} on {host} is taken ({exc.strerror}); choose another with --port") from exc


def _print_summary(outcome, db: str) -> None:
    total = {"new": 0, "changed": 0, "unchanged": 0, "errors": 0, "attachments": 0}
    for run in outcome.runs:
        for key in total:
            total[key] += run.get(key) or 0
        print(
            f"  {run['site']:<22} new {run['new'] or 0:>4}  changed {run['changed'] or 0:>3}  "
            f"unchanged {run['unchanged'] or 0:>4}  attachments {run['attachments'] or 0:>3}  "
            f"errors {run['errors'] or 0:>3}",
            file=sys.stderr,
        )
    print(
        f"Crawl {outcome.finish_reason}: {total['new']} new, {total['changed']} changed, "
        f"{total['unchanged']} unchanged notices, {total['attachments']} attachments, "
        f"{total['errors']} errors -> {db}",
        file=sys.stderr,
    )


def _site_json(site) -> dict:
    return {
        "name": site.name,
        "organisation": site.organisation,
        "region": site.region,
        "org_type": site.org_type,
        "cms": site.cms,
        "home_url": site.home_url,
        "lists": [{"url": c.url, "channel": list(c.channel), "browser": c.browser} for c in site.lists],
        "verified_online": site.verified_online,
        "demo": site.demo,
    }


if __name__ == "__main__":
    sys.exit(main())
