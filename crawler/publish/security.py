"""Safe to publish: read-only at the HTTP level, and headers that keep crawled pages inert.

Every method but GET/HEAD/OPTIONS is answered 405, so no write, upload or configuration
endpoint of Datasette or a plugin can be reached. Every response gets headers that stop
MIME sniffing, framing and referrer leaks; govarchive's own pages (notice, search, charts,
health, archived copies) also get a strict Content-Security-Policy: no script but Datasette's
own files and its one known inline script (by hash), no plugins, no forms elsewhere. Crawled
text is escaped already; the policy is the second line should an escape ever be missed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Permissions that would change the database (Datasette 1.0 and write plugins); always refused.
WRITE_ACTIONS = frozenset({
    "insert-row", "delete-row", "update-row", "create-table", "alter-table", "drop-table",
    "upload-csvs", "upload-dbs", "edit-schema", "edit-tables", "configure-fts", "enable-fts",
    "write-sql", "import-table",
})

#: Paths of the pages govarchive renders itself (base_url removed).
OWN_PAGES = re.compile(r"^/-/(notice|search|charts|health|version|attachment|image)(/|$)")

BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
#: On every page: no plugins, no <base> hijack, no framing. Datasette's pages keep their
#: inline scripts, so scripts are only restricted on govarchive's own pages.
BASIC_POLICY = "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
#: Images are the archive's own copies: a notice page never makes the browser ask another
#: host for anything (that would tell the original site who reads the archive).
STRICT_POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; object-src 'none'; base-uri 'none';"
    " frame-ancestors 'none'; form-action 'self'"
)
#: An archived copy or attachment sent as a file: nothing in it may run.
SANDBOX_POLICY = "default-src 'none'; sandbox"


@cache
def inline_script_hashes() -> str:
    """CSP hashes of the inline scripts Datasette's base template prints on every page."""
    import datasette

    hashes = []
    templates = Path(datasette.__file__).parent / "templates"
    for name in ("_close_open_menus.html",):
        try:
            source = (templates / name).read_text(encoding="utf-8")
        except OSError:
            continue
        for script in re.findall(r"<script>(.*?)</script>", source, re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return " ".join(hashes)


def policy_for(path: str) -> str:
    if OWN_PAGES.match(path):
        return STRICT_POLICY.format(hashes=inline_script_hashes())
    return BASIC_POLICY


def with_headers(send, path: str):
    """Wrap an ASGI send so every response start carries the security headers."""
    policy = policy_for(path).encode("latin-1")

    async def send_with_headers(message):
        if message.get("type") == "http.response.start":
            headers = list(message.get("headers") or [])
            present = {name.lower() for name, _ in headers}
            extra = [(k, v) for k, v in BASE_HEADERS if k not in present]
            if b"content-security-policy" not in present:
                extra.append((b"content-security-policy", policy))
            message = {**message, "headers": headers + extra}
        await send(message)

    return send_with_headers
