"""Critical points of the normalised-weight flows of [002] §11.2 and their Jacobians.

The net is ``numeric.relunet``'s f(V; x) with labels absorbed, f̃_n = y_n f(V; x_n)
(catalog poggio.md §0); parameters are flattened layer by layer (``relunet.flatten``).
Two vector fields in V at fixed norms ([002] §11.2):

- the Lagrange flow (69): F(V) = ρ Σ_n e^{−ρ f̃_n} ∂f̃_n/∂V − 2λ V, λ fixed;
- the standard-GD V-flow (78): F_k(V) = ρ/ρ_k² Σ_n e^{−ρ f̃_n} (∂f̃_n/∂V_k − V_k f̃_n).

Exponential weights are computed with a fixed shift, w_n = e^{−ρ f̃_n + s}, so the fields
and their Jacobians are multiplied by the positive constant e^{s} (stationary points and
the signs of spectra are unchanged; catalog §0 "normalised residual").

Critical points are located by a Riemannian (saddle-free) Newton method for log L on the
product of unit spheres ∏_k S^{n_k−1}; per-sample Hessians of f̃ are central differences
of the exact back-propagated gradient, which are exact up to rounding on an activation
region (f̃ is affine in each single weight there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from numeric import relunet
from numeric._backend import namespace, to_numpy

Shapes = list[tuple[int, int]]


def shapes_of(V: Sequence[Any]) -> Shapes:
    """The (h_k, h_{k-1}) shapes of the layers."""
    return [(int(v.shape[0]), int(v.shape[1])) for v in V]


def block_index(shapes: Shapes) -> list[tuple[int, int]]:
    """[start, stop) of each layer in the flattened parameter vector."""
    out, i = [], 0
    for r, c in shapes:
        out.append((i, i + r * c))
        i += r * c
    return out


def sample_grads(V: Sequence[Any], X: Any, y: Any, act: str = "relu") -> tuple[Any, Any]:
    """(f̃ (N,), G (N, P)): margins f̃_n = y_n f(V; x_n) and their flattened gradients
    ∂f̃_n/∂V (labels absorbed, catalog §0), by back-propagation (``relunet.grad_f``)."""
    xp = namespace(X, y, *V)
    f = y * relunet.forward(list(V), X, act)
    gs = relunet.grad_f(list(V), X, act)
    n = X.shape[0]
    G = xp.concat([xp.reshape(g, (n, -1)) for g in gs], axis=1) * y[:, None]
    return f, G


def sample_hessians(theta: np.ndarray, shapes: Shapes, X: np.ndarray, y: np.ndarray,
                    act: str, h: float) -> np.ndarray:
    """Per-sample Hessians ∂²f̃_n/∂V² (N, P, P): central differences of the exact gradient
    (exact up to rounding on an activation region; the caller checks pattern stability)."""
    theta = np.asarray(theta, dtype=np.float64)
    P = theta.size
    cols = []
    for j in range(P):
        e = np.zeros(P)
        e[j] = h
        _, gp = sample_grads(relunet.unflatten(theta + e, shapes), X, y, act)
        _, gm = sample_grads(relunet.unflatten(theta - e, shapes), X, y, act)
        cols.append((gp - gm) / (2 * h))
    Hs = np.stack(cols, axis=2)
    return 0.5 * (Hs + np.transpose(Hs, (0, 2, 1)))


def sample_hessians_exact(theta: np.ndarray, shapes: Shapes, X: np.ndarray, y: np.ndarray,
                          act: str) -> np.ndarray:
    """Per-sample Hessians ∂²f̃_n/∂V² (N, P, P) in closed form on the activation region of
    each x_n (NumPy). f̃ is linear in each layer, so the diagonal blocks vanish; for k < k'
    ∂²f/∂W_k[i,j]∂W_{k'}[p,q] = δ_{k'}[p] R_{k→k'}[q,i] a_{k−1}[j], with δ_{k'} = ∂f/∂z_{k'},
    a_{k−1} the input of layer k and R_{k→k'} = ∂a_{k'−1}/∂z_k = D_{k'−1}W_{k'−1}⋯W_{k+1}D_k."""
    W = relunet.unflatten(np.asarray(theta, dtype=np.float64), shapes)
    Z, A = relunet.layers(W, X, act)
    dl, _ = relunet.deltas(W, X, act)
    K = len(W)
    Dg = [(z > 0).astype(np.float64) if act == "relu" else np.ones_like(z)
          for z in Z[:-1]]  # σ'(z_k), (N, h_k), k = 1..K−1
    blocks = block_index(shapes)
    n = X.shape[0]
    P = int(theta.size)
    H = np.zeros((n, P, P))
    for k in range(K - 1):  # 0-based layer k (paper k+1)
        R = Dg[k][:, :, None] * np.eye(shapes[k][0])[None, :, :]  # (N, h_k, h_k): ∂a_k/∂z_k
        for k2 in range(k + 1, K):
            # block (k, k2): [n, i, j, p, q] = δ_{k2}[p] R[q, i] a_{k}[j] (a_k: input of k)
            blk = np.einsum("np,nqi,nj->nijpq", dl[k2], R, A[k])
            a, b = blocks[k]
            c, d = blocks[k2]
            B2 = blk.reshape(n, b - a, d - c)
            H[:, a:b, c:d] = B2
            H[:, c:d, a:b] = np.transpose(B2, (0, 2, 1))
            if k2 + 1 < K:
                R = Dg[k2][:, :, None] * np.einsum("pq,nqi->npi", W[k2], R)
    return H * np.asarray(y)[:, None, None]


def weights(f: Any, rho: float, shift: float) -> Any:
    """w_n = exp(−ρ f̃_n + shift)."""
    xp = namespace(f)
    return xp.exp(-rho * f + shift)


def lagrange_field(theta: Any, shapes: Shapes, X: Any, y: Any, rho: float, lam: Any,
                   act: str = "relu", shift: float = 0.0) -> Any:
    """[002] eq. (69): ρ Σ_n w_n ∂f̃_n/∂V − 2λ V (λ a scalar or a per-entry vector)."""
    f, G = sample_grads(relunet.unflatten(theta, shapes), X, y, act)
    w = weights(f, rho, shift)
    return rho * (w @ G) - 2 * lam * theta


def standard_field(theta: Any, shapes: Shapes, X: Any, y: Any, rhos: Sequence[float],
                   act: str = "relu", shift: float = 0.0) -> Any:
    """[002] eq. (78) at fixed ρ_k: ρ/ρ_k² Σ_n w_n (∂f̃_n/∂V_k − V_k f̃_n), ρ = ∏ρ_k."""
    xp = namespace(theta, X)
    f, G = sample_grads(relunet.unflatten(theta, shapes), X, y, act)
    w = weights(f, float(np.prod(rhos)), shift)
    raw = w @ G - xp.sum(w * f) * theta
    rho = float(np.prod(rhos))
    scale = [rho / r**2 for r in rhos]
    parts = [raw[a:b] * s for (a, b), s in zip(block_index(shapes), scale, strict=True)]
    return xp.concat(parts)


def lagrange_lambda(f: Any, rho: float, shift: float = 0.0) -> Any:
    """The multiplier that keeps ‖V_k‖ = 1 along (69): λ = ½ ρ Σ_n w_n f̃_n ([002] (17),
    l.727; from V_kᵀ V̇_k = 0 and the structural lemma V_kᵀ ∂f̃/∂V_k = f̃)."""
    xp = namespace(f)
    return 0.5 * rho * xp.sum(weights(f, rho, shift) * f)


def hessian_81(G: Any, Hf: Any, w: Any, c2: float, c1: float, lam: Any) -> Any:
    """Σ_n w_n [−c2 G_n G_nᵀ + c1 ∂²f̃_n] − 2λ I, the form of [002] eqs. (71)/(81)
    (c2 = ∏ρ_i², c1 = ∏ρ_i; the exponent is the caller's ``w``)."""
    xp = namespace(G, Hf, w)
    P = G.shape[1]
    gg = xp.matrix_transpose(G * w[:, None]) @ G
    hh = xp.sum(Hf * w[:, None, None], axis=0)
    return -c2 * gg + c1 * hh - 2 * lam * xp.eye(P, dtype=G.dtype)


def jacobian_78(theta: Any, shapes: Shapes, G: Any, Hf: Any, f: Any, w: Any,
                rhos: Sequence[float]) -> Any:
    """The Jacobian of (78) at fixed ρ_k, derived: block (k, k') is
    ρ/ρ_k² Σ_n w_n [−ρ (∂_k f̃_n − V_k f̃_n) ∂_{k'} f̃_nᵀ + ∂²_{kk'} f̃_n − V_k ∂_{k'} f̃_nᵀ
    − δ_{kk'} f̃_n I]."""
    xp = namespace(theta, G)
    P = theta.shape[0]
    rho = relunet.product(list(rhos))
    blocks = block_index(shapes)
    rows = []
    for (a, b), rk in zip(blocks, rhos, strict=True):
        Gk = G[:, a:b]
        Vk = theta[a:b]
        R = Gk - f[:, None] * Vk[None, :]
        term = (-rho * xp.matrix_transpose(R * w[:, None]) @ G
                + xp.sum(Hf[:, a:b, :] * w[:, None, None], axis=0)
                - Vk[:, None] * (w @ G)[None, :])
        eye = xp.concat([xp.zeros((b - a, a), dtype=G.dtype), xp.eye(b - a, dtype=G.dtype),
                         xp.zeros((b - a, P - b), dtype=G.dtype)], axis=1)
        term = term - xp.sum(w * f) * eye
        rows.append(term * (rho / rk**2))
    return xp.concat(rows, axis=0)


def jacobian_76(theta: Any, shapes: Shapes, G: Any, Hf: Any, f: Any, w: Any, rho: float,
                b_reading: str = "literal") -> Any:
    """[002] eq. (76) as printed: J_{kk'}^{ij} = Σ_n w_n (A_n + B_n + C_n) with
    A = −ρ ∂_k^i f̃ [(I − V_{k'}V_{k'}ᵀ) ∂_{k'} f̃]^j, C = [∂²_{kk'} f̃ (I − V_{k'}V_{k'}ᵀ)]^{ij},
    B = δ_{kk'}(−δ_{ij} V_{k'}·∂_{k'} f̃ − X^{ij}) with X^{ij} = V^i ∂^i f̃ (``literal``,
    δ_{ℓ,i} as printed) or V^i ∂^j f̃ (``intended``, δ_{ℓ,j})."""
    xp = namespace(theta, G)
    P = theta.shape[0]
    blocks = block_index(shapes)
    parts = []
    for a, b in blocks:
        Vk = theta[a:b]
        Pk = xp.eye(b - a, dtype=G.dtype) - Vk[:, None] * Vk[None, :]
        parts.append((a, b, Pk))
    # block-diagonal projector
    rows = []
    for a, b, Pk in parts:
        rows.append(xp.concat([xp.zeros((b - a, a), dtype=G.dtype), Pk,
                               xp.zeros((b - a, P - b), dtype=G.dtype)], axis=1))
    Pm = xp.concat(rows, axis=0)
    GP = G @ Pm  # rows: (P_{k'} ∂_{k'} f̃) laid out per column block (Pm symmetric)
    A = -rho * (xp.matrix_transpose(G * w[:, None]) @ GP)
    C = xp.sum(Hf * w[:, None, None], axis=0) @ Pm
    Bblocks = []
    for (a, b), _ in zip(blocks, shapes, strict=True):
        Vk = theta[a:b]
        Gk = G[:, a:b]
        vg = Gk @ Vk  # (N,)
        diag = xp.sum(w * vg) * xp.eye(b - a, dtype=G.dtype)
        if b_reading == "literal":
            X = (Vk[None, :] * Gk)  # (N, n): V^i ∂^i f̃
            Xm = xp.sum(X * w[:, None], axis=0)[:, None] * xp.ones((1, b - a), dtype=G.dtype)
        else:
            Xm = Vk[:, None] * (w @ Gk)[None, :]
        Bblocks.append((a, b, -(diag + Xm)))
    rowsB = []
    for a, b, Bk in Bblocks:
        rowsB.append(xp.concat([xp.zeros((b - a, a), dtype=G.dtype), Bk,
                                xp.zeros((b - a, P - b), dtype=G.dtype)], axis=1))
    B = xp.concat(rowsB, axis=0)
    return A + B + C


# ----------------------------------------------------------------------------------------
# geometry of the product of spheres (NumPy)
# ----------------------------------------------------------------------------------------


def normal_basis(theta: np.ndarray, shapes: Shapes) -> np.ndarray:
    """P×K: column k is V_k embedded in block k (the normals of ∏ S^{n_k−1})."""
    P = theta.size
    blocks = block_index(shapes)
    N = np.zeros((P, len(blocks)))
    for k, (a, b) in enumerate(blocks):
        N[a:b, k] = theta[a:b] / np.linalg.norm(theta[a:b])
    return N


def tangent_basis(theta: np.ndarray, shapes: Shapes) -> np.ndarray:
    """P×(P−K): an orthonormal basis of the tangent space of ∏ S^{n_k−1} at V."""
    P = theta.size
    cols = []
    for a, b in block_index(shapes):
        v = theta[a:b] / np.linalg.norm(theta[a:b])
        n = b - a
        if n == 1:
            continue
        # null space of vᵀ via a complete QR of v
        Q, _ = np.linalg.qr(np.concatenate([v[:, None], np.eye(n)], axis=1))
        T = Q[:, 1:n]
        for j in range(n - 1):
            c = np.zeros(P)
            c[a:b] = T[:, j]
            cols.append(c)
    return np.stack(cols, axis=1) if cols else np.zeros((P, 0))


def project_blocks(theta: np.ndarray, shapes: Shapes, g: np.ndarray) -> np.ndarray:
    """The tangent projection (I − V_kV_kᵀ) g_k of each block."""
    out = np.array(g, dtype=np.float64)
    for a, b in block_index(shapes):
        v = theta[a:b]
        out[a:b] -= v * (v @ g[a:b])
    return out


def retract(theta: np.ndarray, shapes: Shapes) -> np.ndarray:
    """Normalise each block to unit Frobenius norm."""
    out = np.array(theta, dtype=np.float64)
    for a, b in block_index(shapes):
        out[a:b] /= np.linalg.norm(out[a:b])
    return out


def _loss(theta: np.ndarray, shapes: Shapes, X: np.ndarray, y: np.ndarray, rho: float,
          act: str) -> float:
    f = y * relunet.forward(relunet.unflatten(theta, shapes), X, act)
    a = -rho * f
    m = float(np.max(a))
    return m + float(np.log(np.sum(np.exp(a - m))))


def riemannian_parts(theta: np.ndarray, shapes: Shapes, X: np.ndarray, y: np.ndarray,
                     rho: float, act: str
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(tangent gradient, tangent basis B, Bᵀ Hess_R B, softmax weights) of log L on
    ∏ S^{n_k−1}; Hess_R = P ∇²ℓ P − Σ_k (V_kᵀ ∇_k ℓ) P_k."""
    f, G = sample_grads(relunet.unflatten(theta, shapes), X, y, act)
    a = -rho * f
    w = np.exp(a - np.max(a))
    w /= np.sum(w)
    gbar = w @ G
    grad = -rho * gbar
    Hf = sample_hessians_exact(theta, shapes, X, y, act)
    hess = rho**2 * ((G * w[:, None]).T @ G - np.outer(gbar, gbar)) - rho * np.einsum(
        "n,nij->ij", w, Hf)
    B = tangent_basis(theta, shapes)
    corr = np.zeros(theta.size)
    for a0, b0 in block_index(shapes):
        corr[a0:b0] = theta[a0:b0] @ grad[a0:b0]
    HB = hess @ B - corr[:, None] * B
    return project_blocks(theta, shapes, grad), B, B.T @ HB, w


def critical_point(theta0: np.ndarray, shapes: Shapes, X: np.ndarray, y: np.ndarray,
                   rho: float, act: str = "relu", tol: float = 1e-13, maxit: int = 200
                   ) -> tuple[np.ndarray, dict[str, Any]]:
    """A local minimiser of L = Σ_n e^{−ρ f̃_n} on ∏ S^{n_k−1} (a critical point of (69)
    with λ from the constraint, and of (78)), by saddle-free Riemannian Newton on log L
    with Armijo backtracking (closed-form per-sample Hessians). Returns (θ, info) with the
    normalised Riemannian gradient
    ‖P∇ log L‖/(ρ max_n ‖∂f̃_n/∂V‖) in ``info["grad"]``."""
    theta = retract(np.asarray(theta0, dtype=np.float64), shapes)
    info: dict[str, Any] = {"iterations": 0, "grad": np.inf}
    for it in range(maxit):
        g, B, Hb, _ = riemannian_parts(theta, shapes, X, y, rho, act)
        _, G = sample_grads(relunet.unflatten(theta, shapes), X, y, act)
        scale = rho * float(np.max(np.linalg.norm(G, axis=1))) + 1e-300
        gn = float(np.linalg.norm(g)) / scale
        info.update(iterations=it, grad=gn)
        if gn < tol:
            break
        gb = B.T @ g
        lam, U = np.linalg.eigh(0.5 * (Hb + Hb.T))
        cut = 1e-9 * max(1.0, float(np.max(np.abs(lam)))) if lam.size else 1.0
        coef = U.T @ gb
        step_c = np.where(np.abs(lam) > cut, -coef / np.maximum(np.abs(lam), cut), -coef)
        step = B @ (U @ step_c)
        l0 = _loss(theta, shapes, X, y, rho, act)
        slope = float(g @ step)
        t = 1.0
        # near a critical point the loss differences are below rounding: take full steps
        while gn > 1e-7 and t > 1e-12:
            cand = retract(theta + t * step, shapes)
            if _loss(cand, shapes, X, y, rho, act) <= l0 + 1e-4 * t * slope + 1e-15 * abs(l0):
                break
            t *= 0.5
        theta = retract(theta + t * step, shapes)
    return theta, info


def pattern_stable(theta: np.ndarray, shapes: Shapes, X: np.ndarray, act: str,
                   h: float) -> bool:
    """True when every stencil point θ ± h e_j has the activation pattern of θ."""
    if act == "linear":
        return True
    base = [to_numpy(p) for p in relunet.patterns(relunet.unflatten(theta, shapes), X, act)]
    for j in range(theta.size):
        for s in (h, -h):
            e = np.array(theta)
            e[j] += s
            pj = relunet.patterns(relunet.unflatten(e, shapes), X, act)
            if any(not np.array_equal(to_numpy(a), b) for a, b in zip(pj, base, strict=True)):
                return False
    return True
