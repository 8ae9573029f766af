"""Turn SymPy derivations into Evidence: proved when every residual reduces to 0, refuted
when some residual is nonzero at an exact point (evaluated at 50 digits)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from derivations.core import Derivation, nonzero_witness
from verify.context import Context
from verify.verdicts import Evidence


def run_symbolic(
    ctx: Context,
    build: Callable[[], Iterable[Derivation] | Derivation],
    scope: str,
    sizes: dict | None = None,
) -> Evidence:
    """Build the derivation(s), decide each residual, and report one Evidence."""
    t0 = time.perf_counter()
    built = build()
    derivs: list[Derivation] = []
    # a lazy sequence stops at the first derivation that fails (one refutes)
    for dv in [built] if isinstance(built, Derivation) else built:
        derivs.append(dv)
        if not dv.holds:
            break
    failed = [dv for dv in derivs if not dv.holds]
    details: dict = {
        "derivations": [
            {"title": dv.title, "scope": dv.scope, "holds": dv.holds, "steps": dv.to_json()}
            for dv in derivs
        ]
    }
    verdict = "proved"
    if failed:
        dv = failed[0]
        witness = nonzero_witness(dv.reduced, dv.symbols, admissible=dv.admissible)
        if witness is None:
            verdict = "inconclusive"
            details["why"] = f"residual of '{dv.title}' did not reduce to 0 and no witness found"
        else:
            verdict = "refuted"
            details["counterexample"] = {"derivation": dv.title, **witness}
    return Evidence(
        method="symbolic",
        verdict=verdict,
        scope=scope,
        examples=len(derivs),
        max_error=None,
        tolerance=0.0,
        seed=None,
        sizes=sizes or {},
        seconds=time.perf_counter() - t0,
        details=details,
    )
