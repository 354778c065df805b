"""Mounting the domain routers as one flat list of routes under the API prefix."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute


def mount_flat(app: FastAPI, prefix: str, routers: Iterable[APIRouter]) -> None:
    """Add every route of ``routers`` to the application's own router, under ``prefix``.

    ``include_router`` keeps an included router as a branch that every request walks,
    route by route through each branch before the matching one, and then once more to
    dispatch; with some 250 routes that cost more CPU per request than checking the
    caller's token (bench/RESULTS.md). Copied into the application's router, the routes
    form one list matched by regular expression. Each copy keeps every setting of its
    original, so the OpenAPI document stays the same.
    """
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{route!r} is not an API route; mount it on its own.")
            app.router.add_api_route(
                prefix + route.path,
                route.endpoint,
                response_model=route.response_model,
                status_code=route.status_code,
                tags=route.tags,
                dependencies=route.dependencies,
                summary=route.summary,
                description=route.description,
                response_description=route.response_description,
                responses=route.responses,
                deprecated=route.deprecated,
                methods=route.methods,
                operation_id=route.operation_id,
                response_model_include=route.response_model_include,
                response_model_exclude=route.response_model_exclude,
                response_model_by_alias=route.response_model_by_alias,
                response_model_exclude_unset=route.response_model_exclude_unset,
                response_model_exclude_defaults=route.response_model_exclude_defaults,
                response_model_exclude_none=route.response_model_exclude_none,
                include_in_schema=route.include_in_schema,
                response_class=route.response_class,
                name=route.name,
                route_class_override=type(route),
                callbacks=route.callbacks,
                openapi_extra=route.openapi_extra,
                generate_unique_id_function=route.generate_unique_id_function,
                strict_content_type=route.strict_content_type,
                max_body_size=route.max_body_size,
                form_limits=route.form_limits,
            )
