"""Shared helpers for the claim tests: the registry's IDs and a cache of evaluations."""

from __future__ import annotations

import dataclasses
from functools import cache

from verify.api import Implementation, implementations
from verify.audit import evaluate
from verify.context import Context
from verify.registry import catalog
from verify.verdicts import Erratum, Evidence

IDS = list(catalog())


@cache
def impls() -> dict[str, Implementation]:
    return implementations()


def _key(impl: Implementation) -> str:
    return impl.ids[0]


_CACHE: dict[tuple[str, str, bool], tuple[str, list[Evidence], Erratum | None]] = {}


def numeric_only(impl: Implementation) -> Implementation | None:
    """The implementation without its symbolic checks (they do not touch the array backend),
    or None when nothing numeric is left."""
    checks = [c for c in impl.checks if c.method != "symbolic"]
    return dataclasses.replace(impl, checks=checks) if checks else None


def evaluated(
    cid: str, backend: str, symbolic: bool = True
) -> tuple[str, list[Evidence], Erratum | None] | None:
    """The printed statement's verdict (and erratum) at the quick scale, seed 0, cached per
    implementation so IDs sharing one implementation run it once. ``symbolic=False`` runs
    the numeric checks only (None when there are none)."""
    impl = impls()[cid]
    key = (_key(impl), backend, symbolic)
    if key not in _CACHE:
        run = impl if symbolic else numeric_only(impl)
        if run is None:
            return None
        _CACHE[key] = evaluate(run, Context(scale="quick", backend=backend, seed=0))
    return _CACHE[key]


def describe(evidence: list[Evidence]) -> str:
    lines = []
    for ev in evidence:
        d = ev.details
        lines.append(
            f"  {d.get('check')} [{ev.method}] {ev.verdict}: max_error={ev.max_error} "
            f"tol={ev.tolerance} {d.get('exception', '')}{d.get('counterexample', '')}"
        )
        if "traceback" in d:
            lines.append(d["traceback"])
    return "\n".join(lines)
