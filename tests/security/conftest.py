from __future__ import annotations

from tests.api.conftest import graphql  # noqa: F401 - the API tests' fixture
