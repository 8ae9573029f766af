"""The property-check runner: Hypothesis over instances, refutations re-checked at 50 digits.

:func:`run_property` runs ``body(example)`` over examples drawn by a Hypothesis strategy,
seeded from the run's root seed (reproducible). Each body returns an :class:`Outcome`
(an error and the tolerance the problem allows). On a failure Hypothesis shrinks to a
minimal example; the verdict becomes ``refuted`` only if ``recheck`` confirms the failure
at 50 significant digits with mpmath, and ``inconclusive`` otherwise.
"""

from __future__ import annotations

import contextlib
import json
import math
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from verify.context import Context
from verify.verdicts import Evidence

HP_DIGITS = 50


@dataclass
class Outcome:
    """One example's result: |lhs − rhs| (or a statistic) against its tolerance."""

    error: float
    tol: float
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.error <= self.tol)


@dataclass
class Recheck:
    """The high-precision re-evaluation of a counterexample."""

    residual: str  # the residual at HP_DIGITS digits, as a decimal string
    threshold: float  # the float64 tolerance the residual must exceed to refute
    note: str = ""

    @property
    def confirmed(self) -> bool:
        return abs(float(self.residual)) > self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"digits": HP_DIGITS, "residual": self.residual, "threshold": self.threshold,
                "confirmed": self.confirmed, "note": self.note}


class BudgetExceeded(BaseException):
    """The per-claim time budget ran out."""


def jsonable(obj: Any) -> Any:
    """A JSON-safe, lossless copy (floats keep their repr, which round-trips float64)."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if isinstance(obj, bool | int | str) or obj is None:
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else repr(obj)
    if hasattr(obj, "tolist"):
        return jsonable(obj.tolist())
    return str(obj)


@contextlib.contextmanager
def _outside_hypothesis() -> Iterator[None]:
    """Run a body or recheck outside a Hypothesis test (a replayed or rechecked example):
    its ``assume`` calls still reject, without Hypothesis's deprecation warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hypothesis.errors.HypothesisDeprecationWarning)
        yield


def _failure(example: Any, out: Outcome, recheck: Callable[[Any], Recheck] | None,
             details: dict[str, Any], key: str) -> str:
    """Record a float64 failure as the counterexample in ``details`` and decide it:
    ``refuted`` only when the 50-digit recheck confirms it, else ``inconclusive``."""
    cex = {key: jsonable(example), "float64_error": out.error, "tolerance": out.tol}
    cex.update(jsonable(out.info))
    verdict = "inconclusive"
    if recheck is None:
        details["why"] = "float64 failure with no high-precision recheck available"
    else:
        with _outside_hypothesis():  # the recheck may rebuild its instance through assume()
            hp = recheck(example)
        cex["recheck"] = hp.to_json()
        if hp.confirmed:
            verdict = "refuted"
        else:
            details["why"] = "float64 failure not confirmed at 50 digits (rounding)"
    details["counterexample"] = cex
    return verdict


