"""Contacts, network and consultation routes document fields, examples and errors."""

from __future__ import annotations

from typing import Any

PREFIXES = ("/api/v1/contacts", "/api/v1/network", "/api/v1/consultations")
CASE_CONSULTATIONS = "/api/v1/cases/{case_id}/consultations"
# Shared shapes owned by the foundation.
FOUNDATION = {"ProblemDetails", "FieldError", "HTTPValidationError", "ValidationError"}


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[1]} if "$ref" in node else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def _closure(names: set[str], components: dict[str, Any]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(components[name]))
    return seen


async def test_routes_document_parameters_errors_models_and_examples(client) -> None:
    document = (await client.get("/api/v1/openapi.json")).json()
    components = document["components"]["schemas"]
    paths = [p for p in document["paths"] if p.startswith(PREFIXES) or p == CASE_CONSULTATIONS]
    assert len(paths) == 11  # with the consultations' attachments
    used: set[str] = set()
    for path in paths:
        for method, operation in document["paths"][path].items():
            declared = set(operation["responses"])
            assert {"401", "403", "422"} <= declared, (method, path)
            if "{" in path:
                assert "404" in declared, (method, path)
            if method in {"patch", "delete"}:
                assert {"412", "428"} <= declared, (method, path)
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (method, path, parameter["name"])
            used |= _refs(operation.get("requestBody", {})) | _refs(operation["responses"])

    models = _closure(used, components) - FOUNDATION
    assert {"ContactOut", "ConsultationOut", "NetworkGraph", "RelationCreate"} <= models
    for name in models:
        schema = components[name]
        if "properties" not in schema or name.startswith("Page_"):
            continue  # enums, and the generic page around the described items
        # A multipart upload (FastAPI names its form ``Body_…``) has no example file.
        assert schema.get("examples") or name.startswith("Body_"), name
        undocumented = [f for f, s in schema["properties"].items() if not s.get("description")]
        assert undocumented == [], name
