"""The check runners themselves: symbolic decisions, the property runner's verdict logic
(refute only after a 50-digit recheck), tolerances, and the verdict combination."""

from __future__ import annotations

import math

import mpmath as mp
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st

from derivations.core import Derivation, nonzero_witness, norm2, norm_simplifier, vector
from verify.context import Context
from verify.props import Outcome, Recheck, run_cases, run_property
from verify.symbolic import run_symbolic
from verify.tolerance import gamma, hoeffding_halfwidth
from verify.verdicts import Evidence, combine


def _norm_identity(power: int) -> Derivation:
    """‖v/‖v‖‖² = 1 (power 1, true) or ‖v/‖v‖²‖² = 1 (power 2, false)."""
    v = vector("v", 3)
    S, s = norm2(v), sp.Symbol("s", positive=True)
    dv = Derivation("unit", "symbolic entries, d = 3", symbols=tuple(v),
                    admissible=lambda pt: any(pt[x] != 0 for x in v))
    u = dv.step("u", v / sp.sqrt(S) ** power)
    dv.conclude(norm2(u) - 1, norm_simplifier([(S, s)]))
    return dv


def test_symbolic_proves_and_refutes() -> None:
    ctx = Context()
    assert run_symbolic(ctx, lambda: _norm_identity(1), "d = 3").verdict == "proved"
    ev = run_symbolic(ctx, lambda: _norm_identity(2), "d = 3")
    assert ev.verdict == "refuted"
    assert ev.details["counterexample"]["point"]


def test_witness_search_reaches_late_symbols() -> None:
    """A residual that vanishes whenever its first symbols are 1 still gets a witness."""
    xs = sp.symbols("x1:12", real=True)
    witness = nonzero_witness((xs[-1] - 1) * (xs[-2] - 1), xs)
    assert witness is not None
    assert witness["point"]["x11"] != "1" and witness["point"]["x10"] != "1"
    assert nonzero_witness(sp.Integer(0), xs) is None


FLOATS = st.floats(0.5, 2.0)


def _run(body, recheck=None, strategy=FLOATS) -> Evidence:
    return run_property(Context(seed=3), strategy=strategy, body=body, recheck=recheck,
                        scope="test", salt=1, max_examples=30)


def test_property_confirmed_when_within_tolerance() -> None:
    ev = _run(lambda x: Outcome(abs((x * 3) / 3 - x), gamma(4) * abs(x)))
    assert ev.verdict == "confirmed" and ev.examples == 30


def test_property_refuted_only_after_confirmed_recheck() -> None:
    def body(x: float) -> Outcome:
        return Outcome(abs(x * x - 2 * x), 1e-12)  # x² = 2x is false off {0, 2}

    def recheck(x: float) -> Recheck:
        with mp.workdps(50):
            r = mp.mpf(x) ** 2 - 2 * mp.mpf(x)
        return Recheck(mp.nstr(r, 50), 1e-12)

    ev = _run(body, recheck)
    assert ev.verdict == "refuted"
    cex = ev.details["counterexample"]
    assert cex["recheck"]["digits"] == 50 and cex["recheck"]["confirmed"]
    assert math.isfinite(cex["float64_error"])


def test_rounding_failure_is_inconclusive_not_refuted() -> None:
    """A float64 'failure' that vanishes at 50 digits never refutes the claim."""
    def body(x: float) -> Outcome:
        return Outcome(abs((0.1 * x + 0.2 * x) - 0.3 * x), 0.0)  # zero tolerance: rounding

    def recheck(x: float) -> Recheck:
        with mp.workdps(50):
            X = mp.mpf(x)
            r = (mp.mpf(1) / 10 * X + mp.mpf(2) / 10 * X) - mp.mpf(3) / 10 * X
        return Recheck(mp.nstr(r, 50), 1e-40)  # 50-digit rounding is ~1e-50

    ev = _run(body, recheck, strategy=st.just(1.0))
    assert ev.verdict == "inconclusive"
    assert "rounding" in ev.details["why"]


def test_unsatisfiable_hypotheses_are_assumption_unmet() -> None:
    def body(x: float) -> Outcome:
        assume(x > 10)
        return Outcome(1.0, 0.0)

    assert _run(body).verdict == "assumption-unmet"


def test_budget_gives_inconclusive() -> None:
    ctx = Context(budget=1e-9)
    ev = run_property(ctx, strategy=st.floats(0, 1), body=lambda x: Outcome(0, 1), scope="t",
                      salt=2, max_examples=10)
    assert ev.verdict == "inconclusive"


def test_property_is_reproducible() -> None:
    seen: list[list[float]] = [[], []]
    for run in range(2):
        def body(x: float, run: int = run) -> Outcome:
            seen[run].append(x)
            return Outcome(0.0, 1.0)

        _run(body)
    assert seen[0] == seen[1] and len(set(seen[0])) > 5


