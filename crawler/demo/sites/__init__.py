"""The five demo sites. Each module's ``SiteModel`` builds its site on day 0 (pre-rendered pages
and the catalog, the truth, made together from the same articles) and knows how to publish,
edit and take down notices on later days (driven by :mod:`crawler.demo.days`)."""

from __future__ import annotations

from ..server import Site
from . import aspnet, hanweb, mirror, trs, united

MODULES = {"hanweb": hanweb, "trs": trs, "aspnet": aspnet, "mirror": mirror, "united": united}


def build_all(day: int = 0) -> dict[str, Site]:
    """Every site on ``day``; each day is built once and shared (responses are immutable
    bytes). ``day`` < 0 raises ValueError."""
    from ..days import sites

    return sites(day)
