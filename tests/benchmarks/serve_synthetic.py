"""``python -m tests.benchmarks.serve_synthetic COUNT``: a sandbox Horde holding COUNT synthetic styles,
served on a free loopback port in its own process (as a real server would be: in-process, its request
handling would compete with the client for the GIL and distort the client's event-loop timings).

Prints the base URL as its first line once the port accepts connections; runs until terminated.
"""

from __future__ import annotations

import gc
import sys

import uvicorn

from horde_style_studio.sandbox import create_app
from horde_style_studio.sandbox.listening import bind
from horde_style_studio.sandbox.store import SandboxStore, Style
from horde_style_studio.sandbox.users import SEED_AUTHORS
from tests.benchmarks.synthetic import served_styles


def fill_sandbox(store: SandboxStore, count: int) -> None:
    for n, row in enumerate(served_styles(count, seed=20_000)):
        style = Style(row["id"], row["kind"], SEED_AUTHORS[n % 7].id, row["name"], store.tick(),
                      info=row["info"], prompt=row["prompt"], params=row["params"], nsfw=row["nsfw"],
                      tags=row["tags"], models=row["models"], use_count=row["use_count"])  # fmt: skip
        store.add_style(style)


def main(count: int) -> None:
    app = create_app("modern", seed=False)
    fill_sandbox(app.state_store, count)
    gc.freeze()  # the filled store lives until the end: full collections need not walk it again
    sock = bind("127.0.0.1", 0)  # listening: the URL can be announced before uvicorn runs
    print(f"http://127.0.0.1:{sock.getsockname()[1]}/api", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", interface="asgi3")
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main(int(sys.argv[1]))
