"""Run the checks of the selected claims and write ``audit.json``, ``report.md`` and
``report.html``.

``audit.json`` follows the schema of DESIGN.md. It is written atomically (temporary file,
then rename) after every claim, so an interrupted audit keeps every finished claim and
``--resume`` can finish the rest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import platform
import signal
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from numeric._backend import device_name
from verify import __version__
from verify.api import Check, Implementation, Variant, implementations
from verify.context import Context
from verify.props import BudgetExceeded, jsonable
from verify.registry import ClaimInfo, catalog
from verify.verdicts import VERDICTS, Erratum, Evidence, combine

#: seconds a check may run past the claim's budget before the hard stop (the soft stop,
#: between property examples, reports how many examples ran; the hard one ends experiments)
BUDGET_GRACE = 1.0


@contextlib.contextmanager
def _hard_deadline(ctx: Context) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in this (main) thread once the claim's budget plus
    :data:`BUDGET_GRACE` has passed: a GD run or a SymPy simplification with no budget check
    of its own ends there instead of hanging. No-op without a budget, off the main thread,
    or where SIGALRM does not exist."""
    left = ctx.time_left()
    if (left is None or math.isinf(left) or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def fire(signum: int, frame: Any) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, max(left + BUDGET_GRACE, 1e-3))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_check(check: Check, variant: Variant, ctx: Context) -> Evidence:
    """Run one check on one statement variant; a crash becomes an ``error`` Evidence and a
    check stopped by the claim's time budget an ``inconclusive`` one."""
    t0 = time.perf_counter()
    try:
        with _hard_deadline(ctx):
            ev = check.fn(variant, ctx)
        ev.details.setdefault("check", check.name)
        ev.details.setdefault("variant", variant.name)
        ev.details.setdefault("encoded_tex", variant.tex)
        return _json_safe(ev)
    except BudgetExceeded:
        return Evidence(
            method=check.method,
            verdict="inconclusive",
            scope="",
            seconds=time.perf_counter() - t0,
            details={"check": check.name, "variant": variant.name,
                     "why": f"time budget of {ctx.budget} s exhausted (stopped "
                            f"{BUDGET_GRACE} s after it, mid-check)"},
        )
    except Exception as exc:  # a crashed check is a bug in the suite: reported loudly
        return Evidence(
            method=check.method,
            verdict="error",
            scope="",
            seconds=time.perf_counter() - t0,
            details={
                "check": check.name,
                "variant": variant.name,
                "exception": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(limit=8),
            },
        )


def _json_safe(ev: Evidence) -> Evidence:
    """The evidence with JSON-safe fields (arrays and NumPy scalars as lists and Python
    numbers, lossless), so that writing ``audit.json`` cannot fail on what a check stored."""
    ev.details = jsonable(ev.details)
    ev.sizes = jsonable(ev.sizes)
    ev.examples = int(ev.examples)
    for key in ("max_error", "tolerance", "seconds"):
        val = getattr(ev, key)
        if val is not None:
            setattr(ev, key, float(val))
    if ev.seed is not None:
        ev.seed = int(ev.seed)
    json.dumps(ev.to_json())  # anything still not serializable is a bug: raise here
    return ev


def run_variant(impl: Implementation, variant: Variant, ctx: Context) -> list[Evidence]:
    return [run_check(c, variant, ctx) for c in impl.checks]


def _counterexample(evidence: list[Evidence]) -> dict[str, Any]:
    for ev in evidence:
        if ev.verdict == "refuted" and ev.counterexample is not None:
            return {"check": ev.details.get("check"), **ev.counterexample}
    return {}


def evaluate(
    impl: Implementation, ctx: Context
) -> tuple[str, list[Evidence], Erratum | None]:
    """Verdict, evidence and erratum of an implementation's printed statement."""
    evidence = run_variant(impl, impl.printed, ctx)
    verdict = combine(evidence)
    erratum = None
    if verdict == "refuted" and impl.corrected is not None:
        corrected = run_variant(impl, impl.corrected, ctx)
        erratum = Erratum(
            printed_tex=impl.printed.tex,
            counterexample=_counterexample(evidence),
            corrected_tex=impl.corrected.tex,
            corrected_verdict=combine(corrected),
            corrected_evidence=corrected,
        )
    return verdict, evidence, erratum


def claim_record(
    info: ClaimInfo, verdict: str, evidence: list[Evidence], erratum: Erratum | None,
    notes: str = "",
) -> dict[str, Any]:
    return {
        "id": info.id,
        "paper": info.paper,
        "where": info.where,
        "kind": info.kind,
        "title": info.title,
        "statement_tex": info.statement_tex,
        "depends_on": list(info.depends_on),
        "verdict": verdict,
        "evidence": [e.to_json() for e in evidence],
        "erratum": erratum.to_json() if erratum else None,
        "notes": notes
        or ("no check implemented yet" if verdict == "missing" else ""),
        "catalog": f"{info.catalog_file}:{info.catalog_line}",
    }


