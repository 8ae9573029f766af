"""Dukler et al.: the initialization (2.4) and Observation 1 (α-independence of V(0), G(0)).

``dukler.eq2.4`` bundles, as printed, (a) the variance sentence, printed twice: ICML
"α² is the variance of v_k", ICLR "α is the variance of v_k" (both are encoded; the
corrected statement keeps the ICML sentence); (b) g_k(0) = ‖v_k(0)‖/α has a law independent
of α (χ_d); (c) w_k(0) = g_k(0)v_k(0)/‖v_k(0)‖ = v_k(0)/α, so the WN network at
initialization is network (1.1) with N(0, I) rows, pathwise and in distribution.

``dukler.obs1``: V(0) and G(0) of eqs. (3.3), (3.4) do not depend on α.

Variant parameters (the same checks decide every variant):
  eq2.4: ``variance`` {sentence: p} (claimed Var(v_kj(0)) = α^p), ``g_power`` (g_k(0) =
         ‖v_k(0)‖/α^g_power), ``w_power`` (claimed W = V(0)/α^w_power).
  obs1:  ``scale_alpha_power`` (s_k = α^p c_k g_k/‖v_k‖ in (3.3)), ``g_norm_power``
         (‖v_k‖^q in the denominator of (3.4)).

Statistical refutations are re-checked at 50 digits (mpmath) against an *exact* statement
about the population (the variance α² against the claimed α^p; the exact KS distance
between the two laws the claim equates) or, for the kernels of Observation 1, by
recomputing every sample at 50 digits; a rejection that the re-check does not confirm is
``inconclusive``, never ``refuted``.
"""

from __future__ import annotations

import math
import time
from typing import Any

import mpmath as mp
import numpy as np
from hypothesis import strategies as st
from scipy import stats

from derivations import init as dinit
from numeric import ntk, wn
from numeric._backend import namespace, to_numpy
from numeric._backend import relu as xrelu
from verify.api import Implementation, Variant, implements, prop, statistical, symbolic
from verify.claims._dukler import compare
from verify.context import Context
from verify.highprec import dot, mpf_matrix, mpf_vector, norm, relu, to_str, wn_forward, workdps
from verify.props import HP_DIGITS, Outcome, Recheck, jsonable, run_property
from verify.strategies import data, log_uniform, seeds
from verify.symbolic import run_symbolic
from verify.tolerance import bonferroni_z, gamma, sum_bound
from verify.verdicts import Evidence

#: family-wise false-alarm rate of every statistical check in this module
FAMILY_LEVEL = 1e-3

GEOMETRIES = ("sphere", "ball", "near_parallel", "antipodal", "zero_row")

SALT_VARIANCE, SALT_GLAW, SALT_PATH24, SALT_OUT = 2401, 2402, 2403, 2404
SALT_PATH_OBS1, SALT_KS_OBS1 = 3101, 3102


def _evidence(
    method: str,
    verdict: str,
    scope: str,
    t0: float,
    ctx: Context,
    **kw: Any,
) -> Evidence:
    details = jsonable(kw.pop("details", {}))
    return Evidence(
        method=method,
        verdict=verdict,
        scope=scope,
        seed=ctx.seed,
        seconds=time.perf_counter() - t0,
        details=details,
        **kw,
    )


def _rejection(row: dict[str, Any], statement: str, residual: Any, threshold: float,
               **extra: Any) -> dict[str, Any]:
    """A rejected test row with its 50-digit recheck: confirmed when |residual| > threshold."""
    return {
        **row,
        **extra,
        "recheck": {
            "digits": HP_DIGITS,
            "statement": statement,
            "residual": to_str(residual),
            "threshold": threshold,
            "confirmed": bool(abs(residual) > threshold),
        },
    }


