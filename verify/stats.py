"""The statistical decision rules every statistical check uses (calibrated in
``tests/test_calibration.py``).

- :func:`cp_bounds`: one-sided Clopper–Pearson bounds on a binomial failure rate. A bound
  "fails more often than δ allows" exactly when the lower bound at error level α exceeds δ;
  when the true rate is ≤ δ this happens with probability ≤ α (exact, not asymptotic).
- :func:`slope_fit`: least-squares slope of y on x (one intercept per group) with its
  two-sided t interval; under Gaussian errors the interval covers the true slope with
  probability ``level``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy import stats


def cp_bounds(failures: int, trials: int, alpha: float) -> tuple[float, float]:
    """One-sided Clopper–Pearson (lower, upper) bounds on a rate from ``failures`` of
    ``trials``: P(p < lower) ≤ α and P(p > upper) ≤ α, each exactly (beta quantiles)."""
    F, T = int(failures), int(trials)
    if not 0 <= F <= T or T < 1:
        raise ValueError(f"need 0 <= failures <= trials and trials >= 1, got {F}/{T}")
    lo = 0.0 if F == 0 else float(stats.beta.ppf(alpha, F, T - F + 1))
    hi = 1.0 if F == T else float(stats.beta.isf(alpha, F + 1, T - F))
    return lo, hi


def rate_exceeds(failures: int, trials: int, delta: float, alpha: float) -> bool:
    """The refutation rule for "fails with probability at most δ": the α-level lower
    Clopper–Pearson bound exceeds δ (false-alarm probability ≤ α when the rate is ≤ δ)."""
    return cp_bounds(failures, trials, alpha)[0] > delta


class SlopeFit(NamedTuple):
    """A fitted slope, its standard error, the ``level`` t interval and the residual degrees
    of freedom."""

    slope: float
    se: float
    lo: float
    hi: float
    dof: int


def slope_fit(x: np.ndarray, y: np.ndarray, level: float = 0.95,
              groups: np.ndarray | None = None) -> SlopeFit:
    """y = a_g + b x by ordinary least squares with one intercept a_g per group (one group
    by default): b, se(b) and the two-sided t interval b ± t_{(1+level)/2, dof}·se."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    g = np.zeros(len(x)) if groups is None else np.asarray(groups)
    xc, yc = x.copy(), y.copy()
    for gval in np.unique(g):
        sel = g == gval
        xc[sel] -= np.mean(x[sel])
        yc[sel] -= np.mean(y[sel])
    sxx = float(np.sum(xc**2))
    if sxx == 0:
        raise ValueError("slope_fit: x is constant within every group")
    b = float(np.sum(xc * yc) / sxx)
    dof = len(x) - len(np.unique(g)) - 1
    if dof < 1:
        raise ValueError(f"slope_fit: {len(x)} points leave no residual degrees of freedom")
    se = math.sqrt(float(np.sum((yc - b * xc) ** 2)) / dof / sxx)
    t = float(stats.t.ppf(0.5 + level / 2, dof))
    return SlopeFit(b, se, b - t * se, b + t * se, dof)
