"""``wnverify sweep NAME``: the statistical sweeps as independent tasks on Dask.

A sweep is a grid of task parameters times ``seeds`` repetitions. Task i gets the i-th child
of ``numpy.random.SeedSequence(root).spawn(k)`` (k tasks in grid order), so a result depends
on the root seed and the grid only, never on the number of workers or the order tasks
finish in. Tasks run on a local Dask cluster by default (``distributed.LocalCluster``, one
thread per worker process), on an existing cluster with ``scheduler=ADDRESS``, or in this
process with ``scheduler="sync"``. Each sweep writes ``NAME.json`` (its rows and summary)
and ``NAME.svg`` (its plot).

Sweeps:
- ``concentration``: ‖H(0) − H∞‖₂, ‖V(0) − V∞‖₂, ‖G(0) − G∞‖₂ over the width m (Dukler et al.
  Lemmas B.1/B.4: the finite-width kernels concentrate at rate m^{-1/2}); slope of
  log‖·‖ on log m with a 95 % t interval, intercept per seed-free fit.
- ``failure``: the event λ_min(H(0)) < λ₀/2 over seeds for each m (the failure probability
  of Du et al. / Dukler et al. Lemma B.1's "with probability 1 − δ"), its rate and 95 %
  Clopper–Pearson interval.
- ``phase``: the V/G phase diagram over α (Dukler et al. §3–§5): the trace ratio of V/α² to
  G at initialization, κ(α) and the iterations WN GD (η = 1/λ_max(Λ)) needs to reach
  10⁻³ L(0), for each (α, seed).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from numeric import ntk, wn
from numeric import regimes as R
from numeric._backend import to_numpy
from verify.stats import cp_bounds, slope_fit


class SweepError(ValueError):
    """Bad sweep input (unknown name, scheduler unreachable): one line, exit code 2."""


def _data(n: int, d: int, root: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit-norm points (Assumption 1) and ±1 labels, fixed by the root seed."""
    rng = np.random.default_rng(np.random.SeedSequence([root, 7]))
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X, rng.choice([-1.0, 1.0], n)


def task_concentration(p: dict[str, Any], seq: np.random.SeedSequence) -> dict[str, Any]:
    """Spectral distances of the width-m kernels at initialization (2.4) from their
    expectations (closed forms of ``dukler.Z.kernels``)."""
    X, _ = _data(p["n"], p["d"], p["root"])
    V, g, c = wn.init(p["m"], p["d"], 1.0, int(seq.generate_state(1)[0]))
    H, Vk, G = ntk.gram(X, V, g, c, 1.0)
    Hi, Vi, Gi = ntk.gram_infinite(X)
    norm = lambda A: float(np.linalg.norm(to_numpy(A), 2))  # noqa: E731
    return {"m": p["m"], "H": norm(H - Hi), "V": norm(Vk - Vi), "G": norm(G - Gi)}


def task_failure(p: dict[str, Any], seq: np.random.SeedSequence) -> dict[str, Any]:
    """λ_min(H(0)) against λ₀ = λ_min(H∞): the event λ_min(H(0)) < λ₀/2."""
    X, _ = _data(p["n"], p["d"], p["root"])
    V, _, _ = wn.init(p["m"], p["d"], 1.0, int(seq.generate_state(1)[0]))
    H = ntk.gram_H(X, V)
    lam = float(np.linalg.eigvalsh(to_numpy(H))[0])
    lam0 = float(np.linalg.eigvalsh(to_numpy(ntk.gram_infinite(X)[0]))[0])
    return {"m": p["m"], "lambda_min": lam, "lambda0": lam0, "fail": lam < lam0 / 2}


