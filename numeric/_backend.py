"""Array-namespace plumbing: backends are found from the arrays, never imported eagerly.

Every numeric function takes arrays and works out ``xp`` itself through
``array_api_compat.array_namespace``. Optional backends (CuPy, array-api-strict) are
imported only when a caller asks for them by name.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import numpy as np
from array_api_compat import array_namespace, is_cupy_namespace

BACKENDS = ("numpy", "array_api_strict", "cupy")


class BackendUnavailable(RuntimeError):
    """The requested array backend cannot be used on this machine."""


def namespace(*arrays: Any) -> Any:
    """The array-API namespace shared by ``arrays``."""
    return array_namespace(*arrays)


def get_backend(name: str) -> Any:
    """The array-API namespace for a backend name (numpy, array_api_strict, cupy)."""
    if name == "numpy":
        return array_namespace(np.empty(0))
    if name == "array_api_strict":
        try:
            return importlib.import_module("array_api_strict")
        except ImportError as exc:
            raise BackendUnavailable(
                "backend array_api_strict needs the package array-api-strict "
                "(pip install 'wnverify[test]')"
            ) from exc
    if name == "cupy":
        try:
            cupy = importlib.import_module("cupy")
        except ImportError as exc:
            raise BackendUnavailable(
                "backend cupy needs CuPy and a CUDA GPU (pip install 'wnverify[gpu]')"
            ) from exc
        try:
            ndev = cupy.cuda.runtime.getDeviceCount()
        except Exception as exc:  # CUDA driver missing or broken
            raise BackendUnavailable(f"backend cupy: no usable CUDA device ({exc})") from exc
        if ndev < 1:
            raise BackendUnavailable("backend cupy: no CUDA device found")
        return array_namespace(cupy.empty(0))
    raise BackendUnavailable(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")


def to_numpy(x: Any) -> np.ndarray:
    """A NumPy copy of an array from any supported backend (for reports and oracles)."""
    if isinstance(x, np.ndarray | np.generic | float | int):
        return np.asarray(x)
    xp = array_namespace(x)
    if is_cupy_namespace(xp):
        return x.get()
    try:
        return np.from_dlpack(x)
    except (TypeError, AttributeError, RuntimeError, BufferError):
        return np.asarray(x)


def asarray(x: Any, xp: Any, dtype: Any = None) -> Any:
    """``x`` (NumPy or nested lists) as an array of namespace ``xp`` (float64 by default)."""
    return xp.asarray(np.asarray(x), dtype=dtype if dtype is not None else xp.float64)


def device_name(xp: Any) -> str:
    if is_cupy_namespace(xp):
        cupy = importlib.import_module("cupy")
        props = cupy.cuda.runtime.getDeviceProperties(0)
        return props["name"].decode() if isinstance(props["name"], bytes) else str(props["name"])
    return "cpu"


def chunk_size(n: int, d: int, m: int, chunk: int | None = None, budget: int = 1 << 22) -> int:
    """Neurons per chunk so that a chunk's n×b and b×d blocks hold about ``budget`` floats.

    Peak memory of the Gram kernels is then O(n² + chunk·(n + d)), whatever m is.
    """
    if chunk is not None:
        if chunk < 1:
            raise ValueError(f"chunk must be >= 1, got {chunk}")
        return min(chunk, max(m, 1))
    return max(1, min(max(m, 1), budget // max(1, n + d)))


def chunks(m: int, b: int) -> list[tuple[int, int]]:
    """[start, stop) bounds of consecutive blocks of b neurons covering range(m); stops never
    pass m (the array API leaves out-of-bounds slices unspecified)."""
    return [(s, min(s + b, m)) for s in range(0, m, b)]


def relu(z: Any, xp: Any) -> Any:
    """σ(z) = max{z, 0}."""
    return xp.maximum(z, xp.zeros_like(z))


def indicator(z: Any, xp: Any) -> Any:
    """𝟙{z ≥ 0} as float (the papers' ≥ convention: σ'(0) := 1)."""
    return xp.astype(z >= 0, z.dtype)


def inv_sqrt(m: int) -> float:
    return 1.0 / math.sqrt(m)
