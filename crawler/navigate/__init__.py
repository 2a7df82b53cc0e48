"""Navigate: what to fetch.

The site registry (data in ``spiders/sites/*.toml``), CMS list adapters, column walks, the
re-check policy and the crawl's ledger of what it has asked for. Plain functions over list
pages and archive state: nothing here fetches, parses articles or writes the archive.
"""
