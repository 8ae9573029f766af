"""Stationary points of the V_k flows of Banburski, Poggio et al. ([002] §5, §7, §11.3).

The direction flow (25)/(78) of [002] at fixed ρ is, with labels absorbed (catalog §0),

    V̇_k = (ρ/ρ_k²) Σ_n e^{-ρ f̃_n} (∂f̃_n/∂V_k − V_k f̃_n),

the Riemannian gradient ascent of −L(ρ f̃(V)) on the product of unit spheres with a positive
per-layer metric; the Lagrange flow (69) is the same field without the factor 1/ρ_k².
Everything here is normalised by Σ_n e_n (log space, catalog §0), which changes neither
orbits nor stationary points. :func:`field` runs on any array-API namespace; the search for
critical points and the spectra are NumPy (SciPy), and :func:`mp_field` /
:func:`mp_tangent_spectrum` are the 50-digit twins used to re-check a counterexample.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mpmath as mp
import numpy as np
from scipy.optimize import minimize

from numeric import relunet as rn
from numeric._backend import namespace

Net = list[Any]


def field(V: Net, X: Any, y: Any, rho: float, act: str = "relu",
          rhos: Sequence[float] | None = None) -> Net:
    """[002] eq. (25)/(78) divided by Σ_n e_n: Σ_n w_n (∂f̃_n/∂V_k − V_k f̃_n), w = softmax(−ρ f̃);
    times ρ/ρ_k² per layer when ``rhos`` (the layer norms) are given (else the Lagrange
    field (69) with λ_k fixed by the constraint, [002] l.700)."""
    xp = namespace(X, y, *V)
    m = rn.margins(V, X, y, act)
    a = -rho * m
    e = xp.exp(a - xp.max(a))
    w = e / xp.sum(e)
    G = rn.grad_sum(V, X, w * y, act)
    s = xp.sum(w * m)
    out = [G[k] - V[k] * s for k in range(len(V))]
    if rhos is not None:
        out = [out[k] * (rho / float(rhos[k]) ** 2) for k in range(len(V))]
    return out


def shapes_of(d: int, widths: Sequence[int]) -> list[tuple[int, int]]:
    dims = [int(d), *[int(h) for h in widths], 1]
    return [(dims[k], dims[k - 1]) for k in range(1, len(dims))]


def sphere_normalize(theta: np.ndarray, shapes: Sequence[tuple[int, int]]) -> np.ndarray:
    """Each layer block of θ divided by its Frobenius norm (the retraction onto ∏ S)."""
    out, i = theta.copy(), 0
    for r, c in shapes:
        out[i:i + r * c] /= np.linalg.norm(out[i:i + r * c])
        i += r * c
    return out


def tangent_basis(theta: np.ndarray, shapes: Sequence[tuple[int, int]]) -> np.ndarray:
    """An orthonormal basis (columns) of the tangent space of ∏_k S^{n_k−1} at θ."""
    P = theta.size
    cols, i = [], 0
    for r, c in shapes:
        n = r * c
        v = theta[i:i + n] / np.linalg.norm(theta[i:i + n])
        Q = np.linalg.qr(np.column_stack([v, np.eye(n)]))[0][:, 1:n]
        blk = np.zeros((P, n - 1))
        blk[i:i + n] = Q
        cols.append(blk)
        i += n
    return np.concatenate(cols, axis=1) if cols else np.zeros((P, 0))


def _np_field(theta: np.ndarray, shapes: Sequence[tuple[int, int]], X: np.ndarray,
              y: np.ndarray, rho: float, act: str, rhos: Sequence[float] | None) -> np.ndarray:
    V = rn.unflatten(theta, shapes)
    return np.asarray(rn.flatten(field(V, X, y, rho, act, rhos)))


def tangent_jacobian(theta: np.ndarray, shapes: Sequence[tuple[int, int]], X: np.ndarray,
                     y: np.ndarray, rho: float, act: str = "relu",
                     rhos: Sequence[float] | None = None, h: float = 1e-6
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(J, J_T): the central-difference Jacobian of :func:`field` in ambient coordinates and
    its restriction Bᵀ J B to the tangent space (B from :func:`tangent_basis`)."""
    J = rn.fd_jacobian(lambda t: _np_field(t, shapes, X, y, rho, act, rhos), theta, h)
    B = tangent_basis(theta, shapes)
    return J, B.T @ J @ B


