"""Nothing lost and nothing random: a killed audit keeps its finished claims and resumes to
the same result as an uninterrupted run; the same seed gives the same audit.json."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ["dukler.eq2.1", "dukler.prop.wn_grad_v", "dukler.def.projections"]
VOLATILE = {"started", "finished", "seconds"}


def strip(obj: Any) -> Any:
    """The audit without wall-clock fields (timings differ between runs)."""
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj


def audit(out: Path, *extra: str) -> dict[str, Any]:
    assert main(["audit", "--claim", *CLAIMS, "--out", str(out), "--quiet", *extra]) == 0
    return json.loads((out / "audit.json").read_text())


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return audit(tmp_path_factory.mktemp("ref"))


def test_same_seed_same_audit(reference: dict[str, Any], tmp_path: Path) -> None:
    assert strip(audit(tmp_path)) == strip(reference)


def test_other_seed_other_examples(reference: dict[str, Any], tmp_path: Path) -> None:
    other = audit(tmp_path, "--seed", "1")
    assert [c["verdict"] for c in other["claims"]] == [c["verdict"] for c in reference["claims"]]
    assert strip(other["claims"]) != strip(reference["claims"])


def test_parallel_audit_is_the_same(reference: dict[str, Any], tmp_path: Path) -> None:
    """--jobs 2 (claims in two worker processes) gives the audit of --jobs 1, claims in
    selection order."""
    assert strip(audit(tmp_path, "--jobs", "2")) == strip(reference)


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["serial", "jobs2"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_killed_audit_keeps_claims_and_resumes(sig: int, jobs: str, reference: dict[str, Any],
                                               tmp_path: Path) -> None:
    out = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "verify.cli", "audit", "--claim", *CLAIMS, "--out", str(out),
         "--quiet", "--jobs", jobs],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    path = out / "audit.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and json.loads(path.read_text())["claims"]:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=300)
    partial = json.loads(path.read_text())  # valid JSON whatever the moment of the kill
    if proc.returncode == 0:
        pytest.skip("the audit finished before the signal arrived")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "--resume" in err
    done = partial["claims"]
    assert 1 <= len(done) < len(CLAIMS)
    ref = {c["id"]: strip(c) for c in reference["claims"]}
    assert all(strip(c) == ref[c["id"]] for c in done)
    assert [c["id"] for c in done] == [c for c in CLAIMS if c in {d["id"] for d in done}]
    resumed = audit(tmp_path / "resumed", "--resume", str(out))
    assert strip(resumed["claims"]) == strip(reference["claims"])


ARG = st.sampled_from(["audit", "list", "show", "--claim", "--paper", "--backend", "--scale",
                       "--seed", "--out", "--budget", "--resume", "--json", "wnbn", "x",
                       "-1", "1e309", "nan", "dukler.eq9", "cupy", "quick", "", "--"])


@settings(max_examples=60, deadline=None)
@given(args=st.lists(ARG, max_size=5))
def test_cli_fuzz_never_tracebacks(args: list[str]) -> None:
    """Random argument lists end in a usage error (exit 2) or a run, never an exception.
    Runs that would start an audit are redirected to a fresh folder and one missing claim."""
    with tempfile.TemporaryDirectory() as tmp:
        if args[:1] == ["audit"]:
            args = [*args, "--out", tmp, "--claim", "wu.lemma2.2"]
        if args[:1] == ["show"] and len(args) == 1:
            args = [*args, "dukler.nope"]
        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                rc = main(args)
            except SystemExit as exc:  # argparse --help
                rc = exc.code
    assert rc in (0, 2)
    if rc == 2:
        lines = err.getvalue().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("wnverify: error:"), lines


def test_ci_hypothesis_profile_is_derandomized() -> None:
    """The ``ci`` profile (loaded when CI is set) draws the same examples on every run and
    keeps no example database; under the default random profile two runs differ."""
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    if os.environ.get("CI"):
        assert settings.default.derandomize

    def draws(profile: settings) -> list[float]:
        seen: list[float] = []

        @settings(profile, max_examples=25, database=None)
        @given(st.floats(0, 1))
        def prop(x: float) -> None:
            seen.append(x)

        prop()
        return seen

    assert draws(ci) == draws(ci)
    random = settings(ci, derandomize=False)
    assert draws(random) != draws(random)
