"""API keys, per-client rate limits and CORS for the /api/ routes.

Keys arrive in the ``X-API-Key`` header. With ``MARSAD_API_KEYS_REQUIRED=1`` a
request without a valid key is refused (401); otherwise the API is open and a
key, when sent, must still be valid. Limits are a token bucket per key (per
client address without one). The buckets live in a table of shared memory
made when the application is created: ``marsad serve`` creates it in
gunicorn's master before the workers are forked, so every worker (and every
thread) spends from the same buckets and the configured number is the real
limit, whatever the number of workers. No store beyond the machine's memory
is needed; an API spread over several machines limits per machine.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import math
import mmap
import os
import struct
import tempfile
import threading
import time

from flask import Flask, Response, current_app, g, request
from marsad.api.errors import ApiError

KEY_HEADER = "X-API-Key"
# Health checks from load balancers and monitors must not use up a client's budget or need a key.
EXEMPT = ("/api/v1/health",)


class RateLimiter:
    """Token buckets: `per_minute` requests a minute, bursts up to the same number, shared across forked processes.

    The buckets are slots of a shared memory map (a file in /dev/shm, unlinked
    at once) that processes forked after this object was made inherit. A slot
    is (key hash, tokens, time of the last update); a key's slot is found by
    probing ``probes`` slots from its hash. One update holds this process's
    thread lock and a POSIX record lock on the file, which the kernel drops
    if the process dies (gunicorn may kill a worker at any moment), so a
    killed worker can never leave the others waiting.

    When every probed slot is taken, the one untouched longest is reused: a
    bucket idle for a minute is full again anyway, so only a flood of more
    than ``slots`` clients within a minute can make a client lose its record
    (and start again from a full bucket).
    """

    _SLOT = struct.Struct("<Qdd")

    def __init__(self, per_minute: int, slots: int = 65536, probes: int = 16):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.slots = max(probes, slots)
        self.probes = probes
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
        self._file = tempfile.TemporaryFile(prefix="marsad-rate-", dir=shm)
        self._file.truncate(self.slots * self._SLOT.size)
        self._map = mmap.mmap(self._file.fileno(), self.slots * self._SLOT.size)
        self._lock = threading.Lock()
        # Hashes keyed per deployment: clients cannot pick names that crowd one another's slots.
        self._salt = os.urandom(16)

    def take(self, client: str) -> float:
        """Spends one token of client's bucket; returns 0, or the seconds until a token is available."""
        key = int.from_bytes(hashlib.blake2b(client.encode("utf-8", "surrogatepass"), digest_size=8,
                                             key=self._salt).digest(), "little") or 1
        first = key % self.slots
        with self._lock:
            fcntl.lockf(self._file, fcntl.LOCK_EX)
            try:
                now = time.monotonic()
                slot, tokens, last = self._find(key, first, now)
                tokens = min(self.capacity, tokens + (now - last) * self.rate)
                wait = 0.0
                if tokens < 1:
                    wait = (1 - tokens) / self.rate
                else:
                    tokens -= 1
                self._SLOT.pack_into(self._map, slot * self._SLOT.size, key, tokens, now)
                return wait
            finally:
                fcntl.lockf(self._file, fcntl.LOCK_UN)

    def _find(self, key: int, first: int, now: float) -> tuple[int, float, float]:
        """Returns (slot, tokens, last update) for key: its own slot, else a free or the stalest one, full."""
        stalest, stalest_at = first, math.inf
        for n in range(self.probes):
            slot = (first + n) % self.slots
            held, tokens, last = self._SLOT.unpack_from(self._map, slot * self._SLOT.size)
            if held == key:
                return slot, tokens, last
            if held == 0:
                return slot, self.capacity, now
            if last < stalest_at:
                stalest, stalest_at = slot, last
        return stalest, self.capacity, now


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
        exempt = request.path in EXEMPT
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
