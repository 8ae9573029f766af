"""WN and rPGD on over-parametrized least squares (Wu, Dobriban, Ren, Wu, Li, Gunasekar,
Ward, Liu, §1.1–§2).

Problem (1): min_x ½‖Ax − y‖², A ∈ R^{m×d}, m < d, full row rank.
WN objective (2): h(w, g) = ½‖g A w/‖w‖ − y‖².
rPGD objective (3): f(w, g) = ½‖A g w − y‖² with ‖w‖ = 1.

Gradients are the Euclidean derivatives of (2) and (3) (not the formulas printed on
l.141, which the suite checks separately as ``wu.def.residual_gradients``). With the
residual e = A g u − y (u = w/‖w‖ for WN, u = w for rPGD):

    ∇_w h = (g/‖w‖) P_w Aᵀe,   ∇_g h = uᵀAᵀe,        P_w = I − w wᵀ/‖w‖²,
    ∇_w f = g Aᵀe,              ∇_g f = wᵀAᵀe.

Stepsize names follow Algorithms 1–2 as printed: ``eta`` multiplies the w-update and
``gamma`` the g-update (Condition 2.1's reading S2: gamma/eta = c).

All step functions take the namespace from their inputs (NumPy, array-api-strict, CuPy).
``wn_flow`` integrates on the CPU with SciPy and returns arrays of the input namespace.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from numeric._backend import namespace, to_numpy


def null_component(A: Any, w: Any) -> Any:
    """w⊥ = (I − A⁺A) w, the component of w in ker A (orthogonal split of Definition 1.1).

    ``w`` may be a vector (d,) or a batch of rows (k, d). Computed with matrix products and
    the Moore–Penrose pseudoinverse: w⊥ = w − (A⁺(Aw)).
    """
    xp = namespace(A, w)
    Ap = xp.linalg.pinv(A)  # d×m
    return w - (w @ A.T) @ Ap.T


def row_component(A: Any, w: Any) -> Any:
    """w∥ = A⁺A w, the orthogonal projection of w onto the row space of A."""
    return w - null_component(A, w)


def min_norm_solution(A: Any, y: Any) -> Any:
    """x* = A⁺ y = Aᵀ(AAᵀ)⁻¹ y, the minimum ℓ2-norm solution of (1)."""
    xp = namespace(A, y)
    return xp.linalg.pinv(A) @ y


def h_loss(A: Any, y: Any, g: Any, w: Any) -> Any:
    """h(w, g) = ½‖g A w/‖w‖ − y‖², eq. (2)."""
    xp = namespace(A, y, w)
    e = g * (A @ w) / xp.linalg.vector_norm(w) - y
    return 0.5 * xp.sum(e * e)


def f_loss(A: Any, y: Any, g: Any, w: Any) -> Any:
    """f(w, g) = ½‖A g w − y‖², eq. (3) (w on the unit sphere)."""
    xp = namespace(A, y, w)
    e = g * (A @ w) - y
    return 0.5 * xp.sum(e * e)


def wn_gradients(A: Any, y: Any, g: Any, w: Any) -> tuple[Any, Any]:
    """(∇_w h, ∇_g h) of the WN objective (2), by differentiation (see module docstring)."""
    xp = namespace(A, y, w)
    nw = xp.linalg.vector_norm(w)
    u = w / nw
    e = g * (A @ u) - y
    q = A.T @ e  # Aᵀe
    gw = (g / nw) * (q - xp.sum(u * q) * u)
    gg = xp.sum(u * q)
    return gw, gg


def rpgd_gradients(A: Any, y: Any, g: Any, w: Any) -> tuple[Any, Any]:
    """(∇_w f, ∇_g f) of the rPGD objective (3) as a function on R^d × R."""
    xp = namespace(A, y, w)
    e = g * (A @ w) - y
    q = A.T @ e
    return g * q, xp.sum(w * q)


def wn_step(A: Any, y: Any, g: Any, w: Any, eta: float, gamma: float) -> tuple[Any, Any]:
    """One step of Algorithm 1 (WN for (2)), simultaneous update as printed.

    w_{t+1} = w_t − η ∇_w h(w_t, g_t),   g_{t+1} = g_t − γ ∇_g h(w_t, g_t).
    ``eta`` is the w-stepsize η_t, ``gamma`` the g-stepsize γ_t. Returns (g_{t+1}, w_{t+1}).
    """
    gw, gg = wn_gradients(A, y, g, w)
    return g - gamma * gg, w - eta * gw


def rpgd_step(A: Any, y: Any, g: Any, w: Any, eta: float, gamma: float) -> tuple[Any, Any]:
    """One step of Algorithm 2 (rPGD for (3)), simultaneous update as printed.

    v_t = w_t − η ∇_w f(w_t, g_t),  w_{t+1} = v_t/‖v_t‖,  g_{t+1} = g_t − γ ∇_g f(w_t, g_t).
    ``eta`` is the w-stepsize η_t, ``gamma`` the g-stepsize γ_t. Returns (g_{t+1}, w_{t+1}).
    Raises ValueError when v_t = 0 (the projection is undefined).
    """
    xp = namespace(A, y, w)
    gw, gg = rpgd_gradients(A, y, g, w)
    v = w - eta * gw
    nv = xp.linalg.vector_norm(v)
    if float(nv) == 0.0:
        raise ValueError("rPGD projection undefined: v_t = 0")
    return g - gamma * gg, v / nv


def wn_rhs_numpy(A: np.ndarray, y: np.ndarray, c: float):
    """Right-hand side of the WN gradient flow (NumPy, state s = (g, w)).

    dw/dt = −∇_w h(w, g),  dg/dt = −c ∇_g h(w, g): the η → 0 limit of Algorithm 1 with
    γ_t/η_t = c, time t = kη. On ‖w‖ = 1 (preserved by the flow) this is (4) with the
    differentiated gradients: dg/dt = −c wᵀAᵀe, dw/dt = −g P_w (g Aᵀe), e = A g w − y.
    """

    def rhs(_t: float, s: np.ndarray) -> np.ndarray:
        g, w = s[0], s[1:]
        nw = np.sqrt(w @ w)
        u = w / nw
        q = A.T @ (g * (A @ u) - y)
        uq = u @ q
        dw = -(g / nw) * (q - uq * u)
        return np.concatenate(([-c * uq], dw))

    return rhs


def wn_flow(
    A: Any,
    y: Any,
    g0: Any,
    w0: Any,
    c: float,
    t_eval: Any,
    rtol: float = 1e-12,
    atol: float = 1e-13,
    method: str = "DOP853",
) -> tuple[Any, Any]:
    """The WN gradient flow (continuous limit of Algorithm 1 with γ/η = c), Lemma 2.2 eq. (4).

    Integrated by ``scipy.integrate.solve_ivp`` (DOP853, rtol 1e-12, atol 1e-13 by default)
    from (g0, w0) over [0, max t_eval]. Returns (g_t, w_t): shapes (k,) and (k, d), in the
    namespace of ``A``. Raises RuntimeError if the integrator fails.
    """
    from scipy.integrate import solve_ivp

    xp = namespace(A, y, w0)
    An, yn, wn = to_numpy(A), to_numpy(y), to_numpy(w0)
    g0f = float(to_numpy(g0)) if not isinstance(g0, int | float) else float(g0)
    te = np.asarray(to_numpy(t_eval), dtype=np.float64).reshape(-1)
    s0 = np.concatenate(([g0f], wn.astype(np.float64)))
    t1 = float(te.max()) if te.size else 0.0
    if t1 == 0.0:
        G = np.full(te.shape, g0f)
        W = np.tile(wn, (te.size, 1))
    else:
        sol = solve_ivp(
            wn_rhs_numpy(An, yn, float(c)),
            (0.0, t1),
            s0,
            method=method,
            t_eval=te,
            rtol=rtol,
            atol=atol,
        )
        if not sol.success:
            raise RuntimeError(f"wn_flow: solve_ivp failed: {sol.message}")
        G, W = sol.y[0], sol.y[1:].T
    return xp.asarray(G, dtype=xp.float64), xp.asarray(np.ascontiguousarray(W), dtype=xp.float64)
