"""Property-based API tests: Schemathesis generates requests from the OpenAPI document.

Every operation is called with valid and with invalid data, and chains of calls
follow the document's links from a created record to its reads and writes. Every
response must be as documented: no 5xx, a declared status code and content type,
declared headers, a body that matches its schema; invalid input is refused.

The seed is fixed and generation derandomized, so every run sends the same
requests; the example counts below bound how long it takes (about a minute and a
half per database on two cores).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import hypothesis
import pytest
import schemathesis

from kokoma.access.permissions import ROLE_PERMISSIONS, Role
from kokoma.app import API_PREFIX, create_app
from kokoma.settings import get_settings
from tests.support import Tenant
from tests.system.routes import api_routes, required_permissions

SEED = 20_260_407
EXAMPLES_PER_OPERATION = 12
STATEFUL_SCENARIOS = 100
STATEFUL_STEPS = 10

# Each part of the API (an OpenAPI tag) is driven by the first role in this order
# that reaches all of its operations: the coordinator for case work, the trainer
# for trainings, the administrator for municipalities, API clients and the like.
ROLE_PREFERENCE = (
    Role.COORDINATOR,
    Role.TRAINER,
    Role.ADMIN,
    Role.CONFLICT_MANAGER,
    Role.STEERING_GROUP,
)

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",  # valid and invalid data
            "max-examples": EXAMPLES_PER_OPERATION,
            "deterministic": True,
            "database": "none",
            # The tests send the token; calls without one are tests/system/test_route_permissions.py.
            "with-security-parameters": False,
        },
        "phases": {
            "stateful": {
                # Chains need records that exist: linked calls use valid data.
                "generation": {"mode": "positive"},
                # The document's own links only, no guessed ones.
                "inference": {"algorithms": []},
            }
        },
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_headers_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
            "negative_data_rejection": {"enabled": True},
            # Stateful: a created record can be read, a deleted one cannot.
            "ensure_resource_availability": {"enabled": True},
            "use_after_free": {"enabled": True},
        },
        "operations": [
            {
                # A write's body may name other records, which answer 404 when unknown;
                # that says nothing about the record the link came from.
                "include-method": ["POST", "PUT", "PATCH", "DELETE"],
                "checks": {"ensure_resource_availability": {"enabled": False}},
            },
            {
                # Every account has a sign-in delay, usually none: lifting it (DELETE) resets
                # the state rather than removing a record, so it stays readable afterwards.
                "include-path-regex": "/sign-in-delay$",
                "checks": {"use_after_free": {"enabled": False}},
            },
        ],
    }
)


def _reaches(role: Role, needed: set[str]) -> bool:
    return not needed or bool(needed & {p.value for p in ROLE_PERMISSIONS[role]})


def _roles_by_operation() -> dict[tuple[str, str], Role]:
    needed: dict[tuple[str, str], set[str]] = {}
    by_tag: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for route in api_routes():
        for method in route.methods:
            needed[(method, route.path)] = required_permissions(route)
            by_tag[str(route.route.tags[0])].append((method, route.path))
    # Routes only partner systems reach (their scope is no role's permission) are
    # called by the first role, and answer the documented 403.
    return {
        operation: next(
            (r for r in ROLE_PREFERENCE if all(_reaches(r, needed[o]) for o in operations)),
            ROLE_PREFERENCE[0],
        )
        for operations in by_tag.values()
        for operation in operations
    }


ROLES = _roles_by_operation()
# Schemathesis calls the app from an event loop of its own, so the app gets an
# engine of its own; webhook deliveries stay queued (no DNS lookups of generated hosts).
_app = create_app(
    get_settings().model_copy(
        update={"webhook_dispatcher_enabled": False, "mail_worker_enabled": False}
    )
)
schema = schemathesis.openapi.from_asgi(f"{API_PREFIX}/openapi.json", _app, config=CONFIG)


@pytest.fixture(scope="module")
async def fuzz_tenant(tenants) -> Tenant:
    return await tenants.make()


def _auth_headers(tenant: Tenant, case: Any) -> dict[str, str]:
    operation = case.operation  # the documented one; a case may try another method on it
    return tenant.headers(ROLES[(operation.method.upper(), operation.path)])


@schema.parametrize()
def test_every_operation_answers_as_documented(case, fuzz_tenant: Tenant) -> None:
    case.call_and_validate(headers=_auth_headers(fuzz_tenant, case))


# Unique across all municipalities, or within the fuzzing one. Hypothesis replays the
# start of a scenario to explore from there; a replayed create must not meet the record
# it made before (a 409 instead of a 201 makes the scenario differ from its first run).
UNIQUE_VALUES = {
    ("POST", f"{API_PREFIX}/municipalities"): {"slug": lambda: f"t{uuid.uuid4().hex[:12]}"},
    ("POST", f"{API_PREFIX}/users"): {
        "email": lambda: f"{uuid.uuid4().hex[:12]}@fuzz.example.org",
    },
    ("POST", f"{API_PREFIX}/places"): {
        "name": lambda: f"Ort {uuid.uuid4().hex[:12]}",
        "official_key": lambda: f"{uuid.uuid4().int % 10**8:08d}",
    },
}


def _make_unique(case: Any) -> None:
    if case.headers and "Idempotency-Key" in case.headers:
        # A generated key repeats across calls with other bodies (a 422 by design).
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    unique = UNIQUE_VALUES.get((case.method, case.operation.path), {})
    if isinstance(case.body, dict):
        for field, value in unique.items():
            if case.body.get(field) is not None:
                case.body[field] = value()


def test_linked_calls_keep_their_promises(fuzz_tenant: Tenant) -> None:
    """Follows the links: create, then read, change and delete what was created."""

    class Workflow(schema.as_state_machine()):
        def before_call(self, case):
            _make_unique(case)

        def get_call_kwargs(self, case):
            return {"headers": _auth_headers(fuzz_tenant, case)}

    Workflow.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
            derandomize=True,
            database=None,
            # Generation only: shrinking replays against a database that has moved on.
            phases=[hypothesis.Phase.generate],
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )


async def test_created_records_link_to_their_reads_and_writes(client) -> None:
    document = (await client.get(f"{API_PREFIX}/openapi.json")).json()
    paths = document["paths"]

    def links(path: str, method: str, status: str) -> dict[str, dict[str, str]]:
        found = paths[f"{API_PREFIX}{path}"][method]["responses"][status]["links"]
        return {link["operationId"]: link["parameters"] for link in found.values()}

    def operation_id(path: str, method: str) -> str:
        return str(paths[f"{API_PREFIX}{path}"][method]["operationId"])

    created_case = links("/cases", "post", "201")
    assert created_case[operation_id("/cases/{case_id}", "get")] == {
        "path.case_id": "$response.body#/id"
    }
    assert created_case[operation_id("/cases/{case_id}/status", "post")] == {
        "path.case_id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    }
    # A record created below another keeps the parent's id from the request.
    relation = links("/contacts/{contact_id}/relations", "post", "201")
    assert relation[operation_id("/contacts/{contact_id}/relations/{relation_id}", "delete")] == {
        "path.contact_id": "$request.path.contact_id",
        "path.relation_id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    }
    # A consultation created for a case lives at /consultations/{id} (its attachments too).
    consultation = links("/cases/{case_id}/consultations", "post", "201")
    assert set(consultation) == {
        operation_id("/consultations/{consultation_id}", method)
        for method in ("get", "patch", "delete")
    } | {
        operation_id("/consultations/{consultation_id}/attachments", method)
        for method in ("get", "post")
    }
    # A read hands its ETag to the writes.
    read = links("/users/{user_id}", "get", "200")
    assert read[operation_id("/users/{user_id}", "patch")] == {
        "path.user_id": "$request.path.user_id",
        "header.If-Match": "$response.header.ETag",
    }
    # Operations below the record without versions of their own get the id only.
    assert read[operation_id("/users/{user_id}/sign-in-delay", "delete")] == {
        "path.user_id": "$request.path.user_id"
    }
