"""The web app's files: pre-compressed copies sent as they are, cached by their kind."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from kokoma.app import create_app
from kokoma.settings import Settings

SCRIPT = b"console.log('KoKoMa');\n" * 200
SHELL = b"<!doctype html><title>KoKoMa</title>" + b"<!-- app shell -->" * 100


def _built(dist: Path) -> None:
    """A build as `npm run build` leaves it: hashed assets and their compressed twins."""
    (dist / "assets").mkdir(parents=True)
    for path, content in (
        (dist / "assets" / "index-3f9a2b.js", SCRIPT),
        (dist / "index.html", SHELL),
    ):
        path.write_bytes(content)
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(content))
        # Not real brotli: the server must send the file as it is, never recompress.
        path.with_name(path.name + ".br").write_bytes(b"br:" + zlib.compress(content))
    (dist / "favicon.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")


@pytest.fixture
async def web(settings: Settings, tmp_path: Path) -> AsyncIterator[AsyncClient]:
    _built(tmp_path)
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as http:
        yield http
    await app.state.db.dispose()


async def test_hashed_script_is_sent_as_brotli_and_kept_for_a_year(web: AsyncClient) -> None:
    # The bytes as sent: httpx would try to decode brotli whenever the brotli package
    # happens to be installed (the benchmark tools bring it).
    async with web.stream(
        "GET", "/assets/index-3f9a2b.js", headers={"Accept-Encoding": "gzip, deflate, br"}
    ) as made:
        sent = b"".join([chunk async for chunk in made.aiter_raw()])
    assert made.status_code == 200
    assert made.headers["content-encoding"] == "br"
    assert made.headers["vary"] == "Accept-Encoding"
    assert made.headers["content-type"].startswith("text/javascript")
    assert made.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert zlib.decompress(sent[3:]) == SCRIPT


async def test_gzip_when_brotli_is_not_accepted(web: AsyncClient) -> None:
    made = await web.get("/assets/index-3f9a2b.js", headers={"Accept-Encoding": "gzip, br;q=0"})
    assert made.headers["content-encoding"] == "gzip"
    assert made.content == SCRIPT  # httpx decodes gzip: the copy holds the same script


async def test_uncompressed_for_clients_that_accept_no_coding(web: AsyncClient) -> None:
    made = await web.get("/assets/index-3f9a2b.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in made.headers
    assert made.content == SCRIPT


async def test_app_shell_is_compressed_and_revalidated_on_every_route(web: AsyncClient) -> None:
    for path in ("/", "/faelle/123", "/index.html"):
        made = await web.get(path, headers={"Accept-Encoding": "gzip"})
        assert made.status_code == 200, path
        assert made.headers["content-encoding"] == "gzip", path
        assert made.headers["cache-control"] == "no-cache", path
        assert made.headers["content-type"].startswith("text/html"), path
        assert made.content == SHELL, path


async def test_unhashed_small_files_are_revalidated(web: AsyncClient) -> None:
    made = await web.get("/favicon.svg", headers={"Accept-Encoding": "br, gzip"})
    assert "content-encoding" not in made.headers
    assert made.headers["cache-control"] == "no-cache"
    assert made.headers["content-type"] == "image/svg+xml"
