"""Discrete-time rPGD / WN / GD on over-parametrized least squares (Wu et al., §3, Fig. 1).

Two kinds of code:

- ``reduced_*``: the exact scalar reduction of rPGD (Algorithm 2) with η_t = 1/g_t² for
  orthogonal A (AAᵀ = I), derived in ``derivations.wu_discrete`` (Lemma E.2, the split of
  v_t, eq. (19)). In units of g* (q = g/g*), with p = ‖w^⊥‖² and c = w*ᵀw:

      q_{t+1} = q_t − γ_t (q_t (1 − p_t) − c_t),
      p_{t+1} = p_t q_t² / (q_t² p_t + 1),
      c_{t+1} = sign(q_t) √(1 − p_{t+1}),
      ‖A g_t w_t − y‖² / g*² = q_t² (1 − p_t) − 2 q_t c_t + 1
                             = (1 − q_t c_t)² + q_t² (1 − p_t − c_t²).

  It is written once over a number type (``float`` with :mod:`math`, or ``mpmath`` at any
  precision) so a float64 run and its 50-digit re-check share the code. The vector
  algorithm (``numeric.least_squares.rpgd_step``) is the reference it is tested against.

- ``batched_run``: GD, WN (Algorithm 1) and rPGD (Algorithm 2) with constant stepsizes on a
  batch of initialisations at once (Figure 1), array-API (NumPy, array-api-strict, CuPy),
  each run frozen once its loss reaches the stopping level (no boolean indexing).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from numeric._backend import namespace


@dataclass
class Num:
    """The arithmetic a reduced run uses: ``sqrt``, ``sign`` and number conversion."""

    sqrt: Any = math.sqrt
    conv: Any = float

    def sign(self, x: Any) -> Any:
        return self.conv(1) if x > 0 else (self.conv(-1) if x < 0 else self.conv(0))


FLOAT = Num()


def reduced_step(q: Any, p: Any, c: Any, gamma: Any, num: Num = FLOAT) -> tuple[Any, Any, Any]:
    """One rPGD step (η = 1/g², g-stepsize γ) in the reduced variables (q, p, c)."""
    qn = q - gamma * (q * (1 - p) - c)
    pn = p * q * q / (q * q * p + 1)
    cn = num.sign(q) * num.sqrt(1 - pn)
    return qn, pn, cn


def reduced_loss(q: Any, p: Any, c: Any) -> Any:
    """‖A g w − y‖²/g*² = q²(1 − p) − 2qc + 1 in the reduced variables, evaluated as
    (1 − qc)² + q²(1 − p − c²) (both terms ≥ 0; the second vanishes for t ≥ 1), which keeps
    full relative accuracy near the minimum."""
    return (1 - q * c) ** 2 + q * q * (1 - p - c * c)


@dataclass
class TwoStageRun:
    """A Theorem 3.2 run: counts, guarantees and the g-trajectory facts the claims read."""

    T1: int
    T2: int | None  # None: the loss level was not reached within the cap
    q_T1: Any
    p_T1: Any
    q_T: Any
    p_T: Any
    loss_T1: Any
    first_decrease: int | None  # first t with g_{t+1} < g_t (t < T)
    first_decrease_after1: int | None  # first t ≥ 1 with g_{t+1} < g_t and g_t ≤ g*
    max_q_before_T: Any  # max_t≤T q_t
    q_trace_head: list[Any] = field(default_factory=list)
    first_decrease_after1_any: int | None = None  # first t ≥ 1, g_{t−1}, g_t > 0, g_{t+1} < g_t


def two_stage_run(
    q0: Any, p0: Any, c0: Any, *, eps: Any, gamma1: Any, gamma2: Any, T1: int | None,
    loss_level: Any, cap: int, num: Num = FLOAT,
) -> TwoStageRun:
    """Condition 3.1 / Theorem 3.2: γ_t = γ^(1) for t < T1, then γ^(2) until the loss
    ‖A g w − y‖² ≤ loss_level·g*² (the measured T2) or ``cap`` phase-2 steps.

    ``T1 = None`` is reading (H) of the switch time: the first t with p_t ≤ ε² (capped at
    ``cap``); an integer is reading (P) (the prescribed switch)."""
    q, p, c = num.conv(q0), num.conv(p0), num.conv(c0)
    eps2 = num.conv(eps) ** 2
    t = 0
    first_dec = None
    first_dec1 = None
    qmax = q
    qprev = q
    first_any = None
    head = [q]
    while (T1 is None and p > eps2) or (T1 is not None and t < T1):
        if t >= cap:
            break
        qn, pn, cn = reduced_step(q, p, c, gamma1, num)
        if qn < q:
            first_dec = t if first_dec is None else first_dec
            if t >= 1 and qprev > 0 and 0 < q <= 1 and first_dec1 is None:
                first_dec1 = t
            if t >= 1 and qprev > 0 and q > 0 and first_any is None:
                first_any = t
        qprev = q
        q, p, c = qn, pn, cn
        qmax = max(qmax, q)
        if len(head) < 8:
            head.append(q)
        t += 1
    t1 = t
    qT1, pT1, lossT1 = q, p, reduced_loss(q, p, c)
    t2 = 0
    while reduced_loss(q, p, c) > loss_level:
        if t2 >= cap:
            return TwoStageRun(t1, None, qT1, pT1, q, p, lossT1, first_dec, first_dec1, qmax,
                               head, first_any)
        qn, pn, cn = reduced_step(q, p, c, gamma2, num)
        if qn < q:
            first_dec = t if first_dec is None else first_dec
            if t >= 1 and qprev > 0 and 0 < q <= 1 and first_dec1 is None:
                first_dec1 = t
            if t >= 1 and qprev > 0 and q > 0 and first_any is None:
                first_any = t
        qprev = q
        q, p, c = qn, pn, cn
        qmax = max(qmax, q)
        t += 1
        t2 += 1
    return TwoStageRun(t1, t2, qT1, pT1, q, p, lossT1, first_dec, first_dec1, qmax, head,
                       first_any)


def fixed_g_count(q: Any, p0: Any, eps: Any, cap: int, num: Num = FLOAT) -> int | None:
    """Case (b) phase 1 (γ = 0): the first t with p_t ≤ ε² (None beyond ``cap``)."""
    p = num.conv(p0)
    qq = num.conv(q) ** 2
    eps2 = num.conv(eps) ** 2
    t = 0
    while p > eps2:
        if t >= cap:
            return None
        p = p * qq / (qq * p + 1)
        t += 1
    return t


def fixed_g_exact_count(q: float, p0: float, eps: float) -> int:
    """The closed form of the case-(b) phase-1 count (``derivations.wu_discrete``):
    ⌈log((ε⁻² + k)/(1/p_0 + k))/log(1/q²)⌉, k = q²/(1 − q²), 0 when p_0 ≤ ε²."""
    if p0 <= eps * eps:
        return 0
    k = q * q / (1 - q * q)
    return max(0, math.ceil(math.log((eps**-2 + k) / (1 / p0 + k)) / math.log(1 / (q * q))))


# ---------------------------------------------------------------------------------------
# batched GD / WN / rPGD (Figure 1)


def batched_run(
    A: Any, y: Any, g0: Any, W0: Any, *, alg: str, step: float, stop_loss: float,
    half: bool, cap: int,
) -> tuple[Any, Any, Any]:
    """Run ``alg`` ∈ {"gd", "wn", "rpgd"} from x_0 = g0[i]·W0[i] (‖W0[i]‖ = 1) for every row i.

    All stepsizes are ``step`` (η = γ). A run stops (is frozen) the first time its loss
    (½‖Ax − y‖² if ``half`` else ‖Ax − y‖²) is ≤ ``stop_loss``. Returns (x̂ (B, d), steps
    (B,), converged (B,) as 0/1 floats). GD is x ← x − η Aᵀ(Ax − y); WN and rPGD follow
    Algorithms 1 and 2 with the differentiated gradients (see ``numeric.least_squares``)."""
    xp = namespace(A, y, W0)
    B = W0.shape[0]
    scale = 0.5 if half else 1.0
    g = xp.asarray(g0, dtype=xp.float64)
    w = W0
    x = g[:, None] * W0
    active = xp.ones((B,), dtype=xp.float64)
    steps = xp.zeros((B,), dtype=xp.float64)
    for _ in range(cap + 1):
        if alg == "gd":
            e = x @ A.T - y[None, :]
        else:
            nw = xp.linalg.vector_norm(w, axis=1)
            u = w / nw[:, None]
            e = g[:, None] * (u @ A.T) - y[None, :]
        loss = scale * xp.sum(e * e, axis=1)
        active = xp.where(loss <= stop_loss, xp.zeros_like(active), active)
        if float(xp.max(active)) == 0.0:
            break
        steps = steps + active
        q = e @ A  # Aᵀe per row
        a = active[:, None]
        if alg == "gd":
            x = x - step * a * q
        elif alg == "rpgd":
            uq = xp.sum(w * q, axis=1)
            v = w - step * (g[:, None] * q)
            v = v / xp.linalg.vector_norm(v, axis=1)[:, None]
            w = a * v + (1 - a) * w
            g = g - step * active * uq
        elif alg == "wn":
            uq = xp.sum(u * q, axis=1)
            gw = (g / nw)[:, None] * (q - uq[:, None] * u)
            w = w - step * a * gw
            g = g - step * active * uq
        else:
            raise ValueError(f"unknown algorithm {alg!r}")
    if alg != "gd":
        x = g[:, None] * w / xp.linalg.vector_norm(w, axis=1)[:, None]
    converged = 1.0 - active
    return x, steps, converged
