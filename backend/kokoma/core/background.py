"""The machinery of the background workers (webhook delivery, e-mail delivery, the
scheduled jobs): a loop of rounds with metrics and backoff, run for the lifetime of
the app. Each worker supplies only its round."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any

from kokoma.core.metrics import JOB_FAILURES, JOB_RUNS

Round = Callable[[], Awaitable[bool]]


def retry_delay(base_seconds: float, attempt: int) -> float:
    """Exponential backoff: the wait after the ``attempt``-th failed attempt."""
    return base_seconds * 2 ** (attempt - 1)


async def run_forever(
    job: str, one_round: Round, poll_seconds: float, log: logging.Logger
) -> None:
    """Run rounds forever; a busy round (it found work) is followed at once, an idle or
    failed one after ``poll_seconds``."""
    while True:
        JOB_RUNS.labels(job).inc()
        try:
            busy = await one_round()
        except Exception:
            JOB_FAILURES.labels(job).inc()
            log.exception("%s round failed", job)
            busy = False
        if not busy:
            await asyncio.sleep(poll_seconds)


@contextlib.asynccontextmanager
async def running(*workers: Coroutine[Any, Any, None]) -> AsyncIterator[None]:
    """Run ``workers`` as tasks while the block runs; cancel them afterwards."""
    tasks = [asyncio.create_task(worker) for worker in workers]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