def select(papers: Iterable[str] = (), ids: Iterable[str] = ()) -> list[str]:
    """Catalog IDs by paper and/or explicit ID, in catalog order; raises KeyError/ValueError."""
    cat = catalog()
    papers, ids = list(papers), list(ids)
    known = {c.paper for c in cat.values()}
    for p in papers:
        if p not in known:
            raise ValueError(f"unknown paper {p!r}; choose from {', '.join(sorted(known))}")
    for cid in ids:
        if cid not in cat:
            raise KeyError(cid)
    if not papers and not ids:
        return list(cat)
    return [c for c in cat if (cat[c].paper in papers) or (c in ids)]


def environment(ctx: Context) -> dict[str, str | None]:
    return {
        "python": platform.python_version(),
        "sympy": sympy.__version__,
        "numpy": np.__version__,
        "backend": ctx.backend,
        "device": device_name(ctx.xp),
        "data": ctx.data,
    }


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(claims: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(c["verdict"] for c in claims)
    return {v: counts[v] for v in VERDICTS if counts[v]}


def write_reports(audit: dict[str, Any], out: Path) -> None:
    """``report.md`` and the self-contained ``report.html`` beside ``audit.json``."""
    from verify.html import write_html
    from verify.report import write_markdown

    write_atomic(out / "report.md", write_markdown(audit))
    write_atomic(out / "report.html", write_html(audit))


def _worker_init() -> None:
    """Pool workers leave Ctrl-C to the parent, which terminates them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _evaluate_job(job: tuple[str, dict[str, Any]]) -> tuple[str, tuple[Any, ...], float]:
    """Evaluate the implementation of claim ``cid`` in a worker process; the context is
    rebuilt from its plain fields (a namespace module does not pickle)."""
    cid, fields = job
    ctx = Context(**fields)
    t0 = time.perf_counter()
    return cid, evaluate(implementations()[cid], ctx), time.perf_counter() - t0


def _results(units: list[str], ctx: Context, jobs: int
             ) -> Iterable[tuple[str, tuple[Any, ...], float]]:
    """(claim ID, (verdict, evidence, erratum), seconds) per unit, in this process when
    ``jobs`` is 1, else from a pool of ``jobs`` spawned processes in completion order.
    Every check seeds itself from the root seed, so the results do not depend on ``jobs``."""
    if jobs <= 1 or len(units) <= 1:
        impls = implementations()
        for cid in units:
            t0 = time.perf_counter()
            ctx.started = time.monotonic()
            yield cid, evaluate(impls[cid], ctx), time.perf_counter() - t0
        return
    import multiprocessing as mp

    fields = {"scale": ctx.scale, "backend": ctx.backend, "seed": ctx.seed,
              "budget": ctx.budget, "data": ctx.data}
    pool = mp.get_context("spawn").Pool(min(jobs, len(units)), initializer=_worker_init)
    try:
        yield from pool.imap_unordered(_evaluate_job, [(c, fields) for c in units])
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def run_audit(
    ids: list[str],
    ctx: Context,
    out: Path,
    progress: Callable[[int, int, str, str, float], None] | None = None,
    previous: dict[str, dict[str, Any]] | None = None,
    jobs: int = 1,
) -> dict[str, Any]:
    """Run the selected claims, writing ``out/audit.json`` after each and the reports at the end.

    ``previous`` maps claim IDs to records of an earlier (interrupted) run to keep as is.
    ``jobs`` > 1 evaluates implementations in that many worker processes; ``audit.json``
    keeps the claims in selection order whatever order they finish in.
    """
    out.mkdir(parents=True, exist_ok=True)
    impls = implementations()
    cat = catalog()
    audit: dict[str, Any] = {
        "suite_version": __version__,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "finished": None,
        "scale": ctx.scale,
        "seed": ctx.seed,
        "environment": environment(ctx),
        "claims": [],
        "summary": {},
    }
    records: dict[str, dict[str, Any]] = {}
    order = {cid: i for i, cid in enumerate(ids)}

    def save() -> None:
        audit["claims"] = [records[c] for c in sorted(records, key=order.__getitem__)]
        audit["summary"] = summary(audit["claims"])
        write_atomic(out / "audit.json", json.dumps(audit, indent=1))

    done = 0

    def finish(cid: str, record: dict[str, Any]) -> None:
        nonlocal done
        records[cid] = record
        save()
        done += 1
        if progress:
            progress(done, len(ids), cid, record["verdict"], record["seconds"])

    # one unit of work per implementation (several IDs may share one)
    sharing: dict[int, list[str]] = {}
    for cid in ids:
        if previous and cid in previous:
            records[cid] = previous[cid]
            done += 1
        elif cid not in impls:
            finish(cid, claim_record(cat[cid], "missing", [], None) | {"seconds": 0.0})
        else:
            sharing.setdefault(id(impls[cid]), []).append(cid)
    if records:
        save()
    units = [group[0] for group in sharing.values()]
    for cid, (verdict, evidence, erratum), seconds in _results(units, ctx, jobs):
        for other in sharing[id(impls[cid])]:
            record = claim_record(cat[other], verdict, evidence, erratum, impls[other].notes)
            record["seconds"] = round(seconds if other == cid else 0.0, 3)
            finish(other, record)
    audit["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    save()
    write_reports(audit, out)
    return audit