def critical_point(theta0: np.ndarray, shapes: Sequence[tuple[int, int]], X: np.ndarray,
                   y: np.ndarray, rho: float, act: str = "relu", newton: int = 6,
                   ) -> tuple[np.ndarray, float]:
    """A critical point of L(ρ f̃(V)) on ∏_k S (a local minimiser: a stable stationary point
    of (25)), by BFGS on θ ↦ log L(ρ f̃(θ/‖θ‖)) and Newton polishing on the tangent field.
    Returns (θ, ‖normalised field‖)."""

    def obj(u: np.ndarray) -> tuple[float, np.ndarray]:
        t = sphere_normalize(u, shapes)
        V = rn.unflatten(t, shapes)
        m = np.asarray(rn.margins(V, X, y, act))
        a = -rho * m
        amax = float(np.max(a))
        lw = amax + float(np.log(np.sum(np.exp(a - amax))))
        w = np.exp(a - lw)
        G = rn.grad_sum(V, X, w * y, act)
        g, i = [], 0
        for (r, c), Gk in zip(shapes, G, strict=True):
            n = r * c
            uk = u[i:i + n]
            nk = np.linalg.norm(uk)
            vk = uk / nk
            gk = -rho * np.reshape(Gk, (-1,))
            g.append((gk - vk * (vk @ gk)) / nk)
            i += n
        return lw, np.concatenate(g)

    res = minimize(obj, theta0, jac=True, method="BFGS", options={"gtol": 1e-12,
                                                                   "maxiter": 2000})
    theta = sphere_normalize(res.x, shapes)
    for _ in range(newton):
        F = _np_field(theta, shapes, X, y, rho, act, None)
        if np.linalg.norm(F) < 1e-15:
            break
        _, JT = tangent_jacobian(theta, shapes, X, y, rho, act)
        B = tangent_basis(theta, shapes)
        step = np.linalg.lstsq(JT, -(B.T @ F), rcond=1e-12)[0]
        theta = sphere_normalize(theta + B @ step, shapes)
    F = _np_field(theta, shapes, X, y, rho, act, None)
    return theta, float(np.linalg.norm(F))


# --------------------------------------------------------------------------------------
# 50-digit twins (NumPy object arrays of mpmath numbers; tiny nets only)
# --------------------------------------------------------------------------------------

_mexp = np.frompyfunc(mp.exp, 1, 1)


def _obj(a: Any) -> np.ndarray:
    arr = np.asarray(a, dtype=np.float64)
    out = np.empty(arr.shape, dtype=object)
    for idx, val in np.ndenumerate(arr):
        out[idx] = mp.mpf(float(val))
    return out


