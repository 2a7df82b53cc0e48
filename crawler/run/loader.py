"""Scrapy's spider loader, fed from the registry: one spider per site, made from data.

``scrapy list`` prints every registry site; ``scrapy crawl NAME`` crawls one. Each is the same
:class:`~spiders.notices.NoticeSpider`, bound to its entry, with the site's politeness as
DOWNLOAD_SLOTS. Demo entries are bound to a demo server started in this process.
"""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

from crawler.run.plan import crawl_settings, make_concrete
from spiders.notices import NoticeSpider
from crawler.navigate.registry import load_registry


class RegistrySpiderLoader:
    def __init__(self, settings: BaseSettings):
        self.sites = load_registry()
        for problem in self.sites.problems:  # the other sites still load
            logging.getLogger(__name__).error("registry: %s", problem)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RegistrySpiderLoader:
        return cls(settings)

    def list(self) -> list[str]:
        return sorted(self.sites)

    def load(self, spider_name: str) -> type[NoticeSpider]:
        if spider_name not in self.sites:
            raise KeyError(f"Spider not found: {spider_name}")
        site = make_concrete([self.sites[spider_name]])[0]
        class_name = "".join(part.title() for part in site.name.split("-")) + "Spider"
        return type(
            class_name,
            (NoticeSpider,),
            {
                "name": site.name,
                "registry_sites": (site,),
                "custom_settings": crawl_settings([site]),
                "__module__": __name__,
            },
        )

    def find_by_request(self, request) -> list[str]:
        return [
            name
            for name, site in self.sites.items()
            if not site.demo and any(request.url.startswith(c.url.rsplit("/", 1)[0]) for c in site.lists)
        ]