def test_tolerances() -> None:
    assert gamma(1) == gamma(0) > 0
    assert gamma(10) > gamma(5)
    assert math.isinf(gamma(10**17))
    t = hoeffding_halfwidth(10_000, 1.0, 10, 1e-3)
    assert 0 < t < 0.05 and hoeffding_halfwidth(40_000, 1.0, 10, 1e-3) == t / 2


def _ev(verdict: str, method: str = "property") -> Evidence:
    return Evidence(method=method, verdict=verdict, scope="")


def test_combine() -> None:
    assert combine([_ev("proved", "symbolic"), _ev("confirmed")]) == "proved"
    assert combine([_ev("confirmed"), _ev("confirmed")]) == "confirmed"
    assert combine([_ev("proved", "symbolic"), _ev("refuted")]) == "refuted"
    assert combine([_ev("refuted"), _ev("error")]) == "error"
    assert combine([_ev("confirmed"), _ev("inconclusive")]) == "inconclusive"
    assert combine([_ev("confirmed"), _ev("assumption-unmet")]) == "assumption-unmet"
    assert combine([]) == "missing"


def test_run_cases_verdicts() -> None:
    """The fixed-case runner: confirmed when every case holds, refuted only after the
    50-digit recheck confirms the first failing case, inconclusive when it does not (or
    cannot), assumption-unmet when no case meets the hypotheses."""
    ctx = Context()

    def body(c: float) -> Outcome | None:
        return None if c < 0 else Outcome(abs(c - 1.0), 0.5, {"c": c})

    def recheck(c: float) -> Recheck:
        return Recheck(residual=mp.nstr(mp.mpf(c) - 1, 50), threshold=0.5)

    ok = run_cases(ctx, [-1.0, 1.0, 1.2], body, recheck, "cases")
    assert ok.verdict == "confirmed" and ok.examples == 2 and ok.details["skipped_cases"] == 1
    bad = run_cases(ctx, [1.0, 3.0, 5.0], body, recheck, "cases")
    assert bad.verdict == "refuted" and bad.details["counterexample"]["case"] == 3.0
    assert bad.details["counterexample"]["recheck"]["confirmed"] is True
    assert len(bad.details["cases"]) == 2  # stops at the first failure
    assert run_cases(ctx, [3.0], body, None, "cases").verdict == "inconclusive"
    unmet = run_cases(ctx, [-1.0, -2.0], body, recheck, "cases")
    assert unmet.verdict == "assumption-unmet"


def test_run_check_makes_evidence_json_safe() -> None:
    """Whatever a check stores (arrays, NumPy scalars, non-finite values) is written to
    audit.json losslessly (numbers and arrays) or as text (other objects)."""
    import json

    import numpy as np

    from verify.api import Variant, prop
    from verify.audit import run_check

    def check(variant: Variant, ctx: Context) -> Evidence:
        return Evidence("property", "confirmed", "s", examples=np.int64(3),
                        max_error=np.float64(0.25), tolerance=np.float64(np.inf),
                        sizes={"m": np.arange(3)}, details={"a": np.ones(2), 3: np.nan})

    ev = run_check(prop("p", check), Variant("printed", "x"), Context())
    out = json.loads(json.dumps(ev.to_json()))
    assert out["examples"] == 3 and out["max_error"] == 0.25 and out["tolerance"] == "inf"
    assert out["sizes"] == {"m": [0, 1, 2]} and out["details"]["a"] == [1.0, 1.0]
    assert out["details"]["3"] == "nan"

    def bad(variant: Variant, ctx: Context) -> Evidence:
        return Evidence("property", "confirmed", "s", details={"x": object()})

    ev = run_check(prop("b", bad), Variant("printed", "x"), Context())
    assert ev.verdict == "confirmed" and ev.details["x"].startswith("<object object")


def test_budget_hard_stop_ends_a_check_without_its_own_budget_checks() -> None:
    """A check that never looks at the budget (a GD run, a long simplification; here a
    busy loop) is stopped BUDGET_GRACE after the claim's budget: ``inconclusive``, with
    why; without a budget the same kind of check runs to its end."""
    import time

    from verify.api import Check, Variant
    from verify.audit import BUDGET_GRACE, run_check
    from verify.verdicts import Evidence

    def forever(variant: Variant, ctx: Context) -> Evidence:
        while True:
            sum(range(1000))

    def short(variant: Variant, ctx: Context) -> Evidence:
        t = time.monotonic()
        while time.monotonic() - t < 0.2:
            sum(range(1000))
        return Evidence(method="experiment", verdict="confirmed", scope="t")

    variant = Variant(name="printed", tex="x")
    ctx = Context(budget=0.3)
    t0 = time.monotonic()
    ev = run_check(Check("loop", "experiment", forever), variant, ctx)
    assert ev.verdict == "inconclusive" and "budget" in ev.details["why"]
    assert time.monotonic() - t0 < 0.3 + BUDGET_GRACE + 5  # ended, not hung
    assert run_check(Check("short", "experiment", short), variant,
                     Context()).verdict == "confirmed"
