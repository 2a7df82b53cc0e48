"""govarchive's Datasette plugin: archive.db published read-only for journalists and archivists.

The entry point (``[project.entry-points.datasette]`` in pyproject.toml) names
:mod:`crawler.publish.plugin`, the one module with hooks. The others are plain code it
calls, one concern each:

- ``notice``: the notice page, its versions, archived copies and attachment downloads;
  ``diff`` (what changed between versions) and ``warcview`` (reading the WARC record).
- ``searchpage``: ranked search; ``highlight`` marks the words found, after escaping.
- ``charts`` (inline SVG), ``health`` (crawl health), ``home`` (the home page summary).
- ``security``: read-only and the response headers; ``text``: crawled text made safe to
  show; ``archive``: which database is the archive.
"""
