"""Checks backend and frontend dependencies against known vulnerabilities (make test).

Backend: pip-audit over the installed packages (PyPI's advisory data, OSV).
Frontend: npm audit of the production dependencies, failing on high or critical.
Fails on a finding. Where a registry cannot answer (offline, a mirror without the
advisory service), the check says so and does not fail: it is then not done, and
the output says that plainly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"


def _run(command: list[str], cwd: Path) -> tuple[int, str]:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, f'{{"error": "{type(exc).__name__}"}}'
    return done.returncode, done.stdout


def _json(text: str) -> dict | None:
    try:
        found = json.loads(text)
    except json.JSONDecodeError:
        return None
    return found if isinstance(found, dict) else None


def backend() -> bool:
    """True unless a vulnerable package was found."""
    command = [
        str(VENV_BIN / "pip-audit"),
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    _, output = _run(command, ROOT)
    report = _json(output)
    if report is None:
        print("backend: NOT AUDITED - the vulnerability database could not be reached")
        return True
    packages = report.get("dependencies", [])
    audited = [p for p in packages if "skip_reason" not in p]
    findings = [(p["name"], p["version"], v["id"]) for p in audited for v in p.get("vulns", [])]
    for name, version, advisory in findings:
        print(f"backend: {name} {version} is affected by {advisory}")
    if not audited:
        print(f"backend: NOT AUDITED - the registry answered for none of {len(packages)} packages")
    else:
        skipped = len(packages) - len(audited)
        print(
            f"backend: {len(audited)} packages audited, {skipped} not found in the registry, "
            f"{len(findings)} known vulnerabilities"
        )
    return not findings


def frontend() -> bool:
    """True unless a production dependency has a high or critical advisory."""
    _, output = _run(
        ["npm", "audit", "--omit=dev", "--audit-level=high", "--json"], ROOT / "frontend"
    )
    report = _json(output)
    counts = (report or {}).get("metadata", {}).get("vulnerabilities")
    if counts is None:
        reason = (report or {}).get("message") or (report or {}).get("error") or "no answer"
        print(f"frontend: NOT AUDITED - the npm advisory service could not be used ({reason})")
        return True
    high = counts.get("high", 0) + counts.get("critical", 0)
    print(f"frontend: production dependencies audited, {high} high or critical advisories")
    if high:
        subprocess.run(["npm", "audit", "--omit=dev", "--audit-level=high"], cwd=ROOT / "frontend")
    return not high


if __name__ == "__main__":
    results = [backend(), frontend()]
    sys.exit(0 if all(results) else 1)
