"""The container deployment, checked by reading it: docker-compose.yml, the Dockerfiles, nginx.

There is no container engine in the test environment, so these tests hold the files to
what a working deployment needs: every service a healthcheck, start order by health,
secrets only from the environment, migrations before serving, /api proxied to the API.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
BACKEND_DOCKERFILE = ROOT / "docker" / "backend.Dockerfile"
FRONTEND_DOCKERFILE = ROOT / "docker" / "frontend.Dockerfile"
NGINX_CONF = ROOT / "docker" / "nginx.conf"
DOCKERIGNORE = ROOT / ".dockerignore"

DEPLOYMENT_FILES = [COMPOSE_FILE, BACKEND_DOCKERFILE, FRONTEND_DOCKERFILE, NGINX_CONF]

# `${NAME:?message}`: Compose refuses to start when NAME is unset or empty.
REQUIRED_VAR = re.compile(r"^\$\{(?P<name>[A-Z][A-Z0-9_]*):\?[^}]*\}$")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|PRIVATE|(^|_)KEY$", re.IGNORECASE)


# --- helpers -------------------------------------------------------------------------


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _services() -> dict[str, dict[str, Any]]:
    return _compose()["services"]


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def _interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable interpolation for the forms this project uses."""

    def replace(match: re.Match[str]) -> str:
        name, op, arg = match.group("name"), match.group("op"), match.group("arg") or ""
        value = env.get(name, "")
        if op == ":?" and not value:
            raise LookupError(f"{name}: {arg}")
        if op == ":-" and not value:
            return arg
        return value

    return re.sub(
        r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:\?|:-)(?P<arg>[^}]*))?\}", replace, text
    )


