"""Every check can fail: each perturbed statement (wrong sign, factor, exponent, missing
projection) of every implemented claim is rejected (``refuted``) by each check that the
implementation lists for it, on the first selected backend (the claim tests run every
backend)."""

from __future__ import annotations

import pytest

from tests._claims import describe, impls
from verify.audit import run_check
from verify.context import Context


def _cases() -> list[tuple[str, str, str]]:
    seen: set[int] = set()
    out = []
    for impl in impls().values():
        if id(impl) in seen:
            continue
        seen.add(id(impl))
        for pv in impl.perturbations:
            for check in impl.checks_rejecting(pv.name):
                out.append((impl.ids[0], pv.name, check.name))
    return out


CASES = _cases()


def test_every_implementation_has_a_perturbation() -> None:
    seen: set[int] = set()
    for impl in impls().values():
        if id(impl) in seen:
            continue
        seen.add(id(impl))
        assert impl.perturbations, f"{impl.ids} has no perturbed statement"
        for pv in impl.perturbations:
            assert impl.checks_rejecting(pv.name), f"{impl.ids}: nothing rejects {pv.name}"


@pytest.mark.parametrize(("cid", "perturbation", "check"), CASES,
                         ids=[f"{c}[{p}]/{k}" for c, p, k in CASES])
def test_perturbation_rejected(cid: str, perturbation: str, check: str,
                               primary_backend: str) -> None:
    impl = impls()[cid]
    variant = next(v for v in impl.perturbations if v.name == perturbation)
    chk = next(c for c in impl.checks if c.name == check)
    ev = run_check(chk, variant, Context(scale="quick", backend=primary_backend, seed=0))
    assert ev.verdict == "refuted", f"{cid}[{perturbation}] not rejected:\n" + describe([ev])
