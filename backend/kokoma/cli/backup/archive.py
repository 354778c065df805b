"""The backup archive: a gzip'd tar of the database dump, the data directory's files and
a manifest with the version, schema revision, time and a SHA-256 checksum per member.

Reading verifies before anything else happens: every member is unpacked into a staging
folder while its checksum is computed, and the archive is refused unless the members
are exactly the manifest's, with the manifest's checksums.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_PREFIX = "database/"
FILES_PREFIX = "files/"
_CHUNK = 1 << 20


class ArchiveRefused(Exception):
    """The archive is damaged, incomplete, or not something this version can restore."""


@dataclass
class Manifest:
    kokoma_version: str
    schema_revision: str
    database: str  # "sqlite" or "postgresql"
    created_at: str
    secret_fingerprint: str
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    format: int = FORMAT

    @property
    def database_member(self) -> str:
        return next(name for name in self.members if name.startswith(DATABASE_PREFIX))

    @property
    def file_members(self) -> list[str]:
        return sorted(name for name in self.members if name.startswith(FILES_PREFIX))


class _HashingReader:
    """Hands the tar writer a file's bytes and checksums exactly what it wrote."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


class ArchiveWriter:
    """Writes members, then the manifest last, to a temporary name renamed when complete."""

    def __init__(self, path: Path, manifest: Manifest) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.manifest = manifest
        self.tar = tarfile.open(self.partial, "w:gz")

    def add(self, source: Path, name: str) -> None:
        with source.open("rb") as handle:
            info = tarfile.TarInfo(name)
            info.size = os.fstat(handle.fileno()).st_size
            info.mtime = int(source.stat().st_mtime)
            reader = _HashingReader(handle)
            self.tar.addfile(info, reader)
        self.manifest.members[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}

    def close(self) -> None:
        body = json.dumps(asdict(self.manifest), indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        self.tar.addfile(info, io.BytesIO(body))
        self.tar.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        self.tar.close()
        self.partial.unlink(missing_ok=True)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == MANIFEST or name.startswith((DATABASE_PREFIX, FILES_PREFIX)))
    )


def _unpack(tar: tarfile.TarFile, staging: Path) -> dict[str, str]:
    digests: dict[str, str] = {}
    for member in tar:
        if not member.isfile() or not _safe_name(member.name):
            raise ArchiveRefused(f"unexpected entry {member.name!r}")
        target = staging / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        source = tar.extractfile(member)
        assert source is not None
        with target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        digests[member.name] = digest.hexdigest()
    return digests


def read_verified(path: Path, staging: Path) -> Manifest:
    """Unpack the archive into ``staging`` and return its manifest once all checks pass."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            digests = _unpack(tar, staging)
        manifest = Manifest(**json.loads((staging / MANIFEST).read_text()))
    except ArchiveRefused as exc:
        raise ArchiveRefused(f"The archive {path} is not a KoKoMa backup: {exc}.") from None
    except (OSError, EOFError, tarfile.TarError, ValueError, TypeError, KeyError) as exc:
        raise ArchiveRefused(
            f"The archive {path} cannot be read; it is damaged or not a KoKoMa backup "
            f"({exc.__class__.__name__}: {exc})."
        ) from None
    if manifest.format != FORMAT:
        raise ArchiveRefused(
            f"The archive has format {manifest.format}; this version reads {FORMAT}."
        )
    digests.pop(MANIFEST)
    expected = {name: entry["sha256"] for name, entry in manifest.members.items()}
    if set(digests) != set(expected):
        raise ArchiveRefused(
            f"The archive {path} is incomplete: its members differ from its manifest."
        )
    damaged = sorted(name for name in expected if digests[name] != expected[name])
    if damaged:
        raise ArchiveRefused(
            f"The archive {path} is damaged: checksum mismatch in {', '.join(damaged)}."
        )
    return manifest