def _stat_verdict(rejections: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """Verdict from the rejected tests and their 50-digit re-checks."""
    if not rejections:
        return "confirmed", {}
    confirmed = [r for r in rejections if r["recheck"]["confirmed"]]
    if confirmed:
        return "refuted", {"counterexample": confirmed[0]}
    return "inconclusive", {
        "why": "the test rejected but the exact 50-digit re-check did not confirm "
        "(a false alarm of the test)",
        "unconfirmed": rejections[0],
    }


# =======================================================================================
# dukler.eq2.4


def _sym_eq24(variant: Variant, ctx: Context) -> Evidence:
    ds = list(range(2, 7))

    def build():
        for d in ds:
            yield dinit.g_law(d, variant["g_power"])
        for d in ds:
            yield dinit.weight_at_init(d, variant["g_power"], variant["w_power"])
        for name, p in variant["variance"].items():
            yield dinit.variance_sentence(name, p)

    return run_symbolic(
        ctx,
        build,
        scope="symbolic entries, d in {2..6}, alpha > 0 (v(0) = alpha z, z ~ N(0, I); "
        "variance sentences general in alpha)",
        sizes={"d": ds},
    )


def _variance(variant: Variant, ctx: Context) -> Evidence:
    """(a) per-coordinate sample variance of v_k(0) against each printed sentence."""
    t0 = time.perf_counter()
    xp = ctx.xp
    alphas = (1e-3, 0.5, 1.0, 1e3)
    d = 10
    m = ctx.pick(100_000, 1_000_000)  # m·d = 10⁶ (quick) or 10⁷ draws per α
    sentences: dict[str, int] = dict(variant["variance"])
    K = len(alphas) * d * len(sentences)
    zc = bonferroni_z(K, FAMILY_LEVEL)
    rng = ctx.rng(SALT_VARIANCE)
    rows, rejections = [], []
    max_z = 0.0
    for a in alphas:
        V, _, _ = wn.init(m, d, a, int(rng.integers(2**32)), xp=xp)
        s2 = to_numpy(xp.var(V, axis=0, correction=1)).astype(np.float64)
        for name, p in sentences.items():
            claimed = a**p
            se = claimed * math.sqrt(2.0 / (m - 1))  # sd of s² under the sentence
            z = (s2 - claimed) / se
            j = int(np.argmax(np.abs(z)))
            max_z = max(max_z, float(abs(z[j])))
            row = {
                "alpha": a,
                "sentence": name,
                "claimed_variance": claimed,
                "sample_variance_mean": float(np.mean(s2)),
                "sample_sd_mean": float(np.mean(np.sqrt(s2))),
                "max_abs_z": float(abs(z[j])),
                "rejected": bool(abs(z[j]) > zc),
            }
            rows.append(row)
            if row["rejected"]:
                with workdps():
                    am = mp.mpf(a)
                    resid = am**2 - am**p  # exact population variance minus the claim
                    thr = zc * se
                    rejections.append(_rejection(
                        row, "exact Var(v_kj(0)) = alpha^2 minus claimed alpha^p", resid, thr,
                        coordinate=j, sample_variance=float(s2[j]),
                    ))
    verdict, extra = _stat_verdict(rejections)
    return _evidence(
        "statistical",
        verdict,
        f"alpha in {list(alphas)}, d = {d}, {m} neurons per alpha ({m * d} draws)",
        t0,
        ctx,
        examples=len(rows),
        max_error=max_z,
        tolerance=zc,
        sizes={"m": m, "d": d, "alphas": list(alphas)},
        details={
            "design": "per coordinate j and alpha, z = (s_j^2 - claimed)/sd with "
            "sd = claimed*sqrt(2/(N-1)) (the sd of the sample variance of N normal draws "
            "under the sentence); reject if |z| > z_crit",
            "family_false_alarm_rate": FAMILY_LEVEL,
            "bonferroni_tests": K,
            "z_crit": zc,
            "rows": rows,
            **extra,
        },
    )


def _chi_cdf(t: Any, d: int) -> Any:
    if t <= 0:
        return mp.mpf(0)
    return mp.gammainc(mp.mpf(d) / 2, 0, t * t / 2, regularized=True)


def _ks_distance_scaled(cdf, s1: Any, s2: Any, base_points: list[float]) -> Any:
    """A lower bound on sup_t |F(t/s1) − F(t/s2)| at 50 digits: the maximum over the points
    s·b for b in ``base_points`` and s ∈ {s1, s2} (exactly 0 when s1 = s2)."""
    if s1 == s2:
        return mp.mpf(0)
    best = mp.mpf(0)
    for b in base_points:
        for s in (s1, s2):
            t = s * mp.mpf(b)
            best = max(best, abs(cdf(t / s1) - cdf(t / s2)))
    return best


def _g_law(variant: Variant, ctx: Context) -> Evidence:
    """(b) KS test of g_k(0) = ‖v_k(0)‖/α^p against χ_d, for α over six decades."""
    t0 = time.perf_counter()
    xp = ctx.xp
    pg = variant["g_power"]
    alphas = (1e-3, 1.0, 1e3)
    dims = (3, 10)
    N = ctx.pick(20_000, 200_000)
    tests = len(alphas) * len(dims)
    level = FAMILY_LEVEL / tests
    dcrit = float(stats.kstwo.isf(level, N))
    rng = ctx.rng(SALT_GLAW)
    rows, rejections = [], []
    max_D = 0.0
    init_mismatch = 0.0
    for d in dims:
        for a in alphas:
            V, g_init, _ = wn.init(N, d, a, int(rng.integers(2**32)), xp=xp)
            g = xp.linalg.vector_norm(V, axis=1) / a**pg
            g_np = to_numpy(g)
            if pg == 1:  # the suite's init implements the printed g_k(0)
                gi = to_numpy(g_init)
                init_mismatch = max(init_mismatch, float(np.max(np.abs(gi - g_np) / g_np)))
            res = stats.kstest(g_np, stats.chi(d).cdf)
            D, pval = float(res.statistic), float(res.pvalue)
            max_D = max(max_D, D)
            row = {"d": d, "alpha": a, "ks_D": D, "p_value": pval, "rejected": pval < level}
            rows.append(row)
            if row["rejected"]:
                with workdps():
                    # exact law: ‖v‖/α^p = α^(1−p)·‖z‖ with ‖z‖ ~ χ_d
                    s = mp.mpf(a) ** (1 - pg)
                    base = [float(q) for q in stats.chi(d).ppf(np.linspace(0.001, 0.999, 200))]
                    Dstar = _ks_distance_scaled(lambda t, d=d: _chi_cdf(t, d), s, mp.mpf(1), base)
                    rejections.append(_rejection(
                        row, "exact KS distance between the law of g_k(0) (alpha^(1-p) chi_d) "
                        "and chi_d, against the critical value", Dstar, dcrit,
                    ))
    verdict, extra = _stat_verdict(rejections)
    return _evidence(
        "statistical",
        verdict,
        f"alpha in {list(alphas)}, d in {list(dims)}, {N} draws of g_k(0) each",
        t0,
        ctx,
        examples=tests,
        max_error=max_D,
        tolerance=dcrit,
        sizes={"N": N, "d": list(dims), "alphas": list(alphas)},
        details={
            "design": "one-sample KS test of g_k(0) against scipy.stats.chi(d) per (d, alpha); "
            "reject if p < level",
            "family_false_alarm_rate": FAMILY_LEVEL,
            "bonferroni_tests": tests,
            "level_per_test": level,
            "D_crit": dcrit,
            "init_g_relative_mismatch": init_mismatch,
            "rows": rows,
            **extra,
        },
    )


def _eq24_instance(ex: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(ex["seed"])
    X = data(rng, ex["n"], ex["d"], ex["geometry"])
    V, _, c = wn.init(ex["m"], ex["d"], ex["alpha"], int(rng.integers(2**32)))
    return X, V, c


def _eq24_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "seed": seeds(),
            "n": st.integers(1, 6),
            "d": st.integers(2, 16),
            "m": st.integers(1, 64),
            "alpha": log_uniform(-3.0, 3.0),
            "geometry": st.sampled_from(GEOMETRIES),
        }
    )


