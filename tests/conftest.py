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
        "--backend", action="append", default=None,
        help="numeric backend(s) for the claim and numeric tests: numpy, array_api_strict, "
        "cupy (repeatable; default: numpy and array_api_strict, or $WNVERIFY_BACKEND)",
    )


def _backends(config: pytest.Config) -> list[str]:
    chosen = config.getoption("--backend")
    if chosen:
        return list(chosen)
    env = os.environ.get("WNVERIFY_BACKEND")
    return env.split(",") if env else ["numpy", "array_api_strict"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that takes ``backend`` once per selected backend."""
    if "backend" in metafunc.fixturenames:
        names = _backends(metafunc.config)
        metafunc.parametrize("backend", names, ids=names, indirect=True)


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """The backend name, skipped (with the reason) where it cannot run on this machine."""
    from numeric._backend import BackendUnavailable, get_backend

    name = request.param
    try:
        get_backend(name)
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    return name


@pytest.fixture(scope="session")
def primary_backend(request: pytest.FixtureRequest) -> str:
    """The first selected backend: for tests that need to run on one backend only."""
    from numeric._backend import BackendUnavailable, get_backend

    name = _backends(request.config)[0]
    try:
        get_backend(name)
    except BackendUnavailable as exc:
        pytest.skip(str(exc))
    return name
