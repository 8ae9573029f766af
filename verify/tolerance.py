"""Tolerances derived from the problem: dtype, size, scale, and concentration bounds.

Floating-point bounds follow Higham (Accuracy and Stability of Numerical Algorithms, §3.1):
a sum or dot product of N terms computed in precision u = eps/2 has absolute error at most
γ_N Σ|terms|, γ_N = N u/(1 − N u). Statistical half-widths come from Hoeffding's inequality
with a union bound over the K tested entries, at a stated failure probability δ.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import stats


def eps(dtype: Any = np.float64) -> float:
    """Machine epsilon of a floating dtype (NumPy, CuPy or array-API dtype)."""
    name = str(dtype)
    if "float32" in name:
        return float(np.finfo(np.float32).eps)
    if "float16" in name:
        return float(np.finfo(np.float16).eps)
    return float(np.finfo(np.float64).eps)


def gamma(n_ops: int, dtype: Any = np.float64) -> float:
    """Higham's γ_N = N u/(1 − N u) with unit roundoff u = eps/2."""
    u = eps(dtype) / 2
    nu = max(1, int(n_ops)) * u
    if nu >= 1:
        return math.inf
    return nu / (1 - nu)


def sum_bound(n_ops: int, abs_sum: float, dtype: Any = np.float64) -> float:
    """Forward-error bound γ_N·Σ|terms| for a quantity built from N sequential flops."""
    return gamma(n_ops, dtype) * float(abs_sum)


def hoeffding_halfwidth(m: int, value_range: float, k_entries: int, delta: float) -> float:
    """t with P(max_K |mean_m − E| ≥ t) ≤ δ for K means of m i.i.d. terms in an interval of
    length ``value_range``: t = range·√(log(2K/δ)/(2m)) (Hoeffding + union bound)."""
    return value_range * math.sqrt(math.log(2 * k_entries / delta) / (2 * m))


def bonferroni_z(k_entries: int, alpha: float = 1e-3) -> float:
    """Two-sided z threshold Φ⁻¹(1 − α/(2K)) for K z-scores at family-wise level α."""
    return float(stats.norm.ppf(1 - alpha / (2 * max(1, k_entries))))