def _pathwise(variant: Variant, ctx: Context) -> Evidence:
    """(c) f_WN(·; V(0), g(0), c) = f_(1.1)(·; W = V(0)/α, c), pathwise."""
    xp = ctx.xp
    pg, pw = variant["g_power"], variant["w_power"]

    def evaluate(ex: dict[str, Any]) -> tuple[Any, Any, Any]:
        Xn, Vn, cn = _eq24_instance(ex)
        a, m, d = ex["alpha"], ex["m"], ex["d"]
        X, V, c = ctx.asarray(Xn), ctx.asarray(Vn), ctx.asarray(cn)
        g = xp.linalg.vector_norm(V, axis=1) / a**pg
        f_wn = wn.forward(X, V, g, c)
        f_11 = wn.forward_unnormalized(X, V / a**pw, c)
        # rounding bound: pre-activations γ_{2d+8}·Σ_j|x_j v_j|·(scale), the sum over m
        # neurons γ_m, the factor m^{-1/2}: γ_{2d+m+12}·Σ_k(...)/√m for each network
        absXV = np.abs(Xn) @ np.abs(Vn).T
        gn = to_numpy(g) / np.linalg.norm(Vn, axis=1)
        T = absXV @ gn + absXV.sum(axis=1) / a**pw
        tol = np.array([sum_bound(2 * d + m + 12, t) for t in T]) / math.sqrt(m)
        return f_wn, f_11, tol

    def body(ex: dict[str, Any]) -> Outcome:
        f_wn, f_11, tol = evaluate(ex)
        err, bound, info = compare(f_wn, f_11, ctx.asarray(tol), xp)
        return Outcome(err, bound, info)

    def recheck(ex: dict[str, Any]) -> Recheck:
        tol = evaluate(ex)[2]
        Xn, Vn, cn = _eq24_instance(ex)
        m = ex["m"]
        with workdps():
            a = mp.mpf(ex["alpha"])
            X, V, c = mpf_matrix(Xn), mpf_matrix(Vn), mpf_vector(cn)
            g = [norm(v) / a**pg for v in V]
            fw = wn_forward(X, V, g, c)
            W = [[vj / a**pw for vj in v] for v in V]
            fu = [mp.fsum(c[k] * relu(dot(W[k], x)) for k in range(m)) / mp.sqrt(m) for x in X]
            diffs = [abs(p - q) for p, q in zip(fw, fu, strict=True)]
            ratios = [
                dd / mp.mpf(t) if t > 0 else (mp.inf if dd > 0 else mp.mpf(0))
                for dd, t in zip(diffs, tol, strict=True)
            ]
            i = max(range(len(ratios)), key=lambda k: ratios[k])
            return Recheck(
                residual=to_str(diffs[i]),
                threshold=float(tol[i]),
                note=f"|f_WN - f_(1.1)| at x_{i}, exact v(0), g(0), W = V(0)/alpha^{pw}",
            )

    return run_property(
        ctx,
        strategy=_eq24_strategy(),
        body=body,
        scope="init (2.4): n <= 6, d in [2, 16], m <= 64, alpha log-uniform in [1e-3, 1e3], "
        "data geometries " + ", ".join(GEOMETRIES),
        salt=SALT_PATH24,
        max_examples=ctx.pick(60, 300),
        recheck=recheck,
        sizes={"n": [1, 6], "d": [2, 16], "m": [1, 64]},
    )


