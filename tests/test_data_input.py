"""User data files (``wnverify audit --data FILE``, Dukler et al. App. F on MNIST): every
bad file gives one line naming the problem and exit code 2; a good file is used by the
App. F check; the loaders never raise anything but ``ValueError`` on arbitrary bytes."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numeric.data import check_points, load_mnist_pair, read_idx
from verify.cli import main

APPF = "dukler.appF"


def _idx(arr: np.ndarray) -> bytes:
    """The IDX encoding of a uint8 array (MNIST's format)."""
    head = bytes([0, 0, 0x08, arr.ndim]) + b"".join(int(n).to_bytes(4, "big")
                                                    for n in arr.shape)
    return head + arr.astype(np.uint8).tobytes()


def _images(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 256, size=(n, 28, 28)).astype(np.uint8)
    y = np.where(np.arange(n) % 2 == 0, 4, 9).astype(np.uint8)
    return X, y


def _good_npz(p: Path, n: int = 120) -> Path:
    X, y = _images(n)
    np.savez(p, x_train=X, y_train=y)
    return p


def _good_idx_dir(p: Path, n: int = 120) -> Path:
    X, y = _images(n)
    p.mkdir()
    (p / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(_idx(X)))
    (p / "train-labels-idx1-ubyte").write_bytes(_idx(y))
    return p


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere.npz"


def _truncated_idx(tmp: Path) -> Path:
    d = _good_idx_dir(tmp / "mnist")
    raw = gzip.decompress((d / "train-images-idx3-ubyte.gz").read_bytes())
    (d / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(raw[: len(raw) // 2]))
    return d


def _truncated_gzip(tmp: Path) -> Path:
    d = _good_idx_dir(tmp / "mnist")
    raw = (d / "train-images-idx3-ubyte.gz").read_bytes()
    (d / "train-images-idx3-ubyte.gz").write_bytes(raw[: len(raw) // 3])
    return d


def _wrong_shape(tmp: Path) -> Path:
    rng = np.random.default_rng(1)
    p = tmp / "shape.npz"
    np.savez(p, x_train=rng.random((120, 10, 10)), y_train=np.full(120, 4))
    return p


def _non_finite(tmp: Path) -> Path:
    X, y = _images(120)
    Xf = X.astype(np.float64)
    Xf[3, 5, 5] = np.nan
    p = tmp / "nan.npz"
    np.savez(p, x_train=Xf, y_train=y)
    return p


def _parallel(tmp: Path) -> Path:
    X, y = _images(120)
    X[2] = X[0] // 2  # same direction up to rounding of the halving: made exact below
    X[0] = X[2] * 2
    p = tmp / "parallel.npz"
    np.savez(p, x_train=X, y_train=y)
    return p


def _not_supported(tmp: Path) -> Path:
    p = tmp / "mnist.csv"
    p.write_text("label,pixel0\n4,0\n")
    return p


def _too_few(tmp: Path) -> Path:
    return _good_npz(tmp / "few.npz", n=20)


def _wrong_keys(tmp: Path) -> Path:
    p = tmp / "keys.npz"
    np.savez(p, pixels=np.zeros((3, 784)))
    return p


def _labels_missing(tmp: Path) -> Path:
    d = _good_idx_dir(tmp / "mnist")
    (d / "train-labels-idx1-ubyte").unlink()
    return d


#: the bad-input table for data files: (name, maker, words the one-line message contains)
BAD_DATA: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", _missing, "does not exist"),
    ("truncated IDX", _truncated_idx, "truncated IDX data"),
    ("truncated gzip", _truncated_gzip, "truncated or corrupt gzip"),
    ("wrong shape", _wrong_shape, "expected N×28×28 or N×784"),
    ("non-finite", _non_finite, "non-finite"),
    ("parallel points", _parallel, "parallel"),
    ("unsupported format", _not_supported, "not an IDX file"),
    ("too few images", _too_few, "need 100"),
    ("wrong npz keys", _wrong_keys, "expected x_train/y_train"),
    ("labels file missing", _labels_missing, "no train-labels-idx1-ubyte"),
]


@pytest.mark.parametrize(("name", "make", "words"), BAD_DATA, ids=[b[0] for b in BAD_DATA])
def test_bad_data_file_one_line_exit_2(name: str, make: Callable[[Path], Path], words: str,
                                       tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = make(tmp_path)
    code = main(["audit", "--claim", APPF, "--data", str(path), "--out", str(tmp_path / "o"),
                 "--quiet"])
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("wnverify: error: --data:"), err
    assert words in lines[0], lines[0]
    assert not (tmp_path / "o" / "audit.json").exists()


@pytest.mark.parametrize("make", [_good_npz, _good_idx_dir], ids=["npz", "idx-dir"])
def test_good_data_file_accepted(make: Callable[[Path], Path], tmp_path: Path) -> None:
    from verify.claims.dukler_regimes import appf_data
    from verify.context import Context

    path = make(tmp_path / "mnist.npz" if make is _good_npz else tmp_path / "mnist")
    X, y, info = appf_data(Context(data=str(path)))
    assert info["source"].startswith("MNIST") and X.shape == (100, 784) and info["d"] == 784
    assert set(np.unique(y)) == {-1.0, 1.0}
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0)


def test_resume_refuses_other_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "a"
    assert main(["audit", "--claim", "dukler.eq2.1", "--out", str(first), "--quiet"]) == 0
    assert json.loads((first / "audit.json").read_text())["environment"]["data"] is None
    good = _good_npz(tmp_path / "m.npz")
    code = main(["audit", "--claim", "dukler.eq2.1", "--data", str(good), "--out",
                 str(tmp_path / "b"), "--resume", str(first), "--quiet"])
    assert code == 2 and "--data" in capsys.readouterr().err


def test_check_points_detects_near_parallel_only() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6, 5))
    check_points(X)  # generic points pass
    Y = X.copy()
    Y[4] = -3.0 * X[1]
    with pytest.raises(ValueError, match="points 1 and 4 are parallel"):
        check_points(Y)
    Z = X.copy()
    Z[2] = 0.0
    with pytest.raises(ValueError, match="zero vector"):
        check_points(Z)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=400), gz=st.booleans(), kind=st.sampled_from(["idx", "npz"]))
def test_loaders_fuzz_only_value_errors(raw: bytes, gz: bool, kind: str,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Arbitrary bytes (optionally gzipped, behind an IDX header prefix or as .npz) load or
    raise ValueError; nothing else escapes."""
    tmp = tmp_path_factory.mktemp("fuzz")
    if kind == "idx":
        body = bytes([0, 0, 0x08, 3]) + raw if raw[:1] == b"\x01" else raw
        p = tmp / "train-images-idx3-ubyte"
        p.write_bytes(gzip.compress(body) if gz else body)
        (tmp / "train-labels-idx1-ubyte").write_bytes(_idx(np.array([4, 9], dtype=np.uint8)))
        for fn in (lambda: read_idx(p), lambda: load_mnist_pair(tmp, 4, 9)):
            try:
                fn()
            except ValueError:
                pass
    else:
        p = tmp / "f.npz"
        p.write_bytes(raw)
        try:
            load_mnist_pair(p, 4, 9)
        except ValueError:
            pass


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(n=st.integers(0, 6), h=st.integers(0, 30), w=st.integers(0, 30),
       dtype=st.sampled_from(["uint8", "float64", "int64"]),
       poison=st.sampled_from(["none", "nan", "inf"]))
def test_npz_shapes_fuzz(n: int, h: int, w: int, dtype: str, poison: str,
                         tmp_path_factory: pytest.TempPathFactory) -> None:
    """Drawn array shapes, dtypes and poisoned values: a loaded result is always N×784,
    finite, with labels ±1; anything else is a ValueError."""
    tmp = tmp_path_factory.mktemp("npz")
    X = np.ones((n, h, w), dtype=np.float64)
    if poison != "none" and X.size:
        X.flat[0] = np.nan if poison == "nan" else np.inf
    if dtype != "float64" and poison == "none":
        X = X.astype(dtype)
    y = np.where(np.arange(n) % 2 == 0, 4, 9)
    p = tmp / "x.npz"
    np.savez(p, x_train=X, y_train=y)
    try:
        Xo, yo = load_mnist_pair(p, 4, 9)
    except ValueError:
        return
    assert Xo.shape[1] == 784 and np.all(np.isfinite(Xo)) and set(np.unique(yo)) <= {-1.0, 1.0}
