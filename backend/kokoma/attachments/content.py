"""Which files may be attached, decided by their content (signatures), never by their name.

A handful of formats covers letters, flyers, minutes and photos; each is recognised by
the bytes it starts with, and the office formats (ZIP containers) by what they contain.
Anything else, markup above all (HTML, SVG, XML: it could run script wherever it is
opened), is refused.
"""

from __future__ import annotations

import codecs
import zipfile
from typing import BinaryIO

PDF = "application/pdf"
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

# Media type -> what the reader is told is allowed.
ALLOWED_TYPES = (
    PDF,
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    DOCX,
    XLSX,
    ODT,
    TEXT,
)
HEAD_BYTES = 8192

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
# Office documents are ZIP files; the part that only their kind has tells them apart.
_OFFICE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))


def _office_type(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in _OFFICE_PARTS if part in names), None)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def _is_text(head: bytes) -> bool:
    # Plain text has no signature: UTF-8 without NUL counts as text (a character cut
    # off at the end of the head is fine, hence the incremental decoder). Markup is not.
    if b"\x00" in head or head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect(file: BinaryIO) -> str | None:
    """The media type of ``file`` (read from its start, left at its start), or None
    if such a file may not be attached. May block: call it in a thread."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    return TEXT if head and _is_text(head) else None