def _output_law_cdf(t: Any, m: int, scale: Any) -> Any:
    """Exact CDF of f(x; W, c) for ‖x‖·(row scale) = ``scale``: f =_d scale·m^{-1/2}√K·N
    with K ~ Bin(m, 1/2), N ~ N(0, 1) (c σ(N) =_d B·N with B ~ Bernoulli(1/2))."""
    half_m = mp.mpf(2) ** m
    total = (1 if t >= 0 else 0) / half_m  # K = 0: all neurons inactive, f = 0
    for K in range(1, m + 1):
        total += mp.binomial(m, K) / half_m * mp.ncdf(t * mp.sqrt(m) / (scale * mp.sqrt(K)))
    return total


def _outputs(variant: Variant, ctx: Context) -> Evidence:
    """(c) two-sample KS: outputs of the WN network at init against network (1.1) with
    independent N(0, I) rows (scaled by α^(1−w_power) for the claimed W = V(0)/α^w_power)."""
    t0 = time.perf_counter()
    xp = ctx.xp
    pg, pw = variant["g_power"], variant["w_power"]
    alphas = (1e-3, 1e3)
    n, d, m = 3, 10, 16
    R = ctx.pick(1000, 5000)
    rng = ctx.rng(SALT_OUT)
    radii = np.array([1.0, 0.3, 2.0])
    Xn = data(rng, n, d, "sphere") * radii[:, None]
    X = ctx.asarray(Xn)
    tests = len(alphas) * n
    level = FAMILY_LEVEL / tests
    dcrit = float(stats.kstwobign.isf(level) * math.sqrt(2.0 / R))
    rows, rejections = [], []
    max_D = 0.0
    for a in alphas:
        fw = np.empty((R, n))
        fr = np.empty((R, n))
        seeds_r = rng.integers(2**32, size=R)
        Zr = ctx.asarray(rng.standard_normal((R * m, d)) * a ** (1 - pw))
        cr = ctx.asarray(rng.choice(np.array([-1.0, 1.0]), size=R * m))
        for r in range(R):
            V, _, c = wn.init(m, d, a, int(seeds_r[r]), xp=xp)
            g = xp.linalg.vector_norm(V, axis=1) / a**pg
            fw[r] = to_numpy(wn.forward(X, V, g, c))
            fr[r] = to_numpy(
                wn.forward_unnormalized(X, Zr[r * m : (r + 1) * m, :], cr[r * m : (r + 1) * m])
            )
        for i in range(n):
            res = stats.ks_2samp(fw[:, i], fr[:, i])
            D, pval = float(res.statistic), float(res.pvalue)
            max_D = max(max_D, D)
            row = {"alpha": a, "x_norm": float(radii[i]), "ks_D": D, "p_value": pval,
                   "rejected": pval < level}
            rows.append(row)
            if row["rejected"]:
                with workdps():
                    am, rad = mp.mpf(a), mp.mpf(float(radii[i]))
                    s_wn = am ** (1 - pg) * rad  # w_k(0) = α^(1−p_g) z_k
                    s_ref = am ** (1 - pw) * rad
                    base = [float(q) for q in np.linspace(0.05, 4.0, 40)]  # laws symmetric
                    Dstar = _ks_distance_scaled(
                        lambda t: _output_law_cdf(t, m, mp.mpf(1)), s_wn, s_ref, base
                    )
                    rejections.append(_rejection(
                        row, "exact KS distance between the output laws (binomial mixtures of "
                        "normals) against the critical value", Dstar, dcrit,
                    ))
    verdict, extra = _stat_verdict(rejections)
    return _evidence(
        "statistical",
        verdict,
        f"n = {n} fixed inputs (norms {radii.tolist()}), d = {d}, m = {m}, "
        f"alpha in {list(alphas)}, {R} independent inits per alpha",
        t0,
        ctx,
        examples=tests,
        max_error=max_D,
        tolerance=dcrit,
        sizes={"n": n, "d": d, "m": m, "R": R},
        details={
            "design": "two-sample KS of f_WN(x_i) at init (2.4) against f_(1.1)(x_i) with "
            "independent N(0, I) rows (times alpha^(1 - w_power)) per (alpha, x_i)",
            "family_false_alarm_rate": FAMILY_LEVEL,
            "bonferroni_tests": tests,
            "level_per_test": level,
            "D_crit_asymptotic": dcrit,
            "rows": rows,
            **extra,
        },
    )


