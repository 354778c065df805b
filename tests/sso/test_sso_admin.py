"""Administrators configure a municipality's identity provider (web API and CLI)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from kokoma.access.permissions import Role
from tests.sso.flow import configure
from tests.sso.idp import PROVIDERS, SSO, Idp
from tests.system.test_settings_and_cli import _cli


def _body(tenant, idp: Idp, **changes):
    return {
        "municipality_id": str(tenant.id),
        "name": "Verzeichnis",
        "issuer": idp.issuer,
        "client_id": "kokoma",
        "client_secret_ref": "env:KOKOMA_SSO_NOT_SET",
        "role_mapping": {"KoKoMa.Koordination": "coordinator"},
        **changes,
    }


async def test_administrators_configure_and_test_a_provider(client, tenants, idp: Idp):
    tenant = await tenants.make()
    admin = tenant.headers(Role.ADMIN)
    created = await client.post(PROVIDERS, json=_body(tenant, idp), headers=admin)
    assert created.status_code == 201
    provider = created.json()
    assert provider["redirect_uri"] == f"https://kokoma.test{SSO}/{provider['id']}/callback"
    assert provider["client_secret_ref"] == "env:KOKOMA_SSO_NOT_SET"
    assert provider["provisioning"] == "create"

    again = await client.post(PROVIDERS, json=_body(tenant, idp), headers=admin)
    assert again.status_code == 409
    assert again.json()["detail"] == "Diese Kommune hat bereits einen Anmeldedienst."

    missing = await client.post(f"{PROVIDERS}/{provider['id']}/test", headers=admin)
    assert missing.json()["ok"] is False
    assert missing.json()["secret_found"] is False

    os.environ["KOKOMA_SSO_NOT_SET"] = "ein-geheimnis"
    try:
        tested = (await client.post(f"{PROVIDERS}/{provider['id']}/test", headers=admin)).json()
    finally:
        del os.environ["KOKOMA_SSO_NOT_SET"]
    assert tested["ok"] is True, tested
    assert tested["issuer"] == idp.issuer
    assert tested["signing_keys"] >= 1
    assert tested["end_session_endpoint"].startswith(idp.issuer)
    assert tested["backchannel_logout_supported"] is True

    unversioned = await client.patch(
        f"{PROVIDERS}/{provider['id']}", json={"sso_only": True}, headers=admin
    )
    assert unversioned.status_code == 428
    listed = await client.get(PROVIDERS, params={"municipality_id": str(tenant.id)}, headers=admin)
    assert [p["id"] for p in listed.json()["items"]] == [provider["id"]]


async def test_secrets_and_the_admin_role_cannot_be_configured(client, tenants, idp):
    tenant = await tenants.make()
    admin = tenant.headers(Role.ADMIN)
    for changes in [
        {"client_secret_ref": "the-secret-itself"},
        {"role_mapping": {"Domain Admins": "admin"}},
        {"issuer": "ftp://idp.example"},
        {"unknown_field": 1},
    ]:
        answer = await client.post(PROVIDERS, json=_body(tenant, idp, **changes), headers=admin)
        assert answer.status_code == 422, changes
    listed = await client.get(PROVIDERS, params={"municipality_id": str(tenant.id)}, headers=admin)
    assert listed.json()["items"] == []


async def test_only_administrators_manage_providers(client, tenants, idp):
    tenant = await tenants.make()
    for role in (Role.COORDINATOR, Role.CONFLICT_MANAGER):
        assert (await client.get(PROVIDERS, headers=tenant.headers(role))).status_code == 403
        answer = await client.post(
            PROVIDERS, json=_body(tenant, idp), headers=tenant.headers(role)
        )
        assert answer.status_code == 403


async def test_the_sign_in_page_lists_enabled_providers(client, tenants, idp):
    tenant = await tenants.make()
    admin = tenant.headers(Role.ADMIN)
    provider = await configure(client, admin, tenant, idp)
    options = (await client.get(f"{SSO}/providers")).json()
    mine = [o for o in options if o["id"] == provider["id"]]
    assert mine[0]["municipality_name"] == tenant.municipality.name
    assert mine[0]["login_url"] == f"{SSO}/{provider['id']}/login"

    current = await client.get(f"{PROVIDERS}/{provider['id']}", headers=admin)
    await client.patch(
        f"{PROVIDERS}/{provider['id']}",
        json={"is_enabled": False},
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    options = (await client.get(f"{SSO}/providers")).json()
    assert provider["id"] not in [o["id"] for o in options]
    assert (await client.get(f"{SSO}/{provider['id']}/login")).status_code == 404


def test_cli_adds_lists_and_tests_a_provider(tmp_path: Path, idp: Idp) -> None:
    secret = tmp_path / "client-secret"
    secret.write_text("aus-der-datei\n")
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    slug = f"s{uuid.uuid4().hex[:6]}"
    assert (
        _cli(tmp_path, "municipality", "create", "--name", "Stadt", "--slug", slug).returncode == 0
    )
    sso = ["sso", "add", "--municipality", slug, "--name", "Verzeichnis", "--issuer", idp.issuer]
    sso += ["--client-id", "kokoma", "--secret", f"file:{secret}"]
    bad = _cli(tmp_path, *sso, "--map", "Domain Admins=admin")
    assert bad.returncode == 1
    added = _cli(tmp_path, *sso, "--map", "KoKoMa.Koordination=coordinator", "--sso-only")
    assert added.returncode == 0, added.stderr
    assert "/callback" in added.stdout
    listed = _cli(tmp_path, "sso", "list")
    assert idp.issuer in listed.stdout and "SSO only" in listed.stdout
    tested = _cli(tmp_path, "sso", "test", "--municipality", slug)
    assert tested.returncode == 0, tested.stderr
    assert "The connection works." in tested.stdout
