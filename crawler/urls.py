"""One notice, one URL: links that differ only in tracking parameters, session ids, host case
or percent-encoding case are the same page, and the archive keeps it once.

Government pages are shared through WeChat and portals that add ``utm_*``, ``spm``,
``from=timeline&isappinstalled=0``; Java and ASP sites add ``;jsessionid=…`` or ``?sid=…``
that change on every visit, which turns one list into an endless one. Query order and path
case are kept: servers may care about them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING = {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "spm",
            "from", "isappinstalled", "scene", "clicktime", "enterid", "share_token",
            "wfr", "tt_from", "srcid", "vd_source", "sharer_sharetime", "sharer_shareid"}
SESSION = {"sid", "jsessionid", "phpsessid", "aspsessionid", "sessionid", "session_id", "sessid"}
PATH_SESSION_RE = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)
PERCENT_RE = re.compile(r"%[0-9a-fA-F]{2}")
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical(url: str) -> str:
    """The archive's form of a URL (no fragment, no tracking or session parameters)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = PERCENT_RE.sub(lambda m: m.group(0).upper(), PATH_SESSION_RE.sub("", parts.path)) or "/"
    query = _clean_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _clean_query(query: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if k.lower() not in TRACKING | SESSION]
    if len(kept) == len(pairs):  # nothing to drop: keep the query exactly as written
        return PERCENT_RE.sub(lambda m: m.group(0).upper(), query)
    return urlencode(kept)
