# KoKoMa API: migrates the database, then serves with several workers.
# Build from the repository root: docker build -f docker/backend.Dockerfile .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 kokoma \
    && useradd --system --uid 10001 --gid kokoma --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin kokoma \
    && install -d -o kokoma -g kokoma -m 0750 /var/lib/kokoma /var/lib/kokoma/attachments

# kokoma backup/restore run pg_dump/pg_restore, which must match the server's major
# version (postgres:16 in docker-compose.yml); Debian's own is older, so PGDG's.
ARG PG_MAJOR=16
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common ca-certificates \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The package first: its layer is rebuilt only when the backend changes.
COPY backend/ /app/backend/
RUN pip install /app/backend && rm -rf /app/backend

COPY migrations/ /app/migrations/

ENV KOKOMA_MIGRATIONS_DIR=/app/migrations \
    KOKOMA_DATA_DIR=/var/lib/kokoma

USER kokoma:kokoma
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health/live', timeout=4)"]

# exec: the server, not the shell, receives the stop signal and shuts down cleanly.
CMD ["sh", "-c", "kokoma db upgrade && exec kokoma serve --host 0.0.0.0 --port 8000 --workers 4"]
