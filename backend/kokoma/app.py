"""The one place that builds the application."""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from starlette.middleware.sessions import SessionMiddleware

import kokoma.tables  # noqa: F401 - registers every table and flush hook before the first session
from kokoma import __version__
from kokoma.annual_reports.router import router as annual_reports_router
from kokoma.api_clients.router import router as api_clients_router
from kokoma.attachments.router import UPLOAD_FORM_OVERHEAD, UPLOAD_PATH_SUFFIX
from kokoma.audit.router import router as audit_router
from kokoma.auth.router import router as auth_router
from kokoma.auth.sso.router import admin_router as identity_providers_router
from kokoma.auth.sso.router import router as sso_router
from kokoma.auth.sso.service import SSO_PATH
from kokoma.cases.analysis.router import router as case_analysis_router
from kokoma.cases.router import router as cases_router
from kokoma.consultations.router import router as consultations_router
from kokoma.contacts.router import router as contacts_router
from kokoma.core import openapi_document, static
from kokoma.core.idempotency import IdempotencyMiddleware
from kokoma.core.pagination import CURSOR_KEY, cursor_key
from kokoma.core.routing import mount_flat
from kokoma.crisis_plans.router import router as crisis_plans_router
from kokoma.db import Database
from kokoma.district_analysis.router import router as district_analysis_router
from kokoma.errors import NotFound, install_error_handlers
from kokoma.health.metrics import MetricsMiddleware
from kokoma.health.router import router as health_router
from kokoma.intake.router import partner_router as intake_partner_router
from kokoma.intake.router import public_router as intake_public_router
from kokoma.intake.router import router as intake_router
from kokoma.logging_setup import configure_logging
from kokoma.mail.router import router as mail_router
from kokoma.mail.worker import mail_worker_running
from kokoma.middleware import (
    BodyGuardMiddleware,
    OnlyUnder,
    QueryGuardMiddleware,
    RequestIdMiddleware,
    SecurityHeadersMiddleware,
    policy_for_inline_scripts,
    trusted_networks,
)
from kokoma.municipalities.router import router as municipalities_router
from kokoma.peer.router import groups_router as peer_groups_router
from kokoma.peer.router import invitations_router as peer_invitations_router
from kokoma.peer.router import presentations_router as case_presentations_router
from kokoma.peer.session_router import sessions_router as peer_sessions_router
from kokoma.places.router import router as places_router
from kokoma.privacy.router import public_router as accessibility_router
from kokoma.privacy.router import public_texts_router as privacy_public_router
from kokoma.privacy.router import router as privacy_router
from kokoma.ratelimit import ClientRateLimiter, PublicRateLimiter
from kokoma.referrals.router import router as referrals_router
from kokoma.settings import Settings, get_settings
from kokoma.statistics.router import router as statistics_router
from kokoma.steering.router import router as steering_router
from kokoma.tasks.router import router as tasks_router
from kokoma.trainings.certificates.router import public_router as certificates_public_router
from kokoma.trainings.certificates.router import router as certificates_router
from kokoma.trainings.router import router as trainings_router
from kokoma.users.router import router as users_router
from kokoma.webhooks.dispatcher import dispatcher_running
from kokoma.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"
_ODD_PATH = re.compile(r"[\x00-\x1f\x7f\\]")
DOMAIN_ROUTERS = [
    health_router,
    auth_router,
    sso_router,
    municipalities_router,
    users_router,
    audit_router,
    cases_router,
    case_analysis_router,
    contacts_router,
    consultations_router,
    places_router,
    referrals_router,
    trainings_router,
    certificates_router,
    crisis_plans_router,
    tasks_router,
    steering_router,
    peer_groups_router,
    peer_invitations_router,
    case_presentations_router,
    peer_sessions_router,
    mail_router,
    certificates_public_router,
    intake_public_router,
    intake_router,
    intake_partner_router,
    statistics_router,
    privacy_router,
    accessibility_router,
    privacy_public_router,
    district_analysis_router,
    annual_reports_router,
    api_clients_router,
    identity_providers_router,
    webhooks_router,
]

