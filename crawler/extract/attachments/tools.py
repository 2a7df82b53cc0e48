"""Debian tools that read what Python libraries cannot (antiword, Tesseract, pdftoppm).

They are optional: a machine without one reads fewer formats, and says so. Each call gets a
time limit, so a hostile file cannot hold the crawl."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Seconds one tool may take on one file.
TIMEOUT = 120


def have(name: str) -> bool:
    return shutil.which(name) is not None


def run(args: list[str], *, timeout: float = TIMEOUT) -> str | None:
    """The tool's standard output as UTF-8, or None when it is missing, fails or hangs."""
    if not have(args[0]):
        return None
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")


@contextmanager
def scratch(body: bytes, suffix: str) -> Iterator[Path]:
    """The bytes in a private temporary directory, removed afterwards (tools need a file)."""
    with tempfile.TemporaryDirectory(prefix="govarchive-") as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(body)
        yield path
