"""Per-client request budgets for API clients.

With ``KOKOMA_REDIS_URL`` set, the counters live in Redis and every worker and
instance draws on the same budget; without it they live in the process, which is
right for the single-process embedded setup.
"""

from __future__ import annotations

import logging
import math
import time
import uuid

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from kokoma.errors import Problem
from kokoma.settings import Settings

log = logging.getLogger("kokoma.ratelimit")


def _storage(settings: Settings) -> Storage:
    if not settings.redis_url:
        return MemoryStorage(wrap_exceptions=True)
    uri = settings.redis_url
    if not uri.startswith("async+"):
        uri = f"async+{uri}"
    return RedisStorage(uri, wrap_exceptions=True, key_prefix=settings.rate_limit_key_prefix)


class ClientRateLimiter:
    """A moving window of ``api_client_rate_limit`` requests per API client."""

    def __init__(self, settings: Settings) -> None:
        self.limit = parse(settings.api_client_rate_limit)
        self.storage = _storage(settings)
        self._strategy = MovingWindowRateLimiter(self.storage)

    async def check(self, client_id: uuid.UUID) -> None:
        """Count one request of the client; 429 with ``Retry-After`` once the budget is spent."""
        key = ("client", str(client_id))
        try:
            if await self._strategy.hit(self.limit, *key):
                return
            reset_at, _remaining = await self._strategy.get_window_stats(self.limit, *key)
        except StorageError as exc:
            # An unreachable Redis must not take the API down with it; the limit
            # is a guard against runaway integrations, not an access control.
            log.warning("rate limit storage unavailable: %s", exc.storage_error)
            return
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise Problem(
            429,
            f"The request budget of this API client ({self.limit}) is spent; "
            f"try again in {retry_after} seconds.",
            code="rate-limited",
            headers={"Retry-After": str(retry_after)},
            retry_after=retry_after,
        )