def run_cases(
    ctx: Context,
    cases: list[Any],
    body: Callable[[Any], Outcome | None],
    recheck: Callable[[Any], Recheck] | None,
    scope: str,
    sizes: dict[str, Any] | None = None,
    method: str = "experiment",
    details: dict[str, Any] | None = None,
) -> Evidence:
    """:func:`run_property` over a fixed list of cases (paper-scale runs, no Hypothesis):
    ``body`` returns None for a case outside the claim's hypotheses; the first failing case
    is rechecked at 50 digits; every case's outcome is kept in ``details["cases"]``."""
    t0 = time.perf_counter()
    worst: tuple[float, float | None, float | None] = (-math.inf, None, None)
    n = skipped = 0
    cases_out: list[dict[str, Any]] = []
    det: dict[str, Any] = dict(details or {})
    verdict = "confirmed"
    for case in cases:
        out = body(case)
        if out is None:
            skipped += 1
            continue
        n += 1
        ratio = out.error / out.tol if out.tol > 0 else (0.0 if out.error <= 0 else math.inf)
        cases_out.append({"case": jsonable(case), "error": out.error, "tol": out.tol,
                          **jsonable(out.info)})
        if ratio > worst[0]:
            worst = (ratio, out.error, out.tol)
        if not out.ok:
            verdict = _failure(case, out, recheck, det, "case")
            break
    det["cases"] = cases_out
    if n == 0:
        verdict = "assumption-unmet"
        det["why"] = "no case met the claim's hypotheses"
    det["skipped_cases"] = skipped
    return Evidence(method=method, verdict=verdict, scope=scope, examples=n,
                    max_error=None if worst[1] is None else float(worst[1]),
                    tolerance=None if worst[2] is None else float(worst[2]), seed=ctx.seed,
                    sizes=sizes or {}, seconds=time.perf_counter() - t0,
                    details=json.loads(json.dumps(jsonable(det))))


def run_property(
    ctx: Context,
    *,
    strategy: st.SearchStrategy[Any],
    body: Callable[[Any], Outcome],
    scope: str,
    salt: int,
    max_examples: int,
    recheck: Callable[[Any], Recheck] | None = None,
    sizes: dict[str, Any] | None = None,
    method: str = "property",
) -> Evidence:
    """Run a property over Hypothesis examples and return its Evidence."""
    t0 = time.perf_counter()
    rec: dict[str, Any] = {"n": 0, "worst": -1.0, "max_error": 0.0, "tol": None, "fail": None}

    def test(example: Any) -> None:
        left = ctx.time_left()
        if left is not None and left <= 0:
            raise BudgetExceeded
        out = body(example)
        rec["n"] += 1
        ratio = out.error / out.tol if out.tol > 0 else (0.0 if out.error == 0 else math.inf)
        if ratio > rec["worst"]:
            rec["worst"], rec["max_error"], rec["tol"] = ratio, float(out.error), float(out.tol)
        if not out.ok:
            rec["fail"] = (example, out)
            raise AssertionError(f"error {out.error!r} > tolerance {out.tol!r}")

    runner = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(hypothesis.seed(int(ctx.seed) * 1_000_003 + salt)(given(strategy)(test)))

    hseed = int(ctx.seed) * 1_000_003 + salt
    details: dict[str, Any] = {"hypothesis_seed": hseed}
    if ctx.replay is not None and hseed in ctx.replay:
        stored = ctx.replay[hseed]

        def runner() -> None:  # the stored counterexample alone, no search, no shrinking
            with _outside_hypothesis():
                try:
                    test(stored)
                except hypothesis.errors.UnsatisfiedAssumption as exc:
                    raise hypothesis.errors.Unsatisfiable("stored example rejected") from exc

        details["replayed"] = True
    verdict = "confirmed"
    try:
        runner()
    except AssertionError:
        example, out = rec["fail"]
        verdict = _failure(example, out, recheck, details, "example")
        rec["max_error"], rec["tol"] = out.error, out.tol
    except hypothesis.errors.Unsatisfiable:
        verdict = "assumption-unmet"
        details["why"] = "no drawn instance satisfied the claim's hypotheses"
    except BudgetExceeded:
        verdict = "inconclusive"
        details["why"] = f"time budget of {ctx.budget} s exhausted after {rec['n']} examples"
    if rec["n"] == 0 and verdict == "confirmed":
        verdict = "assumption-unmet"
        details["why"] = "no instance was tested"
    return Evidence(
        method=method,
        verdict=verdict,
        scope=scope,
        examples=rec["n"],
        max_error=rec["max_error"],
        tolerance=rec["tol"],
        seed=ctx.seed,
        sizes=sizes or {},
        seconds=time.perf_counter() - t0,
        details=json.loads(json.dumps(jsonable(details))),
    )
