"""The built web app's files as ``kokoma serve`` sends them.

The build writes a brotli (``.br``) and a gzip (``.gz``) copy next to every text asset;
a browser that accepts one of them gets it as it is, with ``Content-Encoding`` and
``Vary: Accept-Encoding``. Files under ``assets/`` carry a content hash in their name and
never change, so browsers keep them for a year; everything else (``index.html`` above
all, which names the current hashes) is revalidated on every visit.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi.responses import FileResponse

from kokoma.headers import weighted

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Preferred first: brotli is about a fifth smaller than gzip for the app's JavaScript.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str | None) -> set[str]:
    """The content codings an ``Accept-Encoding`` header allows (``q=0`` refuses one)."""
    return {name for name, quality in weighted(header) if quality > 0}


def cache_control(relative: str) -> str:
    """Long-lived for hashed build output, revalidated for everything else."""
    return IMMUTABLE if relative.startswith("assets/") else REVALIDATE


def file_response(path: Path, relative: str, accept_encoding: str | None) -> FileResponse:
    """``path`` (a file of the build) in the best encoding the client accepts."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": cache_control(relative), "Vary": "Accept-Encoding"}
    accepted = accepted_encodings(accept_encoding)
    for encoding, suffix in ENCODINGS:
        variant = path.with_name(path.name + suffix)
        if (encoding in accepted or "*" in accepted) and variant.is_file():
            headers["Content-Encoding"] = encoding
            return FileResponse(variant, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)
