"""The cases API documents itself: described fields, examples, declared errors."""

from __future__ import annotations

from typing import Any

CASE_PATHS = (
    "/api/v1/cases",
    "/api/v1/cases/escalation-levels",
    "/api/v1/cases/status-transitions",
    "/api/v1/cases/{case_id}",
    "/api/v1/cases/{case_id}/status",
    "/api/v1/cases/{case_id}/archive",
    "/api/v1/cases/{case_id}/assignees",
    "/api/v1/cases/{case_id}/parties",
    "/api/v1/cases/{case_id}/timeline",
)


def _schema_names(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[1]} if "$ref" in node else set()
        return found.union(*(_schema_names(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_schema_names(v) for v in node))
    return set()


async def test_case_routes_document_fields_examples_and_errors(client) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    components = document["components"]["schemas"]
    operations = [
        (path, method, op) for path in CASE_PATHS for method, op in document["paths"][path].items()
    ]
    used: set[str] = set()
    for path, method, op in operations:
        declared = set(op["responses"])
        assert {"401", "403", "422"} <= declared, (method, path)
        if "{case_id}" in path:
            assert "404" in declared, (method, path)
        if method in {"patch", "put"} or path.endswith(("/status", "/archive")):
            assert {"409", "412", "428"} <= declared, (method, path)
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (method, path, parameter["name"])
        used |= _schema_names(op.get("requestBody", {})) | _schema_names(op["responses"])
    own = {
        name
        for name in used
        if name.startswith(
            (
                "Case",
                "Party",
                "Parties",
                "Assignee",
                "Status",
                "Timeline",
                "Escalation",
                "Transition",
            )
        )
    }
    assert "CaseDetailOut" in own and "StatusChange" in own
    for name in own:
        schema = components[name]
        if "properties" not in schema:
            continue  # enums
        assert schema.get("examples"), name
        undocumented = [f for f, s in schema["properties"].items() if not s.get("description")]
        assert undocumented == [], name
