"""The OpenAPI document is complete enough for integrators to build on."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

SKIPPED_SCHEMAS = {"HTTPValidationError", "ValidationError"}  # framework defaults, unused


async def _document(client) -> dict[str, Any]:
    response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _has_example(schema: dict[str, Any]) -> bool:
    if "example" in schema or schema.get("examples"):
        return True
    properties = schema.get("properties", {})
    return bool(properties) and all(
        "example" in p or p.get("examples") or "default" in p for p in properties.values()
    )


async def test_every_model_field_is_described(client):
    schemas = (await _document(client))["components"]["schemas"]
    undocumented = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if name not in SKIPPED_SCHEMAS
        for field, prop in schema.get("properties", {}).items()
        if name.endswith("Out") and not prop.get("description") and not prop.get("$ref")
    ]
    assert undocumented == []


async def test_every_response_model_has_an_example(client):
    document = await _document(client)
    schemas = document["components"]["schemas"]
    missing = [
        name
        for name, schema in schemas.items()
        if name.endswith("Out") and schema.get("type") == "object" and not _has_example(schema)
    ]
    assert missing == []


async def test_every_operation_declares_its_errors(client):
    document = await _document(client)
    public = {
        "/api/v1/health",
        "/api/v1/health/live",
        "/api/v1/health/ready",
        "/api/v1/auth/token",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
    }
    gaps = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            declared = set(operation.get("responses", {}))
            needed = (
                {"422"} if operation.get("parameters") or operation.get("requestBody") else set()
            )
            if (
                path not in public
                and not path.startswith("/api/v1/certificates/verify")
                and not path.startswith("/api/v1/public/")
            ):
                needed |= {"401", "403"}
            if "{" in path:
                needed.add("404")
            if method == "patch":
                needed |= {"412", "428"}
            if not needed <= declared:
                gaps.append(f"{method.upper()} {path}: {sorted(needed - declared)}")
            if not operation.get("summary") and not operation.get("description"):
                gaps.append(f"{method.upper()} {path}: no summary")
    assert gaps == []


async def test_web_app_checks_the_limits_the_api_states(client, tmp_path):
    """The web app's form checks (frontend/src/api/limits.ts) are generated from this
    document; after a change to a request schema, `make api-client` must have run."""
    root = Path(__file__).resolve().parents[2]
    node = shutil.which("node")
    assert node, "node is needed to build the web app"
    source = tmp_path / "openapi.json"
    source.write_text(json.dumps(await _document(client)))
    generated = tmp_path / "limits.ts"
    script = root / "frontend" / "scripts" / "gen-limits.mjs"
    subprocess.run([node, str(script), str(source), str(generated)], check=True, timeout=60)
    committed = root / "frontend" / "src" / "api" / "limits.ts"
    assert generated.read_text() == committed.read_text(), "run `make api-client`"