EQ24_BASE = (
    r"\mathbf v_k(0)\sim N(0,\alpha^2\mathbf I),\ c_k\sim U\{-1,1\},\ "
    r"g_k(0)=\|\mathbf v_k(0)\|_2/\alpha"
)
EQ24_REST = (
    r";\ g_k(0)\sim\chi_d\text{ independent of }\alpha;\ "
    r"\mathbf w_k(0)=\frac{g_k(0)\mathbf v_k(0)}{\|\mathbf v_k(0)\|_2}"
    r"=\frac{\mathbf v_k(0)}{\alpha}"
    r"\sim N(0,\mathbf I)\text{, so }f(\cdot;\mathbf V(0),\mathbf c,\mathbf g(0))"
    r"=f_{(1.1)}(\cdot;\mathbf V(0)/\alpha,\mathbf c)"
)


@implements("dukler.eq2.4")
def _eq24() -> Implementation:
    base = {"g_power": 1, "w_power": 1}
    return Implementation(
        ids=(),
        printed=Variant(
            "printed",
            EQ24_BASE
            + r";\ \text{ICML: }\alpha^2\text{ is the variance of }\mathbf v_k;\ "
            r"\text{ICLR: }\alpha\text{ is the variance of }\mathbf v_k" + EQ24_REST,
            {**base, "variance": {"ICML": 2, "ICLR": 1}},
        ),
        checks=[
            symbolic("symbolic", _sym_eq24),
            statistical("variance", _variance),
            statistical("g_law", _g_law),
            prop("pathwise", _pathwise),
            statistical("outputs", _outputs),
        ],
        corrected=Variant(
            "corrected",
            EQ24_BASE + r";\ \alpha^2\text{ is the variance of each coordinate of }\mathbf v_k(0)"
            r"\text{ (the ICML sentence; the ICLR sentence is false unless }\alpha=1)" + EQ24_REST,
            {**base, "variance": {"ICML": 2}},
        ),
        perturbations=[
            Variant(
                "g_missing_alpha",
                r"g_k(0)=\|\mathbf v_k(0)\|_2\ (\text{no }/\alpha)",
                {**base, "g_power": 0, "variance": {"ICML": 2}},
            ),
            Variant(
                "w_missing_alpha",
                r"\mathbf w_k(0)=\mathbf v_k(0)\ (\text{no }1/\alpha)",
                {**base, "w_power": 0, "variance": {"ICML": 2}},
            ),
            Variant(
                "variance_cubed",
                r"\alpha^3\text{ is the variance of }\mathbf v_k",
                {**base, "variance": {"perturbed": 3}},
            ),
        ],
        rejected_by={
            "g_missing_alpha": ("symbolic", "g_law", "pathwise", "outputs"),
            "w_missing_alpha": ("symbolic", "pathwise", "outputs"),
            "variance_cubed": ("symbolic", "variance"),
        },
        notes="Both printed variance sentences are checked; the ICLR one (alpha is the "
        "variance) holds only at alpha = 1.",
    )


# =======================================================================================
# dukler.obs1


def _sym_obs1(variant: Variant, ctx: Context) -> Evidence:
    ds = [2, 3, 4]
    p, q = variant["scale_alpha_power"], variant["g_norm_power"]

    def build():
        yield dinit.obs1_scale(p)
        for d in ds:
            yield dinit.obs1_v_summand(d, p)
        for d in ds:
            yield dinit.obs1_g_summand(d, q)

    return run_symbolic(
        ctx,
        build,
        scope="scale factor: general; summands: symbolic entries, d in {2, 3, 4}, fixed "
        "activation region (sigma(z) = a z, a in {0, 1}), v(0) = alpha z vs beta z",
        sizes={"d": ds},
    )


