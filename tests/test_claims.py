"""One test per catalog ID, named by the ID: pytest as a proof-check (DESIGN.md).

A claim's test is
- passed when its printed statement is ``proved`` or ``confirmed``;
- xfailed when the printed statement is ``refuted`` *and* carries an erratum whose corrected
  statement is itself proved or confirmed (a finding about the paper, reported, not hidden);
- skipped, with the reason, when it is ``missing``, ``not-checkable`` or ``assumption-unmet``;
- failed otherwise: ``error``, ``inconclusive``, or a refutation without a verified erratum.
"""

from __future__ import annotations

import pytest

from tests._claims import IDS, describe, evaluated, impls

VERIFIED = ("proved", "confirmed")


@pytest.mark.parametrize("cid", IDS, ids=IDS)
def test_claim(cid: str, backend: str) -> None:
    if cid not in impls():
        pytest.skip("missing: no check implemented yet")
    verdict, evidence, erratum = evaluated(cid, backend)
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
