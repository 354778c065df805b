"""Where attachment bytes are kept: a small interface, and the disk behind it by default.

The files live in ``<data dir>/attachments`` so that ``kokoma backup`` (which archives
the data directory) holds them. Another backend (object storage) implements
:class:`AttachmentStorage` and is returned by :func:`storage_for`. Keys are opaque,
made by the service, never derived from a file name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from kokoma.settings import Settings

DIRECTORY = "attachments"


class AttachmentStorage(Protocol):
    """Keeps and hands out the bytes of attachments by key. Calls may block (I/O)."""

    def save(self, key: str, source: BinaryIO) -> None:
        """Store the whole of ``source`` (read from its current position) under ``key``."""

    def open(self, key: str) -> BinaryIO:
        """The stored bytes for reading; the caller closes it. FileNotFoundError if gone."""

    def delete(self, key: str) -> None:
        """Forget ``key``; a key that is gone already is fine."""


class DiskStorage:
    """Files under one directory, fanned out by the key's first two characters,
    written aside and renamed so that a reader never sees half a file."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        if not key.isascii() or not key.isalnum():
            raise LookupError("storage keys are alphanumeric")
        return self.root / key[:2] / key

    def save(self, key: str, source: BinaryIO) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # ".partial": a backup taken meanwhile skips the half-written file.
        handle = tempfile.NamedTemporaryFile(dir=path.parent, suffix=".partial", delete=False)
        try:
            with handle:
                shutil.copyfileobj(source, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(handle.name, 0o600)
            os.replace(handle.name, path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)


def storage_for(settings: Settings) -> AttachmentStorage:
    """The storage of attachment files: ``<data dir>/attachments`` on disk."""
    return DiskStorage(settings.data_dir / DIRECTORY)
