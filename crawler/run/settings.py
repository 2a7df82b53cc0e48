"""Scrapy settings for every govarchive crawl (``scrapy crawl SITE`` and ``govarchive crawl``).

Defaults are polite for small government servers: robots.txt obeyed, two requests in flight
and a second between requests per host, an honest User-Agent. Sites can loosen or tighten
this in the registry (``[site.politeness]``), which becomes DOWNLOAD_SLOTS for their host.
"""

import warnings

from crawler import __version__

# DOWNLOADER_CLIENTCONTEXTFACTORY (below) still works in Scrapy 2.19 but warns on every crawl.
warnings.filterwarnings("ignore", message="The 'DOWNLOADER_CLIENTCONTEXTFACTORY' setting is deprecated")

BOT_NAME = "govarchive"
SPIDER_LOADER_CLASS = "crawler.run.loader.RegistrySpiderLoader"

USER_AGENT = (
    f"govarchive/{__version__} (archive of public government notices; "
    "+https://github.com/govarchive/govarchive)"
)

# -- politeness (see crawler/fetch/politeness.py for what stock Scrapy 2.19 gets wrong) --------
ROBOTSTXT_OBEY = True
DOWNLOADER = "crawler.fetch.politeness.PoliteDownloader"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.25
# One queue per host; a host's next request leaves it only when the host has room for it
SCHEDULER_PRIORITY_QUEUE = "crawler.fetch.politeness.HostQueues"
GOVARCHIVE_MAX_HOLD = 300.0  # cap on Retry-After and Crawl-delay, seconds
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # pages; attachments get their own cap
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.fetch.politeness.PoliteRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.fetch.politeness.RetryAfterMiddleware": 550,
    # After decompression: a rate limiter's page slows its host down and is asked again.
    "crawler.fetch.ratelimit.RateLimitPages": 555,
    # Before retries: a connection failure over IPv6 sends the host to IPv4, once.
    "crawler.fetch.addresses.IPv4Fallback": 570,
    # Before RetryAfterMiddleware: a refused TLS handshake is asked again permissively, once.
    "crawler.fetch.legacytls.LegacyTLSRetry": 560,
    # Before redirects are followed (a WZWS challenge is a redirect), after cookies are kept.
    "crawler.fetch.sessions.BrowserSessions": 650,
    # Closest to the network: records every exchange before redirects, retries or gunzip.
    "crawler.fetch.warc.WarcRecorder": 900,
    # Furthest from the network: notice pages as the callback will see them, after redirects.
    "crawler.fetch.offload.ExtractionPool": 50,
}
# Processes that clean notice pages off the event loop (crawler/fetch/offload.py); 0: none,
# the spider's callback extracts. Unset: one per core.
# GOVARCHIVE_EXTRACT_WORKERS = 2

# TLS: modern first; a host whose handshake fails is retried with old protocols and ciphers
# (crawler/fetch/legacytls.py). Scrapy 2.19 calls this setting deprecated but still reads it.
DOWNLOADER_CLIENTCONTEXTFACTORY = "crawler.fetch.legacytls.PerHostTLSContextFactory"
GOVARCHIVE_LEGACY_TLS = True

# Both address families, IPv4 per host where IPv6 fails (crawler/fetch/addresses.py)
TWISTED_DNS_RESOLVER = "crawler.fetch.addresses.FamilyResolver"
GOVARCHIVE_HOSTS = {}  # {name: [address, ...]}: names answered as /etc/hosts would, this crawl only

# Browser-earned sessions for hosts behind bot challenges (crawler/fetch/sessions.py)
GOVARCHIVE_SESSIONS = True
GOVARCHIVE_SESSION_MAX = 3  # sessions earned per host per run; then the host is blocked
GOVARCHIVE_SESSION_WAIT = 20.0  # seconds a browser visit may take to get past a challenge

# A host that answers too fast a crawl with a rate-limit page (crawler/fetch/ratelimit.py)
GOVARCHIVE_RATE_LIMIT = True
GOVARCHIVE_RATE_LIMIT_DELAY = 2.0  # seconds between its requests at least, doubling per complaint…
GOVARCHIVE_RATE_LIMIT_MAX_DELAY = 10.0  # …up to this
GOVARCHIVE_RATE_LIMIT_TRIES = 2  # a request is asked again this many times, then it is a failure

# -- the archive ---------------------------------------------------------------------------
GOVARCHIVE_DB = "archive.db"
GOVARCHIVE_WARC = True
# Incremental crawling (crawler/navigate/walk.py, crawler/navigate/recheck.py)
GOVARCHIVE_KNOWN_RUN = 10  # stop a list walk after this many archived notices in a row
GOVARCHIVE_MAX_LIST_PAGES = 200  # bound on any walk of one column
GOVARCHIVE_MAX_RECHECKS = 2000  # archived notices re-checked per site per run, at most
GOVARCHIVE_FULL_WALK = False  # --full: walk every list to its end
GOVARCHIVE_RECHECK_ALL = False  # --recheck-all: fetch every archived notice again
GOVARCHIVE_REMOVED_AFTER_RUNS = 2  # a notice gone for this many runs…
GOVARCHIVE_REMOVED_AFTER_DAYS = 1.0  # …and this many days is marked removed
GOVARCHIVE_WRITE_BATCH = 200  # items kept in one transaction, at most (1: each its own)…
GOVARCHIVE_WRITE_BATCH_SECONDS = 1.0  # …and for this long at most
ITEM_PIPELINES = {"crawler.keep.pipeline.ArchivePipeline": 300}
EXTENSIONS = {
    # Scrapy 2.19 starts two remote consoles by default: telnet, and an HTTP server that runs
    # Python sent to it. Neither belongs on an archive host.
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "crawler.keep.pipeline.RequestStats": 400,
    "crawler.run.progress.Progress": 500,
}
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
GOVARCHIVE_PROGRESS = False  # the CLI turns the progress line on

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