def mp_margins_grads(V: Sequence[np.ndarray], X: np.ndarray, y: np.ndarray, act: str
                     ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """(f̃_n, δ_k, H_k) of the [002] network at the working precision (object arrays)."""
    K = len(V)
    H, Z = [X], []
    zero = mp.mpf(0)
    for k, Wk in enumerate(V):
        z = H[-1] @ Wk.T
        Z.append(z)
        if k < K - 1:
            H.append(np.where(z > 0, z, zero) if act == "relu" else z)
    d: list[Any] = [None] * K
    d[K - 1] = np.full(Z[-1].shape, mp.mpf(1), dtype=object)
    for k in range(K - 1, 0, -1):
        dz = (np.where(Z[k - 1] > 0, mp.mpf(1), zero) if act == "relu"
              else np.full(Z[k - 1].shape, mp.mpf(1), dtype=object))
        d[k - 1] = (d[k] @ V[k]) * dz
    return y * Z[-1][:, 0], d, H


def mp_field(theta: Sequence[Any], shapes: Sequence[tuple[int, int]], X: np.ndarray,
             y: np.ndarray, rho: Any, act: str, rhos: Sequence[Any] | None = None
             ) -> np.ndarray:
    """:func:`field` at the working precision; θ is a sequence of mpf (flattened V)."""
    V, i = [], 0
    for r, c in shapes:
        V.append(np.array(list(theta[i:i + r * c]), dtype=object).reshape(r, c))
        i += r * c
    m, d, H = mp_margins_grads(V, X, y, act)
    a = -rho * m
    amax = max(a)
    e = _mexp(a - amax)
    w = e / mp.fsum(e)
    s = mp.fsum(w * m)
    out = []
    for k in range(len(V)):
        G = (d[k] * (w * y)[:, None]).T @ H[k]
        Fk = G - V[k] * s
        if rhos is not None:
            Fk = Fk * (rho / rhos[k] ** 2)
        out.extend(list(Fk.reshape(-1)))
    return np.array(out, dtype=object)


def mp_tangent_spectrum(theta: np.ndarray, shapes: Sequence[tuple[int, int]], X: np.ndarray,
                        y: np.ndarray, rho: float, act: str, digits: int = 50,
                        rhos: Sequence[float] | None = None) -> tuple[list[Any], Any]:
    """Eigenvalues of the tangent Jacobian of :func:`field` at θ (re-normalised at ``digits``
    digits), by central differences with h = 10^{-digits/2.5}, and the field's norm."""
    with mp.workdps(digits):
        Xo, yo = _obj(X), _obj(y)
        r = mp.mpf(float(rho))
        rh = None if rhos is None else [mp.mpf(float(q)) for q in rhos]
        th, i = [], 0
        for rr, cc in shapes:
            blk = [mp.mpf(float(t)) for t in theta[i:i + rr * cc]]
            nb = mp.sqrt(mp.fsum(b * b for b in blk))
            th.extend(b / nb for b in blk)
            i += rr * cc
        P = len(th)
        h = mp.mpf(10) ** (-int(digits / 2.5))
        cols = []
        for j in range(P):
            tp, tm = list(th), list(th)
            tp[j] += h
            tm[j] -= h
            cols.append((mp_field(tp, shapes, Xo, yo, r, act, rh)
                         - mp_field(tm, shapes, Xo, yo, r, act, rh)) / (2 * h))
        J = mp.matrix(P, P)
        for j in range(P):
            for q in range(P):
                J[q, j] = cols[j][q]
        # orthonormal tangent basis by Gram–Schmidt at this precision
        basis, i = [], 0
        for rr, cc in shapes:
            n = rr * cc
            v = th[i:i + n]
            vecs = [list(v)] + [[mp.mpf(1) if a == b else mp.mpf(0) for a in range(n)]
                                for b in range(n)]
            ortho: list[list[Any]] = []
            for u in vecs:
                w = list(u)
                for o in ortho:
                    c = mp.fsum(a * b for a, b in zip(w, o, strict=True))
                    w = [a - c * b for a, b in zip(w, o, strict=True)]
                nw = mp.sqrt(mp.fsum(a * a for a in w))
                if nw > mp.mpf(10) ** (-digits // 3):
                    ortho.append([a / nw for a in w])
            for o in ortho[1:]:
                full = [mp.mpf(0)] * P
                full[i:i + n] = o
                basis.append(full)
            i += n
        T = len(basis)
        B = mp.matrix(P, T)
        for j, col in enumerate(basis):
            for q in range(P):
                B[q, j] = col[q]
        JT = B.T * J * B
        if T == 1:
            ev = [JT[0, 0]]
        else:
            ev = list(mp.eig(JT, left=False, right=False)) if T else []
        F = mp_field(th, shapes, Xo, yo, r, act, rh)
        return list(ev), mp.sqrt(mp.fsum(x * x for x in F))
