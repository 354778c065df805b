"""The schema revisions this version ships, read from the migrations directory.

Readiness and restore ask which revision is the head and whether a database's
revision is one of ours (or a newer release's); running migrations is ``migrate``'s.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from kokoma.settings import Settings


@lru_cache
def _script(migrations_dir: Path) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return ScriptDirectory.from_config(config)


def head_revision(settings: Settings) -> str:
    """The newest schema revision this version of the application ships."""
    head = _script(settings.migrations_dir).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def is_known_revision(settings: Settings, revision: str) -> bool:
    """Whether a revision is one of this version's migrations (not a newer release's)."""
    try:
        return _script(settings.migrations_dir).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for unknown ids
        return False


def previous_revision(settings: Settings, revision: str) -> str | None:
    """The revision one step below ``revision`` (None below the first)."""
    down = _script(settings.migrations_dir).get_revision(revision).down_revision
    return down if isinstance(down, str) or down is None else down[0]
