"""Gradient descent for WN networks and the one-step decomposition of Dukler et al. App. C.

One GD step (App. C; v_k ← v_k − η∇_{v_k}L, g_k ← g_k − η∂L/∂g_k, c fixed) changes the
outputs by f(s+1) − f(s) = a^I + a^II + b^I + b^II, eqs. (C.1)–(C.4), with
  a^I_i  = m^{-1/2} Σ_k c_k (g_k(s+1) − g_k(s)) σ(u_k(s)ᵀx_i)                   (g-update)
  a^II_i = m^{-1/2} Σ_k c_k g_k(s+1) (‖v_k(s)‖/‖v_k(s+1)‖ − 1) σ(u_k(s)ᵀx_i)    (normalisation)
  b_i    = m^{-1/2} Σ_k c_k g_k(s+1) (σ(u_k(s+1)ᵀx_i) − ‖v_k(s)‖/‖v_k(s+1)‖ σ(u_k(s)ᵀx_i)),
split into b^I (k ∉ S_i(R)) and b^II (k ∈ S_i(R)), and with the matrices of (C.8)
  Ṽ_ij  = m⁻¹ Σ_k (αc_k g_k(s)/‖v_k(s)‖)(αc_k g_k(s+1)/‖v_k(s+1)‖) 𝟙_ik 𝟙_jk ⟨x_i^{v⊥}, x_j^{v⊥}⟩,
  Ṽ^⊥_ij = the same sum over k ∈ S_i (a matrix that is not symmetric: S_i depends on i),
  Λ(s)  = G(s) + (Ṽ(s) − Ṽ^⊥(s))/α²,   f(s+1) − f(s) = −ηΛ(s)(f(s) − y) + ηr(s).
a^II is evaluated without cancellation: orthogonality v_kᵀ∇_{v_k}L = 0 gives
‖v_k(s+1)‖² − ‖v_k(s)‖² = η²‖∇_{v_k}L‖², so ‖v(s)‖/‖v(s+1)‖ − 1 = −η²‖∇L‖²/(‖v(s+1)‖(‖v(s)‖ +
‖v(s+1)‖)) ("completing the square", proof of Thm C.1).

Everything is array-API code (neurons in chunks; no n×m×d tensor); only the small n×n
eigenvalue problems of :func:`trajectory` go through NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from numeric import wn
from numeric._backend import chunk_size, chunks, indicator, namespace, relu, to_numpy


def boundary_mask(X: Any, V0: Any, R: float) -> Any:
    """M_ik = 𝟙{k ∈ S_i(R)} (Dukler et al. App. C, def. of S_i(R)), an n×m float array.

    S_i(R) = {k : ∃v, ‖v − v_k(0)‖ ≤ R, 𝟙{v_k(0)ᵀx_i ≥ 0} ≠ 𝟙{vᵀx_i ≥ 0}}. Over the ball,
    vᵀx_i ranges over [p − R‖x_i‖, p + R‖x_i‖] with p = v_k(0)ᵀx_i (Cauchy–Schwarz, attained
    along ±x_i), so k ∈ S_i(R) iff 0 ≤ p < R‖x_i‖ or 0 < −p ≤ R‖x_i‖.
    """
    xp = namespace(X, V0)
    p = X @ V0.T
    r = xp.linalg.vector_norm(X, axis=1)[:, None] * R
    pos = xp.logical_and(p >= 0, p < r)
    neg = xp.logical_and(p < 0, -p <= r)
    return xp.astype(xp.logical_or(pos, neg), X.dtype)


def transition_matrices(
    X: Any, V0: Any, V: Any, V1: Any, g: Any, g1: Any, c: Any, alpha: float, R: float,
    chunk: int | None = None,
) -> dict[str, Any]:
    """The n×n matrices of one transition (V, g) → (V1, g1), Dukler et al. (3.3), (3.4),
    (B.1), (C.8): G = G(s), Vs = V(s), Vhat = V̂(s), Vt = Ṽ(s), Vperp = Ṽ^⊥(s) with S_i(R)
    from V0, the counts S_i = |S_i(R)| and flips_outside_i = #{k ∉ S_i : 𝟙_ik(V1) ≠ 𝟙_ik(V)}.
    Any pair of states (a GD step or not) is accepted."""
    xp = namespace(X, V0, V, V1, g, g1, c)
    n, d = X.shape
    m = V.shape[0]
    K = X @ X.T
    zz = xp.zeros((n, n), dtype=X.dtype)
    zn = xp.zeros((n,), dtype=X.dtype)
    out = {k: zz for k in ("G", "Vt", "Vperp", "Vs", "Vhat", "abs_Vt")}
    out.update(S=zn, flips_outside=zn)
    for s, t in chunks(m, chunk_size(n, d, m, chunk)):
        Vc, V1c = V[s:t, :], V1[s:t, :]
        nv = xp.linalg.vector_norm(Vc, axis=1)
        nv1 = xp.linalg.vector_norm(V1c, axis=1)
        P = X @ (Vc / nv[:, None]).T
        A, A1 = indicator(P, xp), indicator(X @ V1c.T, xp)
        Rm = relu(P, xp)
        M = boundary_mask(X, V0[s:t, :], R)
        w_s = alpha * c[s:t] * g[s:t] / nv
        w = w_s * (alpha * c[s:t] * g1[s:t] / nv1)
        out["Vt"] = out["Vt"] + K * ((A * w) @ A.T) - (Rm * w) @ Rm.T
        out["Vperp"] = out["Vperp"] + K * ((A * M * w) @ A.T) - (Rm * M * w) @ Rm.T
        out["abs_Vt"] = out["abs_Vt"] + xp.abs(K) * ((A * xp.abs(w)) @ A.T) + (
            (Rm * xp.abs(w)) @ Rm.T)
        s2 = w_s * w_s
        out["Vs"] = out["Vs"] + K * ((A * s2) @ A.T) - (Rm * s2) @ Rm.T
        out["Vhat"] = out["Vhat"] + K * (A @ A.T) - Rm @ Rm.T
        out["G"] = out["G"] + Rm @ Rm.T
        out["S"] = out["S"] + xp.sum(M, axis=1)
        out["flips_outside"] = out["flips_outside"] + xp.sum((1.0 - M) * xp.abs(A1 - A), axis=1)
    for key in ("G", "Vt", "Vperp", "Vs", "Vhat", "abs_Vt"):
        out[key] = out[key] / m
    out["K"] = K
    return out


def step_terms(
    X: Any, y: Any, V0: Any, V: Any, g: Any, c: Any, eta: float, alpha: float,
    R: float | None = None, chunk: int | None = None, R_floor: float = 0.0,
) -> dict[str, Any]:
    """The terms of one WN gradient-descent step from (V, g), Dukler et al. (C.1)–(C.8).

    ``V0`` is the initialization v_k(0) (for S_i(R)); R defaults to the smallest radius the
    paper allows, max_k max(‖v_k(s) − v_k(0)‖, ‖v_k(s+1) − v_k(0)‖) (App. C: R such that
    the iterates stay within R of v_k(0)), raised to ``R_floor`` (a running radius).
    Returns arrays of the input namespace: f, f1 (outputs at s, s+1), e = f − y, V1, g1,
    dV, dg; the n-vectors aI, aII, aII_naive, bI, bII, b, mid_aII, mid_aII_sigma1,
    mid_bII (the middle terms of (C.6) with and without σ ≤ 1, and of (C.10)), S (|S_i|),
    flips_outside, and abs_a, abs_b, abs_f (sums of the summands' magnitudes, for rounding
    tolerances); the n×n matrices of :func:`transition_matrices`; the m-vectors
    hh = ‖∇_{v_k}L‖², nv = ‖v_k(s)‖, nv1 = ‖v_k(s+1)‖.
    """
    xp = namespace(X, y, V0, V, g, c)
    n, d = X.shape
    m = V.shape[0]
    f = wn.forward(X, V, g, c, chunk)
    e = f - y
    dV, dg = wn.gradients(X, y, V, g, c, chunk)
    V1, g1 = V - eta * dV, g - eta * dg
    f1 = wn.forward(X, V1, g1, c, chunk)
    if R is None:
        R = max(R_floor, float(to_numpy(xp.max(xp.maximum(
            xp.linalg.vector_norm(V - V0, axis=1), xp.linalg.vector_norm(V1 - V0, axis=1))))))
    rn = xp.linalg.vector_norm(X, axis=1)
    zn = xp.zeros((n,), dtype=X.dtype)
    out: dict[str, Any] = transition_matrices(X, V0, V, V1, g, g1, c, alpha, R, chunk)
    out.update({k: zn for k in (
        "aI", "aII", "aII_naive", "bI", "bII", "b", "mid_aII", "mid_aII_sigma1", "mid_bII",
        "abs_a", "abs_b", "abs_f")})
    hh_parts, nv_parts, nv1_parts = [], [], []
    isq = 1.0 / math.sqrt(m)
    for s, t in chunks(m, chunk_size(n, d, m, chunk)):
        Vc, V1c, V0c = V[s:t, :], V1[s:t, :], V0[s:t, :]
        gc, g1c, cc = g[s:t], g1[s:t], c[s:t]
        nv = xp.linalg.vector_norm(Vc, axis=1)
        nv1 = xp.linalg.vector_norm(V1c, axis=1)
        hh = xp.sum(dV[s:t, :] ** 2, axis=1)
        Rm = relu(X @ (Vc / nv[:, None]).T, xp)
        R1 = relu(X @ (V1c / nv1[:, None]).T, xp)
        M = boundary_mask(X, V0c, R)
        ratio = nv / nv1
        # completing the square: ‖v‖/‖v1‖ − 1 = −η²‖h‖²/(‖v1‖(‖v‖ + ‖v1‖))
        shrink = -(eta**2) * hh / (nv1 * (nv + nv1))
        out["aI"] = out["aI"] + Rm @ (cc * (g1c - gc)) * isq
        out["aII"] = out["aII"] + Rm @ (cc * g1c * shrink) * isq
        out["aII_naive"] = out["aII_naive"] + Rm @ (cc * g1c * (ratio - 1.0)) * isq
        bk1, bk0 = cc * g1c, cc * g1c * ratio
        out["b"] = out["b"] + (R1 @ bk1 - Rm @ bk0) * isq
        out["bII"] = out["bII"] + ((R1 * M) @ bk1 - (Rm * M) @ bk0) * isq
        out["bI"] = out["bI"] + ((R1 * (1.0 - M)) @ bk1 - (Rm * (1.0 - M)) @ bk0) * isq
        gabs = xp.abs(g1c)
        mid = gabs * eta**2 * hh / (2.0 * nv * nv1)
        out["mid_aII"] = out["mid_aII"] + Rm @ mid * isq
        out["mid_aII_sigma1"] = out["mid_aII_sigma1"] + xp.sum(mid) * isq * xp.ones_like(zn)
        out["mid_bII"] = out["mid_bII"] + M @ (gabs / nv1 * eta * xp.sqrt(hh)) * isq
        out["abs_a"] = out["abs_a"] + Rm @ (xp.abs(cc) * (xp.abs(g1c) + xp.abs(gc))) * isq
        out["abs_b"] = out["abs_b"] + (R1 @ xp.abs(bk1) + Rm @ xp.abs(bk0)) * isq
        out["abs_f"] = out["abs_f"] + (R1 @ xp.abs(bk1) + Rm @ xp.abs(cc * gc)) * isq
        hh_parts.append(hh)
        nv_parts.append(nv)
        nv1_parts.append(nv1)
    out.update(f=f, f1=f1, e=e, V1=V1, g1=g1, dV=dV, dg=dg, R=R, rn=rn,
               hh=xp.concat(hh_parts), nv=xp.concat(nv_parts), nv1=xp.concat(nv1_parts))
    return out


def evolution_matrix(terms: dict[str, Any], alpha: float) -> Any:
    """Λ(s) = G(s) + (Ṽ(s) − Ṽ^⊥(s))/α² of Dukler et al. App. C (redefinition of (C.5))."""
    return terms["G"] + (terms["Vt"] - terms["Vperp"]) / alpha**2


def sym_eigs(A: Any) -> np.ndarray:
    """Eigenvalues (ascending) of the symmetric part (A + Aᵀ)/2, computed with NumPy."""
    a = to_numpy(A)
    return np.linalg.eigvalsh((a + a.T) / 2)


def trajectory(
    X: Any, y: Any, V: Any, g: Any, c: Any, eta: float, steps: int, alpha: float,
    detail: str = "terms", chunk: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Run ``steps`` WN gradient-descent steps from (V, g) = (V(0), g(0)) and yield, for
    s = 0..steps−1, a record of NumPy values: s, e = f(s) − y, loss2 = ‖e‖², the running
    radius R(s) = max_{k, s' ≤ s+1} ‖v_k(s') − v_k(0)‖ (for S_i), the displacements
    dv_max = max_k ‖v_k(s) − v_k(0)‖, dg_max = max_k |g_k(s) − g_k(0)|, dg_max1 (at s+1),
    g_min, and by ``detail``:
    "loss"    nothing more;
    "kernels" the matrices of :func:`transition_matrices` and the least eigenvalues
              lam35 = λ_min(V(s)/α² + G(s)) (Λ of (3.5)), lamC8 = λ_min of the symmetric part
              of Λ(s) = G + (Ṽ − Ṽ^⊥)/α² (App. C), lamG, lamV, lamVt, the norms norm35,
              normC8 and normVperp;
    "terms"   as "kernels" plus every array of :func:`step_terms`.
    """
    xp = namespace(X, y, V, g, c)
    V0, g0 = V, g
    R = 0.0
    for s in range(steps):
        rec: dict[str, Any] = {"s": s}
        if detail == "terms":
            tm = step_terms(X, y, V0, V, g, c, eta, alpha, None, chunk, R_floor=R)
            V1, g1, R = tm["V1"], tm["g1"], float(tm["R"])
        else:
            dV, dg = wn.gradients(X, y, V, g, c, chunk)
            V1, g1 = V - eta * dV, g - eta * dg
            R = max(R, float(to_numpy(xp.max(xp.linalg.vector_norm(V1 - V0, axis=1)))))
            tm = {"e": wn.forward(X, V, g, c, chunk) - y}
            if detail == "kernels":
                tm.update(transition_matrices(X, V0, V, V1, g, g1, c, alpha, R, chunk))
        rec["R"] = R
        for key, val in tm.items():
            if key not in ("V1", "g1", "dV", "R"):
                rec[key] = to_numpy(val)
        rec["loss2"] = float(np.sum(rec["e"] ** 2))
        rec["dv_max"] = float(to_numpy(xp.max(xp.linalg.vector_norm(V - V0, axis=1))))
        rec["dg_max"] = float(to_numpy(xp.max(xp.abs(g - g0))))
        rec["dg_max1"] = float(to_numpy(xp.max(xp.abs(g1 - g0))))
        rec["g_min"] = float(to_numpy(xp.min(g)))
        if detail != "loss":
            L35 = rec["Vs"] / alpha**2 + rec["G"]
            LC8 = rec["G"] + (rec["Vt"] - rec["Vperp"]) / alpha**2
            rec["lam35"] = float(np.linalg.eigvalsh(L35)[0])
            rec["norm35"] = float(np.linalg.norm(L35, 2))
            rec["lamC8"] = float(sym_eigs(LC8)[0])
            rec["normC8"] = float(np.linalg.norm(LC8, 2))
            rec["lamG"] = float(np.linalg.eigvalsh(rec["G"])[0])
            rec["lamV"] = float(np.linalg.eigvalsh(rec["Vs"])[0])
            rec["lamVt"] = float(sym_eigs(rec["Vt"])[0])
            rec["normVperp"] = float(np.linalg.norm(rec["Vperp"], 2))
        yield rec
        V, g = V1, g1
