"""The real plans, each imported once per test session (the Westport building takes most of a minute).

Without ../shared/plans the tests that use them skip locally and fail in CI.
"""

from __future__ import annotations

import pytest

from floorplans.importers import ImportResult, import_file
from tests.conftest import require_real_plans

from .real_plans import CAD_DXF, FLOORSPACE, WESTPORT


@pytest.fixture(scope="session")
def westport() -> ImportResult:
    require_real_plans()
    return import_file(WESTPORT)


@pytest.fixture(scope="session")
def cad_office() -> ImportResult:
    require_real_plans()
    return import_file(CAD_DXF)


@pytest.fixture(scope="session")
def floorspace() -> ImportResult:
    require_real_plans()
    return import_file(FLOORSPACE)
