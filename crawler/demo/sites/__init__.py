"""The five demo sites. Each module's ``build(day)`` returns a :class:`~crawler.demo.server.Site`:
its pre-rendered pages and its catalog (the truth), made together from the same articles."""

from __future__ import annotations

from functools import lru_cache

from ..server import SITE_KEYS, Site
from . import aspnet, hanweb, mirror, trs, united

_MODULES = {"hanweb": hanweb, "trs": trs, "aspnet": aspnet, "mirror": mirror, "united": united}


def build_all(day: int = 0) -> dict[str, Site]:
    """Every site on ``day``; built once per day and shared (responses are immutable bytes)."""
    if day != 0:
        raise NotImplementedError(f"demo day {day}: only day 0 exists so far")
    return dict(_build(day))


@lru_cache(maxsize=4)
def _build(day: int) -> tuple[tuple[str, Site], ...]:
    return tuple((key, _MODULES[key].build(day)) for key in SITE_KEYS)