def _instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with line continuations joined and comments dropped."""
    logical: list[str] = []
    current = ""
    for raw in dockerfile.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    result = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        result.append((keyword.upper(), args.strip()))
    return result


def _stages(dockerfile: Path) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in _instructions(dockerfile):
        if instruction[0] == "FROM":
            stages.append([])
        stages[-1].append(instruction)
    return stages


def _command_line(args: str) -> str:
    """The shell command of an exec-form ["sh", "-c", "..."] or a shell-form CMD."""
    if args.startswith("["):
        parts = yaml.safe_load(args)
        if parts[:2] == ["sh", "-c"] or parts[:2] == ["/bin/sh", "-c"]:
            return parts[2]
        return shlex.join(parts)
    return args


def _nginx_blocks(text: str) -> dict[str, str]:
    """Bodies of `location ... { }` blocks, keyed by their match (no nested blocks needed)."""
    return {
        match.group(1).strip(): match.group(2)
        for match in re.finditer(r"location\s+([^{]+)\{([^{}]*)\}", text)
    }


def _nginx_text() -> str:
    return "\n".join(line.split("#", 1)[0] for line in NGINX_CONF.read_text().splitlines())


# --- docker-compose.yml -------------------------------------------------------------


def test_compose_has_the_four_services() -> None:
    assert set(_services()) == {"db", "redis", "backend", "frontend"}


def test_database_is_postgres_16_on_a_named_volume() -> None:
    compose = _compose()
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:16")
    mounts = [str(volume) for volume in db["volumes"]]
    data_mounts = [m for m in mounts if m.split(":")[1:2] == ["/var/lib/postgresql/data"]]
    assert data_mounts, mounts
    volume_name = data_mounts[0].split(":")[0]
    assert not volume_name.startswith((".", "/")), "a named volume, not a bind mount"
    assert volume_name in (compose.get("volumes") or {})
    env = _environment(db)
    assert env["POSTGRES_USER"] == "kokoma"
    assert env["POSTGRES_DB"] == "kokoma"


@pytest.mark.parametrize("name", ["db", "redis", "backend"])
def test_services_others_depend_on_have_healthchecks(name: str) -> None:
    check = _services()[name].get("healthcheck")
    assert check and check.get("test"), f"{name} needs a healthcheck"
    assert not check.get("disable", False)
    for key in ("interval", "timeout", "retries"):
        assert key in check, f"{name}.healthcheck.{key}"


def test_healthchecks_probe_the_right_thing() -> None:
    services = _services()
    as_text = {
        name: str(services[name]["healthcheck"]["test"]) for name in ("db", "redis", "backend")
    }
    assert "pg_isready" in as_text["db"]
    assert "redis-cli" in as_text["redis"] and "ping" in as_text["redis"]
    # Others wait for a backend that can serve: database reachable, schema migrated.
    assert "/api/v1/health/ready" in as_text["backend"]
    assert "8000" in as_text["backend"]


def test_the_image_healthcheck_probes_liveness() -> None:
    # Outside compose the image's own check must not depend on the database.
    dockerfile = (ROOT / "docker" / "backend.Dockerfile").read_text()
    check = dockerfile.split("HEALTHCHECK", 1)[1].split("\n\n", 1)[0]
    assert "/api/v1/health/live" in check


def test_start_order_waits_for_health() -> None:
    services = _services()
    expected = {"backend": {"db", "redis"}, "frontend": {"backend"}}
    for name, needs in expected.items():
        depends = services[name]["depends_on"]
        assert isinstance(depends, dict), f"{name}: depends_on needs conditions, not a list"
        assert set(depends) >= needs
        for target in needs:
            assert depends[target]["condition"] == "service_healthy", f"{name} -> {target}"
    # Every healthy-condition points at a service that has a healthcheck.
    for name, service in services.items():
        for target, spec in (service.get("depends_on") or {}).items():
            if isinstance(spec, dict) and spec.get("condition") == "service_healthy":
                assert services[target].get("healthcheck"), f"{name} waits on {target}"


def test_backend_configuration() -> None:
    backend = _services()["backend"]
    assert backend["build"]["dockerfile"] == "docker/backend.Dockerfile"
    assert backend["build"].get("context", ".") == "."
    env = _environment(backend)
    assert re.fullmatch(
        r"postgresql\+asyncpg://kokoma:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432/kokoma",
        env["KOKOMA_DATABASE_URL"],
    ), env["KOKOMA_DATABASE_URL"]
    assert REQUIRED_VAR.fullmatch(env["KOKOMA_SECRET_KEY"])
    assert REQUIRED_VAR.fullmatch(env["KOKOMA_SECRET_KEY"]).group("name") == "KOKOMA_SECRET_KEY"
    assert env["KOKOMA_REDIS_URL"] == "redis://redis:6379/0"
    # Only the web server is reachable from outside; it trusts forwarded headers from nginx.
    assert "ports" not in backend


def test_the_data_directory_with_the_attachments_is_on_a_named_volume() -> None:
    # Attachment files live in <data dir>/attachments: they must outlive the container.
    compose = _compose()
    backend = compose["services"]["backend"]
    (stage,) = _stages(BACKEND_DOCKERFILE)
    env = " ".join(args for keyword, args in stage if keyword == "ENV")
    data_dir = re.search(r"KOKOMA_DATA_DIR[= ](\S+)", env)
    assert data_dir, env
    mounts = [str(volume) for volume in backend.get("volumes", [])]
    data_mounts = [m for m in mounts if m.split(":")[1:2] == [data_dir.group(1)]]
    assert data_mounts, mounts
    volume_name = data_mounts[0].split(":")[0]
    assert not volume_name.startswith((".", "/")), "a named volume, not a bind mount"
    assert volume_name in (compose.get("volumes") or {})


def test_nginx_lets_an_attachment_of_the_largest_size_through() -> None:
    from kokoma.attachments.router import UPLOAD_FORM_OVERHEAD
    from kokoma.settings import Settings

    found = re.search(r"client_max_body_size\s+(\d+)m;", _nginx_text())
    assert found, "client_max_body_size in MiB"
    largest = Settings.model_fields["attachment_max_bytes"].default + UPLOAD_FORM_OVERHEAD
    assert int(found.group(1)) * 1024 * 1024 >= largest


def test_frontend_is_the_only_published_service() -> None:
    services = _services()
    frontend = services["frontend"]
    assert frontend["build"]["dockerfile"] == "docker/frontend.Dockerfile"
    published = [str(port) for port in frontend["ports"]]
    assert len(published) == 1
    host, container = _interpolate(published[0], {}).rsplit(":", 1)
    assert (host, container) == ("8080", "80")
    assert [name for name, service in services.items() if service.get("ports")] == ["frontend"]


def test_secrets_come_only_from_required_environment_variables() -> None:
    for name, service in _services().items():
        for key, value in _environment(service).items():
            if SECRET_NAME.search(key):
                match = REQUIRED_VAR.fullmatch(value)
                assert match, f"{name}.{key} must be ${{{key}:?…}}, not {value!r}"
            # Credentials inside URLs, too.
            for password in re.findall(r"://[^:/@\s]+:([^@\s]+)@", value):
                assert REQUIRED_VAR.fullmatch(password), f"{name}.{key} embeds a password"


def test_the_database_password_is_one_variable_for_server_and_client() -> None:
    env = {"POSTGRES_PASSWORD": "pw-from-env", "KOKOMA_SECRET_KEY": "k" * 48}
    resolved = yaml.safe_load(_interpolate(COMPOSE_FILE.read_text(), env))
    services = resolved["services"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == "pw-from-env"
    assert (
        services["backend"]["environment"]["KOKOMA_DATABASE_URL"]
        == "postgresql+asyncpg://kokoma:pw-from-env@db:5432/kokoma"
    )
    assert services["backend"]["environment"]["KOKOMA_SECRET_KEY"] == "k" * 48


@pytest.mark.parametrize("missing", ["POSTGRES_PASSWORD", "KOKOMA_SECRET_KEY"])
def test_compose_refuses_to_start_without_a_secret(missing: str) -> None:
    env = {"POSTGRES_PASSWORD": "pw", "KOKOMA_SECRET_KEY": "k" * 48}
    env[missing] = ""
    with pytest.raises(LookupError, match=missing):
        _interpolate(COMPOSE_FILE.read_text(), env)


@pytest.mark.parametrize("path", DEPLOYMENT_FILES, ids=lambda p: p.name)
def test_no_secret_literals_in_deployment_files(path: Path) -> None:
    text = path.read_text()
    for literal in ("change-me", "KoKoMa-Demo-2026", "BEGIN PRIVATE KEY"):
        assert literal not in text
    # NAME=value or NAME: value for a secret-looking name, with a literal value.
    for match in re.finditer(
        r"\b([A-Z][A-Z0-9_]*)\s*[:=]\s*([^\s\"'#]+|\"[^\"]*\"|'[^']*')", text
    ):
        name, value = match.group(1), match.group(2).strip("\"'")
        if SECRET_NAME.search(name) and value:
            assert value.startswith("${") and ":?" in value, f"{path.name}: {name} = {value!r}"


# --- Dockerfiles --------------------------------------------------------------------


def test_backend_image() -> None:
    (stage,) = _stages(BACKEND_DOCKERFILE)
    assert stage[0] == ("FROM", "python:3.11-slim")
    copies = [args for keyword, args in stage if keyword == "COPY"]
    assert any(args.split()[:2] == ["backend/", "/app/backend/"] for args in copies)
    assert any(args.split()[-2:] == ["migrations/", "/app/migrations/"] for args in copies)
    runs = " ".join(args for keyword, args in stage if keyword == "RUN")
    assert re.search(r"pip install [^&]*/app/backend", runs)
    env = " ".join(args for keyword, args in stage if keyword == "ENV")
    assert re.search(r"KOKOMA_MIGRATIONS_DIR[= ]/app/migrations\b", env)


def test_backend_image_has_the_database_servers_client_tools() -> None:
    # pg_dump refuses a server of a newer major version: backups need the same one.
    (stage,) = _stages(BACKEND_DOCKERFILE)
    args = dict(a.split("=", 1) for keyword, a in stage if keyword == "ARG" and "=" in a)
    server_major = _services()["db"]["image"].split(":")[1].split(".")[0]
    assert args["PG_MAJOR"] == server_major
    runs = " ".join(a for keyword, a in stage if keyword == "RUN")
    assert "postgresql-client-${PG_MAJOR}" in runs


def test_backend_runs_as_an_unprivileged_user() -> None:
    (stage,) = _stages(BACKEND_DOCKERFILE)
    users = [(index, args) for index, (keyword, args) in enumerate(stage) if keyword == "USER"]
    assert users, "the backend must not run as root"
    index, user = users[-1]
    assert user.split(":")[0] not in {"root", "0"}
    cmd_index = max(i for i, (keyword, _) in enumerate(stage) if keyword in {"CMD", "ENTRYPOINT"})
    assert index < cmd_index


def test_backend_migrates_then_serves() -> None:
    (stage,) = _stages(BACKEND_DOCKERFILE)
    (cmd,) = [args for keyword, args in stage if keyword == "CMD"]
    command = _command_line(cmd)
    steps = [step.strip() for step in command.split("&&")]
    assert steps[0] == "kokoma db upgrade"
    serve = shlex.split(steps[1])
    if serve[0] == "exec":
        serve = serve[1:]
    assert serve[:2] == ["kokoma", "serve"]
    options = dict(zip(serve[2::2], serve[3::2], strict=True))
    assert options == {"--host": "0.0.0.0", "--port": "8000", "--workers": "4"}


def test_frontend_image_builds_with_node_and_serves_with_nginx() -> None:
    build, final = _stages(FRONTEND_DOCKERFILE)
    base, _, alias = build[0][1].partition(" AS ")
    assert base.startswith("node:20")
    assert alias.strip()
    runs = [args for keyword, args in build if keyword == "RUN"]
    assert any(args.startswith("npm ci") for args in runs)
    assert "npm run build" in runs
    assert final[0] == ("FROM", "nginx:stable-alpine")
    copies = [args.split() for keyword, args in final if keyword == "COPY"]
    assert ["docker/nginx.conf", "/etc/nginx/conf.d/default.conf"] in copies
    assert [f"--from={alias.strip()}", "/src/frontend/dist", "/usr/share/nginx/html"] in copies


def test_build_context_has_what_the_dockerfiles_copy() -> None:
    ignored = [
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def is_ignored(path: str) -> bool:
        path = path.rstrip("/")
        return any(
            fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, pattern.removeprefix("**/"))
            for pattern in ignored
        )

    for dockerfile in (BACKEND_DOCKERFILE, FRONTEND_DOCKERFILE):
        for keyword, args in _instructions(dockerfile):
            if keyword != "COPY" or args.startswith("--from"):
                continue
            for source in args.split()[:-1]:
                assert (ROOT / source).exists(), f"{dockerfile.name}: {source} missing"
                assert not is_ignored(source), f"{dockerfile.name}: {source} is in .dockerignore"
    for must_ignore in (".git", ".venv", "frontend/node_modules", "frontend/dist", ".env"):
        assert is_ignored(must_ignore), must_ignore


# --- nginx ---------------------------------------------------------------------------


def test_nginx_proxies_the_api_to_the_backend() -> None:
    text = _nginx_text()
    api = _nginx_blocks(text)["/api/"]
    targets = re.findall(r"proxy_pass\s+([^;]+);", api)
    assert len(targets) == 1
    target = targets[0].strip()
    if target.startswith("$"):  # resolved at request time through a variable
        (target,) = re.findall(rf"set\s+{re.escape(target)}\s+([^;]+);", api)
    # No URI part: the path is passed on unchanged, /api/v1/... stays /api/v1/...
    assert target.strip() == "http://backend:8000"
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto"):
        assert re.search(rf"proxy_set_header\s+{header}\s", api), header


def test_nginx_serves_the_app_with_spa_fallback() -> None:
    text = _nginx_text()
    assert re.search(r"root\s+/usr/share/nginx/html;", text)
    root = _nginx_blocks(text)["/"]
    assert re.search(r"try_files\s+\$uri\s+(\$uri/\s+)?/index\.html;", root)


def test_nginx_security_headers_and_gzip() -> None:
    text = _nginx_text()
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ):
        assert re.search(rf"add_header\s+{header}\s+.+\s+always;", text), header
    csp = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', text).group(1)
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert re.search(r"^\s*gzip\s+on;", text, re.MULTILINE)
    assert re.search(r"server_tokens\s+off;", text)
    assert text.count("{") == text.count("}")


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    wrapper = tmp_path / "nginx.conf"
    wrapper.write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/logs/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; include {NGINX_CONF}; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(wrapper)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
