"""The ``wnverify`` command line: list, audit, show, latex, bench, sweep.

Bad input (unknown claim ID, paper, backend or scale; an unavailable backend; an
unwritable output folder; a corrupt audit file) gives one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, NoReturn

from numeric._backend import BACKENDS, BackendUnavailable
from verify.context import SCALES, Context
from verify.registry import catalog

DEFAULT_OUT = "wnverify-out"


class UsageError(Exception):
    """Bad input: reported as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="wnverify",
                description="Verify the claims of the weight-normalization papers.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ls = sub.add_parser("list", help="list the claims the suite knows")
    ls.add_argument("--paper", action="append", default=[], help="dukler, wu, poggio or wnbn")
    ls.add_argument("--json", action="store_true", help="one JSON object per claim")

    au = sub.add_parser("audit", help="run the checks and write audit.json and report.md")
    au.add_argument("--paper", action="append", default=[])
    au.add_argument("--claim", action="append", default=[], nargs="+", metavar="ID")
    au.add_argument("--scale", default="quick", help="quick (default), full or gpu")
    au.add_argument("--backend", default="numpy", help="numpy (default), array_api_strict, cupy")
    au.add_argument("--seed", type=int, default=0)
    au.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    au.add_argument("--data", metavar="FILE", default=None,
                    help="local MNIST (IDX directory/file or .npz) for Dukler et al. App. F")
    au.add_argument("--budget", type=float, default=None, help="seconds per claim")
    au.add_argument("--resume", metavar="DIR", default=None,
                    help="keep the finished claims of DIR/audit.json and run the rest")
    au.add_argument("--jobs", type=int, default=1,
                    help="worker processes evaluating claims in parallel (default 1)")
    au.add_argument("--quiet", action="store_true")

    lx = sub.add_parser("latex", help="the audit's derivations as LaTeX (and PDF)")
    lx.add_argument("--paper", action="append", default=[])
    lx.add_argument("--claim", action="append", default=[], nargs="+", metavar="ID")
    lx.add_argument("--audit", default=None,
                    help=f"audit.json to typeset (default {DEFAULT_OUT}/audit.json)")
    lx.add_argument("--out", default=None, help=f"output folder (default {DEFAULT_OUT}/latex)")
    lx.add_argument("--pdf", action="store_true", help="compile with latexmk -pdf")

    bn = sub.add_parser("bench", help="speed and memory of the kernels against the matmul "
                        "ceiling and the Jacobian NTK")
    bn.add_argument("--backend", default="numpy", help="numpy (default), array_api_strict, cupy")
    bn.add_argument("--quick", action="store_true", help="small shapes (seconds; CI smoke)")
    bn.add_argument("--repeats", type=int, default=None, help="timed runs per kernel (best)")
    bn.add_argument("--json", action="store_true", help="print the result as JSON")

    sw = sub.add_parser("sweep", help="a statistical sweep as Dask tasks (table and plot)")
    sw.add_argument("name", help="concentration, failure or phase")
    sw.add_argument("--scale", default="quick", help="tiny, quick (default) or full")
    sw.add_argument("--seed", type=int, default=0, help="root seed (SeedSequence)")
    sw.add_argument("--out", default=None, help=f"output folder (default {DEFAULT_OUT}/sweeps)")
    sw.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="an existing Dask scheduler (default: a local cluster; 'sync' runs "
                         "the tasks in this process)")
    sw.add_argument("--workers", type=int, default=None,
                    help="worker processes of the local cluster (default 2)")
    sw.add_argument("--quiet", action="store_true")

    sh = sub.add_parser("show", help="one claim: statement, evidence, derivation")
    sh.add_argument("id")
    sh.add_argument("--recheck", action="store_true",
                    help="re-run each refuting check on its stored counterexample")
    sh.add_argument("--audit", default=None,
                    help=f"audit.json to read (default {DEFAULT_OUT}/audit.json; "
                         "the claim is run at the quick scale when absent)")
    return p


def _claim_ids(args: argparse.Namespace) -> list[str]:
    return [c for group in args.claim for c in group]


