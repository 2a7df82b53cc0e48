"""Commands that look after the archive file itself: status, reindex, recover.

A damaged archive is never written to: every command that writes checks it first
(:func:`check_archive`), and ``recover`` saves what a damaged one holds into a new file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from crawler.run.errors import EXIT_ERROR, UserError
from crawler.run.site_commands import report_registry_problems


def cmd_status(args) -> int:
    from crawler.keep import Archive
    from crawler.keep.lock import CrawlLock

    if not Path(args.db).is_file():
        raise UserError(f"{args.db} does not exist: nothing has been crawled into it yet")
    check_archive(args.db, full=True)
    crawling = CrawlLock(args.db).held()
    archive = Archive(args.db)
    try:
        runs = archive.runs.latest()
        verdicts = [_run_verdict(run, crawling, archive.runs) for run in runs]
    finally:
        archive.close()
    if not runs:
        print(f"{args.db}: no crawl has run yet")
        return EXIT_ERROR
    print(f"{'site':<22} {'last run (UTC)':<21} {'status':<10} {'new':>4} {'chg':>4} "
          f"{'gone':>4} {'err':>4}  health")
    for run, (health, _) in zip(runs, verdicts):
        gone = (run["removed"] or 0) + (run["missing"] or 0)
        print(f"{run['site']:<22} {run['started']:<21} {run['status'][:10]:<10} {run['new'] or 0:>4} "
              f"{run['changed'] or 0:>4} {gone:>4} {run['errors'] or 0:>4}  {health}")
    broken = report_registry_problems()
    return EXIT_ERROR if broken or any(attention for _, attention in verdicts) else 0


def _run_verdict(run: dict, crawling: bool, log) -> tuple[str, bool]:
    """What ``status`` says of a site's last run, and whether it needs attention.

    A crawl in progress is no problem: while it runs the site is judged by its run before.
    A run still 'running' with no crawl holding the archive died (kill -9, power loss).
    """
    said = f"{run['health'] or 'unknown'}{': ' + run['health_notes'] if run['health_notes'] else ''}"
    if run["status"] != "running":
        return said, run["health"] != "ok"
    if not crawling:
        return "attention: no crawl is running; this run died before it could finish", True
    before = log.earlier(run)
    if before is None:
        return "crawling now", False
    return (f"crawling now; run before: {before['health'] or 'unknown'}"
            f"{': ' + before['health_notes'] if before['health_notes'] else ''}",
            before["health"] != "ok")


def cmd_reindex(args) -> int:
    """Rebuild notices_fts from the notices (after an upgrade, or to check it by hand)."""
    from crawler.keep.search import rebuild

    if not Path(args.db).is_file():
        raise UserError(f"{args.db} does not exist: nothing has been crawled into it yet")
    check_archive(args.db)
    count = rebuild(args.db, quiet=args.quiet)
    if not args.quiet:
        print(f"{args.db}: search index rebuilt for {count:,} notices")
    if args.copies:
        _relink_copies(args.db, args.quiet)
    return 0


def cmd_recover(args) -> int:
    """Salvage a damaged archive into a new file; the damaged file is only read."""
    from crawler.keep.salvage import salvage

    damaged, new = Path(args.damaged), Path(args.new)
    if not damaged.is_file():
        raise UserError(f"{damaged} does not exist")
    if new.exists():
        raise UserError(f"{new} already exists: recover into a new file")
    print(f"Recovering {damaged} into {new} (only reading {damaged})", file=sys.stderr)
    tables = salvage(damaged, new)
    for table in tables:
        print(f"  {table.describe()}", file=sys.stderr)
    lost = sum(len(table.lost) for table in tables)
    print(f"{new}: recovered" + (f", {lost} unreadable stretch(es) left out" if lost else ", nothing lost")
          + f". Attachments and WARC files stay beside {damaged}: to use the recovered archive in"
          f" its place, move {damaged} aside and rename {new} to {damaged.name}.")
    return 0


def _relink_copies(db: str, quiet: bool) -> None:
    from crawler.keep import Archive
    from crawler.keep.copies import CopyIndex

    archive = Archive(db)
    try:
        archive.check_writable()
        count = CopyIndex(archive.db).rebuild()
        linked = archive.db.execute("SELECT count(*) FROM copies").fetchone()[0]
    finally:
        archive.close()
    if not quiet:
        print(f"{db}: copies linked again for {count:,} notices ({linked:,} in clusters of copies)")


def check_archive(db: str, *, full: bool = False) -> None:
    """Refuse a damaged archive before anything writes to it (crawler/keep/check.py)."""
    from crawler.keep.check import check

    check(db, full=full)

