"""``wnverify bench``: the rows are measured and consistent, the Jacobian reference computes
the same kernel, and bad input is one line with exit code 2. (Speed targets are printed by
the benchmark, never asserted by a timed test.)"""

from __future__ import annotations

import json

import numpy as np
import pytest

from numeric import ntk
from verify.bench import jacobian_ntk_numpy, peak_mib, table
from verify.cli import main


def test_jacobian_reference_is_the_same_kernel() -> None:
    rng = np.random.default_rng(0)
    X, W = rng.standard_normal((7, 4)), rng.standard_normal((30, 4))
    H = jacobian_ntk_numpy(X, W, np.ones(30))
    assert np.allclose(H, ntk.gram_H(X, W), rtol=0, atol=1e-13)
    # a perturbed reference (missing 1/√m) is told apart
    assert not np.allclose(H * 30, ntk.gram_H(X, W))


def test_peak_memory_sees_numpy_buffers() -> None:
    mib = peak_mib(lambda: np.ones((1024, 1024)))  # 8 MiB
    assert 7.5 < mib < 9


def test_bench_quick_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--quick", "--json", "--repeats", "1"]) == 0
    res = json.loads(capsys.readouterr().out)
    names = [r["name"] for r in res["rows"]]
    assert names[:3] == ["gram_H", "gram (H, V, G)", "wn_step"]
    for r in res["rows"]:
        assert r["seconds"] > 0 and r["gflops"] > 0
    for r in res["rows"][:3]:
        assert r["ceiling_gflops"] > 0 and r["peak_mib"] > 0
    assert res["agreement"] < 1e-12 and res["speedup_vs_jacobian"] > 0
    assert len(res["targets"]) == 3
    assert "target" in table(res)


@pytest.mark.parametrize("args,words", [
    (["bench", "--backend", "nope"], "unknown backend"),
    (["bench", "--repeats", "0"], "--repeats"),
])
def test_bench_bad_input(args: list[str], words: str,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]
