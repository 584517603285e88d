"""Run the application with uvicorn on one socket, and say where in Swedish.

The socket is bound here, before uvicorn starts, so a port in use is one
clear Swedish line and exit status 2 rather than uvicorn's English log, and
``--port 0`` (any free port) prints the port the system chose.
"""

from __future__ import annotations

import gc
import signal
import socket
import sys
from types import FrameType

import uvicorn

from arvode import Rules
from arvode.web.app import create_app

__all__ = ["serve"]

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(rules: Rules, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve until Ctrl+C (or SIGTERM); 2 when the address cannot be used."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns off Nagle's algorithm (TCP_NODELAY) only on sockets that
    # say they are TCP, and without it every response waits 40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        print(f"arvode serve: kan inte lyssna på {host} port {port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    chosen = sock.getsockname()[1]
    municipality = rules.meta.get("municipality", rules.name)
    print(f"arvode serve: öppna {_address(host, chosen)} i webbläsaren (regler: {municipality}).", flush=True)
    if host not in _LOOPBACK:
        print("arvode serve: varning: servern nås från andra datorer, och den har ingen inloggning.",
              file=sys.stderr, flush=True)
    print("arvode serve: inget sparas på servern. Avsluta med Ctrl+C.", flush=True)
    # The rules, templates and modules live as long as the server: out of the collector's
    # sight, a full collection no longer walks them in the middle of a request.
    gc.collect()
    gc.freeze()
    config = uvicorn.Config(
        create_app(rules), log_level="warning", access_log=False, server_header=False,
        proxy_headers=False, lifespan="off",
    )
    # uvicorn shuts down on Ctrl+C or SIGTERM and then passes the signal on: as a
    # KeyboardInterrupt (caught here, not a traceback), and to our quiet SIGTERM handler.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    print("arvode serve: avslutad.", flush=True)
    return 0


def _stopped(signum: int, frame: FrameType | None) -> None:
    """SIGTERM after uvicorn's shutdown: nothing left to do but return."""
