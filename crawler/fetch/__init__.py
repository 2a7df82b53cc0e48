"""Fetch: how pages are asked for and what an answer means.

Politeness (robots.txt, per-host limits, Crawl-delay, Retry-After), the one Chromium,
WARC capture, header values, and recognising answers that are not content (WAF and
rate-limit pages, takedowns) and why a fetch failed. Scrapy middlewares live here; what an
answer *says* is the extraction room's business.
"""
