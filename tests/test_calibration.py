"""Calibration of the statistical decision rules (``verify.stats``) that every statistical
check uses: on instances where the claim is true the observed false-alarm rate is within
its stated level, and a planted violation of stated size is detected (power).

Each rule is run over many seeded replications; the observed rate is compared with the
stated level through its own two-sided Clopper–Pearson interval at 99.9 % (so this test
itself fails by chance with probability ≤ 0.1 % per assertion, and is deterministic
because the seeds are fixed). Where the rate is known exactly (binomial sums) the exact
value is checked as well. Whole checks' power against planted violations is the subject
of ``tests/test_perturbations.py`` (every perturbed statement is refuted).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from verify.claims.dukler_concentration import slope_evidence
from verify.context import Context
from verify.stats import cp_bounds, rate_exceeds, slope_fit

REPS = 4000
META = 1e-3  # two-sided level of the intervals this test puts on observed rates


def _interval(hits: int, reps: int) -> tuple[float, float]:
    return cp_bounds(hits, reps, META / 2)


def _reject_set(T: int, delta: float, alpha: float) -> np.ndarray:
    """rate_exceeds(F, T, δ, α) for every F = 0..T (the rule's rejection region)."""
    return np.array([rate_exceeds(f, T, delta, alpha) for f in range(T + 1)])


def _exact_reject_prob(rej: np.ndarray, p: float) -> float:
    """P(F in the rejection region) for F ~ Bin(T, p), summed exactly over F."""
    F = np.arange(rej.size)
    return float(stats.binom.pmf(F, rej.size - 1, p)[rej].sum())


CP_CASES = [(200, 0.05, 0.01), (1000, 0.01, 0.05), (50, 0.1, 0.05), (400, 0.2, 0.001)]


@pytest.mark.parametrize(("T", "delta", "alpha"), CP_CASES)
def test_binomial_rule_false_alarm_within_level(T: int, delta: float, alpha: float) -> None:
    """The bound holds with failure rate exactly δ (the worst true case): rejections of
    "fails with probability ≤ δ" happen at most at rate α."""
    rej = _reject_set(T, delta, alpha)
    exact = _exact_reject_prob(rej, delta)
    assert exact <= alpha
    rng = np.random.default_rng(np.random.SeedSequence([2024, T]))
    hits = int(rej[rng.binomial(T, delta, size=REPS)].sum())
    lo, hi = _interval(hits, REPS)
    assert lo <= alpha, f"observed false-alarm rate {hits / REPS} (CI [{lo}, {hi}]) > {alpha}"
    assert lo <= exact <= hi


@pytest.mark.parametrize(("T", "delta", "alpha"), CP_CASES)
def test_binomial_rule_power_against_planted_violation(T: int, delta: float,
                                                       alpha: float) -> None:
    """A planted failure rate p = δ + (z_{1−α} + 3)·sqrt(δ(1−δ)/T) (the rule's critical
    distance plus three standard errors) is detected with probability ≥ 0.9, the observed
    detection rate matching the exact power."""
    p = delta + (stats.norm.isf(alpha) + 3) * np.sqrt(delta * (1 - delta) / T)
    rej = _reject_set(T, delta, alpha)
    power = _exact_reject_prob(rej, p)
    assert power >= 0.9, power
    rng = np.random.default_rng(np.random.SeedSequence([2025, T]))
    hits = int(rej[rng.binomial(T, p, size=REPS)].sum())
    lo, hi = _interval(hits, REPS)
    assert lo <= power <= hi


def _line(rng: np.random.Generator, k: int, slope: float, sigma: float,
          groups: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.tile(np.linspace(0.0, 3.0, k), groups)
    g = np.repeat(np.arange(groups), k)
    y = rng.normal(size=groups)[g] + slope * x + sigma * rng.standard_normal(k * groups)
    return x, y, g


@pytest.mark.parametrize(("k", "groups", "level"), [(6, 1, 0.95), (12, 3, 0.95), (5, 1, 0.99)])
def test_slope_interval_coverage(k: int, groups: int, level: float) -> None:
    """Under Gaussian errors the t interval of :func:`slope_fit` covers the true slope at
    its stated level (per-group intercepts included)."""
    rng = np.random.default_rng(np.random.SeedSequence([7, k, groups]))
    miss = 0
    for _ in range(REPS // 4):
        x, y, g = _line(rng, k, -0.5, 0.3, groups)
        fit = slope_fit(x, y, level, g)
        miss += not (fit.lo <= -0.5 <= fit.hi)
    lo, hi = _interval(miss, REPS // 4)
    assert lo <= 1 - level <= hi, f"miss rate {miss / (REPS // 4)} vs stated {1 - level}"


def test_slope_band_rule_false_alarm_and_power() -> None:
    """``slope_evidence`` (fitted exponent against a prediction, accepted band ±0.1, 95 %
    interval): with the predicted exponent true it refutes at most 5 % of the time; a
    planted exponent 0.5 away (−1 against −0.5; standard error of the slope ≈ 0.054) is
    refuted with probability ≥ 0.95."""
    ctx = Context()
    rng = np.random.default_rng(11)
    reps = 300
    false_alarms = detected = 0
    for _ in range(reps):
        x, y, _ = _line(rng, 8, -0.5, 0.15)
        ev = slope_evidence(x, y, -0.5, 0.0, ctx, "calibration", "line", {})
        false_alarms += ev.verdict == "refuted"
        x, y, _ = _line(rng, 8, -1.0, 0.15)
        ev = slope_evidence(x, y, -0.5, 0.0, ctx, "calibration", "line", {})
        detected += ev.verdict == "refuted"
    lo_fa, _ = _interval(false_alarms, reps)
    assert lo_fa <= 0.05, false_alarms / reps
    _, hi_pow = _interval(detected, reps)
    assert hi_pow >= 0.95, detected / reps


def test_cp_bounds_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError):
        cp_bounds(5, 3, 0.05)
    with pytest.raises(ValueError):
        cp_bounds(0, 0, 0.05)