def task_phase(p: dict[str, Any], seq: np.random.SeedSequence) -> dict[str, Any]:
    """At scale α: the trace ratio of V/α² to G, κ(α), and WN GD's iteration count to reach
    10⁻³ L(0) with η = 1/λ_max(Λ(0)), Λ = V/α² + G (capped at ``steps``)."""
    X, y = _data(p["n"], p["d"], p["root"])
    a = p["alpha"]
    V, g, c = wn.init(p["m"], p["d"], a, int(seq.generate_state(1)[0]))
    _, Vk, G = R.effective_kernels(X, V, g, c)
    ratio = R.dominance_ratios(Vk, G, a)["trace"]
    lam = R.sym_eigvalsh(to_numpy(Vk) / a**2 + to_numpy(G))
    L0 = 0.5 * float(np.sum((to_numpy(wn.forward(X, V, g, c)) - y) ** 2))
    tr, _, _ = R.train_wn(X, y, V, g, c, 1.0 / float(lam[-1]), p["steps"], track=False,
                          stop_loss=1e-3 * L0)
    reached = bool(tr.loss[-1] <= 1e-3 * L0)
    return {"alpha": a, "trace_ratio": float(ratio), "kappa": float(lam[0] / lam[-1]),
            "iterations": len(tr.loss) - 1, "reached": reached}


@dataclass(frozen=True)
class Sweep:
    """A named sweep: its grid (per scale), seeds per grid point, task and summary."""

    name: str
    title: str
    grid: Callable[[str], list[dict[str, Any]]]
    seeds: Callable[[str], int]
    task: Callable[[dict[str, Any], np.random.SeedSequence], dict[str, Any]]
    summarize: Callable[[list[dict[str, Any]]], dict[str, Any]]
    plot: Callable[[list[dict[str, Any]], dict[str, Any]], dict[str, Any]]


def _sum_concentration(rows: list[dict[str, Any]]) -> dict[str, Any]:
    m = np.array([r["m"] for r in rows], dtype=float)
    out: dict[str, Any] = {"expected_slope": -0.5}
    for k in ("H", "V", "G"):
        fit = slope_fit(np.log(m), np.log([r[k] for r in rows]))
        out[k] = {"slope": fit.slope, "ci95": [fit.lo, fit.hi], "dof": fit.dof,
                  "contains_-1/2": bool(fit.lo <= -0.5 <= fit.hi)}
    out["table"] = [{"m": int(mv), **{k: float(np.mean([r[k] for r in rows if r["m"] == mv]))
                                      for k in ("H", "V", "G")}}
                    for mv in sorted(set(m))]
    return out


def _plot_concentration(rows: list[dict[str, Any]], s: dict[str, Any]) -> dict[str, Any]:
    from verify.plots import line, plot_spec

    ms = [t["m"] for t in s["table"]]
    lines = [line(f"||{k}(0) - {k}inf||_2 (slope {s[k]['slope']:.3f})", ms,
                  [t[k] for t in s["table"]]) for k in ("H", "V", "G")]
    ref = s["table"][0]["H"] * math.sqrt(ms[0])
    lines.append(line("m^-1/2", ms, [ref / math.sqrt(v) for v in ms], style="dashed"))
    return plot_spec("kernel concentration at initialization (2.4)", "width m",
                     "spectral distance (mean over seeds)", lines, logx=True, logy=True)


def _sum_failure(rows: list[dict[str, Any]]) -> dict[str, Any]:
    table = []
    for mv in sorted({r["m"] for r in rows}):
        sel = [r for r in rows if r["m"] == mv]
        k = sum(r["fail"] for r in sel)
        lo, hi = cp_bounds(k, len(sel), 0.025)
        table.append({"m": mv, "trials": len(sel), "failures": k, "rate": k / len(sel),
                      "cp95": [lo, hi],
                      "mean_lambda_min_over_lambda0": float(np.mean(
                          [r["lambda_min"] / r["lambda0"] for r in sel]))})
    return {"event": "lambda_min(H(0)) < lambda0/2", "table": table,
            "interval": "two-sided 95 % Clopper-Pearson (one-sided 97.5 % bounds)"}


