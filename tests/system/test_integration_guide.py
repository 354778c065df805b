"""The integration guide's examples work: each one runs against a live server.

The server is started the way an operator would (``kokoma db upgrade``,
``kokoma demo-data``, ``kokoma serve``) on a free port with a fresh SQLite
database. Fenced blocks marked ```` ```bash example ```` run in order, each
seeing the variables the earlier ones set, as in one shell session; blocks
marked ```` ```python example ```` run as scripts. A ``# prints: …`` line in a
block names text its output must contain.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.webhooks.receiver import Receiver

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "integration.md"
EXAMPLE = re.compile(r"^```(bash|python) example\n(.*?)^```$", re.MULTILINE | re.DOTALL)
KOKOMA = Path(sys.executable).with_name("kokoma")


def _examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(GUIDE.read_text(encoding="utf-8"))


def _plain_environment() -> dict[str, str]:
    """The test run's environment without its KOKOMA_ settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("KOKOMA_")}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not come up:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("guide-server")
    env = {
        **_plain_environment(),
        "KOKOMA_DATA_DIR": str(data),
        "KOKOMA_FRONTEND_DIST": str(data / "no-frontend"),
        "KOKOMA_ARGON2_TIME_COST": "1",
        "KOKOMA_ARGON2_MEMORY_COST": "1024",
        "KOKOMA_LOG_LEVEL": "WARNING",
        # The signature check below receives deliveries on 127.0.0.1.
        "KOKOMA_WEBHOOK_ALLOW_LOOPBACK": "true",
        "KOKOMA_WEBHOOK_POLL_SECONDS": "0.2",
    }
    for command in (["db", "upgrade"], ["demo-data"]):
        subprocess.run([KOKOMA, *command], env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = data / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [KOKOMA, "serve", "--port", str(port)], env=env, stdout=output, stderr=output
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def _run(
    language: str, code: str, env: dict[str, str], state: Path
) -> subprocess.CompletedProcess[str]:
    if language == "python":
        command = [sys.executable, "-c", code]
    else:
        # `set -a` exports what the block assigns, so the next block sees it.
        script = f"set -euo pipefail\nset -a\n{code}\nenv -0 > {state}\n"
        command = ["bash", "-c", script]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def _environment_of(state: Path) -> dict[str, str]:
    entries = state.read_bytes().decode().split("\0")
    return dict(entry.split("=", 1) for entry in entries if "=" in entry)


def test_the_guide_has_examples_of_every_kind() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    languages = [language for language, _ in _examples()]
    assert languages.count("bash") >= 8 and languages.count("python") >= 2
    for topic in (
        "client_credentials",
        "next_cursor",
        "If-Match",
        "problem+json",
        "Retry-After",
        "X-KoKoMa-Signature",
    ):
        assert topic in text, topic


@pytest.mark.slow
def test_the_guide_examples_work_against_a_live_server(live_server: str, tmp_path: Path) -> None:
    env = {**_plain_environment(), "KOKOMA_URL": live_server}
    state = tmp_path / "shell-state"
    for number, (language, code) in enumerate(_examples(), start=1):
        result = _run(language, code, env, state)
        report = f"example {number} ({language}):\n{code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        assert result.returncode == 0, report
        for expected in re.findall(r"^# prints: (.+)$", code, re.MULTILINE):
            assert expected in result.stdout, report
        if language == "bash":
            env = _environment_of(state)

    verification = next(code for _, code in _examples() if "def verify_signature" in code)
    namespace: dict[str, object] = {}
    exec(verification, namespace)  # noqa: S102 - the guide's own code, under test
    verify = namespace["verify_signature"]
    headers = {"Authorization": f"Bearer {env['TOKEN']}"}
    with Receiver() as receiver:
        subscription = httpx.post(
            f"{live_server}/api/v1/webhooks",
            json={"target_url": receiver.url, "event_types": ["case.created"]},
            headers=headers,
        ).json()
        httpx.post(f"{live_server}/api/v1/webhooks/{subscription['id']}/ping", headers=headers)
        assert receiver.arrived.wait(30), "the server's dispatcher delivered nothing"
    [delivery] = receiver.requests
    secret, signature = subscription["signing_secret"], delivery.headers["x-kokoma-signature"]
    assert verify(secret, signature, delivery.body)
    assert not verify(secret, signature, delivery.body + b" ")
    assert not verify("whsec_not-the-secret", signature, delivery.body)
