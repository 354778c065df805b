"""Walking the mounted API routes, for tests that hold a rule for every route."""

from __future__ import annotations

from fastapi.routing import APIRoute

from kokoma.app import API_PREFIX, DOMAIN_ROUTERS


class Route:
    """A mounted API route with its full path."""

    def __init__(self, route: APIRoute) -> None:
        self.route = route
        self.path = API_PREFIX + route.path
        self.methods = route.methods
        self.param_names = list(route.param_convertors)


def api_routes() -> list[Route]:
    # Every API route is mounted from one of the domain routers, so walking them
    # walks the whole API, whatever the framework does when it includes routers.
    return [
        Route(r) for router in DOMAIN_ROUTERS for r in router.routes if isinstance(r, APIRoute)
    ]


def required_permissions(route: Route) -> set[str]:
    """The permissions the route's dependencies demand."""
    found: set[str] = set()
    stack = [route.route.dependant]
    while stack:
        dependant = stack.pop()
        permission = getattr(dependant.call, "required_permission", None)
        if permission is not None:
            found.add(permission.value)
        # A route open to either of several permissions names them all.
        found.update(p.value for p in getattr(dependant.call, "required_permissions", ()))
        stack.extend(dependant.dependencies)
    return found