def _plot_failure(rows: list[dict[str, Any]], s: dict[str, Any]) -> dict[str, Any]:
    from verify.plots import line, plot_spec

    ms = [t["m"] for t in s["table"]]
    return plot_spec("P(lambda_min(H(0)) < lambda0/2) over seeds", "width m", "failure rate",
                     [line("observed rate", ms, [t["rate"] for t in s["table"]], "points"),
                      line("95% CP upper", ms, [t["cp95"][1] for t in s["table"]], "dashed")],
                     logx=True)


def _sum_phase(rows: list[dict[str, Any]]) -> dict[str, Any]:
    table = []
    for a in sorted({r["alpha"] for r in rows}):
        sel = [r for r in rows if r["alpha"] == a]
        table.append({"alpha": a, "seeds": len(sel),
                      "V_dominated_fraction": float(np.mean([r["trace_ratio"] > 1 for r in sel])),
                      "trace_ratio_median": float(np.median([r["trace_ratio"] for r in sel])),
                      "kappa_median": float(np.median([r["kappa"] for r in sel])),
                      "iterations_median": float(np.median([r["iterations"] for r in sel])),
                      "reached_fraction": float(np.mean([r["reached"] for r in sel]))})
    cross = [t["alpha"] for t in table if t["trace_ratio_median"] <= 1]
    return {"table": table, "first_alpha_G_dominated": cross[0] if cross else None,
            "crossover_rule": "trace ratio of V/alpha^2 to G falls below 1"}


def _plot_phase(rows: list[dict[str, Any]], s: dict[str, Any]) -> dict[str, Any]:
    from verify.plots import line, plot_spec

    al = [t["alpha"] for t in s["table"]]
    return plot_spec("V/G phase diagram over alpha", "alpha", "median over seeds",
                     [line("GD iterations to 1e-3 L(0)", al,
                           [t["iterations_median"] for t in s["table"]], "points"),
                      line("trace ratio V/alpha^2 : G", al,
                           [t["trace_ratio_median"] for t in s["table"]]),
                      line("kappa(alpha)", al, [t["kappa_median"] for t in s["table"]],
                           "dashed")], logx=True, logy=True)


def _grid(**axes: Any) -> list[dict[str, Any]]:
    """The Cartesian product of the axes (each a list), with fixed entries added."""
    items: list[dict[str, Any]] = [{}]
    for k, vals in axes.items():
        vals = vals if isinstance(vals, list) else [vals]
        items = [{**it, k: v} for it in items for v in vals]
    return items


SWEEPS: dict[str, Sweep] = {
    "concentration": Sweep(
        "concentration", "kernel concentration over the width m",
        lambda sc: _grid(n=20, d=10, m={"tiny": [50, 100, 200],
                                            "quick": [100, 300, 1000, 3000, 10000],
                                            "full": [100, 300, 1000, 3000, 10000, 30000,
                                                     100000]}[sc]),
        lambda sc: {"tiny": 2, "quick": 8, "full": 32}[sc],
        task_concentration, _sum_concentration, _plot_concentration),
    "failure": Sweep(
        "failure", "failure probability of lambda_min(H(0)) >= lambda0/2 over seeds",
        lambda sc: _grid(n=30, d=5, m={"tiny": [20, 80], "quick": [10, 30, 100, 300],
                                           "full": [10, 30, 100, 300, 1000, 3000]}[sc]),
        lambda sc: {"tiny": 4, "quick": 100, "full": 1000}[sc],
        task_failure, _sum_failure, _plot_failure),
    "phase": Sweep(
        "phase", "V/G phase diagram over alpha",
        lambda sc: _grid(n=10, d=8, m=200, steps={"tiny": 200, "quick": 2000,
                                                      "full": 20000}[sc],
                         alpha={"tiny": [0.5, 4.0],
                                "quick": [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0],
                                "full": [0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0,
                                         64.0]}[sc]),
        lambda sc: {"tiny": 2, "quick": 8, "full": 32}[sc],
        task_phase, _sum_phase, _plot_phase),
}
SWEEP_SCALES = ("tiny", "quick", "full")


