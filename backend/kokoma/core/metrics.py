"""The process's Prometheus metrics, defined once; the code that counts imports them here.

Label values are route templates, methods, status codes and fixed names, never a
path, an address or an account, so nothing personal reaches the monitoring system.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry()

REQUESTS = Histogram(
    "kokoma_http_request_duration_seconds",
    "Time to answer HTTP requests (its _count is the number of requests)",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
FAILED_LOGINS = Counter(
    "kokoma_failed_logins",
    "Refused sign-ins, by kind of caller (person or API client)",
    ["kind"],
    registry=REGISTRY,
)
JOB_RUNS = Counter(
    "kokoma_background_job_runs", "Rounds of background jobs", ["job"], registry=REGISTRY
)
JOB_FAILURES = Counter(
    "kokoma_background_job_failures",
    "Rounds of background jobs that failed",
    ["job"],
    registry=REGISTRY,
)
POOL = Gauge(
    "kokoma_db_pool_connections",
    "Database connections of this process: in_use, idle, size (configured)",
    ["state"],
    registry=REGISTRY,
)
OUTBOX_WAITING = Gauge(
    "kokoma_outbox_waiting", "Outbox entries waiting to be handled", ["outbox"], registry=REGISTRY
)
OUTBOX_AGE = Gauge(
    "kokoma_outbox_oldest_age_seconds",
    "How long the oldest waiting outbox entry has waited",
    ["outbox"],
    registry=REGISTRY,
)
