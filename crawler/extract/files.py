"""What counts as an attached file (附件): a link whose address ends in a document extension.

Notices publish their real content as files as often as text, so a line that links a file is
part of the notice, never navigation, however much of it is link text. The line builder marks
such lines as it walks the tree (``lines.py``), and attachments are listed from the same test
(``media.py``); it lives here so both can use it without importing each other.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

ATTACHMENT_KINDS = ("pdf", "doc", "docx", "rtf", "xls", "xlsx", "wps", "et", "dps", "ppt", "pptx",
                    "zip", "rar", "7z", "ofd", "txt", "csv", "tif", "tiff")
_KIND_RE = re.compile(r"\.(%s)(?:$|[?#&;])" % "|".join(ATTACHMENT_KINDS), re.I)


def file_kind(url: str) -> str | None:
    """The attachment kind (extension) a URL points to, or None for pages and images."""
    m = _KIND_RE.search(unquote(url))
    return m.group(1).lower() if m else None
