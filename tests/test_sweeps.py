"""``wnverify sweep``: tasks on a local Dask cluster give the same rows whatever the number
of workers (SeedSequence children in grid order), in-process runs agree with the cluster,
outputs are written, and bad input is one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from verify.cli import main
from verify.sweeps import SWEEPS, execute, run_sweep, task_failure, tasks

pytestmark = pytest.mark.xdist_group("dask")  # one local cluster at a time


def test_rows_do_not_depend_on_workers() -> None:
    sw = SWEEPS["failure"]
    params = tasks(sw, "tiny", root=5)
    one = execute(sw.task, params, 5, workers=1)
    two = execute(sw.task, params, 5, workers=2)
    sync = execute(sw.task, params, 5, scheduler="sync")
    assert one == two == sync
    assert len(one) == len(params) == 2 * 4


def test_seeds_are_spawned_children() -> None:
    """Task i is seeded by SeedSequence(root).spawn(k)[i]: recomputing one task alone from
    its child gives its row; another root gives other rows."""
    sw = SWEEPS["failure"]
    params = tasks(sw, "tiny", root=5)
    rows = execute(sw.task, params, 5, scheduler="sync")
    child = np.random.SeedSequence(5).spawn(len(params))[3]
    assert task_failure(params[3], child) == rows[3]
    other = execute(sw.task, tasks(sw, "tiny", root=6), 6, scheduler="sync")
    assert [r["lambda_min"] for r in other] != [r["lambda_min"] for r in rows]


def test_sweep_cli_writes_table_and_plot(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", "concentration", "--scale", "tiny", "--out", str(tmp_path),
                 "--workers", "2", "--quiet"]) == 0
    res = json.loads((tmp_path / "concentration.json").read_text())
    assert res["tasks"] == 3 * 2 and len(res["rows"]) == 6
    assert set(res["summary"]) >= {"H", "V", "G", "table"}
    assert (tmp_path / "concentration.svg").read_text().lstrip().startswith("<svg")
    assert "sweep concentration (tiny): 6 tasks" in capsys.readouterr().out


def test_concentration_slope_near_minus_half() -> None:
    """The quick-scale sweep recovers the m^{-1/2} rate of the kernels' concentration: the
    95 % interval of the fitted slope contains −1/2 and excludes 0 and −1 (H, V, G)."""
    res = run_sweep("concentration", scale="quick", root=0, scheduler="sync")
    for k in ("H", "V", "G"):
        lo, hi = res["summary"][k]["ci95"]
        assert lo <= -0.5 <= hi and hi < 0 and lo > -1, (k, lo, hi)


@pytest.mark.parametrize("args,words", [
    (["sweep", "nope"], "unknown sweep 'nope'"),
    (["sweep", "phase", "--scale", "huge"], "unknown sweep scale"),
    (["sweep", "phase", "--workers", "0"], "--workers"),
    (["sweep", "phase", "--scale", "tiny", "--scheduler", "tcp://127.0.0.1:1"],
     "cannot reach the Dask scheduler"),
])
def test_sweep_bad_input(args: list[str], words: str, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*args, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
