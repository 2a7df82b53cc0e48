"""python -m crawler.demo [--day N] [--latency S] [--host H]: serve the demo sites until Ctrl-C.

Prints one JSON line, {"hanweb": "http://127.0.0.1:PORT", ...}, once every site listens. The
sites listen on DEFAULT_PORTS (18701-18705) when those are free, so runs for different days
serve the same URLs; else on free ports.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

from .server import DemoServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=int, default=0, help="which day of the demo to serve (default 0)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds to wait before each answer")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = DemoServer.with_default_ports(day=args.day, latency=args.latency, host=args.host)
    bases = server.start()
    print(json.dumps(bases), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