def tasks(sweep: Sweep, scale: str, root: int) -> list[dict[str, Any]]:
    """The task parameters in grid order, each grid point repeated ``seeds`` times."""
    k = sweep.seeds(scale)
    return [{**p, "root": root, "rep": r} for p in sweep.grid(scale) for r in range(k)]


def _call(task: Callable[..., dict[str, Any]], p: dict[str, Any],
          seq: np.random.SeedSequence) -> dict[str, Any]:
    """Run one task pinned to one BLAS thread (workers share the machine's cores)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return task(p, seq)


def execute(task: Callable[..., dict[str, Any]], params: list[dict[str, Any]], root: int,
            scheduler: str | None = None, workers: int | None = None,
            progress: bool = False) -> list[dict[str, Any]]:
    """The rows of ``task`` over ``params`` in input order; task i is seeded by child i of
    SeedSequence(root).spawn(len(params)). ``scheduler``: None (a local Dask cluster with
    ``workers`` processes), "sync" (this process) or a Dask scheduler address."""
    from tqdm import tqdm

    seqs = np.random.SeedSequence(root).spawn(len(params))
    bar = tqdm(total=len(params), desc="sweep", unit="task", disable=not progress,
               leave=False)
    try:
        if scheduler == "sync":
            out = []
            for p, s in zip(params, seqs, strict=True):
                out.append(_call(task, p, s))
                bar.update()
            return out
        return list(_dask(task, params, seqs, scheduler, workers, bar))
    finally:
        bar.close()


def _dask(task: Callable[..., dict[str, Any]], params: list[dict[str, Any]],
          seqs: list[np.random.SeedSequence], scheduler: str | None, workers: int | None,
          bar: Any) -> Iterator[dict[str, Any]]:
    import contextlib
    import logging

    from distributed import Client, LocalCluster, as_completed

    # a task's exception reaches us through fut.result(); what the workers log at shutdown
    # (a heartbeat racing the scheduler's close) is noise, not a result
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.CRITICAL))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout="5s"))
            except (OSError, TimeoutError, ValueError) as exc:
                raise SweepError(f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                                 ) from exc
        futures = client.map(_call, [task] * len(params), params, seqs, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        rows: list[dict[str, Any] | None] = [None] * len(params)
        for fut in as_completed(futures):
            rows[index[fut.key]] = fut.result()
            bar.update()
        yield from (r for r in rows if r is not None)


def run_sweep(name: str, out: Path | None = None, scale: str = "quick", root: int = 0,
              scheduler: str | None = None, workers: int | None = None,
              progress: bool = False) -> dict[str, Any]:
    """Run sweep ``name``; write ``NAME.json`` and ``NAME.svg`` under ``out`` when given."""
    if name not in SWEEPS:
        raise SweepError(f"unknown sweep {name!r}; choose one of {', '.join(SWEEPS)}")
    if scale not in SWEEP_SCALES:
        raise SweepError(f"unknown sweep scale {scale!r}; choose one of "
                         f"{', '.join(SWEEP_SCALES)}")
    sw = SWEEPS[name]
    params = tasks(sw, scale, root)
    rows = execute(sw.task, params, root, scheduler, workers, progress)
    rows = [{**r, "rep": p["rep"]} for r, p in zip(rows, params, strict=True)]
    summary = sw.summarize(rows)
    res = {"sweep": name, "title": sw.title, "scale": scale, "root_seed": root,
           "tasks": len(params), "seeding": "numpy.random.SeedSequence(root).spawn(tasks)",
           "summary": summary, "rows": rows}
    if out is not None:
        from verify.plots import svg

        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_text(json.dumps(res, indent=1, default=float))
        (out / f"{name}.svg").write_text(svg(sw.plot(rows, summary)))
    return res
