from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sso.idp import Idp, running_idp


@pytest.fixture(scope="session")
def idp() -> Iterator[Idp]:
    """A real OpenID provider (oidc-provider) on a free port for the whole session."""
    with running_idp() as provider:
        yield provider