DESCRIPTION = """
KoKoMa is the case-management platform of *Kommunales Konfliktmanagement*.

Authenticate at `/api/v1/auth/token` (OAuth2 password flow for people,
client-credentials flow for partner systems) and send the access token as
`Authorization: Bearer …`. Lists are paged with an opaque `cursor`; writes to
existing records need the record's `ETag` in `If-Match`. Errors are
`application/problem+json` (RFC 9457).
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API (and the web UI, when built) for the given settings."""
    settings = settings or get_settings()
    settings.resolved_secret_key()  # refuse to start with an unsafe secret
    configure_logging(settings.log_level, settings.log_format)
    database = Database(settings)
    # List cursors are sealed with a key of their own (core/pagination.py).
    database.sessionmaker.configure(info={CURSOR_KEY: cursor_key(settings.resolved_secret_key())})

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Everything built so far (routes, schemas, mappers) lives as long as the
        # process; moved out of the collector's sight, it is no longer re-scanned on
        # every collection, which cost a quarter of a list request (bench/RESULTS.md).
        gc.freeze()
        async with dispatcher_running(database, settings), mail_worker_running(database, settings):
            yield
        await database.dispose()

    app = FastAPI(
        title="KoKoMa API",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.rate_limiter = ClientRateLimiter(settings)
    app.state.public_rate_limiter = PublicRateLimiter(settings)
    install_error_handlers(app)
    app.add_middleware(IdempotencyMiddleware, database=database, settings=settings)
    app.add_middleware(
        BodyGuardMiddleware,
        max_body_bytes=settings.max_body_bytes,
        # The file itself, plus room for the multipart framing and the description.
        upload_max_bytes=settings.attachment_max_bytes + UPLOAD_FORM_OVERHEAD,
        upload_suffix=UPLOAD_PATH_SUFFIX,
    )
    app.add_middleware(QueryGuardMiddleware)
    # State, nonce and PKCE verifier of a sign-in through an identity provider, signed,
    # for ten minutes, sent only to the SSO paths. Lax: the provider's redirect back
    # is a cross-site navigation. Only those paths run it: every other request would
    # pay for its cookie parsing and response wrapping for nothing (bench/RESULTS.md).
    app.add_middleware(
        OnlyUnder,
        prefix=SSO_PATH,
        middleware=SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="kokoma_sso",
        max_age=600,
        path=SSO_PATH,
        same_site="lax",
        https_only=settings.public_url.startswith("https://"),
    )
    app.add_middleware(
        RequestIdMiddleware, trusted_proxies=trusted_networks(settings.trusted_proxies)
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.public_url.startswith("https://"))
    # Outermost, so that its timing and status include every other layer's work.
    app.add_middleware(MetricsMiddleware)

    mount_flat(app, API_PREFIX, DOMAIN_ROUTERS)
    openapi_document.install(app)
    _mount_docs(app, settings.frontend_dist)
    _mount_spa(app, settings.frontend_dist)
    return app


def _mount_docs(app: FastAPI, dist: Path) -> None:
    # Swagger UI's assets ship with the web build; no CDN, so visits stay private.
    page = get_swagger_ui_html(
        openapi_url=f"{API_PREFIX}/openapi.json",
        title="KoKoMa API",
        swagger_js_url="/api-docs/swagger-ui-bundle.js",
        swagger_css_url="/api-docs/swagger-ui.css",
        swagger_favicon_url="/favicon.svg",
    )
    # The page starts Swagger UI with one inline script: allowed by its hash alone,
    # so the policy stays free of 'unsafe-inline'.
    policy = {"Content-Security-Policy": policy_for_inline_scripts(bytes(page.body))}

    @app.get(f"{API_PREFIX}/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(page.body, headers={**policy, "Cache-Control": "no-cache"})


def _mount_spa(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> FileResponse:
        if path.startswith("api/") or not index.exists():
            raise NotFound("Page")
        if _ODD_PATH.search(path):
            raise NotFound("Page")  # NUL and other control bytes name no file
        accept_encoding = request.headers.get("accept-encoding")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return static.file_response(candidate, path, accept_encoding)
        # Client-side routes: every other path gets the app shell.
        return static.file_response(index, "index.html", accept_encoding)