def _obs1_kernels(
    X: Any, V: Any, g: Any, c: Any, alpha: float, variant: Variant
) -> tuple[Any, Any]:
    """(V(0), G(0)) as the variant defines them: s_k = α^p c_k g_k/‖v_k‖ in (3.3) and
    ‖v_k‖^q in the denominator of (3.4) (printed p = 1, q = 2: ``numeric.ntk.gram``)."""
    p, q = variant["scale_alpha_power"], variant["g_norm_power"]
    _, Vg, G = ntk.gram(X, V, g, c, alpha**p)
    if q != 2:
        xp = namespace(X, V)
        nv = xp.linalg.vector_norm(V, axis=1)
        R = xrelu(X @ (V / nv[:, None]).T, xp)
        G = (R * nv ** (2 - q)) @ R.T / V.shape[0]
    return Vg, G


def _obs1_strategy() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "seed": seeds(),
            "n": st.integers(1, 8),
            "d": st.integers(2, 16),
            "m": st.integers(1, 64),
            "alpha": log_uniform(-3.0, 3.0),
            "beta": log_uniform(-3.0, 3.0),
            "geometry": st.sampled_from(GEOMETRIES),
        }
    )


def _obs1_draw(ex: dict[str, Any]) -> tuple[np.ndarray, int]:
    rng = np.random.default_rng(ex["seed"])
    X = data(rng, ex["n"], ex["d"], ex["geometry"])
    return X, int(rng.integers(2**32))


def _obs1_bounds(
    Xn: np.ndarray, Z: np.ndarray, scales: tuple[float, float], variant: Variant
) -> tuple[np.ndarray, np.ndarray]:
    """Entrywise bounds on |K(αZ) − K(βZ)| for K = V(0), G(0) from rounding alone.

    Each kernel is a sum over m neurons of terms bounded by w_k r_i r_j (w_k = s_k² for V,
    ‖v_k‖^{2−q} for G; r_i = ‖x_i‖), each term computed with relative error γ_{3d+8}
    (norms, normalization, dot products, s_k²), summed with γ_m: γ_{3d+m+16}·2Σ_k w_k r_i r_j/m
    per kernel, for both α and β. V(0) also jumps where an indicator 𝟙{u_kᵀx_i ≥ 0} may
    flip under rounding (|u_kᵀx_i| ≤ 4γ_{2d+4} r_i): such neurons add 2 w_k r_i r_j/m."""
    p, q = variant["scale_alpha_power"], variant["g_norm_power"]
    n, d = Xn.shape
    m = Z.shape[0]
    r = np.linalg.norm(Xn, axis=1)
    rr = np.outer(r, r)
    nz = np.linalg.norm(Z, axis=1)
    P = Xn @ (Z / nz[:, None]).T
    flip = (np.abs(P) <= 4 * gamma(2 * d + 4) * r[:, None]).astype(np.float64)
    gm = gamma(3 * d + m + 16)
    wV = np.zeros(m)
    wG = np.zeros(m)
    for a in scales:
        nv = a * nz
        g = nv / a
        wV += (a**p * g / nv) ** 2
        wG += nv ** (2.0 - q)
    bV = gm * 2 * np.sum(wV) / m * rr
    bV += 2 * rr * ((flip * wV) @ np.ones((m, n)) + np.ones((n, m)) @ (flip * wV).T) / m
    bG = gm * 2 * np.sum(wG) / m * rr
    return bV, bG


def _hp_kernels(
    Xm: list, Z: np.ndarray, c: np.ndarray, a: Any, variant: Variant,
    entries: list[tuple[int, int]] | None = None,
) -> tuple[dict, dict]:
    """V(0)_ij and G(0)_ij at 50 digits for v_k(0) = a·z_k exactly (call inside workdps)."""
    p, q = variant["scale_alpha_power"], variant["g_norm_power"]
    n, m = len(Xm), Z.shape[0]
    if entries is None:
        entries = [(i, j) for i in range(n) for j in range(n)]
    needed = sorted({i for e in entries for i in e})
    Vd = {e: mp.mpf(0) for e in entries}
    Gd = {e: mp.mpf(0) for e in entries}
    for k in range(m):
        v = [a * mp.mpf(float(t)) for t in Z[k]]
        nv = norm(v)
        g = nv / a  # (2.4)
        s2 = (a**p * mp.mpf(float(c[k])) * g / nv) ** 2
        u = [t / nv for t in v]
        P = {i: dot(u, Xm[i]) for i in needed}
        for i, j in entries:
            if P[i] >= 0 and P[j] >= 0:
                Vd[i, j] += s2 * (dot(Xm[i], Xm[j]) - P[i] * P[j])
                Gd[i, j] += P[i] * P[j] * nv ** (2 - q)
    return {e: x / m for e, x in Vd.items()}, {e: x / m for e, x in Gd.items()}


