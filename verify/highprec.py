"""Reference computations at 50 significant digits (mpmath) for re-checking counterexamples.

Inputs are float64 values, which mpmath represents exactly; the functions mirror
``numeric.wn`` for the tiny sizes a shrunk counterexample has. They are slow by design and
never used on a hot path.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import mpmath as mp
import sympy as sp

from derivations import kernels as dk
from verify.props import HP_DIGITS

Vec = list[Any]
Mat = list[list[Any]]


def mpf_matrix(a: Any) -> Mat:
    return [[mp.mpf(float(x)) for x in row] for row in a]


def mpf_vector(a: Any) -> Vec:
    return [mp.mpf(float(x)) for x in a]


def dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    return mp.fsum(x * y for x, y in zip(a, b, strict=True))


def norm(a: Sequence[Any]) -> Any:
    return mp.sqrt(dot(a, a))


def relu(z: Any) -> Any:
    return z if z >= 0 else mp.mpf(0)


def wn_forward(X: Mat, V: Mat, g: Vec, c: Vec) -> Vec:
    """f_i = m^{-1/2} Σ_k c_k σ(g_k v_kᵀx_i/‖v_k‖), Dukler et al. eq. (1.2)."""
    m = len(V)
    return [
        mp.fsum(c[k] * relu(g[k] * dot(V[k], x) / norm(V[k])) for k in range(m)) / mp.sqrt(m)
        for x in X
    ]


def wn_gradients(X: Mat, y: Vec, V: Mat, g: Vec, c: Vec) -> tuple[Mat, Vec]:
    """(∂L/∂V, ∂L/∂g) of L = ½‖f − y‖², with σ'(0) := 1 (see ``numeric.wn.gradients``)."""
    m, d = len(V), len(V[0])
    r = [fi - yi for fi, yi in zip(wn_forward(X, V, g, c), y, strict=True)]
    dV: Mat = []
    dg: Vec = []
    for k in range(m):
        nv = norm(V[k])
        u = [vj / nv for vj in V[k]]
        gk = [mp.mpf(0)] * d
        sg = mp.mpf(0)
        for i, x in enumerate(X):
            p = dot(u, x)
            if g[k] * p >= 0:
                gk = [gk[j] + r[i] * (x[j] - p * u[j]) for j in range(d)]
                sg += r[i] * p
        coef = c[k] * g[k] / nv / mp.sqrt(m)
        dV.append([coef * t for t in gk])
        dg.append(c[k] * sg / mp.sqrt(m))
    return dV, dg


def workdps() -> Any:
    """Context manager: compute at the suite's high precision."""
    return mp.workdps(HP_DIGITS)


def to_str(x: Any) -> str:
    return mp.nstr(x, HP_DIGITS)


@functools.cache
def kernel_forms() -> Any:
    """The closed forms H∞, V∞, G∞ of Dukler et al. (``dukler.Z.kernels``) as an mpmath
    function of (r_i, r_j, θ, d)."""
    f = dk.closed_forms()
    return sp.lambdify(dk.kernel_symbols(), [f["H"], f["V"], f["G"]], modules="mpmath")


def mp_kernels(X: Any) -> dict[str, Any]:
    """H∞, V∞, G∞ and K = XXᵀ as 50-digit ``mp.matrix`` from float64 data taken as exact
    (closed forms of ``dukler.Z.kernels``; θ = atan2(√(r_i²r_j² − K²), K); zero rows give
    zero rows)."""
    n, d = X.shape
    fn = kernel_forms()
    with mp.workdps(HP_DIGITS):
        rows = [[mp.mpf(float(t)) for t in x] for x in X]
        r = [mp.sqrt(mp.fsum(t * t for t in a)) for a in rows]
        out = {k: mp.matrix(n, n) for k in ("H", "V", "G", "K")}
        for i in range(n):
            for j in range(i, n):
                k = mp.fsum(a * b for a, b in zip(rows[i], rows[j], strict=True))
                out["K"][i, j] = out["K"][j, i] = k
                if r[i] == 0 or r[j] == 0:
                    continue
                if i == j:
                    th = mp.mpf(0)
                else:
                    th = mp.atan2(mp.sqrt(max(r[i] ** 2 * r[j] ** 2 - k**2, mp.mpf(0))), k)
                h, v, g = fn(r[i], r[j], th, d)
                for name, val in (("H", h), ("V", v), ("G", g)):
                    out[name][i, j] = out[name][j, i] = val
    return out
