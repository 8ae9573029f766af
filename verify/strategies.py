"""Hypothesis strategies shared by the property checks (Dukler catalog §0).

Hypothesis draws the small things (seeds, shapes, scalar parameters, the geometry of the
data); the arrays are built from a seeded NumPy generator inside the check.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

GEOMETRIES = ("sphere", "ball", "near_parallel", "antipodal", "zero_row", "on_relu_boundary")


def log_uniform(lo_exp: float, hi_exp: float) -> st.SearchStrategy[float]:
    """10**t with t uniform in [lo_exp, hi_exp] (e.g. α ∈ [1e-3, 1e3])."""
    return st.floats(lo_exp, hi_exp, allow_nan=False, allow_infinity=False).map(
        lambda t: float(10.0**t)
    )


def seeds() -> st.SearchStrategy[int]:
    return st.integers(0, 2**32 - 1)


def data(rng: np.random.Generator, n: int, d: int, geometry: str = "sphere") -> np.ndarray:
    """An n×d data matrix of a named geometry (rows are points).

    sphere: ‖x_i‖ = 1; ball: ‖x_i‖ ~ U(0.05, 1); near_parallel: the last row is the first
    rotated by 1e-6; antipodal: the last row is −(first); zero_row: the last row is 0;
    on_relu_boundary: sphere data (a neuron orthogonal to x_1 is planted by the caller).
    """
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    if geometry == "ball":
        X *= rng.uniform(0.05, 1.0, size=(n, 1))
    elif geometry == "near_parallel" and n >= 2:
        z = rng.standard_normal(d)
        z -= (z @ X[0]) * X[0]
        z /= np.linalg.norm(z)
        X[-1] = np.cos(1e-6) * X[0] + np.sin(1e-6) * z
    elif geometry == "antipodal" and n >= 2:
        X[-1] = -X[0]
    elif geometry == "zero_row":
        X[-1] = 0.0
    return X


def orthogonal_to(rng: np.random.Generator, x: np.ndarray) -> np.ndarray:
    """A random vector exactly (to rounding) orthogonal to x (a point on a ReLU boundary)."""
    v = rng.standard_normal(x.shape[0])
    nx = float(x @ x)
    if nx > 0:
        v -= (v @ x) / nx * x
    return v
