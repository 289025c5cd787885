"""API keys, per-client rate limits and CORS for the /api/ routes.

Keys arrive in the ``X-API-Key`` header. With ``MARSAD_API_KEYS_REQUIRED=1`` a
request without a valid key is refused (401); otherwise the API is open and a
key, when sent, must still be valid. Limits are a token bucket per key (per
client address without one), kept in each worker's memory: with N gunicorn
workers a client may get up to N times the limit, which is acceptable for
abuse protection and avoids a shared store.
"""

from __future__ import annotations

import hmac
import math
import threading
import time

from flask import Flask, Response, current_app, g, request

from api.errors import ApiError

KEY_HEADER = "X-API-Key"
# Health checks from load balancers and monitors must not use up a client's budget or need a key.
_EXEMPT = ("/api/v1/health",)


class RateLimiter:
    """Token buckets: `per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, per_minute: int, max_clients: int = 100_000):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spends one token of client's bucket; returns 0, or the seconds until a token is available."""
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > self.max_clients:
                self._buckets.clear()  # bounded memory under a flood of addresses
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1, now)
            return 0.0


def _valid_key(sent: str, keys: list[str]) -> bool:
    return any(hmac.compare_digest(sent.encode(), k.encode()) for k in keys)


def init_app(app: Flask) -> None:
    """Installs key checks, rate limiting and CORS on the API routes."""
    limit = int(app.config.get("RATE_LIMIT") or 0)
    limiter = RateLimiter(limit) if limit > 0 else None
    app.extensions["marsad_rate_limiter"] = limiter

    @app.before_request
    def _guard() -> Response | None:
        if not request.path.startswith("/api/"):
            return None
        if request.method == "OPTIONS":
            return None  # CORS preflights carry no key
        keys = current_app.config["API_KEYS"]
        sent = request.headers.get(KEY_HEADER, "")
        valid = not sent or _valid_key(sent, keys)
        exempt = request.path in _EXEMPT
        # Refused keys spend the address's budget before the 401, so keys cannot be guessed at full speed.
        g.api_client = f"key:{sent}" if sent and valid else f"ip:{request.remote_addr}"
        if limiter is not None and not exempt:
            wait = limiter.take(g.api_client)
            if wait > 0:
                raise ApiError(429, "rate_limited", f"more than {limit} requests a minute; slow down",
                               {"Retry-After": str(max(1, math.ceil(wait)))})
        if not valid:
            raise ApiError(401, "invalid_api_key", f"the {KEY_HEADER} header does not hold a valid key")
        if not sent and current_app.config["API_KEYS_REQUIRED"] and not exempt:
            raise ApiError(401, "api_key_required", f"send an API key in the {KEY_HEADER} header",
                           {"WWW-Authenticate": KEY_HEADER})
        return None

    @app.after_request
    def _cors(response: Response) -> Response:
        origin = request.headers.get("Origin")
        allowed = current_app.config["CORS_ORIGINS"]
        if not origin or not request.path.startswith("/api/") or not allowed:
            return response
        if "*" in allowed:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin in allowed:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        else:
            return response
        response.headers["Access-Control-Allow-Headers"] = f"{KEY_HEADER}, If-None-Match, Content-Type"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        response.headers["Access-Control-Max-Age"] = "600"
        return response
