"""The ``govarchive`` command: its parser, and the commands that crawl and serve (demo, crawl,
worker, serve, schedule). The archive's upkeep (status, reindex, recover) is in
:mod:`crawler.run.archive_commands`, the site commands (sites, extract, add, check, links)
in :mod:`crawler.run.site_commands`.

Every failure a user can cause (unknown site, unreadable file, locked database, port taken,
bad registry entry) ends as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import sys
from pathlib import Path

from crawler import __version__, clock
from crawler.run.archive_commands import (
    check_archive,
    cmd_recover,
    cmd_reindex,
    cmd_status,
)
from crawler.run.errors import EXIT_ERROR, UserError
from crawler.run.site_commands import (
    cmd_add,
    cmd_check,
    cmd_extract,
    cmd_links,
    cmd_sites,
    report_registry_problems,
)


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
    from crawler.fetch.addresses import HostsError
    from crawler.fetch.browser import BrowserUnavailable
    from crawler.keep import ArchiveLocked
    from crawler.keep.check import ArchiveDamaged
    from crawler.keep.lock import CrawlRunning
    from crawler.keep.salvage import SalvageError
    from crawler.navigate.registry import RegistryError
    from crawler.publish.serve import ServeError

    known = (RegistryError, ArchiveLocked, BrowserUnavailable, ServeError, CrawlRunning,
             ArchiveDamaged, SalvageError, HostsError)
    if isinstance(exc, known):
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
    demo.add_argument("--guarded", action="store_true",
                      help="crawl the guarded demo sites instead: one behind each kind of bot "
                           "challenge, read through sessions the crawl's browser earns")
    demo.add_argument("--families", action="store_true",
                      help="crawl the family demo sites instead: one per CMS family the plain demo "
                           "lacks (gkmlpt, VSB, Epoint, script pagers, load more, TRS six-argument pager)")
    add_crawl_options(demo)
    demo.set_defaults(func=cmd_demo)

    crawl = sub.add_parser("crawl", help="crawl registry sites into the archive")
    crawl.add_argument("sites", nargs="*", metavar="SITE", help="site names (default: all real sites)")
    crawl.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    crawl.add_argument("--quiet", action="store_true", help="no progress line")
    crawl.add_argument("--redis", metavar="URL",
                       help="crawl with workers sharing a frontier in Redis (redis://host:port/db)")
    crawl.add_argument("--workers", type=int, default=0, metavar="N",
                       help="with --redis: start N local worker processes (default 0: workers join "
                            "with `govarchive worker`)")
    add_crawl_options(crawl)
    crawl.set_defaults(func=cmd_crawl)

    worker = sub.add_parser("worker", help="join a distributed crawl as one more worker")
    worker.add_argument("--redis", required=True, metavar="URL", help="the crawl's Redis")
    worker.add_argument("--job", help="the job to join (default: the one running)")
    worker.add_argument("--wait", type=float, default=60, help="seconds to wait for a job")
    worker.set_defaults(func=cmd_worker)

    status = sub.add_parser("status", help="the last run of each site; exit 1 if one needs attention")
    status.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    status.set_defaults(func=cmd_status)

    schedule = sub.add_parser("schedule", help="crawl every night at a set time (runs in the foreground)")
    schedule.add_argument("--at", required=True, metavar="HH:MM", help="local time of the nightly crawl")
    schedule.add_argument("sites", nargs="*", metavar="SITE", help="site names (default: all real sites)")
    schedule.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    schedule.set_defaults(func=cmd_schedule)

    serve = sub.add_parser("serve", help="browse and query the archive with Datasette")
    serve.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    serve.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    serve.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.set_defaults(func=cmd_serve)

    reindex = sub.add_parser("reindex", help="rebuild the Chinese search index of the archive")
    reindex.add_argument("--db", default="archive.db", help="archive file (default: archive.db)")
    reindex.add_argument("--quiet", action="store_true", help="no progress line")
    reindex.add_argument("--copies", action="store_true",
                         help="also link the copies of every notice again from scratch")
    reindex.set_defaults(func=cmd_reindex)

    recover = sub.add_parser(
        "recover", help="copy every readable row of a damaged archive into a new archive file")
    recover.add_argument("damaged", metavar="DAMAGED", help="the damaged archive (only read)")
    recover.add_argument("new", metavar="NEW", help="the new archive file (must not exist)")
    recover.set_defaults(func=cmd_recover)

    sites = sub.add_parser("sites", help="list the sites in the registry")
    sites.add_argument("--json", action="store_true", help="one JSON object per site")
    sites.set_defaults(func=cmd_sites)

    add = sub.add_parser("add", help="propose a registry entry for a site from its address (or a saved page)")
    add.add_argument("source", metavar="URL", help="a home page or column page address, or a saved page's file")
    add.add_argument("--url", help="the address a saved page came from")
    add.add_argument("--name", help="the site's registry name (default: from its host)")
    add.add_argument("--org", help="the organisation that publishes it (default: from the page title)")
    add.add_argument("--write", action="store_true", help="append the entry to the registry")
    add.add_argument("--registry", metavar="FILE", help="registry file --write appends to")
    add.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                     help="pause between the requests to the site (default: 1)")
    add.set_defaults(func=cmd_add)

    check = sub.add_parser("check", help="what a crawl would see of a site's columns (or one list URL); writes nothing")
    check.add_argument("target", metavar="SITE|URL")
    check.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                       help="pause between the requests to the site (default: 1)")
    check.set_defaults(func=cmd_check)

    links = sub.add_parser("links", help="the notice links and next page of one saved list page, as JSON")
    links.add_argument("file", metavar="FILE")
    links.add_argument("--url", required=True, help="the address the page came from")
    links.add_argument("--cms", help="the CMS (default: detected)")
    links.add_argument("--pattern", metavar="RE", help="notice URL pattern (default: inferred)")
    links.set_defaults(func=cmd_links)

    extract = sub.add_parser("extract", help="clean one saved page and print its record as JSON")
    extract.add_argument("file", help="an HTML file")
    extract.add_argument("--url", help="the page's original URL (dates and links use it)")
    extract.set_defaults(func=cmd_extract)
    return parser


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full", action="store_true",
                        help="walk every list to its end (default: stop at archived notices)")
    parser.add_argument("--recheck-all", action="store_true",
                        help="fetch every archived notice again (default: by age)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a Scrapy or govarchive setting for this crawl, e.g. -s DOWNLOAD_TIMEOUT=10")


def crawl_options(args, *, progress: bool):
    from crawler.run.runner import CrawlOptions

    overrides = {}
    for pair in args.set:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(f"-s takes NAME=VALUE, not {pair!r}")
        overrides[name.strip()] = value
    return CrawlOptions(progress=progress, full=args.full, recheck_all=args.recheck_all,
                        overrides=overrides)


# -- commands -----------------------------------------------------------------------------


def cmd_demo(args) -> int:
    from crawler.demo import DemoServer, demo_date
    from crawler.demo.families import FamilyDemo
    from crawler.demo.guarded import GuardedDemo
    from crawler.navigate.registry import load_registry
    from crawler.run.plan import demo_set, make_concrete, shared_demo_bases

    if not args.no_serve:
        _check_port_free(args.host, args.port)
    _open_archive(args.db)
    if args.day < 0:
        raise UserError("--day must be 0 or more")
    if args.guarded and args.families:
        raise UserError("--guarded and --families are two demos: give one")
    chosen = "guarded" if args.guarded else "families" if args.families else "plain"
    if chosen != "plain" and args.day:
        raise UserError(f"--{chosen} sites have no days: leave out --day")
    registry = load_registry()
    report_registry_problems(registry)
    # The guarded and family sites are demos of their own: the plain demo's figures stay as they are.
    demo_sites = [site for site in registry.values() if site.demo and demo_set(site.demo) == chosen]
    if os.environ.get("GOVARCHIVE_DEMO_BASES"):
        server = None
    else:
        server = {"guarded": GuardedDemo, "families": FamilyDemo}.get(chosen, lambda: DemoServer.with_default_ports(args.day))()
    bases = server.start() if server else shared_demo_bases()
    clock.set_now(clock.night_of(demo_date(args.day)))
    try:
        print(f"Demo sites as on day {args.day} ({clock.now():%Y-%m-%d}):", file=sys.stderr)
        for site in demo_sites:
            print(f"  {site.name:<22} {bases[site.demo]}  {site.organisation}", file=sys.stderr)
        if server is not None and not getattr(server, "stable_ports", True):
            print("  (the usual demo ports were taken: URLs differ from earlier demo runs)", file=sys.stderr)
        outcome = _crawl(make_concrete(demo_sites, bases), args.db, crawl_options(args, progress=True))
        _print_summary(outcome, args.db)
        if not outcome.ok:
            raise UserError(f"the crawl did not finish ({outcome.finish_reason})")
        if args.no_serve:
            return 0
        from crawler.publish.serve import serve

        print(f"Serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
        serve(args.db, host=args.host, port=args.port)
        return 0
    finally:
        if server:
            server.stop()


def cmd_crawl(args) -> int:
    from crawler.navigate.registry import load_registry
    from crawler.run.plan import make_concrete

    registry = load_registry()
    if args.sites:
        unknown = [name for name in args.sites if name not in registry]
        if unknown:
            problem = registry.problem_for(unknown[0])
            if problem:
                raise UserError(f"site {unknown[0]!r} cannot be crawled: {problem}")
            raise UserError(
                f"unknown site {unknown[0]!r} (`govarchive sites` lists the {len(registry)} known)"
            )
        chosen = [registry[name] for name in args.sites]
    else:
        chosen = [site for site in registry.values() if not site.demo]
    _open_archive(args.db)
    if args.redis:
        return _crawl_distributed(make_concrete(chosen), args)
    if args.workers:
        raise UserError("--workers needs --redis URL: the workers share their frontier there")
    report_registry_problems(registry)
    outcome = _crawl(make_concrete(chosen), args.db, crawl_options(args, progress=not args.quiet))
    _print_summary(outcome, args.db)
    broken = report_registry_problems(registry)  # again, below the summary, where it is seen
    return 0 if outcome.ok and not broken else EXIT_ERROR


def _crawl_distributed(sites, args) -> int:
    from crawler.fetch.warc import warc_dir
    from crawler.keep.check import remember_whole
    from crawler.keep.lock import CrawlLock
    from crawler.run.distributed import coordinate
    from crawler.run.runner import CrawlOutcome

    options = crawl_options(args, progress=False)
    job_settings = {**options.overrides, "GOVARCHIVE_FULL_WALK": options.full,
                    "GOVARCHIVE_RECHECK_ALL": options.recheck_all,
                    "GOVARCHIVE_WARC_DIR": str(warc_dir(Path(args.db).resolve()))}
    import redis

    try:
        with CrawlLock(args.db):
            rows = coordinate(sites, args.db, args.redis, args.workers, job_settings)
            remember_whole(args.db)  # only this crawl wrote the file since it was checked
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as exc:
        raise UserError(f"cannot use Redis at {args.redis}: {exc}") from exc
    finished = all(row["status"] == "finished" for row in rows)
    _print_summary(CrawlOutcome("finished" if finished else rows[0]["status"], {}, rows), args.db)
    return 0 if finished else EXIT_ERROR


def cmd_worker(args) -> int:
    from crawler.run.distributed import run_worker

    try:
        return run_worker(args.redis, args.job, wait=args.wait)
    except RuntimeError as exc:
        raise UserError(str(exc)) from exc


def cmd_serve(args) -> int:
    from crawler.publish.serve import serve

    if not Path(args.db).is_file():
        raise UserError(f"{args.db} does not exist: run `govarchive demo` or `govarchive crawl` first")
    _check_port_free(args.host, args.port)
    print(f"Serving {args.db} at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(args.db, host=args.host, port=args.port)
    return 0


def cmd_schedule(args) -> int:
    from crawler.run.schedule import BadTime, nightly, parse_at

    try:
        parse_at(args.at)
    except BadTime as exc:
        raise UserError(str(exc)) from exc
    nightly(args.at, ["crawl", *args.sites, "--db", args.db])
    return 0


# -- helpers ------------------------------------------------------------------------------


def _crawl(sites, db, options):
    from crawler.run.runner import run_crawl

    return run_crawl(sites, db, options)


def _open_archive(db: str) -> None:
    """Fail early, in one line, when the archive cannot be written (damaged, locked, unwritable)."""
    from crawler.keep import Archive

    check_archive(db)
    try:
        archive = Archive(db, timeout=5)
    except sqlite3.OperationalError as exc:
        raise UserError(f"cannot open {db}: {exc}") from exc
    try:
        archive.check_writable()
    finally:
        archive.close()


def _check_port_free(host: str, port: int) -> None:
    """Fail early if the server could not listen on the port. The test binds as the server
    does (SO_REUSEADDR), so connections of a stopped server still in TIME_WAIT do not count:
    only a socket that really holds the port does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise UserError(f"port {port} on {host} is taken ({exc.strerror}); choose another with --port") from exc


def _print_summary(outcome, db: str) -> None:
    total = {"new": 0, "changed": 0, "unchanged": 0, "removed": 0, "restored": 0, "errors": 0,
             "attachments": 0}
    for run in outcome.runs:
        for key in total:
            total[key] += run.get(key) or 0
        total["unchanged"] += run.get("not_modified") or 0
        print(
            f"  {run['site']:<22} new {run['new'] or 0:>4}  changed {run['changed'] or 0:>3}  "
            f"unchanged {(run['unchanged'] or 0) + (run['not_modified'] or 0):>4}  "
            f"removed {run['removed'] or 0:>2}  attachments {run['attachments'] or 0:>3}  "
            f"errors {run['errors'] or 0:>3}  {run['health']}"
            + (f"  browser sessions {run['browser_sessions']}" if run.get("browser_sessions") else ""),
            file=sys.stderr,
        )
    print(
        f"Crawl {outcome.finish_reason}: {total['new']} new, {total['changed']} changed, "
        f"{total['unchanged']} unchanged, {total['removed']} removed, {total['restored']} restored "
        f"notices, {total['attachments']} attachments, {total['errors']} errors -> {db}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
