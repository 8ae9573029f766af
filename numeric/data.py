"""Two-class image data for the App. F illustration of Dukler et al. (ICLR submission):
digits a vs b from scikit-learn's bundled 8×8 digits (offline, d = 64) or from a local MNIST
file (d = 784: IDX files, gzipped or not, or a NumPy ``.npz``).

Both loaders return ``(X, y)``: the images of the two digits in file order as float64 rows
(raw pixel values: 0..16 for the bundled digits, 0..255 for MNIST), and targets y = +1 for
digit ``a``, −1 for digit ``b``. Any problem with a file raises ``ValueError`` with a one-line
message (missing, truncated, wrong shape, non-finite values, too few images).
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np

IDX_IMAGES = ("train-images-idx3-ubyte", "train-images.idx3-ubyte")
IDX_LABELS = ("train-labels-idx1-ubyte", "train-labels.idx1-ubyte")
NPZ_KEYS = (("x_train", "y_train"), ("X", "y"), ("images", "labels"))


def _digit(v: int, name: str) -> int:
    if not isinstance(v, int | np.integer) or not 0 <= int(v) <= 9:
        raise ValueError(f"{name} must be a digit 0..9, got {v!r}")
    return int(v)


def _pair(X: np.ndarray, labels: np.ndarray, a: int, b: int, n: int | None,
          source: str) -> tuple[np.ndarray, np.ndarray]:
    a, b = _digit(a, "a"), _digit(b, "b")
    if a == b:
        raise ValueError(f"digits a and b must differ, got a = b = {a}")
    X = np.asarray(X)
    labels = np.asarray(labels).reshape(-1)
    if X.ndim == 3:
        X = X.reshape(X.shape[0], -1)
    if X.ndim != 2 or X.shape[0] != labels.shape[0] or X.shape[0] == 0:
        raise ValueError(f"{source}: images {X.shape} and labels {labels.shape} do not match")
    X = X.astype(np.float64)
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{source}: images contain non-finite values")
    if not np.all(np.isfinite(labels.astype(np.float64))):
        raise ValueError(f"{source}: labels contain non-finite values")
    keep = np.flatnonzero((labels == a) | (labels == b))
    if n is not None:
        if n < 2:
            raise ValueError(f"n must be >= 2, got {n}")
        if keep.size < n:
            raise ValueError(f"{source}: only {keep.size} images of digits {a}, {b}; need {n}")
        keep = keep[:n]
    if keep.size == 0:
        raise ValueError(f"{source}: no images of digits {a} or {b}")
    y = np.where(labels[keep] == a, 1.0, -1.0)
    return X[keep], y


def load_digits_pair(a: int, b: int, n: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Digits a vs b from ``sklearn.datasets.load_digits`` (1797 images, 8×8 = 64 pixels in
    0..16, bundled with scikit-learn, no download); the first ``n`` of them in dataset order
    (all when None)."""
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # pragma: no cover - scikit-learn is a test dependency
        raise ValueError("load_digits_pair needs scikit-learn (sklearn.datasets)") from exc
    ds = load_digits()
    return _pair(ds.data, ds.target, a, b, n, "sklearn digits")


def _open(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ValueError(f"{path}: truncated or corrupt gzip data") from exc
    return raw


def read_idx(path: str | os.PathLike[str]) -> np.ndarray:
    """An IDX array (MNIST format: magic 0x0000 | type 0x08 (ubyte) | ndim, big-endian dims,
    then the data), gzipped or not."""
    p = Path(path)
    raw = _open(p)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{p}: not an IDX file (bad magic number)")
    if raw[2] != 0x08:
        raise ValueError(f"{p}: IDX data type 0x{raw[2]:02x} is not unsigned byte (0x08)")
    ndim = raw[3]
    if ndim < 1 or len(raw) < 4 + 4 * ndim:
        raise ValueError(f"{p}: truncated IDX header")
    dims = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    size = int(np.prod(dims))
    body = raw[4 + 4 * ndim:]
    if len(body) < size:
        raise ValueError(f"{p}: truncated IDX data ({len(body)} of {size} bytes)")
    if len(body) > size:
        raise ValueError(f"{p}: {len(body) - size} trailing bytes after the IDX data")
    return np.frombuffer(body, dtype=np.uint8).reshape(dims)


def _find(directory: Path, names: tuple[str, ...]) -> Path:
    for name in names:
        for cand in (directory / name, directory / (name + ".gz")):
            if cand.is_file():
                return cand
    raise ValueError(f"{directory}: no {names[0]}[.gz] file")


def _load_npz(p: Path) -> tuple[np.ndarray, np.ndarray]:
    try:
        with np.load(p, allow_pickle=False) as z:
            for xk, yk in NPZ_KEYS:
                if xk in z.files and yk in z.files:
                    return np.asarray(z[xk]), np.asarray(z[yk])
            keys = ", ".join(z.files)
    except (OSError, EOFError, ValueError) as exc:
        raise ValueError(f"{p}: not a readable .npz file ({type(exc).__name__})") from exc
    raise ValueError(f"{p}: .npz has keys [{keys}], expected x_train/y_train")


def load_mnist_pair(path: str | os.PathLike[str], a: int, b: int, n: int | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Digits a vs b of the MNIST training set from a local file: a directory holding
    ``train-images-idx3-ubyte[.gz]`` and ``train-labels-idx1-ubyte[.gz]``, the images IDX
    file itself (the labels file is looked up beside it), or an ``.npz`` with arrays
    ``x_train`` (N×28×28 or N×784) and ``y_train``. Returns the first ``n`` images of the two
    digits in file order (all when None) as 784-pixel rows."""
    p = Path(path)
    if not p.exists():
        raise ValueError(f"MNIST path {p} does not exist")
    if p.is_dir():
        X = read_idx(_find(p, IDX_IMAGES))
        labels = read_idx(_find(p, IDX_LABELS))
    elif p.suffix == ".npz":
        X, labels = _load_npz(p)
    else:
        X = read_idx(p)
        labels = read_idx(_find(p.parent, IDX_LABELS))
    X = np.asarray(X)
    if X.ndim not in (2, 3) or int(np.prod(X.shape[1:])) != 784:
        raise ValueError(f"{p}: images have shape {X.shape}, expected N×28×28 or N×784")
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"{p}: labels have shape {labels.shape}, expected (N,)")
    return _pair(X, labels, a, b, n, str(p))


def check_points(X: np.ndarray, source: str = "data") -> None:
    """Reject data that violates Assumption 1 of Dukler et al. (no zero row, no two rows
    parallel): ``ValueError`` naming the first offending rows. Rows are parallel when
    |cos ∠(x_i, x_j)| ≥ 1 − 64·n·eps (rounding of the normalized Gram matrix, n = row
    length)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"{source}: need at least 2 points as rows, got shape {X.shape}")
    nr = np.linalg.norm(X, axis=1)
    zero = np.flatnonzero(nr == 0)
    if zero.size:
        raise ValueError(f"{source}: point {int(zero[0])} is the zero vector")
    U = X / nr[:, None]
    C = np.abs(U @ U.T)
    np.fill_diagonal(C, 0.0)
    tol = 64 * X.shape[1] * float(np.finfo(np.float64).eps)
    i, j = np.unravel_index(int(np.argmax(C)), C.shape)
    if C[i, j] >= 1 - tol:
        raise ValueError(f"{source}: points {min(i, j)} and {max(i, j)} are parallel "
                         f"(|cos| = {C[i, j]:.17g}); Assumption 1 needs distinct directions")
