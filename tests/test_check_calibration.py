"""Calibration of every statistical check on a true claim: re-run with other root seeds,
the check must not refute more often than its stated false-alarm rate allows.

For each statistical check of each implementation: the statement calibrated on is the printed
one, or, where seed 0 refutes it (the claim is false as printed), the corrected one, which is
true; a check whose corrected statement is refuted too is skipped, saying so. Then seeds
1..S (S = $WNVERIFY_CALIBRATION_SEEDS, default 3; CI runs the default, larger S behind the
variable) count the refutations K. The check's stated level f is its
``details["false_alarm_rate"]`` (or ``family_false_alarm_rate``); a check that states none
is held to f = 0.05 (the 95 % intervals they use). The test fails when
P(Bin(S, f) ≥ K) < 10⁻³, i.e. when K is too many false alarms for the stated rate at the
0.1 % level; a crash (``error``) always fails. Power against planted violations is shown
per check by ``tests/test_perturbations.py``.
"""

from __future__ import annotations

import os

import pytest
from scipy import stats

from tests._claims import impls
from verify.audit import run_check
from verify.context import Context

SEEDS = int(os.environ.get("WNVERIFY_CALIBRATION_SEEDS", "3"))
TEST_LEVEL = 1e-3


def _pairs() -> list[tuple[str, str]]:
    seen, out = set(), []
    for cid, impl in impls().items():
        if id(impl) in seen:
            continue
        seen.add(id(impl))
        out += [(cid, c.name) for c in impl.checks if c.method == "statistical"]
    return out


PAIRS = _pairs()


def _level(details: dict) -> float:
    for key in ("false_alarm_rate", "family_false_alarm_rate"):
        v = details.get(key)
        if isinstance(v, int | float) and 0 < v < 1:
            return float(v)
    return 0.05


@pytest.mark.parametrize("cid,check", PAIRS, ids=[f"{c}:{k}" for c, k in PAIRS])
def test_statistical_check_false_alarm_rate(cid: str, check: str) -> None:
    impl = impls()[cid]
    chk = next(c for c in impl.checks if c.name == check)
    variant = impl.printed
    first = run_check(chk, variant, Context(scale="quick", seed=0))
    assert first.verdict != "error", first.details.get("traceback")
    if first.verdict == "refuted" and impl.corrected is not None:
        variant = impl.corrected
        first = run_check(chk, variant, Context(scale="quick", seed=0))
        assert first.verdict != "error", first.details.get("traceback")
    if first.verdict == "refuted":
        pytest.skip(f"{cid}: {check} refutes the printed and the corrected statement")
    level = _level(first.details)
    alarms, verdicts = 0, []
    for seed in range(1, SEEDS + 1):
        ev = run_check(chk, variant, Context(scale="quick", seed=seed))
        assert ev.verdict != "error", ev.details.get("traceback")
        verdicts.append(ev.verdict)
        alarms += ev.verdict == "refuted"
    p = float(stats.binom.sf(alarms - 1, SEEDS, level)) if alarms else 1.0
    assert p >= TEST_LEVEL, (
        f"{cid}:{check} ({variant.name}): {alarms} refutations in {SEEDS} seeds at stated "
        f"level {level:g} "
        f"(P(Bin >= {alarms}) = {p:.2e}); verdicts {verdicts}")
