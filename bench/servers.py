"""Starting and stopping the servers under test, each in its own process on 127.0.0.1."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.config import HOST, REPO, WORK_DIR, Target

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {STARTUP_SECONDS} s; see {log}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (graceful: uvicorn finishes open requests), SIGKILL after 15 s."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Running:
    base: str  # http://127.0.0.1:<port>
    process: subprocess.Popen[bytes]


@contextmanager
def serving(
    command: Sequence[str], env: dict[str, str], health_path: str, log: Path
) -> Iterator[Running]:
    """Run ``command`` (which must listen on the port in its arguments) until the block
    ends, its output going to ``log``; yields once it answers ``health_path``."""
    port = command[command.index("--port") + 1]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=output, stderr=subprocess.STDOUT
        )
        base = f"http://{HOST}:{port}"
        try:
            _wait_healthy(base + health_path, process, log)
            yield Running(base, process)
        finally:
            stop(process)


def kokoma_command(port: int, workers: int = 1) -> list[str]:
    return [
        str(BIN / "kokoma"),
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]


def kokoma_log(target: Target, workers: int, code: Path | None = None) -> Path:
    suffix = f"-{code.name}" if code else ""
    return WORK_DIR / f"kokoma-{target.name}-{workers}w{suffix}.log"


@contextmanager
def kokoma(target: Target, workers: int = 1, code: Path | None = None) -> Iterator[str]:
    """``kokoma serve`` on ``target``'s database; yields the base URL. ``code`` is another
    checkout of the repository whose backend to serve (for before/after figures)."""
    command = kokoma_command(free_port(), workers)
    env = target.environment(**({"PYTHONPATH": str(code / "backend")} if code else {}))
    log = kokoma_log(target, workers, code)
    with serving(command, env, "/api/v1/health", log) as server:
        yield server.base


def baseline_command() -> list[str]:
    """The minimal raw-asyncpg handlers (``bench.baseline``) under uvicorn, one worker."""
    return [
        str(BIN / "python"),
        "-m",
        "uvicorn",
        "bench.baseline:app",
        "--host",
        HOST,
        "--port",
        str(free_port()),
        "--log-level",
        "warning",
        "--no-access-log",
    ]


@contextmanager
def baseline(target: Target, municipality_id: str, user_id: str) -> Iterator[str]:
    """``baseline_command`` on ``target``'s database; yields the base URL."""
    command = baseline_command()
    env = target.environment(
        BENCH_DSN=target.dsn, BENCH_MUNICIPALITY_ID=municipality_id, BENCH_USER_ID=user_id
    )
    with serving(command, env, "/health", WORK_DIR / "baseline.log") as server:
        yield server.base