def _obs1_pathwise(variant: Variant, ctx: Context) -> Evidence:
    """V(0) and G(0) for v(0) = αZ and v(0) = βZ (the same draw Z) agree to rounding."""
    xp = ctx.xp

    def evaluate(ex: dict[str, Any]):
        Xn, s_init = _obs1_draw(ex)
        m, d = ex["m"], ex["d"]
        X = ctx.asarray(Xn)
        Ka = []
        for a in (ex["alpha"], ex["beta"]):
            V, g, c = wn.init(m, d, a, s_init, xp=xp)  # same Z and c for both scales
            Ka.append(_obs1_kernels(X, V, g, c, a, variant))
        Z, _, cn = wn.init(m, d, 1.0, s_init)
        bV, bG = _obs1_bounds(Xn, Z, (ex["alpha"], ex["beta"]), variant)
        return Ka, bV, bG, Xn, Z, cn

    def body(ex: dict[str, Any]) -> Outcome:
        ((Va, Ga), (Vb, Gb)), bV, bG = evaluate(ex)[:3]
        eV, tV, iV = compare(Va, Vb, ctx.asarray(bV), xp)
        eG, tG, iG = compare(Gb, Ga, ctx.asarray(bG), xp)

        def ratio(e: float, t: float) -> float:
            return e / t if t > 0 else (0.0 if e == 0 else math.inf)

        if ratio(eV, tV) >= ratio(eG, tG):
            return Outcome(eV, tV, {"kernel": "V(0)", **iV})
        return Outcome(eG, tG, {"kernel": "G(0)", **iG})

    def recheck(ex: dict[str, Any]) -> Recheck:
        _, bV, bG, Xn, Z, cn = evaluate(ex)
        with workdps():
            Xm = mpf_matrix(Xn)
            Va, Ga = _hp_kernels(Xm, Z, cn, mp.mpf(ex["alpha"]), variant)
            Vb, Gb = _hp_kernels(Xm, Z, cn, mp.mpf(ex["beta"]), variant)
            best = (mp.mpf(-1), mp.mpf(0), 0.0, "")
            for e in Va:
                for name, A, B, bnd in (("V(0)", Va, Vb, bV), ("G(0)", Ga, Gb, bG)):
                    diff = abs(A[e] - B[e])
                    t = float(bnd[e])
                    rat = diff / mp.mpf(t) if t > 0 else (mp.inf if diff > 0 else mp.mpf(0))
                    if rat > best[0]:
                        best = (rat, diff, t, f"{name}[{e[0]},{e[1]}]")
        return Recheck(
            residual=to_str(best[1]),
            threshold=best[2],
            note=f"|K(alpha Z) - K(beta Z)| at {best[3]}, exact v(0) = alpha z, beta z",
        )

    return run_property(
        ctx,
        strategy=_obs1_strategy(),
        body=body,
        scope="init (2.4) coupled as v(0) = alpha z vs beta z: n <= 8, d in [2, 16], m <= 64, "
        "alpha, beta log-uniform in [1e-3, 1e3], data geometries " + ", ".join(GEOMETRIES),
        salt=SALT_PATH_OBS1,
        max_examples=ctx.pick(60, 300),
        recheck=recheck,
        sizes={"n": [1, 8], "d": [2, 16], "m": [1, 64]},
    )


