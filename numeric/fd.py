"""Finite differences with a data-driven error estimate (an oracle independent of formulas).

The directional derivative D of F at θ along δ is estimated by central differences at steps
h and h/2 and Richardson-extrapolated. Its error is bounded by the model
|D̂ − D| ≲ |D_h − D_{h/2}| (truncation, O(h²)) + ε_F/h (rounding of F, ε_F the absolute
rounding error of one evaluation of F), which :func:`directional` returns with the estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from numeric._backend import namespace


def directional(
    fun: Callable[..., Any],
    theta: Sequence[Any],
    delta: Sequence[Any],
    h: float,
    f_abs_scale: float,
) -> tuple[Any, Any]:
    """(D̂, err): Richardson-extrapolated central difference of ``fun(*theta)`` along ``delta``.

    ``f_abs_scale`` bounds Σ|terms| of one evaluation of ``fun`` so that its rounding error
    is about eps·f_abs_scale. ``err`` is the error bound of the model above (same shape as D̂).
    """
    def shifted(t: float) -> Any:
        return fun(*[p + t * q for p, q in zip(theta, delta, strict=True)])

    d1 = (shifted(h) - shifted(-h)) / (2 * h)
    d2 = (shifted(h / 2) - shifted(-h / 2)) / h
    xp = namespace(d1)
    est = (4 * d2 - d1) / 3
    eps = float(np.finfo(np.float64).eps)
    err = xp.abs(d2 - d1) + 4 * eps * f_abs_scale / h
    return est, err


def jacobian(
    fun: Callable[[Any], Any], theta: Any, steps: Any, f_abs_scale: float
) -> tuple[Any, Any]:
    """(J, err): the n×P Jacobian of ``fun`` at the flat parameter vector ``theta`` by
    Richardson-extrapolated central differences, column p with step ``steps[p]``.

    ``err`` bounds |J − J_true| entrywise by the error model of :func:`directional`.
    """
    xp = namespace(theta)
    P = theta.shape[0]
    eye = xp.eye(P, dtype=theta.dtype)
    cols, errs = [], []
    for p in range(P):
        step = float(steps[p])
        est, err = directional(fun, (theta,), (eye[p, :],), step, f_abs_scale)
        cols.append(est)
        errs.append(err)
    return xp.stack(cols, axis=1), xp.stack(errs, axis=1)
