"""The one place that reads configuration: environment variables prefixed ``KOKOMA_``."""

from __future__ import annotations

import ipaddress
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The secret that ships in examples and docs; refused wherever real data may live.
DEMO_SECRET = "change-me-kokoma-demo-secret"
MIN_SECRET_LENGTH = 32
_REPO_ROOT = Path(__file__).resolve().parents[2]
DATABASE_SCHEMES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class ConfigurationError(RuntimeError):
    """Raised when the configuration is unsafe or inconsistent."""


def _smtp_url_problem(url: str) -> str | None:
    """What is wrong with an SMTP URL (the scheme or a missing host), if anything."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps", "smtp+plain"):
        return "must start with smtp://, smtps:// or smtp+plain://."
    if not parts.hostname:
        return "names no host."
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        return "has an invalid port."
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KOKOMA_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str = ""
    secret_key: str = ""
    migrations_dir: Path = _REPO_ROOT / "migrations"
    frontend_dist: Path = _REPO_ROOT / "frontend" / "dist"
    redis_url: str = ""

    jwt_algorithm: str = "HS256"
    jwt_issuer: str = "kokoma"
    jwt_audience: str = "kokoma-api"
    access_token_minutes: int = Field(default=10, ge=1, le=15)
    refresh_token_days: int = Field(default=14, ge=1, le=90)

    # argon2id cost; lowered only in tests, where the suite hashes hundreds of times.
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_cost: int = Field(default=65536, ge=1024)

    # The address people reach the web app at (e.g. https://kokoma.example.de): links
    # in PDFs and e-mails are built from it, never from the request's Host header, and
    # an https address turns on HSTS.
    public_url: str = Field(
        default="http://127.0.0.1:8000", pattern=r"^https?://[^/?#\s]+(/[^?#\s]*)?$"
    )
    # Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
    # Empty: the peer's address counts, whatever the request claims.
    trusted_proxies: str = ""

    # Per account and address: this many failures in the window block that pair.
    login_max_failures: int = 5
    login_window_seconds: int = 300
    # Per account from anywhere: free failures a day, then doubling waits up to the cap
    # (see kokoma/auth/throttle.py); a coordinator can lift a wait.
    login_account_free_failures: int = Field(default=10, ge=1)
    login_account_delay_seconds: int = Field(default=30, ge=1)
    login_account_max_delay_seconds: int = Field(default=900, ge=1)

    api_client_rate_limit: str = "120/minute"
    # Keys in Redis start with this, so several installations can share one server.
    rate_limit_key_prefix: str = "kokoma-ratelimit"
    # The public contact page and form (no sign-in): budgets per client address, and
    # for the requests also per municipality, whatever the address.
    public_page_rate_limit: str = "60/minute"
    public_request_rate_limit: str = "5/hour"
    public_request_municipality_rate_limit: str = "100/day"
    # A form sent sooner than this after the page was opened is a program, not a person.
    public_request_min_fill_seconds: int = Field(default=3, ge=0, le=600)

    webhook_dispatcher_enabled: bool = True
    webhook_poll_seconds: float = Field(default=2.0, gt=0)
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    webhook_max_attempts: int = Field(default=6, ge=1, le=20)
    # Retry n waits base * 2**(n-1) seconds: 30 s, 1, 2, 4, 8 min by default.
    webhook_retry_base_seconds: float = Field(default=30.0, ge=0)
    webhook_batch_size: int = Field(default=50, ge=1, le=500)
    # Loopback targets (http://127.0.0.1, http://localhost) for local development
    # and tests only; every other non-public address is always refused.
    webhook_allow_loopback: bool = False
    suppression_threshold: int = Field(default=3, ge=1)
    max_body_bytes: int = 1_048_576
    # Largest attachment (20 MB by default); upload routes accept bodies this large plus
    # the form's framing. The files live in <data dir>/attachments.
    attachment_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    sqlite_busy_timeout_ms: int = 15_000
    db_pool_size: int = 10
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # "json": one JSON object per line, for log collectors.
    log_format: Literal["text", "json"] = "text"

    # Who may read /api/v1/metrics: addresses or networks (comma-separated), or
    # anyone presenting the token as a bearer token. Neither set: nobody.
    metrics_allow: str = ""
    metrics_token: str = ""
    # Readiness fails while an outbox entry has waited longer than this.
    outbox_stuck_seconds: int = Field(default=600, ge=30)

    # Retention (`kokoma privacy retention`): days records of the system's own
    # operation are kept. The lower bounds are the shortest periods KoKoMa allows;
    # README, "Retention", gives the reasons.
    retention_audit_days: int = Field(default=730, ge=365, le=3650)
    retention_sign_in_days: int = Field(default=365, ge=90, le=3650)
    retention_event_days: int = Field(default=90, ge=7, le=3650)
    # Deactivated accounts keep their name this long, then read "ehemalige:r Mitarbeiter:in N".
    retention_former_user_days: int = Field(default=180, ge=30, le=3650)
    # Requests for help: declined ones, and anonymous ones answered without a case.
    retention_declined_request_days: int = Field(default=30, ge=1, le=3650)
    retention_anonymous_request_days: int = Field(default=90, ge=1, le=3650)
    # What a peer group wrote in a session is kept briefly: counted from the session.
    retention_peer_contribution_days: int = Field(default=365, ge=30, le=3650)
    # Days an invitation into a peer group stays open; retention then deletes it.
    peer_invitation_days: int = Field(default=30, ge=1, le=365)

    # E-mail. Without an SMTP URL messages stay in the outbox, readable by administrators.
    # smtp://host:587 (STARTTLS), smtps://host:465 (TLS), smtp+plain://host:25 (local relay).
    smtp_url: str = ""
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_from: str = "KoKoMa <kokoma@localhost>"
    smtp_timeout_seconds: float = Field(default=15.0, gt=0, le=120)
    smtp_validate_certs: bool = True
    mail_worker_enabled: bool = True
    mail_poll_seconds: float = Field(default=5.0, gt=0)
    mail_max_attempts: int = Field(default=6, ge=1, le=20)
    # Waits between attempts double from this: 60 s, 2 min, 4 min …
    mail_retry_base_seconds: float = Field(default=60.0, ge=0)
    mail_batch_size: int = Field(default=20, ge=1, le=200)
    # The hour (German time) from which the daily digest goes out.
    mail_digest_hour: int = Field(default=7, ge=0, le=23)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _defaults_under_data_dir(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{(self.data_dir / 'kokoma.db').resolve()}"
        return self

    @property
    def metrics_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [
            ipaddress.ip_network(part.strip(), strict=False)
            for part in self.metrics_allow.split(",")
            if part.strip()
        ]

    @property
    def public_base(self) -> str:
        """``public_url`` without a trailing slash, to append paths to."""
        return self.public_url.rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def resolved_secret_key(self) -> str:
        """The signing key: configured, or generated once and kept under the data dir.

        A generated key is only acceptable for the embedded SQLite setup; a server
        database must be given a strong key explicitly.
        """
        if self.secret_key:
            self._check_secret(self.secret_key)
            return self.secret_key
        if not self.is_sqlite:
            raise ConfigurationError(
                "KOKOMA_SECRET_KEY must be set when KOKOMA_DATABASE_URL is not SQLite."
            )
        return self._generated_secret()

    def _check_secret(self, key: str) -> None:
        if self.is_sqlite:
            return
        if key == DEMO_SECRET:
            raise ConfigurationError("KOKOMA_SECRET_KEY is the demo secret; set a real one.")
        if len(key) < MIN_SECRET_LENGTH:
            raise ConfigurationError(
                f"KOKOMA_SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters long."
            )

    def problems(self) -> list[str]:
        """Everything wrong with this configuration, one line per problem."""
        found = []
        if not self.database_url.startswith(DATABASE_SCHEMES):
            found.append(
                "KOKOMA_DATABASE_URL must start with " + " or ".join(DATABASE_SCHEMES) + "."
            )
        if self.secret_key or not self.is_sqlite:  # else a key is generated on first start
            try:
                self.resolved_secret_key()
            except ConfigurationError as exc:
                found.append(str(exc))
        if self.redis_url and not self.redis_url.startswith(REDIS_SCHEMES):
            found.append("KOKOMA_REDIS_URL must start with " + " or ".join(REDIS_SCHEMES) + ".")
        for part in filter(None, (p.strip() for p in self.metrics_allow.split(","))):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                found.append(f"KOKOMA_METRICS_ALLOW: {part!r} is not an address or network.")
        if self.smtp_url and (problem := _smtp_url_problem(self.smtp_url)):
            found.append(f"KOKOMA_SMTP_URL: {problem}")
        if self.metrics_token and len(self.metrics_token) < MIN_SECRET_LENGTH:
            found.append(
                f"KOKOMA_METRICS_TOKEN must be at least {MIN_SECRET_LENGTH} characters long."
            )
        return found

    def _generated_secret(self) -> str:
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # O_EXCL: two workers starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


def load_settings() -> Settings:
    """Read and check the configuration; every problem is one line of the error."""
    try:
        settings = Settings()
    except ValidationError as exc:
        lines = [
            f"KOKOMA_{'_'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors()
        ]
        raise ConfigurationError("\n".join(lines)) from None
    problems = settings.problems()
    if problems:
        raise ConfigurationError("\n".join(problems))
    return settings


@lru_cache
def get_settings() -> Settings:
    return load_settings()
