"""``sandbox [--port N] [--behaviour modern|v5_1_5] [--real-limits]``: the sandbox Horde on 127.0.0.1
until interrupted; ``--real-limits`` adds the real server's rate limits and read caches (§1, §12).

The server prints ``HORDE_BASE_URL=...`` first, then the demo users' keys, one ``NAME=VALUE`` per line
(issue 2, item 4), so scripts and the end-to-end tests can read where it listens. A port already in use is
an ``OSError``, which ``main`` reports as bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from horde_style_studio.cli.errors import EXIT_OK


def serve(args: argparse.Namespace) -> int:
    # Imported here: the server stack (uvicorn) is only needed by this command.
    from horde_style_studio.sandbox.server import serve_forever
    from horde_style_studio.sandbox.workers import WorkerSettings

    log = Path(args.request_log) if args.request_log else None
    workers = WorkerSettings(
        queue_seconds=max(0.0, args.queue_seconds), run_seconds=max(0.0, args.run_seconds)
    )
    serve_forever(
        port=args.port,
        behaviour=args.behaviour,
        real_limits=args.real_limits,
        request_log_file=log,
        workers=workers,
    )
    return EXIT_OK