def _obs1_ks(variant: Variant, ctx: Context) -> Evidence:
    """Two-sample KS on entries of V(0), G(0) over independent inits, α = 1e-3 vs 1e3."""
    t0 = time.perf_counter()
    xp = ctx.xp
    alphas = (1e-3, 1e3)
    n, d = 3, 5
    m = ctx.pick(16, 64)
    R = ctx.pick(300, 2000)
    rng = ctx.rng(SALT_KS_OBS1)
    Xn = data(rng, n, d, "ball")
    X = ctx.asarray(Xn)
    entries = [(0, 0), (0, 1)]
    names = [(k, e) for k in ("V(0)", "G(0)") for e in entries]
    tests = len(names)
    level = FAMILY_LEVEL / tests
    dcrit = float(stats.kstwobign.isf(level) * math.sqrt(2.0 / R))
    samples = {a: {nm: np.empty(R) for nm in names} for a in alphas}
    seed_lists = {}
    for a in alphas:
        seed_lists[a] = [int(s) for s in rng.integers(2**32, size=R)]
        for r, s in enumerate(seed_lists[a]):
            V, g, c = wn.init(m, d, a, s, xp=xp)
            Vg, G = _obs1_kernels(X, V, g, c, a, variant)
            Vn, Gn = to_numpy(Vg), to_numpy(G)
            for e in entries:
                samples[a]["V(0)", e][r] = Vn[e]
                samples[a]["G(0)", e][r] = Gn[e]
    rows, rejections = [], []
    max_D = 0.0
    for nm in names:
        res = stats.ks_2samp(samples[alphas[0]][nm], samples[alphas[1]][nm])
        D, pval = float(res.statistic), float(res.pvalue)
        max_D = max(max_D, D)
        row = {"kernel": nm[0], "entry": list(nm[1]), "ks_D": D, "p_value": pval,
               "rejected": pval < level}
        rows.append(row)
        if row["rejected"]:
            with workdps():
                Xm = mpf_matrix(Xn)
                hp = {}
                for a in alphas:
                    vals = []
                    for s in seed_lists[a]:
                        Z, _, cn = wn.init(m, d, 1.0, s)
                        Vd, Gd = _hp_kernels(Xm, Z, cn, mp.mpf(a), variant, [nm[1]])
                        vals.append((Vd if nm[0] == "V(0)" else Gd)[nm[1]])
                    hp[a] = sorted(vals)
                Dhp = _ks_2samp_exact(hp[alphas[0]], hp[alphas[1]])
                rejections.append(_rejection(
                    row, "KS statistic of the samples recomputed at 50 digits (every kernel "
                    "entry from the exact v(0) = alpha z), against the critical value",
                    Dhp, dcrit,
                ))
    verdict, extra = _stat_verdict(rejections)
    return _evidence(
        "statistical",
        verdict,
        f"n = {n} fixed inputs (ball), d = {d}, m = {m}, {R} independent inits per alpha, "
        f"alpha in {list(alphas)}",
        t0,
        ctx,
        examples=tests,
        max_error=max_D,
        tolerance=dcrit,
        sizes={"n": n, "d": d, "m": m, "R": R},
        details={
            "design": "two-sample KS test of the entries V(0)_00, V(0)_01, G(0)_00, G(0)_01 "
            "over independent inits at alpha = 1e-3 against alpha = 1e3",
            "family_false_alarm_rate": FAMILY_LEVEL,
            "bonferroni_tests": tests,
            "level_per_test": level,
            "D_crit_asymptotic": dcrit,
            "rows": rows,
            **extra,
        },
    )


def _ks_2samp_exact(a: list, b: list) -> Any:
    """sup |F_a − F_b| of two sorted samples (exact comparisons of mpf values)."""
    i = j = 0
    na, nb = len(a), len(b)
    best = mp.mpf(0)
    while i < na and j < nb:
        t = min(a[i], b[j])
        while i < na and a[i] <= t:
            i += 1
        while j < nb and b[j] <= t:
            j += 1
        best = max(best, abs(mp.mpf(i) / na - mp.mpf(j) / nb))
    return best


@implements("dukler.obs1")
def _obs1() -> Implementation:
    base = {"scale_alpha_power": 1, "g_norm_power": 2}
    tex = (
        r"\text{For (2.4) and }\alpha>0:\ "
        r"\mathbf V_{ij}(0)=\frac1m\sum_k\Big(\frac{\alpha c_kg_k(0)}{\|\mathbf v_k(0)\|_2}\Big)^2"
        r"\langle\mathbf x_i^{\mathbf v_k(0)^\perp},\mathbf x_j^{\mathbf v_k(0)^\perp}\rangle"
        r"\mathbb 1_{ik}(0)\mathbb 1_{jk}(0),\ "
        r"\mathbf G_{ij}(0)=\frac1m\sum_k\frac{\sigma(\mathbf v_k(0)^\top\mathbf x_i)"
        r"\sigma(\mathbf v_k(0)^\top\mathbf x_j)}{\|\mathbf v_k(0)\|_2^2}"
        r"\text{ are independent of }\alpha"
    )
    return Implementation(
        ids=(),
        printed=Variant("printed", tex, dict(base)),
        checks=[
            symbolic("symbolic", _sym_obs1),
            prop("pathwise", _obs1_pathwise),
            statistical("ks", _obs1_ks),
        ],
        perturbations=[
            Variant(
                "V_scale_without_alpha",
                r"s_k=c_kg_k/\|\mathbf v_k\|\text{ in (3.3) (then }\mathbf V(0)\propto\alpha^{-2})",
                {**base, "scale_alpha_power": 0},
            ),
            Variant(
                "G_norm_not_squared",
                r"\mathbf G_{ij}(0)=\frac1m\sum_k\frac{\sigma(\mathbf v_k^\top\mathbf x_i)"
                r"\sigma(\mathbf v_k^\top\mathbf x_j)}{\|\mathbf v_k\|_2}",
                {**base, "g_norm_power": 1},
            ),
        ],
        rejected_by={
            "V_scale_without_alpha": ("symbolic", "pathwise", "ks"),
            "G_norm_not_squared": ("symbolic", "pathwise", "ks"),
        },
    )
