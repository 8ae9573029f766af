"""Array-API numerics for the weight-normalization papers.

Public modules: :mod:`numeric.wn` (networks, gradients, initialization),
:mod:`numeric.ntk` (finite- and infinite-width Gram matrices), :mod:`numeric.fd`
(finite differences). Backends are taken from the input arrays; CuPy is imported only
when asked for (:func:`numeric.get_backend`).
"""

from numeric import fd, ntk, wn
from numeric._backend import BACKENDS, BackendUnavailable, get_backend, namespace, to_numpy

__all__ = [
    "BACKENDS",
    "BackendUnavailable",
    "fd",
    "get_backend",
    "namespace",
    "ntk",
    "to_numpy",
    "wn",
]
