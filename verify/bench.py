"""``wnverify bench``: speed and memory of the finite-width kernels and the WN training step.

Each row times one kernel at stated shapes and dtype (best of ``repeats`` runs after a
warm-up), gives its FLOP count and GFLOP/s, and divides by the GFLOP/s of the backend's own
matrix product of the same FLOP count, (n×K)·(K×n) with 2n²K = FLOPs, timed in the same run:
that ratio is the share of the practical ceiling the kernel reaches. Peak memory is the
largest traced allocation above the inputs (``tracemalloc``, NumPy only; NumPy reports its
buffers to it). The reference NTK is the explicit-Jacobian one a user would otherwise write:
J ∈ ℝ^{n×md} with rows ∂f(x_i)/∂W = m^{-1/2} (c_k 𝟙{w_kᵀx_i ≥ 0} x_i)_k, H = JJᵀ (Du et al.
(3.6) as Dukler et al. write it), through ``torch.func.jacrev`` when PyTorch is installed and
with NumPy otherwise.

FLOP counts (one multiply-add = 2 FLOPs; element-wise passes not counted):
  gram_H:   2ndm (P = XWᵀ) + 2n²m (AAᵀ) + 2n²d (XXᵀ)
  gram:     2ndm + 4·2n²m (AAᵀ, A s² Aᵀ, R s² Rᵀ, RRᵀ) + 2n²d     eqs. (3.3), (3.4), (3.6)
  wn_step:  2ndm (P) + 2nm (f) + 2ndm (Ar ᵀX)                      gradients of App. C
  jacobian: 2n²md (JJᵀ)
The co-activation products AAᵀ run in float32, which is exact for 0/1 entries and chunks
below 2²⁴ neurons (``numeric.ntk.coactivation``); everything else is float64, and so is the
ceiling, so a share above 1 is possible and is reported as measured.
"""

from __future__ import annotations

import gc
import importlib.util
import math
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from numeric import ntk
from numeric._backend import asarray, get_backend, to_numpy
from numeric.regimes import wn_step_data

#: the issue's targets (#7): shares of the ceiling, speed-up and memory
TARGETS = {"gram_ceiling_share": 0.8, "jacobian_speedup": 30.0, "memory_gib": 1.0}
SHAPES = {
    "default": {"kernel": (1000, 100_000, 64), "jacobian": (200, 10_000, 64),
                "memory": (1000, 1_000_000, 64)},
    "quick": {"kernel": (200, 5_000, 16), "jacobian": (50, 500, 16),
              "memory": (200, 50_000, 16)},
}


@dataclass
class Row:
    """One measured kernel."""

    name: str
    n: int
    m: int
    d: int
    dtype: str
    seconds: float
    gflop: float
    gflops: float
    ceiling_gflops: float | None = None
    ceiling_share: float | None = None
    peak_mib: float | None = None
    note: str = ""


def _sync(xp: Any) -> None:
    if "cupy" in getattr(xp, "__name__", ""):
        import cupy

        cupy.cuda.runtime.deviceSynchronize()


def best_time(fn: Callable[[], Any], xp: Any, repeats: int) -> float:
    """The least wall time of ``repeats`` calls of ``fn`` after one warm-up call."""
    fn()
    _sync(xp)
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        _sync(xp)
        best = min(best, time.perf_counter() - t0)
    return best


def peak_mib(fn: Callable[[], Any]) -> float:
    """The peak of traced allocations while ``fn`` runs, above what was live before (MiB)."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        fn()
        return (tracemalloc.get_traced_memory()[1] - base) / 2**20
    finally:
        tracemalloc.stop()


def ceiling(xp: Any, n: int, flops: float, repeats: int) -> float:
    """GFLOP/s of the backend's matrix product (n×K)·(K×n) with 2n²K ≈ ``flops``."""
    K = max(1, round(flops / (2 * n * n)))
    rng = np.random.default_rng(1)
    A = asarray(rng.standard_normal((n, K)), xp)
    B = asarray(rng.standard_normal((K, n)), xp)
    t = best_time(lambda: A @ B, xp, repeats)
    return 2 * n * n * K / t / 1e9


