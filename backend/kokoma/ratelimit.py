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

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from starlette.requests import Request

from kokoma.errors import Problem
from kokoma.request_context import current_client_ip
from kokoma.settings import Settings

log = logging.getLogger("kokoma.ratelimit")


def _storage(settings: Settings) -> Storage:
    if not settings.redis_url:
        return MemoryStorage(wrap_exceptions=True)
    uri = settings.redis_url
    if not uri.startswith("async+"):
        uri = f"async+{uri}"
    return RedisStorage(uri, wrap_exceptions=True, key_prefix=settings.rate_limit_key_prefix)


class _Budgets:
    """Moving windows over one storage; a spent budget is a 429 with ``Retry-After``."""

    def __init__(self, settings: Settings) -> None:
        self.storage = _storage(settings)
        self._strategy = MovingWindowRateLimiter(self.storage)

    async def _spend(self, limit: RateLimitItem, key: tuple[str, ...], detail: str) -> None:
        try:
            if await self._strategy.hit(limit, *key):
                return
            reset_at, _remaining = await self._strategy.get_window_stats(limit, *key)
        except StorageError as exc:
            # An unreachable Redis must not take the API down with it; the limit
            # is a guard against runaway integrations, not an access control.
            log.warning("rate limit storage unavailable: %s", exc.storage_error)
            return
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise Problem(
            429,
            detail.format(limit=limit, retry_after=retry_after),
            code="rate-limited",
            headers={"Retry-After": str(retry_after)},
            retry_after=retry_after,
        )


class ClientRateLimiter(_Budgets):
    """A moving window of ``api_client_rate_limit`` requests per API client."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.limit = parse(settings.api_client_rate_limit)

    async def check(self, client_id: uuid.UUID) -> None:
        """Count one request of the client; 429 with ``Retry-After`` once the budget is spent."""
        await self._spend(
            self.limit,
            ("client", str(client_id)),
            "The request budget of this API client ({limit}) is spent; "
            "try again in {retry_after} seconds.",
        )


PUBLIC_SPENT = "Too many requests from your connection; try again in {retry_after} seconds."
MUNICIPALITY_SPENT = (
    "This contact point received very many requests just now; please call or write "
    "instead, or try again in {retry_after} seconds."
)


class PublicRateLimiter(_Budgets):
    """Budgets of the routes anyone may call: per client address, and for requests for
    help also per municipality (a botnet changes addresses, not its target)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.page = parse(settings.public_page_rate_limit)
        self.request = parse(settings.public_request_rate_limit)
        self.municipality = parse(settings.public_request_municipality_rate_limit)

    async def check_page(self, address: str | None) -> None:
        await self._spend(self.page, ("public-page", address or "-"), PUBLIC_SPENT)

    async def check_request(self, address: str | None) -> None:
        await self._spend(self.request, ("public-request", address or "-"), PUBLIC_SPENT)

    async def check_municipality(self, municipality_id: uuid.UUID) -> None:
        await self._spend(
            self.municipality, ("public-municipality", str(municipality_id)), MUNICIPALITY_SPENT
        )


async def public_page_budget(request: Request) -> None:
    """Dependency of pages anyone may open: spends one of the address's page budget."""
    limiter: PublicRateLimiter = request.app.state.public_rate_limiter
    await limiter.check_page(current_client_ip())
