"""Every list reads its filters, order and page from one query model.

So every list answers an unknown or misspelt parameter with a 422 that names it,
instead of silently ignoring it and returning an unfiltered list.
"""

from __future__ import annotations

from kokoma.access.permissions import ROLE_PERMISSIONS, Role
from tests.system.routes import api_routes, required_permissions

PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


def _list_routes() -> list[tuple[str, set[str]]]:
    found = []
    for route in api_routes():
        model = route.route.response_model
        if "GET" in route.methods and getattr(model, "__name__", "").startswith("Page["):
            path = route.path
            for name in route.param_names:
                path = path.replace("{" + name + "}", PLACEHOLDER)
            found.append((path, required_permissions(route)))
    return found


def _role_with(needed: set[str]) -> Role:
    return next(r for r in Role if needed <= {p.value for p in ROLE_PERMISSIONS[r]})


async def test_every_list_refuses_unknown_parameters(client, tenants) -> None:
    tenant = await tenants.make()
    routes = _list_routes()
    assert len(routes) >= 10
    for path, needed in routes:
        headers = tenant.headers(_role_with(needed))
        response = await client.get(path, params={"colour": "red"}, headers=headers)
        assert response.status_code == 422, (path, response.text)
        fields = [error["field"] for error in response.json()["errors"]]
        assert fields == ["query.colour"], (path, fields)
