"""Shared pytest configuration: Hypothesis profiles and the numeric backend under test.

``--backend`` (or ``WNVERIFY_BACKEND``) picks the array namespace the numeric checks run on:
``numpy`` (default), ``array_api_strict`` (CI's proof that nothing NumPy-only slipped in) or
``cupy``. The Hypothesis profile ``ci`` (derandomized, no example database) is loaded when
``CI`` is set or ``--hypothesis-profile=ci`` is given; the claim checks seed Hypothesis from
the audit's root seed themselves, so their examples never depend on the profile.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend", default=os.environ.get("WNVERIFY_BACKEND", "numpy"),
        help="numeric backend for the claim checks: numpy, array_api_strict or cupy",
    )


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    name = request.config.getoption("--backend")
    from numeric._backend import BackendUnavailable, get_backend

    try:
        get_backend(name)
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    return name
