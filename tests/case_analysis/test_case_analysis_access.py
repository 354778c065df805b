"""Who reads and writes a case's analysis: the case's readers, nobody else."""

from __future__ import annotations

from kokoma.access.permissions import Role
from tests.case_analysis.helpers import analysis_url, put_analysis, sample
from tests.support import insert_case, register_client, request_token


async def test_readers_of_the_case_and_nobody_else(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    manager = tenant.user("conflict_manager")
    team = await insert_case(tenants.sessionmaker, tenant)
    restricted = await insert_case(
        tenants.sessionmaker, tenant, restricted=True, assignees=(tenant.user("coordinator").id,)
    )
    team_case = {"id": str(team.id)}
    restricted_case = {"id": str(restricted.id)}

    assert (await put_analysis(client, tenant, team_case, sample())).status_code == 200
    # The coordinator sees and writes restricted cases; an unassigned manager gets 404.
    assert (
        await put_analysis(client, tenant, restricted_case, sample(), role="coordinator")
    ).status_code == 200
    for method in ("GET", "PUT"):
        response = await client.request(
            method,
            analysis_url(restricted_case),
            json=sample() if method == "PUT" else None,
            headers={**tenant.headers("conflict_manager"), "If-Match": '"1"'},
        )
        assert response.status_code == 404, (method, manager.full_name)
    for path in ("/versions", "/versions/1", "/compare?from=1&to=1"):
        response = await client.get(
            analysis_url(restricted_case) + path, headers=tenant.headers("conflict_manager")
        )
        assert response.status_code == 404, path

    # Another municipality's casework sees nothing: 404 as if it did not exist.
    for role in ("coordinator", "conflict_manager"):
        response = await client.get(analysis_url(team_case), headers=other.headers(role))
        assert response.status_code == 404
        response = await put_analysis(client, other, team_case, sample(), version=1, role=role)
        assert response.status_code == 404

    # Roles without case access are refused outright.
    for role in (Role.ADMIN, Role.TRAINER, Role.STEERING_GROUP):
        response = await client.get(analysis_url(team_case), headers=tenant.headers(role))
        assert response.status_code == 403, role


async def test_api_clients_need_the_case_scopes(client, tenants) -> None:
    tenant = await tenants.make()
    case = await insert_case(tenants.sessionmaker, tenant)
    registered = await register_client(client, tenant, ["cases:read"])
    token = (await request_token(client, registered["id"], registered["client_secret"])).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    url = analysis_url({"id": str(case.id)})
    assert (await client.get(url, headers=headers)).status_code == 200
    refused = await client.put(url, json=sample(), headers={**headers, "If-Match": '"0"'})
    assert refused.status_code == 403
