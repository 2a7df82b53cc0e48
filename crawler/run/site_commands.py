"""Commands about sites, not the archive: sites, extract, add, check, links.

None of them writes to the archive: they read the registry, a saved page or a live one and
print what govarchive makes of it, so an archivist can check a site before keeping it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.run.errors import EXIT_ERROR, UserError


def cmd_sites(args) -> int:
    from crawler.navigate.registry import load_registry

    registry = load_registry()
    for site in registry.values():
        if args.json:
            print(json.dumps(_site_json(site), ensure_ascii=False))
            continue
        status = "demo" if site.demo else ("verified" if site.verified_online else "unverified")
        print(f"{site.name:<24} {site.org_type:<6} {site.region:<12} {site.cms:<8} {status:<10} {site.organisation}")
    return EXIT_ERROR if report_registry_problems(registry) else 0


def cmd_extract(args) -> int:
    from crawler.extract import extract_notice
    from crawler.extract.sniff import not_html

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    reason = not_html(data)
    if reason:
        raise UserError(f"{args.file} is not an HTML page ({reason}): nothing to extract")
    url = args.url or path.resolve().as_uri()
    notice = extract_notice(data, url)
    print(json.dumps(notice.to_dict(), ensure_ascii=False, indent=2))
    return 0


def cmd_add(args) -> int:
    from crawler.run.add import AddError, append_entry, default_registry_file, propose

    try:
        proposal = propose(args.source, url=args.url, name=args.name, org=args.org, delay=max(0.0, args.delay))
        entry = proposal.toml()
        for line in proposal.skipped:
            print(f"# {line}", file=sys.stderr)
        print(entry, end="")
        if args.write:
            target = Path(args.registry) if args.registry else default_registry_file()
            append_entry(entry, target, proposal.name)
            print(f"# appended to {target}", file=sys.stderr)
    except AddError as exc:
        raise UserError(str(exc)) from exc
    return 0


def cmd_check(args) -> int:
    from crawler.run.add import AddError
    from crawler.run.check import check, report

    try:
        print(report(check(args.target, delay=max(0.0, args.delay))), end="")
    except AddError as exc:
        raise UserError(str(exc)) from exc
    return 0


def cmd_links(args) -> int:
    import re

    from crawler.extract import decode_html
    from crawler.navigate.lists import read_list

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    try:
        pattern = re.compile(args.pattern) if args.pattern else None
    except re.error as exc:
        raise UserError(f"--pattern is not a regular expression: {exc}") from exc
    text, _ = decode_html(data, None)
    cms, confidence, notices, pager = read_list(text, args.url, detail=pattern, cms=args.cms)
    print(json.dumps({"cms": cms, "confidence": confidence, "notices": [n.url for n in notices],
                      "next": pager.next_urls, "pager": pager.kind, "total_pages": pager.total_pages},
                     ensure_ascii=False))
    return 0


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


def report_registry_problems(registry=None) -> int:
    """Print each registry entry or file that could not be used as one error line; how many.
    The good entries are used all the same: one bad entry never stops the others."""
    from crawler.navigate.registry import load_registry

    if registry is None:
        try:
            registry = load_registry()
        except Exception as exc:  # noqa: BLE001 - status reports it and goes on
            print(f"govarchive: error: {exc}", file=sys.stderr)
            return 1
    for problem in registry.problems:
        print(f"govarchive: error: {problem}", file=sys.stderr)
    return len(registry.problems)

