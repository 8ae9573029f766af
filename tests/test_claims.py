"""One test per catalog ID, named by the ID: pytest as a proof-check (DESIGN.md).

A claim's test is
- passed when its printed statement is ``proved`` or ``confirmed``;
- xfailed when the printed statement is ``refuted`` *and* carries an erratum whose corrected
  statement is itself proved or confirmed (a finding about the paper, reported, not hidden);
- skipped, with the reason, when it is ``missing``, ``not-checkable`` or ``assumption-unmet``;
- failed otherwise: ``error``, ``inconclusive``, or a refutation without a verified erratum.

It runs once per selected backend; symbolic checks run with the first backend only.
"""

from __future__ import annotations

import pytest

from tests._claims import IDS, describe, evaluated, impls

VERIFIED = ("proved", "confirmed")


def _group(cid: str) -> str:
    """IDs sharing an implementation run on one xdist worker (evaluated once there)."""
    impl = impls().get(cid)
    return impl.ids[0] if impl is not None else cid


PARAMS = [pytest.param(c, id=c, marks=pytest.mark.xdist_group(_group(c))) for c in IDS]


@pytest.mark.parametrize("cid", PARAMS)
def test_claim(cid: str, backend: str, primary_backend: str) -> None:
    if cid not in impls():
        pytest.skip("missing: no check implemented yet")
    # symbolic checks are backend-independent: they run with the first backend only
    result = evaluated(cid, backend, symbolic=backend == primary_backend)
    if result is None:
        pytest.skip(f"symbolic checks only; they ran on {primary_backend}")
    verdict, evidence, erratum = result
    if verdict in VERIFIED:
        return
    if verdict in ("not-checkable", "assumption-unmet"):
        pytest.skip(f"{verdict}: {describe(evidence)}")
    if verdict == "refuted":
        assert erratum is not None, f"{cid} refuted without a corrected statement\n" + describe(
            evidence
        )
        assert erratum.corrected_verdict in VERIFIED, (
            f"{cid}: corrected statement is {erratum.corrected_verdict}\n"
            + describe(erratum.corrected_evidence)
        )
        pytest.xfail(f"refuted as printed; corrected statement {erratum.corrected_verdict}")
    pytest.fail(f"{cid}: {verdict}\n{describe(evidence)}")
