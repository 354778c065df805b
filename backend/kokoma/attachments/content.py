"""Which files may be attached, decided by their content (magic bytes), not their name."""

from __future__ import annotations

import codecs

import filetype

# Letters, flyers, minutes, photos: documents, office files and images.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "image/tiff": "tif",
    "application/rtf": "rtf",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "text/plain": "txt",
}
# What a file's beginning must contain for the decision.
HEAD_BYTES = 8192
TEXT = "text/plain"


def _is_text(head: bytes) -> bool:
    # Plain text has no magic bytes: UTF-8 without NUL counts as text (a character cut
    # off at the end of the head is fine, hence the incremental decoder). Markup (HTML,
    # SVG, XML) is not plain text: it could run script wherever it is opened.
    if b"\x00" in head or head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def detect(head: bytes) -> str | None:
    """The media type of a file starting with ``head``, or None if it may not be attached."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_TYPES else None
    return TEXT if head and _is_text(head) else None
