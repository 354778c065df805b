"""Statistics routes: every one takes a period, answers JSON or CSV, and states its permission.

The routes differ only in what they compute, so they are declared from one table
instead of seven copies of the same handler.
"""

# No ``from __future__ import annotations``: the handler's annotations name the
# permission of the route being declared and must be evaluated right there.

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession
from kokoma.core.schemas import IsoDate
from kokoma.statistics import csv, service
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import (
    ActivationStatistics,
    CaseStatistics,
    ConsultationStatistics,
    ContactStatistics,
    NetworkStatistics,
    Overview,
    PeerSessionStatistics,
    ReferralStatistics,
    TrainingStatistics,
)

router = APIRouter(prefix="/statistics", tags=["statistics"])

SUPPRESSION_NOTE = (
    "\n\nCallers without `statistics:exact` never see a count from 1 up to below the "
    "suppression threshold; see `suppressed` on each figure. With `Accept: text/csv` "
    "the figures come as a CSV download."
)

Compute = Callable[..., Awaitable[BaseModel]]


async def _period(
    from_: Annotated[
        IsoDate | None,
        Query(
            alias="from",
            description="First day (German time). Default: 1 January of the year of `to`, "
            "or of the current year.",
        ),
    ] = None,
    to: Annotated[
        IsoDate | None,
        Query(
            description="Last day, included. Default: 31 December of the year of `from`, "
            "or of the current year. At most 120 months in all.",
        ),
    ] = None,
) -> Period:
    return Period.of(from_, to)


ReportingPeriod = Annotated[Period, Depends(_period)]


def _declare(
    name: str, model: type[BaseModel], compute: Compute, summary: str, permission: P
) -> None:
    async def handler(
        request: Request,
        session: DbSession,
        principal: Caller(permission),
        settings: AppSettings,
        period: ReportingPeriod,
    ) -> Response:
        body = await compute(session, principal, period, threshold=settings.suppression_threshold)
        return csv.respond(request, body, name, period)

    router.add_api_route(
        f"/{name}",
        handler,
        methods=["GET"],
        name=f"get_{name}_statistics",
        response_model=model,
        responses=csv.responses(),
        summary=summary,
        description=(model.__doc__ or "").strip() + SUPPRESSION_NOTE,
    )


_ROUTES: list[tuple[str, type[BaseModel], Compute, str, P]] = [
    (
        "overview",
        Overview,
        service.overview,
        "Key figures of the caller's municipality",
        P.STATISTICS_READ,
    ),
    (
        "cases",
        CaseStatistics,
        service.case_statistics,
        "Cases by status, topic, escalation level, democracy flag and month",
        P.STATISTICS_READ,
    ),
    (
        "consultations",
        ConsultationStatistics,
        service.consultation_statistics,
        "Consultations and their hours by kind, format and month",
        P.STATISTICS_READ,
    ),
    (
        "referrals",
        ReferralStatistics,
        service.referral_statistics,
        "Referrals by receiving body, actor group and status",
        P.STATISTICS_READ,
    ),
    (
        "contacts",
        ContactStatistics,
        service.contact_statistics,
        "Network contacts by actor group",
        P.STATISTICS_READ,
    ),
    (
        "trainings",
        TrainingStatistics,
        service.training_statistics,
        "Training participation, completion and attendance",
        P.STATISTICS_READ,
    ),
    (
        "activations",
        ActivationStatistics,
        service.activation_statistics,
        "Activations of crisis-prevention plans by level and month",
        P.STATISTICS_READ,
    ),
    (
        "peer-sessions",
        PeerSessionStatistics,
        service.peer_session_statistics,
        "Peer case consultation sessions held, participations and municipalities involved",
        P.STATISTICS_READ,
    ),
    (
        "network",
        NetworkStatistics,
        service.network,
        "Key figures of every municipality side by side",
        P.STATISTICS_NETWORK,
    ),
]

for _route in _ROUTES:
    _declare(*_route)
