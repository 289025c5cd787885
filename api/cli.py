"""`marsad serve [--host H] [--port P]`: the application under gunicorn (never Flask's debug server)."""

from __future__ import annotations

import argparse
import sys

from marsad import config

# The longest request line (method, path and percent-encoded query) gunicorn accepts: its own ceiling,
# twice its default of 4094, since a search with long non-Latin parameters takes several kilobytes.
# Longer lines get 414 from gunicorn; 0 (no limit) would let one request fill a worker's memory.
REQUEST_LINE_MAX = 8190


def _options(host: str, port: int) -> dict:
    timeout = config.get_float(config.API_TIMEOUT, minimum=0.1)
    return {
        "bind": f"{host}:{port}",
        "workers": config.get_int(config.API_WORKERS, minimum=1),
        "threads": config.get_int(config.API_THREADS, minimum=1),
        "worker_class": "gthread",
        # A worker stuck beyond the Elasticsearch timeout plus a margin is restarted.
        "timeout": int(timeout * 2 + 10),
        "graceful_timeout": 10,
        # The OpenAPI document states this limit with its 414 answer.
        "limit_request_line": REQUEST_LINE_MAX,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
    }


def main(argv: list[str]) -> int:
    """Runs the API with gunicorn until interrupted; returns the exit status."""
    parser = argparse.ArgumentParser(prog="marsad serve", description="Serve the API and web pages.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error("--port must be 1-65535")

    from marsad.api import create_app

    try:
        app = create_app()  # fail fast on bad settings, before binding
    except config.ConfigError as e:
        print(f"marsad serve: {e}", file=sys.stderr)
        return 1
    options = _options(args.host, args.port)
    print(f"Marsad API on http://{args.host}:{args.port}/  (API under /api/v1, "
          f"gunicorn: {options['workers']} workers x {options['threads']} threads)", flush=True)
    run_gunicorn(app, options)
    return 0


def run_gunicorn(app, options: dict) -> None:
    """Serves a WSGI application under gunicorn with these settings until it is stopped."""
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    _Server().run()
