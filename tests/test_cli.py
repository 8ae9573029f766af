"""The command line: list, audit (audit.json schema, report.md, resume), show, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verify.cli import main
from verify.registry import catalog
from verify.verdicts import VERDICTS

FAST = "dukler.eq2.1"  # a quick implemented claim
MISSING = "wu.lemma2.3"  # made unimplemented by the ``unimplemented`` fixture

CLAIM_KEYS = {"id", "paper", "where", "kind", "statement_tex", "depends_on", "verdict",
              "evidence", "erratum"}
EVIDENCE_KEYS = {"method", "verdict", "scope", "examples", "max_error", "tolerance", "seed",
                 "sizes", "seconds", "details"}


@pytest.fixture
def unimplemented(monkeypatch: pytest.MonkeyPatch) -> str:
    """Withdraw MISSING's implementation for one test, so the ``missing`` path stays covered."""
    import verify.api as api

    api.implementations()  # registers every implementation first
    monkeypatch.delitem(api._IMPLEMENTATIONS, MISSING)
    return MISSING


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "verify.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=600)


def test_list_every_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(catalog())
    assert {line.split()[0] for line in out} == set(catalog())


def test_list_json_by_paper(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--paper", "wu", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["paper"] == "wu" for r in rows)
    assert {r["id"] for r in rows} == {c for c in catalog() if c.startswith("wu.")}
    for r in rows:
        assert {"id", "paper", "where", "kind", "statement_tex", "depends_on", "status"} <= set(r)
        assert r["status"] == "missing" or r["status"] == "implemented"


def test_audit_writes_schema(tmp_path: Path, unimplemented: str) -> None:
    out = tmp_path / "out"
    assert main(["audit", "--claim", FAST, MISSING, "--out", str(out), "--quiet"]) == 0
    audit = json.loads((out / "audit.json").read_text())
    assert {"suite_version", "started", "finished", "scale", "seed", "environment", "claims",
            "summary"} <= set(audit)
    assert {"python", "sympy", "numpy", "backend", "device"} <= set(audit["environment"])
    by_id = {c["id"]: c for c in audit["claims"]}
    assert list(by_id) == [FAST, MISSING]
    for c in audit["claims"]:
        assert CLAIM_KEYS <= set(c) and c["verdict"] in VERDICTS
        for ev in c["evidence"]:
            assert EVIDENCE_KEYS <= set(ev) and ev["verdict"] in VERDICTS
    assert by_id[FAST]["verdict"] == "proved"
    assert {e["method"] for e in by_id[FAST]["evidence"]} == {"symbolic", "property"}
    assert by_id[MISSING]["verdict"] == "missing" and by_id[MISSING]["evidence"] == []
    assert audit["summary"] == {"proved": 1, "missing": 1}
    report = (out / "report.md").read_text()
    assert FAST in report and MISSING in report and "missing" in report


def test_audit_erratum_recorded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["audit", "--claim", "dukler.prop.wn_grad_g", "--out", str(out), "--quiet"]) == 0
    (c,) = json.loads((out / "audit.json").read_text())["claims"]
    assert c["verdict"] == "refuted"
    er = c["erratum"]
    assert er["printed_tex"] and er["corrected_tex"] and er["counterexample"]
    assert er["corrected_verdict"] == "proved"


def test_resume_keeps_finished_claims(tmp_path: Path, unimplemented: str) -> None:
    first = tmp_path / "a"
    assert main(["audit", "--claim", FAST, "--out", str(first), "--quiet"]) == 0
    done = json.loads((first / "audit.json").read_text())["claims"][0]
    second = tmp_path / "b"
    assert main(["audit", "--claim", FAST, MISSING, "--out", str(second), "--resume",
                 str(first), "--quiet"]) == 0
    claims = json.loads((second / "audit.json").read_text())["claims"]
    assert claims[0] == done  # reused, not rerun
    assert claims[1]["id"] == MISSING


def test_show_missing_and_from_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["audit", "--claim", FAST, "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["show", FAST, "--audit", str(out / "audit.json")]) == 0
    text = capsys.readouterr().out
    assert FAST in text and "proved" in text and "Derivation" in text
    assert main(["show", MISSING, "--audit", str(out / "audit.json")]) == 2
    capsys.readouterr()


BAD = [
    (["audit", "--claim", "dukler.nope"], "unknown claim ID"),
    (["audit", "--paper", "nobody"], "paper"),
    (["audit", "--backend", "torch"], "unknown backend"),
    (["audit", "--scale", "huge"], "unknown scale"),
    (["audit", "--budget", "-3"], "--budget"),
    (["audit", "--seed", "x"], "invalid int"),
    (["show", "dukler.nope"], "unknown claim ID"),
    (["frobnicate"], "invalid choice"),
    (["audit", "--jobs", "-1"], "--jobs must be in 1..256"),
    (["audit", "--jobs", "100000"], "--jobs must be in 1..256"),
    (["audit", "--budget", "nan"], "--budget"),
    (["sweep", "nope"], "unknown sweep"),
    (["sweep", "phase", "--scale", "huge"], "unknown sweep scale"),
    (["sweep", "phase", "--workers", "0"], "--workers must be in 1..256"),
    (["bench", "--repeats", "0"], "--repeats must be in 1..100"),
    (["bench", "--repeats", "1000000000"], "--repeats must be in 1..100"),
    (["bench", "--backend", "torch"], "unknown backend"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_one_line_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    r = run_cli(*args, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert message in lines[0]


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = run_cli("audit", "--claim", FAST, "--out", str(blocker / "sub"), cwd=tmp_path)
    assert r.returncode == 2 and "not writable" in r.stderr and "Traceback" not in r.stderr


def test_corrupted_resume(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "audit.json").write_text('{"claims": [')
    r = run_cli("audit", "--claim", FAST, "--out", str(tmp_path / "o"), "--resume", str(bad),
                cwd=tmp_path)
    assert r.returncode == 2 and "not valid JSON" in r.stderr and "Traceback" not in r.stderr


def test_cupy_backend_without_gpu(tmp_path: Path) -> None:
    try:
        import cupy  # noqa: F401

        pytest.skip("CuPy is installed here")
    except ImportError:
        pass
    r = run_cli("audit", "--claim", FAST, "--backend", "cupy", "--out", str(tmp_path / "o"),
                cwd=tmp_path)
    assert r.returncode == 2 and "cupy" in r.stderr and "Traceback" not in r.stderr


def test_show_recheck_reproduces_and_detects_tampering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["audit", "--claim", "dukler.eq2.3", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    path = out / "audit.json"
    assert main(["show", "dukler.eq2.3", "--audit", str(path), "--recheck"]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("recheck")]
    assert len(lines) == 2 and all("reproduced bit for bit" in ln for ln in lines)
    # a stored residual that the counterexample does not produce is caught
    data = json.loads(path.read_text())
    ev = next(e for e in data["claims"][0]["evidence"] if e["details"].get("check") == "property")
    ev["details"]["counterexample"]["recheck"]["residual"] = "0.5"
    path.write_text(json.dumps(data))
    assert main(["show", "dukler.eq2.3", "--audit", str(path), "--recheck"]) == 1
    assert "NOT reproduced" in capsys.readouterr().out