def _data(xp: Any, n: int, m: int, d: int, seed: int = 0) -> tuple[Any, Any, Any, Any]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    V = rng.standard_normal((m, d))
    g = np.abs(rng.standard_normal(m)) + 0.5
    c = rng.choice([-1.0, 1.0], m)
    return asarray(X, xp), asarray(V, xp), asarray(g, xp), asarray(c, xp)


def jacobian_ntk_numpy(X: np.ndarray, W: np.ndarray, c: np.ndarray) -> np.ndarray:
    """H = JJᵀ with the explicit Jacobian J (n × md) of f(x) = m^{-1/2} Σ_k c_k σ(w_kᵀx)
    in W: the reference a user would write without the suite (memory O(nmd))."""
    n, d = X.shape
    m = W.shape[0]
    A = (X @ W.T >= 0).astype(X.dtype) * c  # n×m
    J = (A[:, :, None] * X[:, None, :]).reshape(n, m * d) / math.sqrt(m)
    return J @ J.T


def jacobian_ntk_torch(X: np.ndarray, W: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The same H = JJᵀ with J from ``torch.func.jacrev`` (float64, CPU)."""
    import torch
    from torch.func import jacrev

    Xt, Wt, ct = (torch.as_tensor(a, dtype=torch.float64) for a in (X, W, c))
    m = Wt.shape[0]

    def f(Wv: Any) -> Any:
        return torch.relu(Xt @ Wv.T) @ ct / math.sqrt(m)

    J = jacrev(f)(Wt).reshape(Xt.shape[0], -1)
    return (J @ J.T).numpy()


def run(backend: str = "numpy", quick: bool = False, repeats: int | None = None,
        progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """All bench rows and the targets they are held to, as a JSON-ready dict."""
    xp = get_backend(backend)
    shapes = SHAPES["quick" if quick else "default"]
    reps = repeats if repeats is not None else (3 if quick else 1)
    say = progress or (lambda s: None)
    rows: list[Row] = []

    n, m, d = shapes["kernel"]
    X, V, g, c = _data(xp, n, m, d)
    Xn = to_numpy(X)
    specs: list[tuple[str, Callable[[], Any], float]] = [
        ("gram_H", lambda: ntk.gram_H(X, V), 2 * n * d * m + 2 * n * n * m + 2 * n * n * d),
        ("gram (H, V, G)", lambda: ntk.gram(X, V, g, c, 1.0),
         2 * n * d * m + 8 * n * n * m + 2 * n * n * d),
        ("wn_step", lambda: wn_step_data(X, asarray(np.sign(Xn[:, 0]), xp), V, g, c),
         4 * n * d * m + 2 * n * m),
    ]
    for name, fn, flops in specs:
        say(f"{name} n={n} m={m} d={d}")
        t = best_time(fn, xp, reps)
        ceil = ceiling(xp, n, flops, reps)
        peak = peak_mib(fn) if backend == "numpy" else None
        rows.append(Row(name, n, m, d, "float64", t, flops / 1e9, flops / t / 1e9, ceil,
                        flops / t / 1e9 / ceil, peak,
                        note="AA^T in float32 (exact counts)" if name.startswith("gram") else ""))

    n, m, d = shapes["jacobian"]
    X, V, g, c = _data(xp, n, m, d, seed=1)
    Xn, Vn = to_numpy(X), to_numpy(V)
    say(f"jacobian reference n={n} m={m} d={d}")
    t_ours = best_time(lambda: ntk.gram_H(X, V), xp, max(reps, 3))
    fl = 2 * n * d * m + 2 * n * n * m
    ours = Row("gram_H (for the reference)", n, m, d, "float64", t_ours, fl / 1e9,
               fl / t_ours / 1e9)
    has_torch = importlib.util.find_spec("torch") is not None
    ref_fn = jacobian_ntk_torch if has_torch else jacobian_ntk_numpy
    sign_c = np.ones(m)  # H of (3.6) has c_k² = 1
    t_ref = best_time(lambda: ref_fn(Xn, Vn, sign_c), np, 1)
    # the two must agree, or the speed-up is meaningless
    H_ref = ref_fn(Xn, Vn, sign_c)
    H_ours = to_numpy(ntk.gram_H(X, V))
    agree = float(np.max(np.abs(H_ref - H_ours)))
    ref = Row("jacobian NTK (" + ("torch.func.jacrev" if has_torch else "NumPy, explicit J")
              + ")", n, m, d, "float64", t_ref, 2 * n * n * m * d / 1e9,
              2 * n * n * m * d / t_ref / 1e9,
              note=f"max |H_ref − H_ours| = {agree:.2e}; speed-up {t_ref / t_ours:.1f}x")
    rows += [ours, ref]

    n, m, d = shapes["memory"]
    say(f"memory gram_H n={n} m={m} d={d}")
    mem_row: Row
    X, V, _, _ = _data(xp, n, m, d, seed=2)
    inputs_mib = (n * d + m * d) * 8 / 2**20
    if backend == "numpy":
        t0 = time.perf_counter()
        pk = peak_mib(lambda: ntk.gram_H(X, V))
        t = time.perf_counter() - t0
        mem_row = Row("gram_H (memory)", n, m, d, "float64", t,
                      (2 * n * d * m + 2 * n * n * m) / 1e9,
                      (2 * n * d * m + 2 * n * n * m) / t / 1e9, peak_mib=pk,
                      note=f"inputs {inputs_mib:.0f} MiB; peak with inputs "
                           f"{pk + inputs_mib:.0f} MiB (timed under tracemalloc)")
    else:
        t = best_time(lambda: ntk.gram_H(X, V), xp, 1)
        mem_row = Row("gram_H (memory)", n, m, d, "float64", t, 0.0, 0.0,
                      note="peak memory is traced on NumPy only")
    rows.append(mem_row)

    grams = [r for r in rows if r.name in ("gram_H", "gram (H, V, G)")]
    speedup = t_ref / t_ours
    mem_total = ((mem_row.peak_mib or math.nan) + inputs_mib) / 1024
    checks = {
        "gram kernels >= 80% of the matmul ceiling": all(
            (r.ceiling_share or 0) >= TARGETS["gram_ceiling_share"] for r in grams),
        f"gram_H >= 30x faster than the jacobian NTK (n={shapes['jacobian'][0]})":
            speedup >= TARGETS["jacobian_speedup"],
        f"gram_H at m={shapes['memory'][1]} within 1 GiB (inputs included)":
            mem_total <= TARGETS["memory_gib"],
    }
    return {"backend": backend, "shapes": "quick" if quick else "default", "repeats": reps,
            "rows": [asdict(r) for r in rows], "speedup_vs_jacobian": speedup,
            "reference": "torch.func" if has_torch else "numpy", "targets": checks,
            "agreement": agree}


def table(res: dict[str, Any]) -> str:
    """The rows as a fixed-width text table, then the targets."""
    head = (f"{'kernel':<36} {'n':>6} {'m':>9} {'d':>4} {'s':>9} {'GFLOP':>9} {'GFLOP/s':>8} "
            f"{'ceil':>8} {'share':>6} {'peak MiB':>9}")
    out = [f"backend {res['backend']}, shapes {res['shapes']}, float64, best of "
           f"{res['repeats']}", head, "-" * len(head)]

    def f(x: float | None, fmt: str) -> str:
        return "-" if x is None else format(x, fmt)

    for r in res["rows"]:
        out.append(f"{r['name']:<36} {r['n']:>6} {r['m']:>9} {r['d']:>4} "
                   f"{r['seconds']:>9.3f} {r['gflop']:>9.2f} {r['gflops']:>8.1f} "
                   f"{f(r['ceiling_gflops'], '8.1f'):>8} {f(r['ceiling_share'], '6.2f'):>6} "
                   f"{f(r['peak_mib'], '9.1f'):>9}" + (f"  {r['note']}" if r["note"] else ""))
    out.append(f"speed-up over the jacobian NTK ({res['reference']}): "
               f"{res['speedup_vs_jacobian']:.1f}x")
    for k, v in res["targets"].items():
        out.append(f"target {'met' if v else 'MISSED'}: {k}")
    return "\n".join(out)