def cmd_list(args: argparse.Namespace) -> int:
    from verify.api import implementations
    from verify.audit import select

    impls = implementations()
    for cid in select(args.paper, []):
        info = catalog()[cid]
        status = "implemented" if cid in impls else "missing"
        if args.json:
            print(json.dumps({**info.to_json(), "status": status}, ensure_ascii=False))
        else:
            print(f"{cid:<34} {status:<11} {info.kind[:40]:<40} {info.where[:60]}")
    return 0


def _check_data(ctx: Context) -> None:
    """Load and validate the ``--data`` file the way the App. F check will read it
    (format, shape, finite values, enough images, Assumption 1: no parallel points)."""
    from verify.claims.dukler_regimes import appf_data

    try:
        appf_data(ctx)
    except ValueError as exc:
        raise UsageError(f"--data: {exc}") from exc


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".wnverify-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"output folder {out} is not writable ({exc.strerror or exc})") from exc


def _load_audit(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"no audit file at {path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"audit file {path} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list) or not all(
        isinstance(c, dict) and "id" in c and "verdict" in c for c in data["claims"]
    ):
        raise UsageError(f"audit file {path} does not follow the audit.json schema")
    return data


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM ends an audit like Ctrl-C: the finished claims stay in audit.json."""
    raise KeyboardInterrupt


def cmd_audit(args: argparse.Namespace) -> int:
    from verify.audit import run_audit, select

    if args.scale not in SCALES:
        raise UsageError(f"unknown scale {args.scale!r}; choose one of {', '.join(SCALES)}")
    if args.backend not in BACKENDS:
        raise UsageError(f"unknown backend {args.backend!r}; choose one of {', '.join(BACKENDS)}")
    if not 1 <= args.jobs <= 256:
        raise UsageError(f"--jobs must be in 1..256, got {args.jobs}")
    if args.budget is not None and not args.budget > 0:
        raise UsageError(f"--budget must be a positive number of seconds, got {args.budget}")
    try:
        ids = select(args.paper, _claim_ids(args))
    except KeyError as exc:
        raise UsageError(f"unknown claim ID {exc.args[0]!r} (see 'wnverify list')") from exc
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    try:
        ctx = Context(scale=args.scale, backend=args.backend, seed=args.seed, budget=args.budget,
                      data=args.data)
    except BackendUnavailable as exc:
        raise UsageError(str(exc)) from exc
    if args.data is not None:
        _check_data(ctx)
    out = Path(args.out)
    _check_writable(out)
    previous = None
    if args.resume:
        old = _load_audit(Path(args.resume) / "audit.json")
        if old.get("environment", {}).get("data") != args.data:
            raise UsageError(f"cannot resume {args.resume}: it ran with --data "
                             f"{old.get('environment', {}).get('data')}, this run asks {args.data}")
        if old.get("scale") != args.scale or old.get("seed") != args.seed:
            raise UsageError(
                f"cannot resume {args.resume}: it ran scale={old.get('scale')} "
                f"seed={old.get('seed')}, this run asks scale={args.scale} seed={args.seed}"
            )
        previous = {c["id"]: c for c in old["claims"]}

    from tqdm import tqdm

    # a progress bar on a terminal (one step per claim); the per-claim lines always
    bar = tqdm(total=len(ids), desc="audit", unit="claim", file=sys.stderr, leave=False,
               disable=args.quiet or not sys.stderr.isatty())

    def progress(i: int, n: int, cid: str, verdict: str, seconds: float) -> None:
        if not args.quiet:
            bar.update()
            tqdm.write(f"[{i:>3}/{n}] {cid:<34} {verdict:<16} {seconds:7.2f} s",
                       file=sys.stderr)

    t0 = time.perf_counter()
    previous_handler = signal.signal(signal.SIGTERM, _terminate)
    try:
        audit = run_audit(ids, ctx, out, progress=progress, previous=previous,
                          jobs=args.jobs)
    except KeyboardInterrupt:
        print(
            f"wnverify: interrupted; finished claims are in {out / 'audit.json'} "
            f"(continue with --resume {out})",
            file=sys.stderr,
        )
        return 130
    finally:
        bar.close()
        signal.signal(signal.SIGTERM, previous_handler)
    summary = ", ".join(f"{k} {v}" for k, v in audit["summary"].items())
    print(f"{len(ids)} claims in {time.perf_counter() - t0:.1f} s: {summary}")
    print(f"wrote {out / 'audit.json'} and {out / 'report.md'}")
    return 0


def cmd_latex(args: argparse.Namespace) -> int:
    from verify.audit import select
    from verify.latex import LatexUnavailable, compile_pdf, write_documents

    path = Path(args.audit) if args.audit else Path(DEFAULT_OUT) / "audit.json"
    if not path.exists():
        raise UsageError(f"no audit at {path}; run 'wnverify audit' first (or give --audit)")
    audit = _load_audit(path)
    try:
        wanted = select(args.paper, _claim_ids(args)) if (args.paper or args.claim) else None
    except KeyError as exc:
        raise UsageError(f"unknown claim ID {exc.args[0]!r} (see 'wnverify list')") from exc
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if wanted is not None and not any(c["id"] in wanted for c in audit["claims"]):
        raise UsageError(f"{path} holds none of the selected claims")
    out = Path(args.out) if args.out else path.parent / "latex"
    _check_writable(out)
    t0 = time.perf_counter()
    try:
        paths = write_documents(audit, out, ids=wanted)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"audit file {path} does not follow the audit.json schema "
                         f"({type(exc).__name__}: {exc})") from exc
    print(f"wrote {', '.join(str(p) for p in paths)} in {time.perf_counter() - t0:.1f} s")
    if args.pdf:
        for p in paths:
            try:
                pdf = compile_pdf(p)
            except LatexUnavailable as exc:
                raise UsageError(str(exc)) from exc
            except RuntimeError as exc:
                print(f"wnverify: {exc}", file=sys.stderr)
                return 1
            print(f"wrote {pdf} ({pdf.stat().st_size / 1024:.0f} KiB)")
    return 0


def _print_claim(record: dict[str, Any]) -> None:
    from verify.report import claim_section

    print("\n".join(claim_section(record)))
    for ev in record["evidence"]:
        for dv in ev["details"].get("derivations", []):
            print(f"Derivation: {dv['title']} ({dv['scope']}) — holds: {dv['holds']}")
            for st in dv["steps"]:
                print(textwrap.indent(f"{st['name']}: {st['latex']}", "  "))
        cex = ev["details"].get("counterexample")
        if cex:
            print(f"Counterexample ({ev['details'].get('check')}): {json.dumps(cex)}")


def _recheck(record: dict[str, Any], data: dict[str, Any]) -> int:
    """Re-run every refuting check of ``record`` on its stored counterexample and compare
    the 50-digit residual (property) or the witness (symbolic) with the stored one."""
    from verify.api import implementations
    from verify.audit import run_check

    impl = implementations().get(record["id"])
    refuting = [e for e in record["evidence"] if e["verdict"] == "refuted"]
    if impl is None or not refuting:
        print(f"nothing to recheck: {record['id']} has no refuting evidence")
        return 0
    backend = data.get("environment", {}).get("backend", "numpy")
    failures = 0
    for ev in refuting:
        det = ev["details"]
        check = next((c for c in impl.checks if c.name == det.get("check")), None)
        variant = next((v for v in impl.variants() if v.name == det.get("variant")), None)
        stored = det.get("counterexample", {})
        if check is None or variant is None:
            raise UsageError(f"audit names a check or variant the suite no longer has: {det}")
        try:
            ctx = Context(scale=data.get("scale", "quick"), backend=backend,
                          seed=int(ev.get("seed") or 0))
        except BackendUnavailable as exc:
            raise UsageError(f"cannot recheck on backend {backend}: {exc}") from exc
        replayed = "example" in stored and "hypothesis_seed" in det
        if replayed:  # a Hypothesis counterexample: run it alone
            ctx.replay = {int(det["hypothesis_seed"]): stored["example"]}
        new = run_check(check, variant, ctx)
        now = new.details.get("counterexample", {})
        if replayed:
            old_r, new_r = stored.get("recheck", {}), now.get("recheck", {})
            same = new.verdict == "refuted" and old_r.get("residual") == new_r.get("residual")
            what = f"residual at 50 digits {new_r.get('residual')}"
        else:  # symbolic witnesses, fixed cases, seeded statistics: a deterministic rerun
            same = new.verdict == "refuted" and now == stored
            what = "counterexample " + json.dumps(now)[:200]
        status = "reproduced bit for bit" if same else "NOT reproduced"
        print(f"recheck {det.get('check')} [{det.get('variant')}]: {status}: {what}")
        failures += not same
    return 1 if failures else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from verify import bench

    if args.backend not in BACKENDS:
        raise UsageError(f"unknown backend {args.backend!r}; choose one of {', '.join(BACKENDS)}")
    if args.repeats is not None and not 1 <= args.repeats <= 100:
        raise UsageError(f"--repeats must be in 1..100, got {args.repeats}")
    try:
        res = bench.run(args.backend, quick=args.quick, repeats=args.repeats,
                        progress=None if args.json else
                        (lambda s: print(f"bench: {s}", file=sys.stderr)))
    except BackendUnavailable as exc:
        raise UsageError(str(exc)) from exc
    except MemoryError as exc:
        raise UsageError("bench: out of memory at the default shapes (try --quick)") from exc
    print(json.dumps(res, indent=1) if args.json else bench.table(res))
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from verify.sweeps import SweepError, run_sweep

    if args.workers is not None and not 1 <= args.workers <= 256:
        raise UsageError(f"--workers must be in 1..256, got {args.workers}")
    out = Path(args.out) if args.out else Path(DEFAULT_OUT) / "sweeps"
    _check_writable(out)
    t0 = time.perf_counter()
    try:
        res = run_sweep(args.name, out, args.scale, args.seed, args.scheduler, args.workers,
                        progress=not args.quiet and sys.stderr.isatty())
    except SweepError as exc:
        raise UsageError(str(exc)) from exc
    s = res["summary"]
    print(f"sweep {res['sweep']} ({res['scale']}): {res['tasks']} tasks in "
          f"{time.perf_counter() - t0:.1f} s")
    for row in s.get("table", []):
        print("  " + ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                               for k, v in row.items()))
    for k, v in s.items():
        if k != "table":
            print(f"  {k}: {json.dumps(v)}")
    print(f"wrote {out / (res['sweep'] + '.json')} and {out / (res['sweep'] + '.svg')}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from verify.api import implementations
    from verify.audit import claim_record, evaluate

    cat = catalog()
    if args.id not in cat:
        raise UsageError(f"unknown claim ID {args.id!r} (see 'wnverify list')")
    path = Path(args.audit) if args.audit else Path(DEFAULT_OUT) / "audit.json"
    if args.audit or path.exists():
        data = _load_audit(path)
        found = [c for c in data["claims"] if c["id"] == args.id]
        if found:
            _print_claim(found[0])
            if args.recheck:
                return _recheck(found[0], data)
            return 0
        if args.audit:
            raise UsageError(f"claim {args.id} is not in {path}")
    impl = implementations().get(args.id)
    if impl is None:
        from verify.audit import claim_record as rec

        _print_claim(rec(cat[args.id], "missing", [], None))
        return 0
    verdict, evidence, erratum = evaluate(impl, Context(scale="quick"))
    _print_claim(claim_record(cat[args.id], verdict, evidence, erratum, impl.notes))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wnverify`` console script."""
    os.environ.setdefault("PYTHONHASHSEED", "0")
    try:
        args = _parser().parse_args(argv)
        handler = {"list": cmd_list, "audit": cmd_audit, "show": cmd_show,
                   "latex": cmd_latex, "bench": cmd_bench, "sweep": cmd_sweep}[args.command]
        return handler(args)
    except UsageError as exc:
        print(f"wnverify: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
